// What the optimizer does to each layer over time, for one run: per layer a heatmap with the step
// across and the value up on a log scale (one row per decade bin of layer_stats.hpp, the same for
// every layer of the stack so that they compare), each cell coloured by the share of the layer's
// elements whose |value| lies in that decade at that recorded update (colour_map), empty cells left
// to the background, and the median drawn as a line over it.
// Weights and biases apart, as core records them: the median of both together cannot be had from
// theirs, and a bias's first update ratio (from 0) is infinite where a weight's is not. Zeros
// (and NaN) have no place on the log axis; the hover read-out counts them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "image_draw.hpp"
#include "layer_stats.hpp"
#include "plot_scale.hpp"
#include "polyline.hpp"
#include "theme.hpp"
#include "train.hpp"

namespace optviz::gui {

// What a plot of the quantity is titled: "accumulator G" (the run's accumulator), "step size",
// "|update|/|weight|".
std::string quantity_title(LayerQuantity quantity, const std::string& accumulator);
// "layer 1 weights (2x8)", "layer 2 biases (8)": layers from 1, a weight matrix as inputs x outputs.
std::string layer_part_title(const LayerShape& shape, std::size_t layer, ParameterKind kind);
// The quantity's distribution in a row of statistics (none: the run has no accumulator).
const Distribution* quantity_of(const LayerStats& row, LayerQuantity quantity);

struct LayerHeatmap {
  std::string title;  // "layer 1 weights (2x8): accumulator G"
  std::size_t layer = 0;
  std::vector<long> steps;               // per column, the update it shows
  std::size_t first_bin = 1, bins = 0;   // rows: histogram bins first_bin .. first_bin + bins - 1
  std::vector<std::size_t> counts;       // counts[column * bins + row]
  std::vector<std::size_t> zeros, nans;  // per column, the values the log axis cannot show
  std::vector<double> median, q05, q95;  // per column
  std::size_t elements = 0;              // of the layer's part
  CellImage image;                       // columns x bins
  AxisRange x, y;  // the step across (each column centred on its step), the value up (the rows' decades)
};

// The colour of a cell that holds `count` of the layer's `elements`: colour_map rising linearly
// with count / elements (from a little above the map's darkest end, to stand out from a dark
// background), transparent for none.
std::array<std::uint8_t, 4> share_colour(std::size_t count, std::size_t elements);

// The heatmaps of every layer's weights (or biases) of `run` for one quantity, from its
// layer_stats, into `maps`: one per layer, none when the run recorded none (or, for the
// accumulator, its optimizer has none). The rows span the decades of `run` and of the runs `alike`
// (shown beside it on the same axis). Each image's generation counts on at its place in `maps`, so
// that the application, which uploads maps[k].image as its texture k, uploads what changed.
void fill_layer_heatmaps(std::vector<LayerHeatmap>& maps, const NetRun& run, std::span<const LayerShape> layers,
                         ParameterKind kind, LayerQuantity quantity, std::span<const NetRun* const> alike = {});

// The median through the columns' centres in the map's plot rectangle `r`, broken where it has
// no place on the log axis (0 or NaN).
Polylines median_polylines(const LayerHeatmap& map, PixelRect r);

// The heatmaps stacked in a size area at the cursor, each with its title, decades up, steps across,
// the median in `median_colour`, the part after the playhead's `step` dimmed and a marker at it; a
// colour key above. Hover for a column's numbers; returns the step clicked or dragged to.
std::optional<long> draw_layer_heatmaps(const char* id, std::span<const LayerHeatmap> maps, long step, ImVec2 size,
                                        const CanvasStyle& style);

}  // namespace optviz::gui
