// A course: what the trajectories of a scenario depend on, and nothing else: the objective, the
// start, the step count, the seed and each run's maths (its optimizer or typed rule, hyperparameters,
// schedule, batches and noise). Names, colours, visibility and the display are the scenario's look
// (scenario.hpp) and never count: a trajectory changes exactly when its course changes (==).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "objective.hpp"
#include "optimizer.hpp"
#include "rule.hpp"
#include "trajectory.hpp"

namespace optviz {

// One run's maths: a built-in optimizer (hyper.kind), or a typed rule that reads its
// hyperparameters from `hyper`, with the way it sees its objective.
struct RunSpec {
  Hyperparameters hyper;
  std::optional<Rule> rule;
  Schedule schedule;
  long batch = 0;  // rows of a mini-batch of a data loss; 0: every row
  bool shuffle = false;
  double noise = 0;  // standard deviation of the noise added to every gradient
  friend bool operator==(const RunSpec&, const RunSpec&) = default;
};

// What every run of a course shares.
struct Setup {
  Objective objective;
  Vec2 start = {-1.5, 2};
  long steps = 500;
  std::uint64_t seed = 0;  // of the noise and the shuffled batches
  friend bool operator==(const Setup&, const Setup&) = default;
};

// The setup and each run's maths: everything the trajectories depend on, so that `==` on two
// courses says whether they give the same trajectories.
struct Course : Setup {
  std::vector<RunSpec> runs;
  friend bool operator==(const Course&, const Course&) = default;
};

// A run of the kind with its defaults.
RunSpec make_run(OptimizerKind kind);
// A run of a typed rule with the hyperparameters of `defaults_from` (RMSprop's, say).
RunSpec make_rule_run(Rule rule, const Hyperparameters& defaults_from = defaults(OptimizerKind::rmsprop));

// The first problem of one run's configuration with the course's start and steps; the field is
// prefixed "runs[i]." for the run's own fields.
std::optional<std::string> find_run_spec_problem(const RunSpec& run, std::size_t index, const Objective& f, Vec2 start,
                                                 long steps);

// The hyperparameters that a run takes: those that apply to its optimizer, or those its rule reads.
std::vector<const RealParameter*> parameters_of(const RunSpec& run);

// "η = 0.01, ρ = 0.9, ε = 1e-08": the run's parameters for legends (every one that applies,
// except those at 0 that switch something off; values as format_shown writes them), then its
// conventions that differ from the defaults.
std::string parameter_summary(const RunSpec& run);

// How run `index` of a course with this seed sees its objective.
Training training_of(const RunSpec& run, std::uint64_t seed, std::size_t index);

// One run's trajectory into `out`.
void simulate_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training,
                  Trajectory& out);

// The runs whose trajectories differ between courses a and b: none when a == b, only the changed
// runs when the objective, start, steps, seed and number of runs agree, else all of b's.
std::vector<std::size_t> changed_runs(const Course& a, const Course& b);

// The trajectories of every run, in order. An invalid course throws std::invalid_argument with a
// message that names the field: "runs[2].eta: must be >= 0, got -1".
std::vector<Trajectory> simulate(const Course& c);

// The same into `runs`, reusing the storage of the trajectories it already holds. On an invalid
// course it throws before changing `runs`.
void simulate(const Course& c, std::vector<Trajectory>& runs);

// Only the runs `which` (indices of c.runs) into `runs`, which takes one trajectory per run of c;
// the others keep what they hold.
void simulate(const Course& c, std::vector<Trajectory>& runs, std::span<const std::size_t> which);

}  // namespace optviz
