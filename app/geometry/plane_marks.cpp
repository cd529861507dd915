#include "plane_marks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "translate.hpp"

namespace optviz::gui {

std::string percent_text(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * share);
  return buffer;
}

std::array<std::string, 2> plane_axis_names(const Plane& plane) {
  switch (plane.kind) {
    case PlaneKind::pca:
      return {tr_format("PC1 ({0} of the variance)", {percent_text(plane.explained[0])}),
              tr_format("PC2 ({0} of the variance)", {percent_text(plane.explained[1])})};
    case PlaneKind::random:
      return {tr("filter-normalised direction 1"), tr("filter-normalised direction 2")};
    case PlaneKind::three_point:
      return {tr("towards run 1's end (distance)"), tr("towards run 2's end, orthogonalised")};
    case PlaneKind::line:
      return {tr("alpha (0: start, 1: end)"), ""};
  }
  return {"", ""};
}

AxisRange plane_loss_range(const PlaneGrid& grid, std::span<const std::vector<PathPoint>> paths) {
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  const auto take = [&](double v) {
    if (v > 0 && std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (double v : grid.loss) take(v);
  for (const auto& path : paths)
    for (const PathPoint& p : path) take(p.loss);
  if (!(hi > 0)) return {0.1, 1, true};
  return {lo, hi, true};
}

float off_plane_alpha(double share) {
  if (!(share >= kOnPlaneShare)) return 1;
  const double t = (std::min(share, 1.0) - kOnPlaneShare) / (1 - kOnPlaneShare);
  return static_cast<float>(1 - (1 - static_cast<double>(kFarthestAlpha)) * t);
}

}  // namespace optviz::gui
