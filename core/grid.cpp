#include "grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace optviz {
namespace {

constexpr int kScaleSamples = 257;
// The log scale resolves f - low down to this fraction of the value range: six decades, enough
// to see the floor of Rosenbrock's valley without flattening the rest.
constexpr double kLogResolution = 1e-6;

}  // namespace

double HeatmapScale::position(double f) const {
  if (std::isnan(f)) return 1.0;
  const double range = high - low;
  const double d = f - low;
  if (!(d > 0)) return 0.0;
  if (d >= range) return 1.0;
  if (kind == ColourScale::linear) return d / range;
  return std::log1p(d / offset) / std::log1p(range / offset);
}

double HeatmapScale::value_at(double t) const {
  t = std::clamp(std::isnan(t) ? 0.0 : t, 0.0, 1.0);
  const double range = high - low;
  if (kind == ColourScale::linear) return low + t * range;
  return low + offset * std::expm1(t * std::log1p(range / offset));
}

HeatmapScale heatmap_scale(const Objective& f, ColourScale kind) {
  const Box view = f.view();
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (int j = 0; j < kScaleSamples; ++j) {
    for (int i = 0; i < kScaleSamples; ++i) {
      const double u = static_cast<double>(i) / (kScaleSamples - 1);
      const double v = static_cast<double>(j) / (kScaleSamples - 1);
      const Vec2 p{view.min.x + u * (view.max.x - view.min.x), view.min.y + v * (view.max.y - view.min.y)};
      const double value = f.value(p);
      if (!std::isfinite(value)) continue;
      low = std::min(low, value);
      high = std::max(high, value);
    }
  }
  if (std::isfinite(f.minimum_value())) low = std::min(low, f.minimum_value());
  HeatmapScale scale;
  scale.kind = kind;
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
  std::size_t k = 0;
  for (int j = 0; j < grid.rows; ++j) {
    const double y = box.min.y + (j + 0.5) * dy;
    for (int i = 0; i < grid.columns; ++i) {
      const double x = box.min.x + (i + 0.5) * dx;
      grid.position[k++] = static_cast<float>(scale.position(f.value({x, y})));
    }
  }
  return grid;
}

std::vector<double> contour_positions(int count) {
  count = std::clamp(count, 0, 200);
  std::vector<double> out;
  for (int k = 1; k < count; ++k) out.push_back(static_cast<double>(k) / count);
  return out;
}

std::vector<double> contour_values(const HeatmapScale& scale, int count) {
  std::vector<double> out;
  for (double t : contour_positions(count)) out.push_back(scale.value_at(t));
  return out;
}

}  // namespace optviz
