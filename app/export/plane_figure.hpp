// The figure of a weight-space plane (core/network/plane.hpp), drawn on the CPU: the loss over the
// grid as a heatmap on a log colour scale with its colour bar, the axes named after the directions
// (with their explained variance for pca), and each training path's snapshots with their honesty
// marks. A line (1D) is drawn as the loss along it, each snapshot's true loss joined to the line's.
//   The marks: each snapshot's dot is filled with the colour of its TRUE loss, so that a dot unlike
//   the colour under it shows where the plane misstates the loss; a ring around it has a radius
//   that grows with its distance from the plane relative to its distance from the final point
//   (kRingPerUnit units at 1), so that a snapshot that only appears to lie on the plane shows it.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "image.hpp"
#include "plane.hpp"

namespace optviz {

inline constexpr double kRingPerUnit = 20;

struct PlaneLabel {
  std::string text;
  Projection at;
  bool on_plane = true;  // ringed as a point of the plane; else its name alone
};

struct PlaneFigure {
  const Plane* plane = nullptr;
  const PlaneGrid* grid = nullptr;
  std::vector<std::vector<PathPoint>> paths;  // three-point: both runs
  std::vector<PlaneLabel> labels;             // points named: three-point's three, a path's start and end
  std::optional<std::array<double, 2>> walk;  // pca: the random walk's explained variance
  std::string title, subtitle;
};

Image draw_plane_figure(const PlaneFigure& figure, double scale = 1);

// The axes' names: "PC1 (87.3% of the variance)", "filter-normalised direction 1", ...
std::array<std::string, 2> plane_axis_names(const Plane& plane);

}  // namespace optviz
