// What the weight-space plane's PNG figure (export/plane_figure) and the window's view
// (plots/plane_view) share, so that both say the same: the axes' names, the loss's log colour scale
// over the grid and the paths, and how a snapshot off the plane is marked (core's share of the
// path's reach: the figure rings it, the window fades it).
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "plane.hpp"
#include "plot_scale.hpp"

namespace optviz::gui {

// "87.3%": a share of the variance.
std::string percent_text(double share);

// The axes' names: "PC1 (87.3% of the variance)", "filter-normalised direction 1", ...
std::array<std::string, 2> plane_axis_names(const Plane& plane);

// The colour scale: log10 from the lowest to the highest positive, finite loss of the grid and the
// paths' true losses, exactly (no padding: the colour map's ends are the extremes); [0.1, 1] when
// there is none.
AxisRange plane_loss_range(const PlaneGrid& grid, std::span<const std::vector<PathPoint>> paths);

// The opacity of a snapshot's dot at a share of its path's reach off the plane: 1 under
// kOnPlaneShare, then falling linearly to kFarthestAlpha at a share of 1 (and beyond).
inline constexpr float kFarthestAlpha = 0.2f;
float off_plane_alpha(double share);

}  // namespace optviz::gui
