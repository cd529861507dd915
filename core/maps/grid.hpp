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
  double low = 0;              // f at t = 0: the known minimum, or the smallest value sampled
  double high = 1;             // f at t = 1: the largest value sampled over the view box
  double offset = 1;           // log scale: t follows log(f - low + offset); offset > 0
  bool known_minimum = false;  // low is f's known minimum f*, not the lowest value found or sampled

  // t in [0, 1]; values outside [low, high] are clamped; NaN maps to 1.
  double position(double f) const;
};

// heatmap_scale's budget of data rows read: a loss over data reads every row at each sample, so
// over a large data set (257 x 257 samples of 10,000 logistic rows take seconds) the samples are
// fewer, to keep within it.
inline constexpr double kMaxScaleRowReads = 5e6;

// The side of heatmap_scale's square grid of samples: 257, or fewer (at least 17) when 257 x 257
// samples of f's data would read more than `max_row_reads` rows.
int heatmap_scale_samples(const Objective& f, double max_row_reads = kMaxScaleRowReads);

// Samples f over its view box on heatmap_scale_samples(f, max_row_reads) x as many points. Always
// returns a usable scale: high > low, both finite.
HeatmapScale heatmap_scale(const Objective& f, ColourScale kind, double max_row_reads = kMaxScaleRowReads);

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
