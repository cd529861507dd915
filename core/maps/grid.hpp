// The heatmap of an objective: how values map to the colour scale, the sampled grid the
// fragment shader colours, and the contour levels. Every output is finite and within [0, 1], so
// overflowing values far outside the view never reach a texture.
#pragma once

#include <vector>

#include "objective.hpp"

namespace optviz {

enum class ColourScale { log, linear };

// The map from f to the colour-scale position t in [0, 1]. It depends only on the function and
// the scale kind (it is measured once over the function's own view box), so panning, zooming and
// figure sizes never shift the colours.
struct HeatmapScale {
  ColourScale kind = ColourScale::log;
  double low = 0;     // f at t = 0: the known minimum, or the smallest value sampled
  double high = 1;    // f at t = 1: the largest value sampled over the view box
  double offset = 1;  // log scale: t follows log(f - low + offset); offset > 0

  // t in [0, 1]; values outside [low, high] are clamped; NaN maps to 1.
  double position(double f) const;
};

// Samples f over its view box. Always returns a usable scale: high > low, both finite.
HeatmapScale heatmap_scale(const Objective& f, ColourScale kind);

// Colour-scale positions sampled at the centres of a columns x rows grid over `box`, row-major,
// row 0 at box.min.y (the bottom). Sizes are clamped to [2, kMaxGridSide].
struct HeatmapGrid {
  int columns = 0;
  int rows = 0;
  Box box;
  std::vector<float> position;
};

inline constexpr int kMaxGridSide = 2048;

HeatmapGrid heatmap_grid(const Objective& f, const HeatmapScale& scale, Box box, int columns, int rows);

}  // namespace optviz
