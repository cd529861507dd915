#include "plane_figure.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "colour_map.hpp"
#include "figure_parts.hpp"
#include "map_scale.hpp"
#include "raster.hpp"

namespace optviz {
namespace {

using namespace figure;

constexpr int kPlaneTarget = 460;  // the plot's side in units: text stays large beside it
constexpr int kPlaneRight = 330;   // the colour bar and the legend
constexpr double kDot = 5;
constexpr Rgb kPathColour{255, 255, 255};

// The loss on a log scale from the lowest to the highest value of the grid and the paths.
struct LogScale {
  double lo = 0, hi = 1;  // log10 of the loss
  double position(double loss) const {
    if (!(loss > 0)) return 0;
    return hi > lo ? std::clamp((std::log10(loss) - lo) / (hi - lo), 0.0, 1.0) : 0.5;
  }
  Rgb colour(double loss) const { return to_rgb(gui::colour_map(position(loss))); }
};

LogScale log_scale(const PlaneFigure& f) {
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  const auto take = [&](double v) {
    if (v > 0 && std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  };
  for (double v : f.grid->loss) take(v);
  for (const auto& path : f.paths)
    for (const PathPoint& p : path) take(p.loss);
  if (!(hi > 0)) return {};
  return {std::log10(lo), std::log10(hi)};
}

// Ticks at 1, 2 and 5 times the powers of ten inside the scale (only the powers when they are
// many, the scale's ends when none falls inside).
std::vector<MapTick> log_ticks(const LogScale& s) {
  std::vector<MapTick> ticks;
  const bool decades_only = s.hi - s.lo > 4;
  for (int e = static_cast<int>(std::floor(s.lo)); e <= static_cast<int>(std::ceil(s.hi)); ++e)
    for (double m : {1.0, 2.0, 5.0}) {
      if (decades_only && m != 1) continue;
      const double v = m * std::pow(10.0, e), t = (std::log10(v) - s.lo) / (s.hi - s.lo);
      if (t >= -1e-9 && t <= 1 + 1e-9) ticks.push_back({v, t, map_number(v)});
    }
  if (ticks.size() < 2) {
    ticks.clear();
    for (double t : {0.0, 1.0}) {
      const double v = std::pow(10.0, s.lo + t * (s.hi - s.lo));
      ticks.push_back({v, t, map_number(v, 3)});
    }
  }
  return ticks;
}

// "87.3%": a share of the variance.
std::string pct(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", 100 * share);
  return buffer;
}

// Where a value of an axis lies on the plot, in units.
struct Frame {
  Plot p;
  double x_lo, x_hi, y_lo, y_hi;
  double x(double v) const { return p.x0 + (v - x_lo) / (x_hi - x_lo) * p.width(); }
  double y(double v) const { return p.y0 + (1 - (v - y_lo) / (y_hi - y_lo)) * p.height(); }
};

// A line as overlapping discs: first the dark edge, then the light core.
void stroke(Canvas& canvas, double x0, double y0, double x1, double y1, double radius, Rgb colour) {
  const double length = std::hypot(x1 - x0, y1 - y0);
  const int n = std::max(1, static_cast<int>(std::ceil(length)));
  for (int k = 0; k <= n; ++k) {
    const double t = static_cast<double>(k) / n;
    canvas.disc(x0 + t * (x1 - x0), y0 + t * (y1 - y0), radius, colour);
  }
}

void draw_path(Canvas& canvas, const Frame& f, const std::vector<PathPoint>& path, const LogScale& scale) {
  for (double radius : {2.4, 1.2})
    for (std::size_t k = 1; k < path.size(); ++k)
      stroke(canvas, f.x(path[k - 1].at.a), f.y(path[k - 1].at.b), f.x(path[k].at.a), f.y(path[k].at.b), radius,
             radius > 2 ? kBlack : kPathColour);
  for (const PathPoint& p : path) {
    const double cx = f.x(p.at.a), cy = f.y(p.at.b);
    if (p.off_plane > 0.02) {
      const double r = kDot + kRingPerUnit * p.off_plane;
      canvas.ring(cx, cy, r, 2, kBlack);
      canvas.ring(cx, cy, r, 0.9, kPaper);
    }
    canvas.disc(cx, cy, kDot + 1.5, kBlack);
    canvas.disc(cx, cy, kDot, scale.colour(p.loss));
  }
}

void draw_label(Canvas& canvas, double x, double y, const std::string& text, bool on_plane) {
  if (on_plane) ring_mark(canvas, x, y, 9);
  const double w = canvas.text_width(text, kLabelSize);
  canvas.fill(static_cast<int>(x + 12), static_cast<int>(y - 24), static_cast<int>(x + 18 + w), static_cast<int>(y - 5),
              kPaper);
  canvas.text(x + 15, y - 9, text, kLabelSize, kInk);
}

// The legend under the colour bar: the marks, then the baseline. Returns nothing; y grows down.
void draw_legend(Canvas& canvas, int x, int y, const PlaneFigure& f) {
  canvas.disc(x + 8, y + 8, kDot + 1.5, kBlack);
  canvas.disc(x + 8, y + 8, kDot, to_rgb(gui::colour_map(0.5)));
  canvas.text(x + 24, y + 13, "snapshot, filled with its true loss:", kTickSize, kInk);
  canvas.text(x + 24, y + 31, "unlike the colour under it, the", kTickSize, kSubtle);
  canvas.text(x + 24, y + 47, "plane misstates the loss there", kTickSize, kSubtle);
  y += 70;
  const double r = kDot + kRingPerUnit * 0.5;
  canvas.ring(x + 8, y + r, r, 2, kBlack);
  canvas.ring(x + 8, y + r, r, 0.9, kPaper);
  canvas.disc(x + 8, y + r, kDot + 1.5, kBlack);
  canvas.disc(x + 8, y + r, kDot, to_rgb(gui::colour_map(0.5)));
  canvas.text(x + 24 + r, y + r - 4, "ring: off the plane (here 0.5:", kTickSize, kInk);
  canvas.text(x + 24 + r, y + r + 13, "its distance from the plane is", kTickSize, kSubtle);
  canvas.text(x + 24 + r, y + r + 29, "half that from the end)", kTickSize, kSubtle);
  y += static_cast<int>(2 * r) + 34;
  if (f.walk && f.plane->kind == PlaneKind::pca) {
    canvas.text(x, y, "This path: PC1 " + pct(f.plane->explained[0]) + ", PC2 " + pct(f.plane->explained[1]),
                kLabelSize, kInk);
    canvas.text(x, y + 20, "A random walk of the same steps:", kTickSize, kSubtle);
    canvas.text(x, y + 37, "PC1 " + pct((*f.walk)[0]) + ", PC2 " + pct((*f.walk)[1]) + " (the method's share)",
                kTickSize, kSubtle);
  }
}

Image draw_plane(const PlaneFigure& f, double pixels_per_unit) {
  const PlaneGrid& g = *f.grid;
  const Plot p = layout(static_cast<int>(g.a.size()), static_cast<int>(g.b.size()), kPlaneTarget);
  Canvas canvas(kLeft + p.width() + kPlaneRight, kTop + p.height() + kBottom, kPaper, pixels_per_unit);
  const LogScale scale = log_scale(f);
  for (std::size_t j = 0; j < g.b.size(); ++j)
    for (std::size_t i = 0; i < g.a.size(); ++i)
      fill_cell(canvas, p, static_cast<int>(i), static_cast<int>(j), scale.colour(g.at(i, j)));
  // Cell centres at the grid's values: the axes run half a cell beyond them.
  const double da = (g.a.back() - g.a.front()) / static_cast<double>(g.a.size() - 1);
  const double db = (g.b.back() - g.b.front()) / static_cast<double>(g.b.size() - 1);
  const Frame frame{p, g.a.front() - da / 2, g.a.back() + da / 2, g.b.front() - db / 2, g.b.back() + db / 2};
  const auto names = plane_axis_names(*f.plane);
  draw_axes(canvas, p, linear_ticks(frame.x_lo, frame.x_hi), linear_ticks(frame.y_lo, frame.y_hi), names[0], names[1]);
  for (const auto& path : f.paths) draw_path(canvas, frame, path, scale);
  for (const PlaneLabel& l : f.labels) draw_label(canvas, frame.x(l.at.a), frame.y(l.at.b), l.text, l.on_plane);
  const int bar_x = p.x0 + p.width() + 28, bar_height = std::max(80, p.height() - 250);
  draw_colour_ramp(canvas, bar_x, p.y0, bar_height, log_ticks(scale), "loss (log scale)");
  draw_legend(canvas, bar_x - 4, p.y0 + bar_height + 22, f);
  draw_titles(canvas, f.title, f.subtitle);
  return canvas.image();
}

// The line: its loss against alpha, and each snapshot's true loss joined to the line's at its
// projection by a vertical stroke (its length is what the line misstates).
Image draw_line(const PlaneFigure& f, double pixels_per_unit) {
  const PlaneGrid& g = *f.grid;
  const Plot p = layout(1, 1, kPlaneTarget);
  Canvas canvas(kLeft + p.width() + kPlaneRight, kTop + p.height() + kBottom, kPaper, pixels_per_unit);
  double lo = *std::min_element(g.loss.begin(), g.loss.end()), hi = *std::max_element(g.loss.begin(), g.loss.end());
  for (const auto& path : f.paths)
    for (const PathPoint& q : path) lo = std::min(lo, q.loss), hi = std::max(hi, q.loss);
  const double pad = hi > lo ? 0.05 * (hi - lo) : 1;
  const Frame frame{p, g.a.front(), g.a.back(), lo - pad, hi + pad};
  draw_axes(canvas, p, linear_ticks(frame.x_lo, frame.x_hi), linear_ticks(frame.y_lo, frame.y_hi),
            plane_axis_names(*f.plane)[0], "loss");
  for (std::size_t i = 1; i < g.a.size(); ++i)
    stroke(canvas, frame.x(g.a[i - 1]), frame.y(g.loss[i - 1]), frame.x(g.a[i]), frame.y(g.loss[i]), 1.6, kInk);
  const LogScale scale = log_scale(f);
  for (const auto& path : f.paths)
    for (const PathPoint& q : path) {
      const double cx = frame.x(q.at.a);
      stroke(canvas, cx, frame.y(q.plane_loss), cx, frame.y(q.loss), 0.8, kSubtle);
      canvas.disc(cx, frame.y(q.loss), kDot + 1.5, kBlack);
      canvas.disc(cx, frame.y(q.loss), kDot, scale.colour(q.loss));
    }
  const int x = p.x0 + p.width() + 24;
  canvas.text(x, p.y0 + 13, "line: the loss along it", kTickSize, kInk);
  canvas.disc(x + 8, p.y0 + 38, kDot + 1.5, kBlack);
  canvas.text(x + 24, p.y0 + 43, "snapshot at its true loss, joined", kTickSize, kInk);
  canvas.text(x + 24, p.y0 + 60, "to the line's loss where it projects", kTickSize, kSubtle);
  draw_titles(canvas, f.title, f.subtitle);
  return canvas.image();
}

}  // namespace

std::array<std::string, 2> plane_axis_names(const Plane& plane) {
  switch (plane.kind) {
    case PlaneKind::pca:
      return {"PC1 (" + pct(plane.explained[0]) + " of the variance)",
              "PC2 (" + pct(plane.explained[1]) + " of the variance)"};
    case PlaneKind::random:
      return {"filter-normalised direction 1", "filter-normalised direction 2"};
    case PlaneKind::three_point:
      return {"towards run 1's end (distance)", "towards run 2's end, orthogonalised"};
    case PlaneKind::line:
      return {"alpha (0: start, 1: end)", ""};
  }
  return {"", ""};
}

Image draw_plane_figure(const PlaneFigure& figure, double scale) {
  return figure.plane->is_line() ? draw_line(figure, scale) : draw_plane(figure, scale);
}

}  // namespace optviz
