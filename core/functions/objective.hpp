// The function a scenario minimises: a built-in test function (test_function.hpp), a formula the
// user typed, or a loss over a data set (dataset.hpp), behind one small interface (value,
// gradient, formula, view box, start, minima); a data loss also evaluates over chosen rows, for
// mini-batches.
// Nothing else looks a function up by name: the command line and scenario files turn a name or a
// formula into an Objective once, at the boundary.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "expression.hpp"
#include "test_function.hpp"

namespace optviz {

class Objective {
 public:
  Objective();                       // Rosenbrock
  Objective(const TestFunction& f);  // NOLINT: implicit, a built-in is an objective
  // f(x, y) typed as a formula (expression.hpp); throws ExpressionError.
  static Objective typed(std::string_view formula);
  // The loss over a data set, named by where it came from ("line64.csv"); throws DataError when
  // the data does not suit the loss.
  static Objective from_data(Dataset data, DataLoss loss, std::string source);

  double value(Vec2 p) const;
  Vec2 gradient(Vec2 p) const;
  // Both at once (one pass in dual numbers for a typed formula).
  void evaluate(Vec2 p, double& value, Vec2& gradient) const;

  bool is_typed() const { return typed_ != nullptr; }
  bool is_data() const { return data_ != nullptr; }
  const Dataset* data() const;        // nullptr unless is_data()
  DataLoss loss() const;              // of a data loss
  const std::string& source() const;  // of a data loss: the file it came from
  // A data loss over the given rows, in their order (a mini-batch).
  void evaluate_rows(Vec2 p, std::span<const std::size_t> rows, double& value, Vec2& gradient) const;
  const TestFunction* builtin() const { return builtin_; }  // nullptr for a typed formula
  std::string_view name() const;  // "rosenbrock", "expression", or the loss: "linear", "logistic"
  // "Rosenbrock", "Typed function", "Linear regression on line64.csv", in the language shown (a
  // built-in's title is its name): shown, never written to a file.
  std::string title() const;
  std::string_view formula() const;  // in the expression language
  Box view() const;                  // the default view box
  Vec2 start() const;                // the default start point

  // Known minimizers for a built-in or a data loss; for a typed formula the local minimizers that
  // search_minima found (none before it ran), lowest value first.
  const std::vector<Vec2>& minima() const;
  bool minima_are_found() const { return is_typed(); }
  // The lowest value at a minimizer (NaN when there is none).
  double minimum_value() const;
  // Looks for the local minima of a typed formula inside `box` (a built-in keeps its list).
  void search_minima(Box box);

  friend bool operator==(const Objective& a, const Objective& b);

 private:
  struct Typed;
  struct Data;
  const TestFunction* builtin_ = nullptr;
  std::shared_ptr<const Typed> typed_;
  std::shared_ptr<const Data> data_;
  std::vector<Vec2> found_;
};

// The local minimizers of f inside the box, lowest value first, at most `limit`: damped Newton
// steps (the Hessian by central differences of the exact gradient) with a backtracking line search
// from a grid of starts; a point counts when no nearby point in eight directions is lower.
std::vector<Vec2> find_local_minima(const Objective& f, Box box, std::size_t limit = 32);

}  // namespace optviz
