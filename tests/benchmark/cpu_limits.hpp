// How near the many-run kernels come to what this CPU can do (issue 23): the sweep, the basin map
// and the heatmap grid against fused loops of the same work compiled for this CPU
// (fused_loops.hpp), the sweep against the floor of its roots and divisions, and each on every
// SIMD target that the dispatcher can run here (simd.hpp).
#pragma once

#include "sweep.hpp"

namespace optviz::bench {

// The sweep of issue 12: RMSprop on Rosenbrock from (-1.5, 2), 256 x 256 configurations (eta
// from 1e-4 to 1e-1 on a log scale, rho from 0.5 to 0.999) of 1,000 steps each.
// scripts/benchmark_torch.py does the same sweep with PyTorch.
Sweep rmsprop_sweep();

// A basin map of the same size: RMSprop (PyTorch's defaults, eps 1e-8) on Rosenbrock from the
// centres of 256 x 256 cells over its view, 1,000 steps each.
Basin rmsprop_basin();

// Registers the benchmarks (names under sweep/, basin/ and heatmap/) and adds the chosen target
// ("simd_target") and those this machine runs ("simd_targets") to the report's context.
void register_cpu_limit_benchmarks();

}  // namespace optviz::bench
