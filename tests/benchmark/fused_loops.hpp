// The benchmark's yardsticks for the many-run kernels (scripts/benchmark.sh, issue 23): the work
// of a sweep, a basin map and a heatmap grid written as the plainest loops over arrays, compiled
// for this machine's CPU (-march=native -O3 -fno-math-errno -ffp-contract=off, so that g++
// vectorises them at its widest, with IEEE roots and divisions and no fused multiply-add), and
// the floor of the sweep: as many independent square roots and divisions as its updates do.
// Never part of the program. The functions take plain arrays and numbers only, so that no inline
// function of optviz is compiled twice with different instruction sets.
#pragma once

#include <cstddef>

namespace optviz::bench {

// The most cells that one call of fused_rmsprop_rosenbrock or root_division_floor takes.
inline constexpr std::size_t kMaxFusedCells = 1024;

// `steps` RMSprop updates (PyTorch's: G = rho G + (1 - rho) g^2, theta -= eta g / (sqrt(G) + eps),
// no momentum, no weight decay) on Rosenbrock, of `cells` (<= kMaxFusedCells) runs at once: run i
// starts at (x[i], y[i]) with eta[i] and rho[i]; x and y end as its final position. The step loop
// is outside, the loop over the runs inside, the order of every operation that of
// optimizer.hpp's rules::rmsprop and formulas.hpp's Rosenbrock.
void fused_rmsprop_rosenbrock(std::size_t cells, long steps, const double* eta, const double* rho, double eps,
                              double* x, double* y);

// The floor of that loop: per step and cell, two square roots and two divisions (RMSprop's, one
// of each per coordinate), a[i] = 2 / sqrt(a[i]) and b[i] likewise, each cell a chain of its own.
void root_division_floor(std::size_t cells, long steps, double* a, double* b);

// A heatmap's log colour scale as grid.cpp's HeatmapScale::position computes it.
struct LogScale {
  double low = 0;
  double range = 1;      // high - low
  double offset = 1;     // t follows log1p((f - low) / offset)
  double log_range = 1;  // log1p(range / offset)
};

// Row of a heatmap grid: Rosenbrock at (x0 + (i + 0.5) dx, y), i = 0 .. columns - 1, into `values`.
void fused_rosenbrock_values(int columns, double x0, double dx, double y, double* values);

// The same row as colour-scale positions, as heatmap_grid() writes them.
void fused_rosenbrock_positions(int columns, double x0, double dx, double y, const LogScale& scale, float* positions);

}  // namespace optviz::bench
