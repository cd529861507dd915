#include "map_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "colour_map.hpp"
#include "figure_parts.hpp"
#include "map_scale.hpp"
#include "parameters.hpp"
#include "raster.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using namespace figure;

std::string run_title(const RunSpec& run) { return run.rule ? tr("Rule") : std::string(title(run.hyper.kind)); }

std::string point_text(Vec2 p) { return "(" + map_number(p.x) + ", " + map_number(p.y) + ")"; }

// "eps = 1e-8, momentum = 0": the run's other hyperparameters.
std::string fixed_parameters(const RunSpec& run, const RealParameter* a, const RealParameter* b) {
  std::string out;
  for (const RealParameter* p : parameters_of(run)) {
    if (p == a || p == b) continue;
    out += (out.empty() ? "" : ", ") + std::string(p->name) + " = " + map_number(run.hyper.*p->member, 4);
  }
  return out;
}

// The colour bar of a continuous scale right of the plot, with its title above, its ticks and,
// under it, the swatches of the cells it does not cover. Returns the y under the last swatch.
int draw_colour_bar(Canvas& canvas, const Plot& p, const MapScale& scale, const Map& map, Rgb diverged_colour) {
  const int bar_x = p.x0 + p.width() + 28, bar_top = p.y0, bar_height = std::max(60, p.height() - 110);
  draw_colour_ramp(canvas, bar_x, bar_top, bar_height, scale.ticks(), scale.title());
  std::size_t diverged = 0, unreached = 0;
  for (const RunSummary& c : map.cells) {
    diverged += c.diverged_at.has_value();
    unreached += !c.diverged_at && std::isnan(scale.position(c));
  }
  const auto cells = [&](std::size_t n) {
    return tr_format("{0} of {1} cells", {std::to_string(n), std::to_string(map.cells.size())});
  };
  int y = bar_top + bar_height + 18;
  swatch(canvas, bar_x, y, diverged_colour, tr("diverged"));
  canvas.text(bar_x + 24, y + 13 + 16, cells(diverged), kTickSize, kSubtle);
  y += 42;
  if (scale.colouring == MapColouring::steps) {
    swatch(canvas, bar_x, y, kNotReachedColour, tr("not reached"));
    canvas.text(bar_x + 24, y + 13 + 16, cells(unreached), kTickSize, kSubtle);
    y += 42;
  }
  return y;
}

std::string training_text(const RunSpec& run) {
  std::string out;
  if (const std::string s = schedule_summary(run.schedule); !s.empty()) out += "; " + s;
  if (run.batch > 0) out += "; " + tr_format("batches of {0}", {std::to_string(run.batch)});
  if (run.noise > 0) out += "; " + tr_format("noise {0}", {map_number(run.noise)});
  return out;
}

}  // namespace

std::pair<int, int> sweep_figure_units(int columns, int rows) {
  const Plot p = layout(columns, rows);
  return {kLeft + p.width() + kRight, kTop + p.height() + kBottom};
}

Image draw_sweep_figure(const Sweep& sweep, const Map& map, MapColouring colouring, std::optional<Vec2> current,
                        double pixels_per_unit) {
  const Plot p = layout(map.columns, map.rows);
  const auto [width, height] = sweep_figure_units(map.columns, map.rows);
  Canvas canvas(width, height, kPaper, pixels_per_unit);
  const MapScale scale = map_scale(map, sweep.objective, colouring, sweep.target);
  for (int j = 0; j < map.rows; ++j)
    for (int i = 0; i < map.columns; ++i) fill_cell(canvas, p, i, j, cell_colour(scale, map.at(i, j)));

  const std::string x_name(sweep.x.parameter->name), y_name(sweep.y.parameter->name);
  draw_axes(canvas, p, sweep_axis_ticks(sweep.x), sweep_axis_ticks(sweep.y),
            sweep.x.log ? tr_format("{0} (log scale)", {x_name}) : x_name,
            sweep.y.log ? tr_format("{0} (log scale)", {y_name}) : y_name);
  const int legend_y = draw_colour_bar(canvas, p, scale, map, kDivergedColour);
  if (current) {
    const double tx = sweep_axis_position(sweep.x, current->x), ty = sweep_axis_position(sweep.y, current->y);
    if (tx >= 0 && tx <= 1 && ty >= 0 && ty <= 1)
      ring_mark(canvas, p.x0 + tx * p.width(), p.y0 + (1 - ty) * p.height(), 7);
    const int bar_x = p.x0 + p.width() + 28;
    ring_mark(canvas, bar_x + 8, legend_y + 8, 7);
    canvas.text(bar_x + 24, legend_y + 13, tr("this run"), kTickSize, kInk);
  }

  const std::string what = colouring == MapColouring::steps
                               ? tr_format("steps to f - f* <= {0} in {1} steps",
                                           {map_number(sweep.target.tolerance), std::to_string(sweep.steps)})
                               : tr_format("final loss after {0} steps", {std::to_string(sweep.steps)});
  draw_titles(canvas,
              tr_format("{0} on {1}: {2} from {3}",
                        {run_title(sweep.run), sweep.objective.title(), what, point_text(sweep.start)}),
              fixed_parameters(sweep.run, sweep.x.parameter, sweep.y.parameter) + training_text(sweep.run));
  return canvas.image();
}

Image draw_basin_figure(const Basin& basin, const BasinMap& map, MapColouring colouring) {
  const Plot p = layout(map.columns, map.rows);
  Canvas canvas(kLeft + p.width() + kRight, kTop + p.height() + kBottom, kPaper);
  const bool by_minimum = colouring == MapColouring::minimum;
  const MapScale scale = map_scale(map, basin.objective, by_minimum ? MapColouring::loss : colouring, basin.target);
  for (int j = 0; j < map.rows; ++j)
    for (int i = 0; i < map.columns; ++i) {
      const std::size_t c = static_cast<std::size_t>(j) * map.columns + i;
      fill_cell(canvas, p, i, j, by_minimum ? basin_colour(map, c) : cell_colour(scale, map.cells[c]));
    }

  const Box& v = basin.view;
  draw_axes(canvas, p, linear_ticks(v.min.x, v.max.x), linear_ticks(v.min.y, v.max.y), "x0", "y0");
  for (std::size_t m = 0; m < map.minima.size(); ++m) {
    const Vec2 q = map.minima[m];
    if (q.x < v.min.x || q.x > v.max.x || q.y < v.min.y || q.y > v.max.y) continue;
    const double cx = p.x0 + (q.x - v.min.x) / (v.max.x - v.min.x) * p.width();
    const double cy = p.y0 + (1 - (q.y - v.min.y) / (v.max.y - v.min.y)) * p.height();
    ring_mark(canvas, cx, cy, 6);
    canvas.text(cx + 10, cy - 8, std::to_string(m), kTickSize, kBlack);
  }

  const int legend_x = p.x0 + p.width() + 28;
  if (by_minimum) {
    std::vector<std::size_t> count(map.minima.size() + 2, 0);  // each minimum, none, diverged
    for (std::size_t c = 0; c < map.cells.size(); ++c)
      ++count[map.cells[c].diverged_at ? map.minima.size() + 1
              : map.minimum[c] < 0     ? map.minima.size()
                                       : static_cast<std::size_t>(map.minimum[c])];
    canvas.text(legend_x - 4, p.y0 - 10, tr_format("ends within {0} of", {map_number(kBasinRadius)}), kLabelSize, kInk);
    const auto share = [&](std::size_t n) {
      return " " + map_number(100.0 * static_cast<double>(n) / static_cast<double>(map.cells.size()), 3) + "%";
    };
    int y = p.y0;
    constexpr std::size_t kListed = 14;
    for (std::size_t m = 0; m < map.minima.size() && m < kListed; ++m, y += 26)
      swatch(canvas, legend_x, y, minimum_colour(m),
             std::to_string(m) + ": " + point_text(map.minima[m]) + share(count[m]));
    if (map.minima.size() > kListed) {
      canvas.text(legend_x, y + 13, "...", kTickSize, kInk);
      y += 26;
    }
    swatch(canvas, legend_x, y, kNotReachedColour, tr("none") + share(count[map.minima.size()]));
    swatch(canvas, legend_x, y + 26, kBasinDivergedColour, tr("diverged") + share(count[map.minima.size() + 1]));
  } else {
    draw_colour_bar(canvas, p, scale, map, kDivergedColour);
  }

  const std::string steps = std::to_string(basin.steps);
  draw_titles(canvas,
              by_minimum ? tr_format("{0} on {1}: the minimum each start reaches in {2} steps",
                                     {run_title(basin.run), basin.objective.title(), steps})
                         : tr_format("{0} on {1}: the final loss from each start after {2} steps",
                                     {run_title(basin.run), basin.objective.title(), steps}),
              fixed_parameters(basin.run, nullptr, nullptr) + training_text(basin.run));
  return canvas.image();
}

}  // namespace optviz
