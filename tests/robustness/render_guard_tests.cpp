// Nothing non-finite reaches the renderer: diverged trajectories and extreme values go through
// the window's pure drawing geometry (app/geometry: canvas transform, polylines, plot ranges, ticks)
// and every vertex, range and tick that comes out must be finite, inside its rectangle and
// non-degenerate.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "geometry.hpp"
#include "optimizer.hpp"
#include "parameters.hpp"
#include "plot_scale.hpp"
#include "polyline.hpp"
#include "run.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr long kSteps = 200;
constexpr PixelRect kCanvas{12, 30, 812, 630};
constexpr PixelRect kPlot{40, 650, 1240, 790};

bool finite(Point2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

// Every point finite and inside `rect`; every piece a real line of two points or more.
bool well_formed(const Polylines& lines, PixelRect rect) {
  for (const Point2& p : lines.points)
    if (!finite(p) || !rect.contains(p)) return false;
  for (std::size_t i = 0; i < lines.pieces(); ++i)
    if (lines.piece(i).size() < 2) return false;
  return true;
}

bool usable(const AxisRange& r) {
  return std::isfinite(r.min) && std::isfinite(r.max) && r.min < r.max && (!r.log || r.min > 0);
}

// Ticks: a bounded number, finite, inside the range (up to rounding), labelled.
bool good_ticks(const AxisRange& r, int max_ticks) {
  const std::vector<Tick> ticks = axis_ticks(r, max_ticks);
  if (ticks.size() > static_cast<std::size_t>(2 * max_ticks + 2)) return false;
  const double slack = r.log ? 0 : 1e-9 * (r.max - r.min);
  for (const Tick& t : ticks) {
    if (!std::isfinite(t.value) || t.label.empty()) return false;
    if (t.value < r.min * (r.log ? 1 - 1e-9 : 1) - slack || t.value > r.max * (r.log ? 1 + 1e-9 : 1) + slack)
      return false;
  }
  return true;
}

// The configurations that go wrong fastest: huge steps, no epsilon, no decay, far starts.
std::vector<Hyperparameters> wild_configurations(OptimizerKind kind) {
  std::vector<Hyperparameters> out;
  for (double eta : {1e-12, 1.0, 1e6, 1e308}) {
    Hyperparameters h = defaults(kind);
    h.eta = eta;
    out.push_back(h);
    for (const RealParameter& p : real_parameters()) {
      if (!p.applies_to(kind) || p.name == "eta") continue;
      for (double value : {p.min, std::isfinite(p.max) ? p.max : 1e30}) {
        Hyperparameters changed = h;
        changed.*p.member = value;
        out.push_back(changed);
      }
    }
  }
  return out;
}

// A per-step series of the trajectory read in place, as the plots read it.
StridedValues value_series(const Trajectory& t) { return {t.value.data(), sizeof(double), t.rows()}; }
StridedValues pair_series(const std::vector<Vec2>& values) {
  if (values.empty()) return {};
  return {&values.front().x, sizeof(Vec2), values.size()};
}

// Checks one series the way a line plot shows it, on a linear and on a log axis.
bool plots_cleanly(const StridedValues& series, long steps) {
  const AxisRange x_axis{0, static_cast<double>(std::max(1L, steps)), false};
  for (bool log : {false, true}) {
    RangeBuilder builder(log);
    for (std::size_t i = 0; i < series.size(); ++i) builder.add(series[i]);
    const AxisRange y_axis = builder.range();
    if (!usable(y_axis) || !good_ticks(y_axis, 6)) return false;
    Polylines lines;
    plot_polylines(series, 0, x_axis, y_axis, kPlot, lines);
    if (!well_formed(lines, kPlot.expanded(4))) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("diverged trajectories give no bad vertex, plot range or tick", "[robustness][render]") {
  long runs = 0, diverged = 0;
  for (const TestFunction& f : test_functions()) {
    const Vec2 far = 1000.0 * f.view.max;
    // The function's view, a view zoomed in on the start, and the widest view.
    const std::vector<Box> views = {
        f.view, {f.start + Vec2{-1e-6, -1e-6}, f.start + Vec2{1e-6, 1e-6}}, {{-5e8, -5e8}, {5e8, 5e8}}};
    for (OptimizerKind kind : optimizer_kinds())
      for (const Hyperparameters& h : wild_configurations(kind))
        for (Vec2 start : {f.start, far}) {
          const Trajectory t = run(f, h, start, kSteps);
          ++runs;
          if (t.diverged_at) ++diverged;
          INFO(f.name << " " << name(h.kind) << " eta=" << h.eta << " from " << start.x << "," << start.y);
          for (const Box& view : views) {
            const CanvasTransform transform(view, kCanvas);
            Polylines lines;
            // Every row, the divergent one too: the canvas must cope even if it is drawn.
            screen_polylines(t.position, transform, kCanvas, 0.75f, lines);
            REQUIRE(well_formed(lines, kCanvas));
          }
          REQUIRE(plots_cleanly(value_series(t), kSteps));
          REQUIRE(plots_cleanly(pair_series(t.step_size), kSteps));
          REQUIRE(plots_cleanly(pair_series(t.accumulator), kSteps));
        }
  }
  std::printf("render guard: %ld runs drawn (%ld diverged) in 3 views and 3 plots each\n", runs, diverged);
  CHECK(diverged > runs / 4);
}

TEST_CASE("extreme values give usable plot ranges and bounded ticks", "[robustness][render]") {
  const double tiny = std::numeric_limits<double>::denorm_min();
  const double huge = std::numeric_limits<double>::max();
  const std::vector<std::vector<double>> series = {
      {},
      {0},
      {-0.0},
      {tiny},
      {-tiny, tiny},
      {kNaN, kInf, -kInf},
      {1, std::nextafter(1.0, 2.0)},
      {1e12, std::nextafter(1e12, 2e12)},
      {-huge, huge},
      {1e-300, 1e300},
      {0, 1e-320, 1e308},
      {5, 5, 5, 5},
      {-1e12, 1e12, kNaN},
  };
  for (const std::vector<double>& values : series) {
    for (bool log : {false, true}) {
      RangeBuilder builder(log);
      for (double v : values) builder.add(v);
      const AxisRange r = builder.range();
      INFO((log ? "log" : "linear") << " range of " << values.size() << " values: [" << r.min << ", " << r.max << "]");
      REQUIRE(usable(r));
      for (int max_ticks : {2, 5, 12}) CHECK(good_ticks(r, max_ticks));
      StridedValues in_place{values.data(), sizeof(double), values.size()};
      Polylines lines;
      plot_polylines(in_place, 0, {0, 10, false}, r, kPlot, lines);
      CHECK(well_formed(lines, kPlot.expanded(4)));
    }
  }
}

TEST_CASE("any view a scenario may hold gives a usable canvas transform", "[robustness][render]") {
  // Views as scenario files and the app accept them: finite, min < max, within 1e12; plus the
  // boxes that must fall back (NaN, infinite, reversed, empty).
  std::vector<Box> views;
  for (double centre : {0.0, 1.0, 1e6, 1e7, 1e11, 1e12 - 1, -1e12 + 1})
    for (double extent : {1e-12, 1e-9, 1e-3, 1.0, 1e9, 1e12})
      views.push_back({{centre, centre}, {centre + extent, centre + extent}});
  for (double edge : {1.0, 1e7, 1e11, 1e12 - 1}) {
    const double next = std::nextafter(edge, kInf);
    views.push_back({{edge, edge}, {next, next}});  // the smallest box above min < max
  }
  views.push_back({{kNaN, 0}, {1, 1}});
  views.push_back({{-kInf, -kInf}, {kInf, kInf}});
  views.push_back({{2, 2}, {-2, -2}});
  views.push_back({{3, 3}, {3, 3}});
  views.push_back({{-1e12, -1e12}, {1e12, 1e12}});

  for (const Box& view : views) {
    INFO("view [" << view.min.x << ", " << view.max.x << "] x [" << view.min.y << ", " << view.max.y << "]");
    const Box safe = sanitized_box(view, {{-1, -1}, {1, 1}});
    CHECK(safe.min.x < safe.max.x);
    CHECK(safe.min.y < safe.max.y);
    const CanvasTransform transform(view, kCanvas);
    const double scale = transform.pixels_per_unit();
    CHECK((std::isfinite(scale) && scale > 0));
    const Box shown = transform.shown();
    CHECK(shown.min.x < shown.max.x);
    CHECK(shown.min.y < shown.max.y);
    for (Vec2 p : {shown.min, shown.max, 0.5 * (shown.min + shown.max), Vec2{1e12, -1e12}, Vec2{kInf, -kInf}})
      CHECK(finite(transform.to_pixels(p)));
    CHECK(good_ticks({shown.min.x, shown.max.x, false}, 8));
  }
}
