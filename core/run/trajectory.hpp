// A run: an objective, an optimizer (built-in or a typed rule), a start point and a step count
// give a trajectory in contiguous arrays. Row k holds theta_k, f and its gradient there; state[k]
// is the optimizer state right after update k+1, which used that gradient (one row fewer).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "objective.hpp"
#include "optimizer.hpp"
#include "rule.hpp"
#include "schedule.hpp"
#include "translate.hpp"

namespace optviz {

inline constexpr long kMaxSteps = 1'000'000;  // about 72 MB of trajectory
inline constexpr double kMaxNoise = 1e6;

// How a run sees its objective and its learning rate: a schedule, mini-batches of a data loss
// (reshuffled every epoch if asked), and Gaussian noise of standard deviation `noise` added to each
// coordinate of every gradient. The noise of update t is drawn from (seed, stream, t); the batches
// from (seed, epoch). What a row's gx, gy hold is the gradient the optimizer used.
struct Training {
  Schedule schedule;
  long batch = 0;  // rows of a mini-batch; 0: every row
  bool shuffle = false;
  double noise = 0;
  std::uint64_t seed = 0;
  std::uint64_t stream = 0;  // the run's index in its scenario: each run has its own noise

  // A constant learning rate and the exact gradient: what the fast paths take.
  bool is_plain() const { return schedule.is_constant() && batch == 0 && noise == 0; }
  friend bool operator==(const Training&, const Training&) = default;
};

// The first problem of a training for an objective ("" when none): a batch without data, ...
std::string find_training_problem(const Training& training, const Objective& f);
inline constexpr double kDivergenceBound = 1e12;

// Updates between two checkpoints of a built-in's state: a state is replayed in at most this
// many steps (about a microsecond).
inline constexpr long kCheckpointInterval = 64;

// The powers of t that a built-in optimizer raises (rules::power: beta1^t, beta2^t, NAdam's
// 0.96^(t psi)), for t = 0 .. steps + 1, filled by the same call: a run reads them instead of
// calling pow, which took half of Adam's time, and a recompute with the same betas (after a change
// of eta or of the start) fills nothing.
class PowerTables {
 public:
  // Tables of every power that an update of h raises, for runs of up to `steps` updates.
  void prepare(const Hyperparameters& h, long steps);
  // The table of p (prepare()d for it): table(p)[t] is rules::power(h, p, t).
  const double* table(Power p) const { return values_[static_cast<std::size_t>(p)].data(); }

 private:
  std::array<std::vector<double>, kPowers> values_;
  std::array<double, kPowers> of_{};  // the hyperparameter (beta1, beta2, psi) each table is for
};

// "diverged at step k" in the language `words` writes, or "" for a run that finished: a 2D run's and
// a network's status.
std::string divergence_status(std::optional<long> diverged_at, Words words = tr);

struct Trajectory {
  std::vector<Vec2> position;
  std::vector<double> value;
  std::vector<Vec2> gradient;  // of f alone, without weight decay
  // Per update, what the plots show (index k: update k+1, one row fewer than the rows): the
  // accumulator of accumulator_field() (built-ins that have one), and the step size per
  // coordinate, the state's lr for a built-in and -(theta_{k+1} - theta_k) / g_k for a typed rule.
  std::vector<Vec2> accumulator;
  std::vector<Vec2> step_size;
  // Typed rules: the state variables after update k+1 at rule_state[k * rule_width + i].
  std::vector<Vec2> rule_state;
  std::size_t rule_width = 0;
  std::optional<long> diverged_at;  // the step k of the first non-finite or out-of-bound row

  // Built-ins: what state() replays with: the run's hyperparameters, schedule and step count, and
  // the whole state after every kCheckpointInterval-th update (checkpoints[i] after update
  // (i + 1) kCheckpointInterval).
  Hyperparameters hyper;
  Schedule schedule;
  long steps = 0;
  std::vector<State> checkpoints;
  PowerTables powers;  // kept between recomputes into the same trajectory

  std::size_t rows() const { return position.size(); }
  std::size_t updates() const { return rows() == 0 ? 0 : rows() - 1; }
  Vec2 rule_variable(std::size_t k, std::size_t i) const { return rule_state[k * rule_width + i]; }
  // A built-in optimizer's whole state after update k+1 (k < updates()), replayed from the
  // checkpoint before it by the run's own update from the recorded positions and gradients: the
  // state the run had, bit for bit.
  State state(std::size_t k) const;
  // "diverged at step k", or "" for a run that finished.
  std::string status() const;
  // status() in the language shown (the window); status() itself stays English (CSV, JSON).
  std::string shown_status() const;
  // What happened at that step, as divergence() decided it: "θ left the plane: |x| = 2.78e13 >
  // 1e12", "f is no longer finite (inf)", "the gradient is no longer finite (nan)"; "" for a run
  // that finished.
  std::string divergence_reason() const;
};

// The first problem of the start point (finite, within 1e12) or the step count.
std::optional<ParameterProblem> find_course_problem(Vec2 start, long steps);
// The first problem of the hyperparameters, the start point or the step count.
std::optional<ParameterProblem> find_run_problem(const Hyperparameters& h, Vec2 start, long steps);
// As a message ("" when the run can start).
std::string validate_run(const Hyperparameters& h, Vec2 start, long steps);

// Whether a row at theta with value f and gradient g ends a run, for P = Vec2 (one run: a bool)
// or PackVec2 (a run per lane: a Mask): a position that is not finite or beyond kDivergenceBound,
// or a value or a gradient that is not finite.
template <class P, class S>
auto divergence(P theta, S f, P g) -> decltype(ew::is_finite(f)) {
  return ew::either(ew::beyond(theta.x, kDivergenceBound), ew::beyond(theta.y, kDivergenceBound), !ew::is_finite(f),
                    !ew::is_finite(g.x), !ew::is_finite(g.y));
}

}  // namespace optviz
