// libFuzzer target: the expression language, as a typed function and as a typed rule.
//
// The first byte chooses: even, the rest is a formula f(x, y); odd, an update rule. Any text
// either compiles or throws ExpressionError with a column inside the text (or just past it);
// every other exception, crash or hang is a finding. What compiles is evaluated: a function at a
// few points in values and dual numbers (the two must agree on the value), a rule for a few updates
// of a run.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "objective.hpp"
#include "rule.hpp"
#include "run.hpp"
#include "trajectory.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool same(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool as_rule = (data[0] & 1) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    if (as_rule) {
      const optviz::Rule rule(text);
      optviz::Hyperparameters h;
      for (const optviz::RealParameter* p : rule.reads()) h.*p->member = 0.5;
      optviz::Trajectory t;
      optviz::run(optviz::Objective::typed("x^2 + 3*y^2"), rule, h, {1, -1}, 8, t);
      check(t.rule_width == rule.state().size());
      return 0;
    }
    const optviz::Objective f = optviz::Objective::typed(text);
    for (const optviz::Vec2 p : {optviz::Vec2{0, 0}, optviz::Vec2{1.5, -0.5}, optviz::Vec2{-3, 2e5}}) {
      double value = 0;
      optviz::Vec2 gradient;
      f.evaluate(p, value, gradient);
      check(same(value, f.value(p)));
    }
  } catch (const optviz::ExpressionError& e) {
    check(e.column() >= 1 && e.column() <= text.size() + 1 + (text.size() > optviz::kMaxExpressionLength ? 1 : 0));
    check(!e.problem().empty());
  }
  return 0;
}
