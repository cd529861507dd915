// The 2D loss surfaces: each a small value type with its formula, analytic gradient and the
// metadata that plots, presets and tests read (view box, default start, known minimizers).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "vec2.hpp"

namespace optviz {

struct Box {
  Vec2 min;
  Vec2 max;

  friend constexpr bool operator==(const Box&, const Box&) = default;
};

struct TestFunction {
  std::string_view name;     // as on the command line: "rosenbrock"
  std::string_view title;    // for people: "Rosenbrock"
  std::string_view formula;  // in the expression language (expression.hpp): "(1-x)^2 + 100*(y-x^2)^2"
  double (*value)(Vec2 p);
  Vec2 (*gradient)(Vec2 p);
  Box view;                  // a box that shows the interesting part
  Vec2 start;                // a default start point inside the view
  std::vector<Vec2> minima;  // known global minimizers (empty for the saddle)
  double minimum_value;      // f at the minimizers
  // Its formula's index in formulas::All (formulas.hpp), which the compiled loops run; none for a
  // function written elsewhere (tests write some).
  std::optional<std::size_t> formula_index;
};

std::span<const TestFunction> test_functions();

// nullptr when no function has that name.
const TestFunction* find_function(std::string_view name);

}  // namespace optviz
