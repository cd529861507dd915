#include "trajectory.hpp"

#include <cmath>
#include <stdexcept>

#include "formulas.hpp"
#include "parameters.hpp"
#include "run_loop.hpp"

namespace optviz {

std::string Trajectory::status() const {
  return diverged_at ? "diverged at step " + std::to_string(*diverged_at) : std::string();
}

State Trajectory::state(std::size_t k) const { return StateReplay(*this).state(k); }

std::optional<ParameterProblem> find_course_problem(Vec2 start, long steps) {
  if (!is_finite(start) || std::fabs(start.x) > kDivergenceBound || std::fabs(start.y) > kDivergenceBound)
    return ParameterProblem{"start", format_number(start.x) + "," + format_number(start.y),
                            "finite and within 1e12 in each coordinate"};
  if (steps < 0 || steps > kMaxSteps)
    return ParameterProblem{"steps", std::to_string(steps), "in [0, " + std::to_string(kMaxSteps) + "]"};
  return std::nullopt;
}

std::optional<ParameterProblem> find_run_problem(const Hyperparameters& h, Vec2 start, long steps) {
  if (auto problem = find_problem(h)) return problem;
  return find_course_problem(start, steps);
}

std::string validate_run(const Hyperparameters& h, Vec2 start, long steps) {
  const auto problem = find_run_problem(h, start, steps);
  return problem ? problem->message() : std::string();
}

Trajectory run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps) {
  Trajectory out;
  run(f, h, start, steps, out);
  return out;
}

std::string find_training_problem(const Training& training, const Objective& f) {
  if (std::string problem = find_schedule_problem(training.schedule); !problem.empty()) return "schedule." + problem;
  if (training.batch < 0) return "batch: must be an integer >= 1 (0: every row), got " + std::to_string(training.batch);
  if (training.batch > 0 && !f.is_data()) return "batch: mini-batches need a loss from data (--data)";
  if (training.batch > 0 && static_cast<std::size_t>(training.batch) > f.data()->size())
    return "batch: must be at most the " + std::to_string(f.data()->size()) + " rows of the data, got " +
           std::to_string(training.batch);
  if (training.shuffle && training.batch == 0) return "shuffle: needs mini-batches (--batch)";
  if (!std::isfinite(training.noise) || training.noise < 0 || training.noise > kMaxNoise)
    return "noise: must be in [0, 1e6], got " + format_number(training.noise);
  return "";
}

namespace {

// Clears `out` for a run of `steps` updates, keeping its storage.
void prepare(Trajectory& out, long steps) {
  out.position.clear();
  out.value.clear();
  out.gradient.clear();
  out.accumulator.clear();
  out.step_size.clear();
  out.rule_state.clear();
  out.rule_width = 0;
  out.diverged_at.reset();
  out.checkpoints.clear();
  out.steps = steps;
  const auto capacity = static_cast<std::size_t>(steps) + 1;
  out.position.reserve(capacity);
  out.value.reserve(capacity);
  out.gradient.reserve(capacity);
  out.step_size.reserve(capacity);
}

// What a trajectory records of each row: everything.
auto every_row(Trajectory& out) {
  return [&out](long, Vec2 theta, double value, Vec2 gradient) {
    out.position.push_back(theta);
    out.value.push_back(value);
    out.gradient.push_back(gradient);
  };
}

// What it records of a built-in's state after each update: what the plots show, and a checkpoint
// every kCheckpointInterval updates from which state() replays the rest.
auto every_update(Trajectory& out, const Hyperparameters& h) {
  const auto field = accumulator_field(h);
  Vec2 State::*accumulator = field ? field->member : nullptr;
  if (accumulator != nullptr) out.accumulator.reserve(out.position.capacity());
  out.checkpoints.reserve(out.position.capacity() / kCheckpointInterval);
  return [&out, accumulator](const State& s) {
    if (accumulator != nullptr) out.accumulator.push_back(s.*accumulator);
    out.step_size.push_back(s.lr);
    if (s.t % kCheckpointInterval == 0) out.checkpoints.push_back(s);
  };
}

// `flatten` inlines the formula, the rule and the recording into the loop (g++ -O2 alone calls
// the rule and keeps its state in memory: twice as slow). Under AddressSanitizer inlining all of it
// takes minutes to compile: those builds get the plain version.
#if defined(__SANITIZE_ADDRESS__)
#define OPTVIZ_INLINE_ALL
#else
#define OPTVIZ_INLINE_ALL __attribute__((flatten))
#endif

// A built-in formula with a built-in optimizer of kind K, a constant learning rate and the exact
// gradient: the same rows as run_rows() gives (the same formula, the same rule), in a loop that
// calls neither through a pointer nor through a switch.
template <class Formula, OptimizerKind K>
OPTVIZ_INLINE_ALL void run_builtin(const Hyperparameters& h, Vec2 start, long steps, Trajectory& out) {
  State state = initial_state<Vec2>(h);
  const auto updated = every_update(out, h);
  out.diverged_at = step_rows(
      start, steps,
      [](long, Vec2 theta, double& value, Vec2& gradient) {
        value = Formula::value(theta);
        gradient = Formula::gradient(theta);
      },
      [&](long, Vec2 theta, Vec2 g) {
        theta = step_as<K>(h, state, theta, g);
        updated(state);
        return theta;
      },
      every_row(out));
}

}  // namespace

void run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training) {
  if (std::string problem = validate_run(h, start, steps); !problem.empty()) throw std::invalid_argument(problem);
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
  prepare(out, steps);
  out.hyper = h;
  out.schedule = training.schedule;
  const auto formula = f.builtin() != nullptr ? formulas::formula_index(f.builtin()->value) : std::nullopt;
  if (formula && training.is_plain()) {
    formulas::with_formula(*formula, [&]<class Formula>() {
      with_kind(h.kind, [&]<OptimizerKind K>() { run_builtin<Formula, K>(h, start, steps, out); });
    });
    return;
  }
  const auto updated = every_update(out, h);
  BuiltinUpdate update(h);
  out.diverged_at = run_rows(
      f, h.eta, start, steps, training,
      [&](long t, double eta, Vec2 theta, Vec2 g) {
        theta = update(t, eta, theta, g);
        updated(update.state());
        return theta;
      },
      every_row(out));
}

void run(const Objective& f, const Rule& rule, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training) {
  if (auto problem = find_rule_problem(rule, h)) throw std::invalid_argument(problem->message());
  if (auto problem = find_course_problem(start, steps)) throw std::invalid_argument(problem->message());
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
  prepare(out, steps);
  out.hyper = h;
  out.schedule = training.schedule;
  const std::size_t width = rule.state().size();
  RuleUpdate update(rule, h);
  out.diverged_at = run_rows(
      f, h.eta, start, steps, training,
      [&](long t, double eta, Vec2 theta, Vec2 g) {
        const Vec2 next = update(t, eta, theta, g);
        for (std::size_t i = 0; i < width; ++i) out.rule_state.push_back(update.variable(i));
        out.step_size.push_back((theta - next) / g);
        return next;
      },
      every_row(out));
  out.rule_width = width;
}

}  // namespace optviz
