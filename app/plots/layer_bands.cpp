#include "layer_bands.hpp"

#include <algorithm>
#include <string>

#include "translate.hpp"

namespace optviz::gui {
namespace {

// Quantile q of the quantity in a run's rows of one layer part, read in place.
StridedValues quantile_column(const NetRun& run, std::size_t first_row, std::size_t stride_rows, std::size_t count,
                              LayerQuantity quantity, std::size_t q) {
  const Distribution* d = quantity_of(run.layer_stats[first_row], quantity);
  return {&d->quantiles[q], sizeof(LayerStats) * stride_rows, count};
}

// The accumulators' names of the runs that have one: "G", or "G, v" when they differ.
std::string accumulator_names(std::span<const NetRunLine> runs) {
  std::vector<std::string> names;
  for (const NetRunLine& line : runs)
    if (line.run != nullptr && !line.run->accumulator.empty() &&
        std::find(names.begin(), names.end(), line.run->accumulator) == names.end())
      names.push_back(line.run->accumulator);
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

void add_run(LinePlot& plot, const NetRunLine& line, std::size_t layers, std::size_t l, ParameterKind kind,
             LayerQuantity quantity, long step) {
  const NetRun& run = *line.run;
  const std::size_t per_update = 2 * layers;
  // One row of statistics per recorded row after the first (train.cpp records them together).
  const std::size_t count = std::min(run.layer_stats.size() / per_update, run.rows() > 0 ? run.rows() - 1 : 0);
  const std::size_t first = 2 * l + (kind == ParameterKind::bias ? 1 : 0);
  if (count == 0 || quantity_of(run.layer_stats[first], quantity) == nullptr) return;
  const std::span<const long> steps(run.step.data() + 1, count);
  const std::size_t shown = rows_up_to(steps, step);
  PlotSeries median;
  median.name = line.name + " " + tr("median");
  median.values = quantile_column(run, first, per_update, count, quantity, kMedian);
  median.shown = shown;
  median.colour = line.colour;
  median.version = line.version;
  median.steps = steps.data();
  plot.series.push_back(median);
  plot.bands.push_back({line.name + " 5–95%", quantile_column(run, first, per_update, count, quantity, kQuantile05),
                        quantile_column(run, first, per_update, count, quantity, kQuantile95),
                        SeriesX::at_steps(steps.data()), shown, line.colour});
}

}  // namespace

std::vector<LinePlot> layer_band_plots(std::span<const NetRunLine> runs, std::span<const LayerShape> layers,
                                       ParameterKind kind, LayerQuantity quantity, long step) {
  long last = 1;
  for (const NetRunLine& line : runs)
    if (line.run != nullptr && line.run->rows() > 0) last = std::max(last, line.run->step.back());
  std::vector<LinePlot> plots(layers.size());
  RangeBuilder shared(true);
  for (std::size_t l = 0; l < layers.size(); ++l) {
    LinePlot& plot = plots[l];
    plot.title = layer_part_title(layers[l], l, kind) + ": " + quantity_title(quantity, accumulator_names(runs));
    const std::string number = std::to_string(l + 1);
    plot.short_titles = {kind == ParameterKind::bias ? tr_format("layer {0} biases", {number})
                                                     : tr_format("layer {0} weights", {number})};
    plot.x = {0, static_cast<double>(last), false};
    plot.marker = static_cast<double>(step);
    plot.empty_text =
        quantity == LayerQuantity::accumulator ? tr("no accumulator in these runs") : tr("no statistics yet");
    for (const NetRunLine& line : runs)
      if (line.run != nullptr) add_run(plot, line, layers.size(), l, kind, quantity, step);
    if (plot.series.empty()) continue;
    const AxisRange own = series_range(plot);
    shared.add(own.min);
    shared.add(own.max);
  }
  for (LinePlot& plot : plots)
    if (!shared.empty()) plot.y = shared.range();
  return plots;
}

}  // namespace optviz::gui
