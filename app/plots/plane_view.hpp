// The weight-space plane in the window (issue 25): the loss over the plane on a log colour scale
// with its colour bar, the axes named after the directions (pca's with their explained variance),
// each run's path projected onto it with every snapshot's dot filled with the colour of its TRUE loss
// and drawn fainter the farther it lies from the plane (plane_marks.hpp's rule, which the PNG
// figure draws as rings), the playhead's snapshot ringed; beside it, the true loss against the
// plane's loss along the path. A line (1D) is drawn as the loss along it, each snapshot at its true
// loss joined to the line's. ImDrawList only: the same code on screen and headless. Drawing, no
// state: the panel (panel_plane.cpp) gives the plane its job computed.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "geometry.hpp"
#include "line_plot.hpp"
#include "plane.hpp"
#include "plot_scale.hpp"
#include "polyline.hpp"
#include "theme.hpp"

namespace optviz::gui {

struct PlaneView {
  const Plane* plane = nullptr;
  const PlaneGrid* grid = nullptr;
  std::span<const std::vector<PathPoint>> paths;  // three-point: both runs
  std::vector<ImU32> colours;                     // each path's run colour
  long step = 0;                                  // the playhead
  std::string title;
};

// Where the plot drew: its rectangle and the ranges of a (across) and b (up; a line: the loss).
struct PlaneArea {
  PixelRect rect;
  AxisRange a, b;
  Point2 at(double x, double y) const;
};

// The snapshot shown at `step`: the last one at or before it (the first when none is).
std::size_t snapshot_at(std::span<const PathPoint> path, long step);

// The radius of a snapshot's dot and of the playhead's ring, in pixels at UI scale 1.
inline constexpr float kPlaneDot = 3.5f;
inline constexpr float kPlayheadRing = 8;

// Draws the plot (title, ticks, the axes' names, the heatmap or the line, the paths, the colour bar)
// in the size area at `origin`; the area, or nothing when the size leaves no room.
std::optional<PlaneArea> draw_plane_plot(ImDrawList& dl, ImVec2 origin, ImVec2 size, const PlaneView& view,
                                         const CanvasStyle& style);

// pca's shares of the variance the plane holds, beside a random walk's of as many snapshots ("" for
// another kind).
std::string plane_explained_text(const PlanePaths& p);

// The true loss (solid) and the plane's loss at the projection (dashed) of each path against the
// step, as a line plot at the cursor with a marker at the playhead; returns the step clicked.
// `version` changes with the paths (the job's generation), for the cache.
std::optional<long> draw_plane_losses(const char* id, const PlaneView& view, std::uint64_t version, ImVec2 size,
                                      const CanvasStyle& style, Polylines& scratch, PlotColumnsCache& cache);

}  // namespace optviz::gui
