// The loop that every run of one point shares, whatever it records: a trajectory (every row, for
// the window and the CSV) or a summary (the end, for sweeps and basin maps). The rows, the
// gradients the optimizer sees (mini-batches, noise), the schedule and the divergence test are
// here once; a recorder decides what to keep.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "formulas.hpp"
#include "objective.hpp"
#include "optimizer.hpp"
#include "random.hpp"
#include "rule.hpp"
#include "trajectory.hpp"

namespace optviz {

// The built-in formula (formulas.hpp) of a run with this training when it takes a compiled loop,
// a single run's (trajectory.cpp) or the sweeps' lanes: a built-in function, a constant learning
// rate and the exact gradient. nullopt otherwise.
inline std::optional<std::size_t> compiled_formula(const Objective& f, const Training& training) {
  if (f.builtin() == nullptr || !training.is_plain()) return std::nullopt;
  return f.builtin()->formula_index;
}

// The rows of update t's mini-batch: positions (t-1) B + j, j = 0 .. B-1, of the rows in file
// order, or in each epoch's shuffled order, wrapping around the end: of a data loss's rows or of a
// network's training rows (train.cpp).
class Batches {
 public:
  Batches(std::size_t n, const Training& training) : n_(n), training_(training) {}

  const std::vector<std::size_t>& rows(long t) {
    const std::size_t n = n_;
    const auto b = static_cast<std::size_t>(training_.batch);
    rows_.resize(b);
    for (std::size_t j = 0; j < b; ++j) {
      const std::size_t p = static_cast<std::size_t>(t - 1) * b + j;
      const std::size_t epoch = p / n;
      if (training_.shuffle && (order_.empty() || epoch != epoch_)) {
        order_ = random_permutation(n, training_.seed, kShuffleStream, epoch);
        epoch_ = epoch;
      }
      rows_[j] = training_.shuffle ? order_[p % n] : p % n;
    }
    return rows_;
  }

 private:
  static constexpr std::uint64_t kShuffleStream = 0x5ca1ab1e;  // one order for every run of a scenario
  std::size_t n_;
  const Training& training_;
  std::vector<std::size_t> rows_;
  std::vector<std::size_t> order_;
  std::size_t epoch_ = 0;
};

// The learning rate of update t of a run of `steps` updates.
inline double learning_rate(const Schedule& schedule, long t, double eta, long steps) {
  return schedule.is_constant() ? eta : schedule.eta(t, eta, steps);
}

// Rows k = 0 .. steps of N runs in lockstep, lane n a run of its own: `evaluate(n, t, theta, value,
// gradient)` gives f and the gradient that update t = k + 1 uses at theta_k, `record(n, k, theta,
// value, gradient)`, then theta_{k+1} = update(n, t, theta, gradient). A lane stops after its
// divergent row, which is recorded; the others go on. Returns each lane's divergent k. The lanes'
// updates interleave, so the processor overlaps their chains of dependent operations (each run's
// square roots and divisions wait for its previous step; another run's need not).
template <std::size_t N, class Evaluate, class Update, class Record>
std::array<std::optional<long>, N> step_lanes(std::array<Vec2, N> theta, long steps, Evaluate&& evaluate,
                                              Update&& update, Record&& record) {
  std::array<std::optional<long>, N> diverged_at{};
  std::array<bool, N> running;
  running.fill(true);
  for (long k = 0;; ++k) {
    const long t = k + 1;  // the update that this row's gradient is for
    bool any = false;
    for (std::size_t n = 0; n < N; ++n) {
      if (!running[n]) continue;
      double value = 0;
      Vec2 gradient;
      evaluate(n, t, theta[n], value, gradient);
      record(n, k, theta[n], value, gradient);
      if (divergence(theta[n], value, gradient)) diverged_at[n] = k;
      if (diverged_at[n] || k == steps) {
        running[n] = false;
        continue;
      }
      theta[n] = update(n, t, theta[n], gradient);
      any = true;
    }
    if (!any) return diverged_at;
  }
}

// One run: step_lanes() with one lane, and callbacks without the lane.
template <class Evaluate, class Update, class Record>
std::optional<long> step_rows(Vec2 start, long steps, Evaluate&& evaluate, Update&& update, Record&& record) {
  return step_lanes<1>(
      {start}, steps, [&](std::size_t, auto&&... a) { evaluate(a...); },
      [&](std::size_t, auto&&... a) { return update(a...); }, [&](std::size_t, auto&&... a) { record(a...); })[0];
}

// step_rows() for any objective and training: f and its gradient at theta_k (the gradient of
// update t's batch, plus its noise), and update(t, eta_t, theta, gradient) with the schedule's eta_t.
template <class Update, class Record>
std::optional<long> run_rows(const Objective& f, double eta, Vec2 start, long steps, const Training& training,
                             Update&& update, Record&& record) {
  Batches batches(f.data() ? f.data()->size() : 0, training);
  return step_rows(
      start, steps,
      [&](long t, Vec2 theta, double& value, Vec2& gradient) {
        f.evaluate(theta, value, gradient);
        if (training.batch > 0) {
          double batch_value = 0;
          f.evaluate_rows(theta, batches.rows(t), batch_value, gradient);
        }
        if (training.noise > 0)
          gradient = gradient +
                     training.noise * random_normal_pair(training.seed, training.stream, static_cast<std::uint64_t>(t));
      },
      [&](long t, Vec2 theta, Vec2 gradient) {
        return update(t, learning_rate(training.schedule, t, eta, steps), theta, gradient);
      },
      record);
}

// One update of a built-in optimizer with the learning rate eta_t.
class BuiltinUpdate {
 public:
  explicit BuiltinUpdate(const Hyperparameters& h) : BuiltinUpdate(h, initial_state<Vec2>(h)) {}
  BuiltinUpdate(const Hyperparameters& h, const State& from) : at_t_(h), state_(from) {}
  Vec2 operator()(long, double eta, Vec2 theta, Vec2 g) {
    at_t_.eta = eta;
    return step(at_t_, state_, theta, g);
  }
  const State& state() const { return state_; }

 private:
  Hyperparameters at_t_;
  State state_;
};

// The states of a built-in's run (Trajectory::state), replayed by BuiltinUpdate from the nearest
// checkpoint with the recorded positions and gradients and the run's learning rates. Asking for
// the states in increasing order costs one update each (a whole CSV).
class StateReplay {
 public:
  explicit StateReplay(const Trajectory& t) : t_(t), update_(t.hyper) {}

  // The state after update k+1, for k < t.updates().
  const State& state(std::size_t k) {
    const long updates = static_cast<long>(k) + 1;
    const long checkpoint = updates / kCheckpointInterval;  // checkpoints at or before the update
    if (update_.state().t > updates || update_.state().t < checkpoint * kCheckpointInterval)
      update_ = checkpoint == 0 ? BuiltinUpdate(t_.hyper)
                                : BuiltinUpdate(t_.hyper, t_.checkpoints[static_cast<std::size_t>(checkpoint - 1)]);
    for (long t = update_.state().t + 1; t <= updates; ++t) {
      const auto row = static_cast<std::size_t>(t - 1);
      update_(t, learning_rate(t_.schedule, t, t_.hyper.eta, t_.steps), t_.position[row], t_.gradient[row]);
    }
    return update_.state();
  }

 private:
  const Trajectory& t_;
  BuiltinUpdate update_;
};

// One update of a typed rule, coordinate by coordinate, with the learning rate eta_t.
class RuleUpdate {
 public:
  RuleUpdate(const Rule& rule, const Hyperparameters& h)
      : rule_(rule), at_t_(h), x_state_(rule.state().size()), y_state_(rule.state().size()) {}
  Vec2 operator()(long t, double eta, Vec2 theta, Vec2 g) {
    at_t_.eta = eta;
    return {rule_.step(at_t_, t, theta.x, g.x, x_state_, registers_),
            rule_.step(at_t_, t, theta.y, g.y, y_state_, registers_)};
  }
  // State variable i after the last update.
  Vec2 variable(std::size_t i) const { return {x_state_[i], y_state_[i]}; }

 private:
  const Rule& rule_;
  Hyperparameters at_t_;
  std::vector<double> x_state_, y_state_, registers_;
};

}  // namespace optviz
