#include "grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include "lane_kernels.hpp"
#include "parallel.hpp"

namespace optviz {
namespace {

constexpr int kScaleSamples = 257;
constexpr int kMinScaleSamples = 17;
// The log scale resolves f - low down to this fraction of the value range: six decades, enough
// to see the floor of Rosenbrock's valley without flattening the rest.
constexpr double kLogResolution = 1e-6;

// HeatmapScale::position with log_range = log1p((high - low) / offset), which a grid computes once.
double position_in(const HeatmapScale& scale, double f, double log_range) {
  if (std::isnan(f)) return 1.0;
  const double range = scale.high - scale.low;
  const double d = f - scale.low;
  if (!(d > 0)) return 0.0;
  if (d >= range) return 1.0;
  if (scale.kind == ColourScale::linear) return d / range;
  return std::log1p(d / scale.offset) / log_range;
}

double log_range(const HeatmapScale& scale) { return std::log1p((scale.high - scale.low) / scale.offset); }

// Row j of a grid into `out`: a built-in's formula on every lane at once (lane_kernels.hpp), any
// other objective point by point.
void grid_row(const Objective& f, std::optional<std::size_t> formula, const HeatmapScale& scale, double log_range,
              double x0, double dx, double y, int columns, float* out) {
  const auto put = [&](int i, double value) { out[i] = static_cast<float>(position_in(scale, value, log_range)); };
  if (!formula) {
    for (int i = 0; i < columns; ++i) put(i, f.value({x0 + (i + 0.5) * dx, y}));
    return;
  }
  std::array<double, kMaxGridSide> values;  // on the stack: no allocation per row (columns <= kMaxGridSide)
  lane_kernels::values({.formula = *formula, .x0 = x0, .dx = dx, .y = y, .columns = columns, .out = values.data()});
  for (int i = 0; i < columns; ++i) put(i, values.at(static_cast<std::size_t>(i)));
}

}  // namespace

double HeatmapScale::position(double f) const { return position_in(*this, f, log_range(*this)); }

int heatmap_scale_samples(const Objective& f, double max_row_reads) {
  const Dataset* data = f.data();
  if (data == nullptr) return kScaleSamples;
  const double rows = static_cast<double>(data->size());
  if (static_cast<double>(kScaleSamples) * kScaleSamples * rows <= max_row_reads) return kScaleSamples;
  return std::max(kMinScaleSamples, static_cast<int>(std::sqrt(max_row_reads / rows)));
}

HeatmapScale heatmap_scale(const Objective& f, ColourScale kind, double max_row_reads) {
  const int samples = heatmap_scale_samples(f, max_row_reads);
  const Box view = f.view();
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (int j = 0; j < samples; ++j) {
    for (int i = 0; i < samples; ++i) {
      const double u = static_cast<double>(i) / (samples - 1);
      const double v = static_cast<double>(j) / (samples - 1);
      const Vec2 p{view.min.x + u * (view.max.x - view.min.x), view.min.y + v * (view.max.y - view.min.y)};
      const double value = f.value(p);
      if (!std::isfinite(value)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  const bool known_minimum = std::isfinite(f.minimum_value()) && !f.minima_are_found() && f.minimum_value() <= low;
  if (std::isfinite(f.minimum_value())) low = std::min(low, f.minimum_value());
  HeatmapScale scale;
  scale.kind = kind;
  scale.known_minimum = known_minimum;
  if (!std::isfinite(low) || !std::isfinite(high)) low = 0, high = 1;
  const double max_range = std::numeric_limits<double>::max() / 4;
  if (!(high - low > 0) || !(high - low < max_range)) high = low + (high - low > 0 ? max_range : 1.0);
  scale.low = low;
  scale.high = high;
  scale.offset = std::max((high - low) * kLogResolution, std::numeric_limits<double>::min());
  return scale;
}

HeatmapGrid heatmap_grid(const Objective& f, const HeatmapScale& scale, Box box, int columns, int rows) {
  HeatmapGrid grid;
  grid.columns = std::clamp(columns, 2, kMaxGridSide);
  grid.rows = std::clamp(rows, 2, kMaxGridSide);
  grid.box = box;
  grid.position.resize(static_cast<std::size_t>(grid.columns) * static_cast<std::size_t>(grid.rows));
  const double dx = (box.max.x - box.min.x) / grid.columns;
  const double dy = (box.max.y - box.min.y) / grid.rows;
  const auto formula = f.builtin() != nullptr ? f.builtin()->formula_index : std::nullopt;
  const double log_range_once = log_range(scale);
  for_each_block(static_cast<std::size_t>(grid.rows), 0, nullptr, [&](std::size_t j) {
    grid_row(f, formula, scale, log_range_once, box.min.x, dx, box.min.y + (static_cast<double>(j) + 0.5) * dy,
             grid.columns, grid.position.data() + j * static_cast<std::size_t>(grid.columns));
  });
  return grid;
}

}  // namespace optviz
