#include "map_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "colour_map.hpp"
#include "parameters.hpp"
#include "raster.hpp"

namespace optviz {
namespace {

constexpr Rgb kPaper{255, 255, 255};
constexpr Rgb kInk{25, 25, 25};
constexpr Rgb kSubtle{90, 90, 90};
constexpr Rgb kDiverged{214, 39, 40};
constexpr Rgb kNoMinimum{160, 160, 160};
constexpr Rgb kBlack{0, 0, 0};

constexpr double kTickSize = 13;
constexpr double kLabelSize = 15;
constexpr double kTitleSize = 17;
constexpr int kLeft = 90, kRight = 210, kTop = 64, kBottom = 64;
constexpr int kPlotTarget = 512;  // cells are scaled up to about this many pixels a side
constexpr int kTickLength = 5;

// Where the cells go: each cell is cell_width x cell_height pixels.
struct Plot {
  int x0 = kLeft, y0 = kTop;
  int columns = 1, rows = 1;
  int cell_width = 1, cell_height = 1;
  int width() const { return columns * cell_width; }
  int height() const { return rows * cell_height; }
};

Plot layout(int columns, int rows) {
  Plot p;
  p.columns = columns;
  p.rows = rows;
  p.cell_width = std::max(1, kPlotTarget / columns);
  p.cell_height = std::max(1, kPlotTarget / rows);
  return p;
}

Rgb to_rgb(gui::Colour c) {
  const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
  return {byte(c.r), byte(c.g), byte(c.b)};
}

// Cell (i, j), row 0 at the bottom.
void fill_cell(Canvas& canvas, const Plot& p, int i, int j, Rgb colour) {
  const int x = p.x0 + i * p.cell_width, y = p.y0 + (p.rows - 1 - j) * p.cell_height;
  canvas.fill(x, y, x + p.cell_width, y + p.cell_height, colour);
}

// "0.001", "1e-05" -> "1e-5", "2.5"
std::string number_text(double v, int digits = 3) {
  if (v == 0) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
  std::string s = buffer;
  const auto e = s.find('e');
  if (e != std::string::npos) {
    std::string mantissa = s.substr(0, e), exponent = s.substr(e + 1);
    const bool negative = exponent[0] == '-';
    exponent = exponent.substr(1);
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    s = mantissa + "e" + (negative ? "-" : "") + exponent;
  }
  return s;
}

struct Tick {
  double value;
  double position;  // 0 at one end of the axis, 1 at the other
};

// About five round values in [lo, hi]: steps of 1, 2 or 5 times a power of ten.
std::vector<double> round_values(double lo, double hi) {
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> out;
  for (double k = std::ceil(lo / step); k * step <= hi * (1 + 1e-12) + 1e-300; ++k) out.push_back(k * step);
  return out;
}

// Powers of ten in [lo, hi] (a few of them when there are many), with 2 and 5 times them when
// the range spans less than two decades.
std::vector<double> decade_values(double lo, double hi) {
  const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
  const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
  std::vector<double> out;
  if (last - first < 2) {
    for (int k = first - 1; k <= last; ++k)
      for (const double m : {1.0, 2.0, 5.0}) {
        const double v = m * std::pow(10, k);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push_back(v);
      }
    return out;
  }
  const int step = std::max(1, (last - first + 7) / 8);
  for (int k = first; k <= last; k += step) out.push_back(std::pow(10, k));
  return out;
}

// The ticks of a sweep axis: value(i) is at the centre of cell i.
std::vector<Tick> axis_ticks(const Axis& axis) {
  const double lo = std::min(axis.from, axis.to), hi = std::max(axis.from, axis.to);
  std::vector<Tick> out;
  for (const double v : axis.log ? decade_values(lo, hi) : round_values(lo, hi)) {
    const double t = axis.count > 1 ? axis.position(v) : 0.5;
    out.push_back({v, axis.count > 1 ? (t * (axis.count - 1) + 0.5) / axis.count : 0.5});
  }
  return out;
}

std::vector<Tick> linear_ticks(double lo, double hi) {
  std::vector<Tick> out;
  for (const double v : round_values(lo, hi)) out.push_back({v, (v - lo) / (hi - lo)});
  return out;
}

void draw_frame(Canvas& canvas, const Plot& p) {
  canvas.fill(p.x0 - 1, p.y0 - 1, p.x0 + p.width() + 1, p.y0, kInk);
  canvas.fill(p.x0 - 1, p.y0 + p.height(), p.x0 + p.width() + 1, p.y0 + p.height() + 1, kInk);
  canvas.fill(p.x0 - 1, p.y0, p.x0, p.y0 + p.height(), kInk);
  canvas.fill(p.x0 + p.width(), p.y0, p.x0 + p.width() + 1, p.y0 + p.height(), kInk);
}

void draw_axes(Canvas& canvas, const Plot& p, const std::vector<Tick>& x, const std::vector<Tick>& y,
               const std::string& x_name, const std::string& y_name) {
  draw_frame(canvas, p);
  const int bottom = p.y0 + p.height();
  for (const Tick& t : x) {
    const int px = p.x0 + static_cast<int>(std::lround(t.position * p.width()));
    canvas.fill(px, bottom + 1, px + 1, bottom + 1 + kTickLength, kInk);
    canvas.text(px + 0.5, bottom + kTickLength + 4 + kTickSize, number_text(t.value), kTickSize, kInk, 0.5);
  }
  for (const Tick& t : y) {
    const int py = bottom - static_cast<int>(std::lround(t.position * p.height()));
    canvas.fill(p.x0 - 1 - kTickLength, py, p.x0 - 1, py + 1, kInk);
    canvas.text(p.x0 - kTickLength - 5, py + 0.36 * kTickSize, number_text(t.value), kTickSize, kInk, 1);
  }
  canvas.text(p.x0 + p.width() / 2.0, bottom + kTickLength + 12 + kTickSize + kLabelSize, x_name, kLabelSize, kInk,
              0.5);
  canvas.text(p.x0 - kTickLength - 5, p.y0 - 10, y_name, kLabelSize, kInk, 0);
}

void draw_titles(Canvas& canvas, const std::string& title, const std::string& subtitle) {
  canvas.text(kLeft - 5, 22, title, kTitleSize, kInk);
  canvas.text(kLeft - 5, 40, subtitle, kTickSize, kSubtle);
}

void swatch(Canvas& canvas, int x, int y, Rgb colour, const std::string& label) {
  canvas.fill(x - 1, y - 1, x + 17, y + 17, kInk);
  canvas.fill(x, y, x + 16, y + 16, colour);
  canvas.text(x + 24, y + 13, label, kTickSize, kInk);
}

std::string run_title(const RunSpec& run) { return run.rule ? run.label : std::string(title(run.hyper.kind)); }

std::string point_text(Vec2 p) { return "(" + number_text(p.x) + ", " + number_text(p.y) + ")"; }

// "eps = 1e-8, momentum = 0": the run's other hyperparameters.
std::string fixed_parameters(const RunSpec& run, const RealParameter* a, const RealParameter* b) {
  std::string out;
  for (const RealParameter* p : parameters_of(run)) {
    if (p == a || p == b) continue;
    out += (out.empty() ? "" : ", ") + std::string(p->name) + " = " + number_text(run.hyper.*p->member, 4);
  }
  return out;
}

std::string training_text(const RunSpec& run) {
  std::string out;
  if (const std::string s = schedule_summary(run.schedule); !s.empty()) out += "; " + s;
  if (run.batch > 0) out += "; batches of " + std::to_string(run.batch);
  if (run.noise > 0) out += "; noise " + number_text(run.noise);
  return out;
}

}  // namespace

Image draw_sweep_figure(const Sweep& sweep, const Map& map, std::optional<Vec2> current) {
  const Plot p = layout(map.columns, map.rows);
  Canvas canvas(kLeft + p.width() + kRight, kTop + p.height() + kBottom, kPaper);

  // The log scale of f - floor over the cells that did not diverge.
  double floor = sweep.objective.minimum_value();
  double lowest = std::numeric_limits<double>::infinity();
  for (const RunSummary& c : map.cells)
    if (!c.diverged_at) lowest = std::min(lowest, c.value);
  const bool known_floor = std::isfinite(floor) && floor <= lowest;
  if (!known_floor) floor = lowest;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const RunSummary& c : map.cells) {
    if (c.diverged_at || !(c.value - floor > 0)) continue;
    lo = std::min(lo, std::log10(c.value - floor));
    hi = std::max(hi, std::log10(c.value - floor));
  }
  if (!std::isfinite(lo)) lo = hi = 0;
  lo = std::max(lo, hi - 16);  // at most 16 decades: below that, the darkest colour
  if (!(hi > lo)) lo = hi - 1;
  const auto position = [&](double f) {
    if (!(f - floor > 0)) return 0.0;
    return std::clamp((std::log10(f - floor) - lo) / (hi - lo), 0.0, 1.0);
  };

  for (int j = 0; j < map.rows; ++j)
    for (int i = 0; i < map.columns; ++i) {
      const RunSummary& c = map.at(i, j);
      fill_cell(canvas, p, i, j, c.diverged_at ? kDiverged : to_rgb(gui::colour_map(position(c.value))));
    }

  const std::string x_name(sweep.x.parameter->name), y_name(sweep.y.parameter->name);
  draw_axes(canvas, p, axis_ticks(sweep.x), axis_ticks(sweep.y), x_name + (sweep.x.log ? " (log scale)" : ""),
            y_name + (sweep.y.log ? " (log scale)" : ""));

  if (current) {
    const auto pixel = [](const Axis& a, double v) {
      return a.count > 1 ? (a.position(v) * (a.count - 1) + 0.5) / a.count : 0.5;
    };
    const double tx = pixel(sweep.x, current->x), ty = pixel(sweep.y, current->y);
    if (tx >= 0 && tx <= 1 && ty >= 0 && ty <= 1) {
      const double cx = p.x0 + tx * p.width(), cy = p.y0 + (1 - ty) * p.height();
      canvas.ring(cx, cy, 7, 4.5, kBlack);
      canvas.ring(cx, cy, 7, 2, kPaper);
    }
  }

  // The colour bar, its ticks at whole decades, and the legend under it.
  const int bar_x = p.x0 + p.width() + 28, bar_top = p.y0, bar_height = std::max(60, p.height() - 80);
  for (int y = 0; y < bar_height; ++y)
    canvas.fill(bar_x, bar_top + y, bar_x + 18, bar_top + y + 1, to_rgb(gui::colour_map(1 - (y + 0.5) / bar_height)));
  canvas.fill(bar_x - 1, bar_top - 1, bar_x + 19, bar_top, kInk);
  canvas.fill(bar_x - 1, bar_top + bar_height, bar_x + 19, bar_top + bar_height + 1, kInk);
  canvas.fill(bar_x - 1, bar_top, bar_x, bar_top + bar_height, kInk);
  canvas.fill(bar_x + 18, bar_top, bar_x + 19, bar_top + bar_height, kInk);
  for (const double v : decade_values(std::pow(10, lo), std::pow(10, hi))) {
    const int y = bar_top + bar_height - static_cast<int>(std::lround((std::log10(v) - lo) / (hi - lo) * bar_height));
    canvas.fill(bar_x + 19, y, bar_x + 19 + kTickLength, y + 1, kInk);
    canvas.text(bar_x + 19 + kTickLength + 4, y + 0.36 * kTickSize, number_text(v), kTickSize, kInk);
  }
  const std::string bar_name = known_floor ? (floor == 0 ? "final f" : "final f - f*") : "final f - lowest";
  canvas.text(bar_x - 4, p.y0 - 10, bar_name, kLabelSize, kInk);
  std::size_t diverged = 0;
  for (const RunSummary& c : map.cells) diverged += c.diverged_at.has_value();
  swatch(canvas, bar_x, bar_top + bar_height + 18, kDiverged, "diverged");
  canvas.text(bar_x + 24, bar_top + bar_height + 18 + 13 + 16,
              std::to_string(diverged) + " of " + std::to_string(map.cells.size()) + " cells", kTickSize, kSubtle);
  if (current) {
    canvas.ring(bar_x + 8, bar_top + bar_height + 66, 7, 4.5, kBlack);
    canvas.ring(bar_x + 8, bar_top + bar_height + 66, 7, 2, kPaper);
    canvas.text(bar_x + 24, bar_top + bar_height + 71, "this run", kTickSize, kInk);
  }

  draw_titles(canvas,
              run_title(sweep.run) + " on " + sweep.objective.title() + ": final loss after " +
                  std::to_string(sweep.steps) + " steps from " + point_text(sweep.start),
              fixed_parameters(sweep.run, sweep.x.parameter, sweep.y.parameter) + training_text(sweep.run));
  return canvas.image();
}

Image draw_basin_figure(const Basin& basin, const BasinMap& map) {
  const Plot p = layout(map.columns, map.rows);
  Canvas canvas(kLeft + p.width() + kRight, kTop + p.height() + kBottom, kPaper);
  const auto palette = run_palette();
  const auto colour_of = [&](std::size_t m) { return palette[m % (palette.size() - 1)]; };  // not the white

  std::vector<std::size_t> count(map.minima.size() + 2, 0);  // each minimum, none, diverged
  for (int j = 0; j < map.rows; ++j)
    for (int i = 0; i < map.columns; ++i) {
      const std::size_t c = static_cast<std::size_t>(j) * map.columns + i;
      const int m = map.minimum[c];
      const bool diverged = map.cells[c].diverged_at.has_value();
      ++count[diverged ? map.minima.size() + 1 : m < 0 ? map.minima.size() : static_cast<std::size_t>(m)];
      fill_cell(canvas, p, i, j, diverged ? kBlack : m < 0 ? kNoMinimum : colour_of(static_cast<std::size_t>(m)));
    }

  const Box& v = basin.view;
  draw_axes(canvas, p, linear_ticks(v.min.x, v.max.x), linear_ticks(v.min.y, v.max.y), "x0", "y0");
  for (std::size_t m = 0; m < map.minima.size(); ++m) {
    const Vec2 q = map.minima[m];
    if (q.x < v.min.x || q.x > v.max.x || q.y < v.min.y || q.y > v.max.y) continue;
    const double cx = p.x0 + (q.x - v.min.x) / (v.max.x - v.min.x) * p.width();
    const double cy = p.y0 + (1 - (q.y - v.min.y) / (v.max.y - v.min.y)) * p.height();
    canvas.ring(cx, cy, 6, 4.5, kBlack);
    canvas.ring(cx, cy, 6, 2, kPaper);
    canvas.text(cx + 10, cy - 8, std::to_string(m), kTickSize, kBlack);
  }

  const int legend_x = p.x0 + p.width() + 28;
  canvas.text(legend_x - 4, p.y0 - 10, "ends within " + number_text(kBasinRadius) + " of", kLabelSize, kInk);
  const auto share = [&](std::size_t n) {
    return " " + number_text(100.0 * static_cast<double>(n) / static_cast<double>(map.cells.size()), 3) + "%";
  };
  int y = p.y0;
  constexpr std::size_t kListed = 14;
  for (std::size_t m = 0; m < map.minima.size() && m < kListed; ++m, y += 26)
    swatch(canvas, legend_x, y, colour_of(m), std::to_string(m) + ": " + point_text(map.minima[m]) + share(count[m]));
  if (map.minima.size() > kListed) {
    canvas.text(legend_x, y + 13, "...", kTickSize, kInk);
    y += 26;
  }
  swatch(canvas, legend_x, y, kNoMinimum, "none" + share(count[map.minima.size()]));
  swatch(canvas, legend_x, y + 26, kBlack, "diverged" + share(count[map.minima.size() + 1]));

  draw_titles(canvas,
              run_title(basin.run) + " on " + basin.objective.title() + ": the minimum each start reaches in " +
                  std::to_string(basin.steps) + " steps",
              fixed_parameters(basin.run, nullptr, nullptr) + training_text(basin.run));
  return canvas.image();
}

}  // namespace optviz
