// Runs: an objective, an optimizer (built-in or a typed rule), a start point and a step count
// give a trajectory (trajectory.hpp), through the loop every run shares (run_loop.hpp).
#pragma once

#include <span>

#include "trajectory.hpp"

namespace optviz {

// Throws std::invalid_argument for an invalid configuration (the message of validate(), or the
// start point or step count); never throws once stepping starts.
Trajectory run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps);

// The same into `out`, reusing its storage: recomputing after a slider change then touches no
// new memory (fresh pages cost more than the arithmetic).
void run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training = {});

// One run of several that share an objective, a start and a step count (run_together).
struct RunOrder {
  const Hyperparameters* hyper;
  const Training* training;
  Trajectory* out;
};

// run() for each of the orders (it throws as run() does, before any run). Two runs of the same built-in
// optimizer on a built-in function with a constant learning rate and the exact gradient step in
// lockstep (step_lanes): the same trajectories, bit for bit, in about half the time on one core.
void run_together(const Objective& f, Vec2 start, long steps, std::span<const RunOrder> orders);

// A typed rule with the hyperparameters it reads (the others are ignored).
void run(const Objective& f, const Rule& rule, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training = {});

}  // namespace optviz
