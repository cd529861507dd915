// How near the many-run kernels come to what this CPU can do (issue 23): the sweep, the basin map
// and the heatmap grid against fused loops of the same work compiled for this CPU
// (fused_loops.hpp), the sweep against the floor of its roots and divisions, and each on every
// SIMD target that the dispatcher can run here (simd.hpp).
#pragma once

#include "rmsprop_sweep.hpp"  // the sweep of issue 12, rmsprop_sweep()
#include "sweep.hpp"

namespace optviz::bench {

// A basin map of the same size: RMSprop (PyTorch's defaults, eps 1e-8) on Rosenbrock from the
// centres of 256 x 256 cells over its view, 1,000 steps each.
Basin rmsprop_basin();

// Registers the benchmarks (names under sweep/, basin/ and heatmap/) and adds the chosen target
// ("simd_target") and those this machine runs ("simd_targets") to the report's context.
void register_cpu_limit_benchmarks();

}  // namespace optviz::bench
