// The figure of a weight-space plane (core/network/plane.hpp), drawn on the CPU: the loss over the
// grid as a heatmap on a log colour scale with its colour bar, the axes named after the directions
// (with their explained variance for pca), and each training path's snapshots with their honesty
// marks. A line (1D) is drawn as the loss along it, each snapshot's true loss joined to the line's.
//   The marks: each snapshot's dot is filled with the colour of its TRUE loss, so that a dot unlike
//   the colour under it shows where the plane misstates the loss. A ring around it shows its
//   distance from the plane as a share of the path's reach (the largest distance of a snapshot of
//   the path from its final point): share d / reach in [0, 1], since the plane passes through the
//   final point. Its radius grows linearly with the share up to kRingMax at 1, so no ring is larger
//   than that whatever the run; below kRingShown it is not drawn (the snapshot is on the plane as
//   far as the eye can tell). The ratio that the CSV keeps, d over the snapshot's own distance
//   from the end, grows without bound near the end, where both go to 0: it is not what is drawn.
//   Marks that would overlap the one kept before them are left out (the legend counts them); a
//   point that lies on the plane by construction (its origin, three-point's three) gets a square.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "image.hpp"
#include "plane.hpp"

namespace optviz {

inline constexpr double kDot = 5;                    // a snapshot's dot, inside a black edge of 1.5
inline constexpr double kSquare = 10;                // half the side of a point of the plane's square
inline constexpr double kRingShown = kOnPlaneShare;  // the least share of the reach that is ringed
inline constexpr double kRingMax = 26;               // the ring's radius at a share of 1

// The ring's radius in units for a share of the path's reach (0: no ring).
double plane_ring_radius(double share);

struct PlaneLabel {
  std::string text;  // English, marked translatable(): translated where drawn
  Projection at;
  bool on_plane = true;  // a square as a point of the plane by construction; else its name alone
};

struct PlaneFigure {
  const Plane* plane = nullptr;
  const PlaneGrid* grid = nullptr;
  std::vector<std::vector<PathPoint>> paths;  // three-point: both runs
  std::vector<PlaneLabel> labels;             // points named: three-point's three, a path's start and end
  std::optional<std::array<double, 2>> walk;  // pca: the random walk's explained variance
  std::string title, subtitle;
  std::vector<std::string> notes;  // lines under the legend (why run 2 starts off the plane, ...)
};

// The points a figure names, from its paths (each from the initial weights, snapshot 0, to the
// final ones): pca and random the start (rarely on the plane) and the end (its centre);
// three-point its three points and run 2's start, which other initial weights put off the plane;
// a line none (its axis names them).
std::vector<PlaneLabel> plane_labels(PlaneKind kind, const std::vector<std::vector<PathPoint>>& paths);

Image draw_plane_figure(const PlaneFigure& figure, double scale = 1);

}  // namespace optviz
