#include "run.hpp"

#include <cmath>
#include <stdexcept>

#include "formulas.hpp"
#include "parameters.hpp"
#include "run_loop.hpp"

namespace optviz {

// Declared with the trajectory (trajectory.hpp); defined here, beside the loop that replays it.
State Trajectory::state(std::size_t k) const { return StateReplay(*this).state(k); }

Trajectory run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps) {
  Trajectory out;
  run(f, h, start, steps, out);
  return out;
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

// What a trajectory records: every row, and of a built-in's state after each update what the
// plots show and a checkpoint every kCheckpointInterval updates, from which state() replays the
// rest.
class Recorder {
 public:
  Recorder() = default;
  // Rows only: a typed rule records its own updates.
  explicit Recorder(Trajectory& out) : out_(&out) {}
  Recorder(Trajectory& out, const Hyperparameters& h) : out_(&out) {
    if (const auto field = accumulator_field(h)) {
      accumulator_ = field->member;
      out.accumulator.reserve(out.position.capacity());
    }
    out.checkpoints.reserve(out.position.capacity() / kCheckpointInterval);
  }
  void row(Vec2 theta, double value, Vec2 gradient) const {
    out_->position.push_back(theta);
    out_->value.push_back(value);
    out_->gradient.push_back(gradient);
  }
  void update(const State& s) const {
    if (accumulator_ != nullptr) out_->accumulator.push_back(s.*accumulator_);
    out_->step_size.push_back(s.lr);
    if (s.t % kCheckpointInterval == 0) out_->checkpoints.push_back(s);
  }

 private:
  Trajectory* out_ = nullptr;
  Vec2 State::*accumulator_ = nullptr;
};

// A run's hyperparameters with the powers its updates raise read from its trajectory's tables:
// rules::power finds this overload for them.
struct TabledHyperparameters : Hyperparameters {
  std::array<const double*, kPowers> powers{};
};

double power(const TabledHyperparameters& h, Power p, long t) { return h.powers[static_cast<std::size_t>(p)][t]; }

TabledHyperparameters tabled(const Hyperparameters& h, Trajectory& out, long steps) {
  out.powers.prepare(h, steps);
  TabledHyperparameters tabled{h};
  for (std::size_t p = 0; p < kPowers; ++p) tabled.powers[p] = out.powers.table(static_cast<Power>(p));
  return tabled;
}

// `flatten` inlines the formula, the rule and the recording into the loop (g++ -O2 alone calls
// the rule and keeps its state in memory: twice as slow). Under AddressSanitizer inlining all of it
// takes minutes to compile: those builds get the plain version.
#if defined(__SANITIZE_ADDRESS__)
#define OPTVIZ_INLINE_ALL
#else
#define OPTVIZ_INLINE_ALL __attribute__((flatten))
#endif

// N runs (step_lanes) of a built-in formula with a built-in optimizer of kind K, a constant
// learning rate and the exact gradient: the same rows as run_rows() gives each (the same formula,
// the same rule), in a loop that calls neither through a pointer nor through a switch.
template <class Formula, OptimizerKind K, std::size_t N>
OPTVIZ_INLINE_ALL void run_builtin(const std::array<const Hyperparameters*, N>& hyper, Vec2 start, long steps,
                                   const std::array<Trajectory*, N>& out) {
  std::array<TabledHyperparameters, N> h;
  std::array<State, N> state;
  std::array<Recorder, N> recorder;
  std::array<Vec2, N> starts;
  for (std::size_t n = 0; n < N; ++n) {
    h[n] = tabled(*hyper[n], *out[n], steps);
    state[n] = initial_state<Vec2>(*hyper[n]);
    recorder[n] = Recorder(*out[n], *hyper[n]);
    starts[n] = start;
  }
  const auto diverged_at = step_lanes<N>(
      starts, steps,
      [](std::size_t, long, Vec2 theta, double& value, Vec2& gradient) {
        value = Formula::value(theta);
        gradient = Formula::gradient(theta);
      },
      [&](std::size_t n, long, Vec2 theta, Vec2 g) {
        theta = step_as<K>(h[n], state[n], theta, g);
        recorder[n].update(state[n]);
        return theta;
      },
      [&](std::size_t n, long, Vec2 theta, double value, Vec2 gradient) { recorder[n].row(theta, value, gradient); });
  for (std::size_t n = 0; n < N; ++n) out[n]->diverged_at = diverged_at[n];
}

void check_run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, const Training& training) {
  if (std::string problem = validate_run(h, start, steps); !problem.empty()) throw std::invalid_argument(problem);
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
}

// Starts `out` over for a run of h with this training.
void begin(Trajectory& out, const Hyperparameters& h, long steps, const Training& training) {
  prepare(out, steps);
  out.hyper = h;
  out.schedule = training.schedule;
}

// run() once its input has been checked.
void run_checked(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
                 const Training& training) {
  begin(out, h, steps, training);
  if (const auto formula = compiled_formula(f, training)) {
    formulas::with_formula(*formula, [&]<class Formula>() {
      with_kind(h.kind, [&]<OptimizerKind K>() { run_builtin<Formula, K, 1>({&h}, start, steps, {&out}); });
    });
    return;
  }
  const Recorder recorder(out, h);
  BuiltinUpdate update(h);
  out.diverged_at = run_rows(
      f, h.eta, start, steps, training,
      [&](long t, double eta, Vec2 theta, Vec2 g) {
        theta = update(t, eta, theta, g);
        recorder.update(update.state());
        return theta;
      },
      [&](long, Vec2 theta, double value, Vec2 gradient) { recorder.row(theta, value, gradient); });
}

}  // namespace

void run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training) {
  check_run(f, h, start, steps, training);
  run_checked(f, h, start, steps, out, training);
}

void run_together(const Objective& f, Vec2 start, long steps, std::span<const RunOrder> orders) {
  for (const RunOrder& o : orders) check_run(f, *o.hyper, start, steps, *o.training);
  std::vector<bool> done(orders.size(), false);
  for (std::size_t i = 0; i < orders.size(); ++i) {
    if (done[i]) continue;
    done[i] = true;
    const RunOrder& a = orders[i];
    const auto formula = compiled_formula(f, *a.training);
    // Its partner: the next run of the same kind that also takes the compiled loop.
    std::optional<std::size_t> partner;
    for (std::size_t j = i + 1; formula && j < orders.size() && !partner; ++j)
      if (!done[j] && orders[j].hyper->kind == a.hyper->kind && compiled_formula(f, *orders[j].training)) partner = j;
    if (!partner) {
      run_checked(f, *a.hyper, start, steps, *a.out, *a.training);
      continue;
    }
    done[*partner] = true;
    const RunOrder& b = orders[*partner];
    begin(*a.out, *a.hyper, steps, *a.training);
    begin(*b.out, *b.hyper, steps, *b.training);
    formulas::with_formula(*formula, [&]<class Formula>() {
      with_kind(a.hyper->kind, [&]<OptimizerKind K>() {
        run_builtin<Formula, K, 2>({a.hyper, b.hyper}, start, steps, {a.out, b.out});
      });
    });
  }
}

void run(const Objective& f, const Rule& rule, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training) {
  if (auto problem = find_rule_problem(rule, h)) throw std::invalid_argument(problem->message());
  if (auto problem = find_course_problem(start, steps)) throw std::invalid_argument(problem->message());
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
  begin(out, h, steps, training);
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
      [recorder = Recorder(out)](long, Vec2 theta, double value, Vec2 gradient) {
        recorder.row(theta, value, gradient);
      });
  out.rule_width = width;
}

}  // namespace optviz
