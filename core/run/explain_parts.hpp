// Internal to explain.cpp and explain_optimizers.cpp: the parts of an explained update, built one
// after another, and the explanation of each built-in optimizer's update.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "explain.hpp"
#include "optimizer.hpp"
#include "translate.hpp"

namespace optviz::explaining {

inline std::string num(double v) { return explain_number(v); }
inline Vec2 squared(Vec2 v) { return v * v; }
// A value's name before or after the sub-step, as shown: "G before", "θ after".
inline std::string before_name(std::string_view name) { return tr_format("{0} before", {name}); }
inline std::string after_name(std::string_view name) { return tr_format("{0} after", {name}); }

// Builds the parts of one explanation; `theta` follows the position through them.
class Parts {
 public:
  explicit Parts(Explanation& e) : e_(e), theta_(e.theta_before) {}

  ExplainPart& add(std::string title, std::string caption) {
    ExplainPart& p = e_.parts.emplace_back();
    p.title = std::move(title);
    p.caption = std::move(caption);
    p.theta = theta_;
    return p;
  }
  ExplainPart& back() { return e_.parts.back(); }
  void move_to(Vec2 theta) {
    theta_ = theta;
    e_.parts.back().theta = theta;
  }
  Vec2 theta() const { return theta_; }
  bool one_coordinate() const { return e_.coordinates == 1; }
  // A value as the captions write it: "(0.36, 4)", or one number for one coordinate.
  std::string pair(Vec2 v) const { return e_.coordinates == 1 ? num(v.x) : explain_pair(v); }

 private:
  Explanation& e_;
  Vec2 theta_;
};

ExplainSquares squares(std::string name, Vec2 kept, Vec2 added, Vec2 after, bool denominator = false);
// "Square the gradient": g² beside the accumulator's value before.
void square_part(Parts& parts, Vec2 g, std::string_view accumulator, Vec2 before);
// "Take the step" to e.theta_after along `direction`.
void step_part(Parts& parts, const Explanation& e, std::string equation, Vec2 direction, std::string direction_name,
               ArrowUnits units);
// What a part of a built-in optimizer's update does, as every display writes it: the lines of the
// table (algorithms.hpp) that apply to h and assign one of `targets`, in Unicode, one a line.
// Weight decay's line belongs to its own part.
std::string table_lines(const Hyperparameters& h, std::initializer_list<std::string_view> targets);

// The parts of each built-in optimizer after the gradient and weight decay (explain_optimizers.cpp);
// g is the gradient with L2 weight decay added.
void explain_sgd(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before, const State& after,
                 Vec2 g);
void explain_adagrad(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g);
void explain_rmsprop(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g);
void explain_adam(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before, const State& after,
                  Vec2 g);
// Adadelta, Adamax, NAdam and Lion: each state variable's change, then the step.
void explain_generic(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g);

}  // namespace optviz::explaining
