// The compact comparison of runs, layer by layer: one small plot per layer (its weights or its
// biases) with each run's median of a quantity (the accumulator, the step size or |update|/|weight|)
// as a line in the run's colour over its 5-95% band, log10 of the value up, the step across, the
// same y axis in every plot of the set so that the layers compare. The lines and bands read the
// runs' layer_stats in place: row k of a layer's part is stats[k * 2L + 2l (+1 for biases)],
// recorded after the update at run.step[k + 1].
#pragma once

#include <span>
#include <vector>

#include "layer_heatmap.hpp"
#include "line_plot.hpp"
#include "net_curves.hpp"

namespace optviz::gui {

// The plots of every layer, drawn up to the playhead's `step`. A run without the quantity (the
// accumulator of SGD) or without statistics gives no line; a plot without any line says so.
std::vector<LinePlot> layer_band_plots(std::span<const NetRunLine> runs, std::span<const LayerShape> layers,
                                       ParameterKind kind, LayerQuantity quantity, long step);

}  // namespace optviz::gui
