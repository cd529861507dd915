// The data of a network under its output over the plane, as TensorFlow Playground draws it: the
// output as a heatmap in two colours blended through a neutral middle (a logistic network's
// probability: label 0's orange at 0, the background at 0.5, label 1's blue at 1; an mse network's
// value the same way across the data's range of targets), the probability's 0.5 contour (the
// decision boundary), the training points filled and the test points ringed, coloured by label or by
// value, axes x1 and x2, and a colour bar. The same ImDrawList code in the window, in the offscreen
// figures and headless: the heatmap is a mesh of vertex colours (no texture), smooth between the
// grid's points as Playground's scaled-up canvas is.
//   The two colours are Okabe and Ito's orange (#e69f00) and blue (#0072b2), the run palette's first
// and fifth: told apart with every kind of colour blindness, and readable on both themes.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "geometry.hpp"
#include "net_data.hpp"
#include "theme.hpp"
#include "unit_maps.hpp"

namespace optviz::gui {

// A scale through a neutral middle: t = -1 the negative colour, 0 the neutral, 1 the positive one.
struct DivergingColours {
  ImU32 negative = IM_COL32(230, 159, 0, 255);  // label 0, negative values and weights
  ImU32 neutral = IM_COL32(250, 250, 250, 255);
  ImU32 positive = IM_COL32(0, 114, 178, 255);  // label 1, positive values and weights
};
// The neutral middle is the style's background, so that an undecided region reads as empty.
DivergingColours diverging_colours(const CanvasStyle& style);

// The colour at t in [-1, 1] (clamped; NaN gives the neutral), blended in sRGB as Playground's d3
// scale is; `strength` in [0, 1] takes it that far from the neutral.
ImU32 diverging(const DivergingColours& c, double t, float strength = 1);

// The heatmap's colours stop short of the points' full ones, so that a point reads over a region
// of its own label.
inline constexpr float kHeatStrength = 0.6f;

// The values a scale shows: centre - half at -1, centre + half at 1.
struct ValueScale {
  double centre = 0.5;
  double half = 0.5;
  double t(double value) const { return (value - centre) / half; }
};
// A logistic network's probability: [0, 1]. An mse network's: the targets' range over both sets
// (a half of 1 around a single value).
ValueScale value_scale(NetLoss loss, const NetData& train, const NetData& test);

// The colours of an n x n grid's points, row 0 the bottom (as unit_maps orders them); the bytes of
// `colours` are RGBA, ready to upload as a texture too.
struct GridImage {
  std::size_t n = 0;
  std::vector<ImU32> colours;
};
GridImage diverging_image(std::span<const double> values, std::size_t n, const ValueScale& scale,
                          const DivergingColours& c, float strength = 1);
// The image over `rect` (its point (0, 0) at the bottom left corner, (n-1, n-1) at the top right), the
// colours blended between neighbouring points, from at most max_side of its points along each side
// (evenly spread, corners kept: a small square needs few) and never more than kMaxMeshSide: one mesh
// indexes fewer than 65,536 vertices with ImGui's 16-bit indices.
inline constexpr std::size_t kMaxMeshSide = 255;
void draw_grid_image(ImDrawList& dl, PixelRect rect, const GridImage& image, std::size_t max_side = kMaxMeshSide);

// The level set {value = level} of an n x n grid of values by marching squares, as segments in the
// grid's coordinates (i across, j up, each from 0 to n - 1), linearly interpolated along each edge; a
// cell whose four corners alternate takes the connection its centre's mean decides.
struct LevelSegment {
  Vec2 a, b;
};
std::vector<LevelSegment> level_segments(std::span<const double> values, std::size_t n, double level);

struct BoundaryPlot {
  const NetData* train = nullptr;  // either may be null or empty
  const NetData* test = nullptr;
  NetLoss loss = NetLoss::logistic;
  Box box = kPlaygroundBox;       // what the plot shows (data_box); a map's own box replaces it
  const UnitMaps* map = nullptr;  // its output() under the points (any UnitMapLayers), or none yet
  std::string title;
};

// Where the plot drew: the square plotting area and the box it shows, y up.
struct BoundaryArea {
  PixelRect rect;
  Box box;
  Point2 at(Vec2 p) const;
};

// Draws the frame (title, ticks, x1 and x2), the heatmap, the 0.5 contour (logistic), the points and
// the colour bar in the size area at `origin`; the plotting area, or nothing when the size leaves no
// room.
std::optional<BoundaryArea> draw_boundary_plot(ImDrawList& dl, ImVec2 origin, ImVec2 size, const BoundaryPlot& plot,
                                               const CanvasStyle& style);

}  // namespace optviz::gui
