// Compiled with -march=native -O3 -fno-math-errno -ffp-contract=off (tests/CMakeLists.txt): every
// loop over cells below is one g++ vectorises at this CPU's widest vectors.
#include "fused_loops.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::bench {

void fused_rmsprop_rosenbrock(std::size_t cells, long steps, const double* __restrict eta, const double* __restrict rho,
                              double eps, double* __restrict x, double* __restrict y) {
  cells = std::min(cells, kMaxFusedCells);
  double one_minus_rho[kMaxFusedCells], G_x[kMaxFusedCells], G_y[kMaxFusedCells];
  for (std::size_t i = 0; i < cells; ++i) {
    one_minus_rho[i] = 1 - rho[i];
    G_x[i] = 0;
    G_y[i] = 0;
  }
  for (long k = 0; k < steps; ++k) {
    for (std::size_t i = 0; i < cells; ++i) {
      const double r = y[i] - x[i] * x[i];
      const double g_x = -2 * (1 - x[i]) - 400 * x[i] * r;
      const double g_y = 200 * r;
      G_x[i] = rho[i] * G_x[i] + one_minus_rho[i] * (g_x * g_x);
      G_y[i] = rho[i] * G_y[i] + one_minus_rho[i] * (g_y * g_y);
      x[i] = x[i] - eta[i] * (g_x / (std::sqrt(G_x[i]) + eps));
      y[i] = y[i] - eta[i] * (g_y / (std::sqrt(G_y[i]) + eps));
    }
  }
}

void root_division_floor(std::size_t cells, long steps, double* __restrict a, double* __restrict b) {
  cells = std::min(cells, kMaxFusedCells);
  for (long k = 0; k < steps; ++k) {
    for (std::size_t i = 0; i < cells; ++i) {
      a[i] = 2 / std::sqrt(a[i]);
      b[i] = 2 / std::sqrt(b[i]);
    }
  }
}

void fused_rosenbrock_values(int columns, double x0, double dx, double y, double* __restrict values) {
  for (int i = 0; i < columns; ++i) {
    const double x = x0 + (i + 0.5) * dx;
    const double a = 1 - x, b = y - x * x;
    values[i] = a * a + 100 * (b * b);
  }
}

void fused_rosenbrock_positions(int columns, double x0, double dx, double y, const LogScale& scale,
                                float* __restrict positions) {
  constexpr int kMaxColumns = 4096;
  double values[kMaxColumns];
  columns = std::min(columns, kMaxColumns);
  fused_rosenbrock_values(columns, x0, dx, y, values);
  for (int i = 0; i < columns; ++i) {
    const double d = values[i] - scale.low;
    double t = 0;
    if (std::isnan(values[i]))
      t = 1;
    else if (d >= scale.range)
      t = 1;
    else if (d > 0)
      t = std::log1p(d / scale.offset) / scale.log_range;
    positions[i] = static_cast<float>(t);
  }
}

}  // namespace optviz::bench
