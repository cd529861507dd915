// One update explained: update k+1 of a run (row k to row k+1 of its trajectory) as a short
// sequence of captioned sub-steps with the numbers of that update: the gradient, its square added
// into the accumulator, the division that turns the gradient into the step, the momentum where
// there is one, and the step. A typed rule gets one sub-step per statement.
//
// The numbers are the optimizer's own: the state before the update is the trajectory's
// (Trajectory::state, or its recorded rule state), the state after it and the new position come
// from the same step() (or Rule::trace) that made the trajectory, so the last sub-step lands
// exactly on row k+1. What lies between (g^2, sqrt(G) + eps, the bias corrections) is computed
// with the rules' own helpers from those states.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "course.hpp"
#include "trajectory.hpp"

namespace optviz {

// A number of the update, per coordinate: "g", "g²", "G before", "√G + ε", "η/(√G + ε)".
struct ExplainValue {
  std::string name;
  Vec2 value;
};

// Which arrows are drawn to one scale: those in gradient units (g, Adam's m, the momentum
// buffer of SGD), the step itself (theta_new - theta), and gradients divided by sqrt(G) + eps
// (RMSprop's momentum buffer).
enum class ArrowUnits { gradient, step, scaled };

struct ExplainArrow {
  std::string label;  // "g", "buf before", "step"
  Vec2 vector;
  ArrowUnits units = ArrowUnits::gradient;
  bool faint = false;  // a value before the sub-step, drawn under the new one
};

// The accumulator per coordinate, drawn as squares whose area is the value (side sqrt): what was
// kept of it (rho G for RMSprop, G for AdaGrad), what this update adds (the (1-rho) g^2 part),
// and the sum. `side_is_denominator` marks the sub-step where the side sqrt(G) divides.
struct ExplainSquares {
  std::string name;  // "G", "v"
  Vec2 kept;
  Vec2 added;
  Vec2 after;
  bool side_is_denominator = false;
};

struct ExplainPart {
  std::string title;    // "Square the gradient"
  std::string caption;  // "g² = (0.36, 4)"; the equation with this update's numbers
  std::vector<ExplainValue> values;
  std::vector<ExplainArrow> arrows;
  std::optional<ExplainSquares> squares;
  std::string statement;  // a typed rule's statement as written (the whole rule of Adadelta, Adamax, NAdam, Lion)
  Vec2 theta;             // the position after this sub-step
};

struct Explanation {
  std::string optimizer;  // "RMSprop", "typed rule"
  long step = 0;          // k: the update goes from row k to row k+1
  long update = 0;        // its number t = k + 1
  double eta = 0;         // the learning rate of this update (after the schedule)
  Vec2 theta_before;
  Vec2 theta_after;
  std::vector<ExplainPart> parts;
  // Why there is no update to explain ("" when there is one): the last step, a diverged run.
  std::string message;
  // 2: a point of the plane. 1: one parameter of a network (core/network/net_explain.hpp), its
  // numbers in x (y holds the same bits); the captions write one number instead of a pair.
  std::size_t coordinates = 2;
};

// What an update starts from: the position and the gradient it uses, its learning rate after the
// schedule, the optimizer's hyperparameters and its state before it (a built-in's, or a typed
// rule's variables in Rule::state() order). explain_update reads them from a trajectory; a
// network's parameter is explained from its replayed training, as one coordinate.
struct UpdateStart {
  long step = 0;  // k: the update goes from row k to row k+1
  double eta = 0;
  Hyperparameters hyper;
  Vec2 theta;
  Vec2 gradient;
  State state;                   // a built-in's
  std::vector<Vec2> rule_state;  // a typed rule's (empty: its initial zeros)
  std::string gradient_source;   // the first caption's "g = ...: SOURCE = θ"
  std::size_t coordinates = 2;   // Explanation::coordinates
};

// The parts of the update that `start` describes, by run's optimizer or typed rule (a typed rule's
// `accumulator` is drawn as squares that grow).
Explanation explain_step(const RunSpec& run, std::string_view accumulator, const UpdateStart& start);

// Update k+1 of the run whose trajectory is `t` (simulated from `run`; a typed rule's
// `accumulator` is drawn as squares that grow). A step with no next
// update (the last row, or the row where the run diverged) gives no parts and a message. Values
// that overflow flow through as inf or NaN; nothing throws for them.
Explanation explain_update(const RunSpec& run, std::string_view accumulator, const Trajectory& t, long k);

// A number for a caption: four significant digits, "0.0123", "-2.5", "1.2e-08", "inf", "NaN".
std::string explain_number(double value);
// "(0.36, 4)", with a no-break space after the comma
std::string explain_pair(Vec2 value);

}  // namespace optviz
