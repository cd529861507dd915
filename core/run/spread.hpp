// The spread of the noisy runs, for the canvas only: each run whose path depends on the
// scenario's seed (gradient noise, shuffled batches) again under the seeds seed+1 .. seed+K, and
// each run that sees anything but the full gradient once more without noise on the full batch,
// as a reference. View-only: it never enters the scenario, and it is recomputed only when the
// simulated course changes (names, colours and visibility never count).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "course.hpp"
#include "trajectory.hpp"

namespace optviz {

inline constexpr int kSpreadSeeds = 8;
// What one computation may cost, so that a slider change stays a frame: updates of all the
// spread's trajectories together, and data rows read by their gradients.
inline constexpr long kMaxSpreadUpdates = 200'000;
inline constexpr double kMaxSpreadRowReads = 5e6;

// True when another seed gives the run another path: gradient noise or shuffled batches.
bool depends_on_seed(const RunSpec& run);
// True when the run's gradients are not the full, exact ones: noise or mini-batches.
bool sees_noisy_gradients(const RunSpec& run);

struct SpreadRun {
  std::vector<Trajectory> seeds;  // under seed+1 .. seed+K; empty when the seed does not matter
  Trajectory reference;           // noise 0, full batch; no rows when the run is exact already
};

struct Spread {
  std::vector<SpreadRun> runs;  // one per run of `model` once computed
  Course course;                // the course the trajectories belong to
  bool computed = false;
  std::string problem;             // why nothing is shown ("" when it is)
  std::uint64_t computations = 0;  // counts the computations (tests read it)
};

// Computes the spread of `simulated` when it is wanted and its maths changed since the last
// computation; drops it (and its memory) when it is not wanted.
void update_spread(Spread& spread, const Course& simulated, bool wanted);

}  // namespace optviz
