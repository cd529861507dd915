// The loop that every run of one point shares, whatever it records: a trajectory (every row, for
// the window and the CSV) or a summary (the end, for sweeps and basin maps). The rows, the
// gradients the optimizer sees (mini-batches, noise), the schedule and the divergence test are
// here once; a recorder decides what to keep.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "objective.hpp"
#include "optimizer.hpp"
#include "random.hpp"
#include "rule.hpp"
#include "trajectory.hpp"

namespace optviz {

// The rows of update t's mini-batch: positions (t-1) B + j, j = 0 .. B-1, of the rows in file
// order, or in each epoch's shuffled order, wrapping around the end.
class Batches {
 public:
  Batches(const Objective& f, const Training& training) : f_(f), training_(training) {}

  const std::vector<std::size_t>& rows(long t) {
    const std::size_t n = f_.data()->size();
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
  const Objective& f_;
  const Training& training_;
  std::vector<std::size_t> rows_;
  std::vector<std::size_t> order_;
  std::size_t epoch_ = 0;
};

// Rows k = 0 .. steps: f and its gradient at theta_k (the gradient of update t = k + 1's batch, plus
// its noise), `record(k, theta, value, gradient)`, then theta_{k+1} = update(t, eta_t, theta,
// gradient). Stops after the divergent row, which is recorded, and returns its k.
template <class Update, class Record>
std::optional<long> run_rows(const Objective& f, double eta, Vec2 start, long steps, const Training& training,
                             Update&& update, Record&& record) {
  Batches batches(f, training);
  Vec2 theta = start;
  for (long k = 0;; ++k) {
    const long t = k + 1;  // the update that this row's gradient is for
    double value = 0;
    Vec2 gradient;
    f.evaluate(theta, value, gradient);
    if (training.batch > 0) {
      double batch_value = 0;
      f.evaluate_rows(theta, batches.rows(t), batch_value, gradient);
    }
    if (training.noise > 0)
      gradient =
          gradient + training.noise * random_normal_pair(training.seed, training.stream, static_cast<std::uint64_t>(t));
    record(k, theta, value, gradient);
    if (is_divergent(theta, value, gradient)) return k;
    if (k == steps) return std::nullopt;
    theta = update(t, training.schedule.is_constant() ? eta : training.schedule.eta(t, eta, steps), theta, gradient);
  }
}

// One update of a built-in optimizer with the learning rate eta_t.
class BuiltinUpdate {
 public:
  explicit BuiltinUpdate(const Hyperparameters& h) : at_t_(h), state_(initial_state<Vec2>(h)) {}
  Vec2 operator()(long, double eta, Vec2 theta, Vec2 g) {
    at_t_.eta = eta;
    return step(at_t_, state_, theta, g);
  }
  const State& state() const { return state_; }

 private:
  Hyperparameters at_t_;
  State state_;
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
