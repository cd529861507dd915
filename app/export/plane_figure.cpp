#include "plane_figure.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "colour_map.hpp"
#include "figure_parts.hpp"
#include "label_placement.hpp"
#include "map_scale.hpp"
#include "plane_marks.hpp"
#include "raster.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using namespace figure;

constexpr int kPlaneTarget = 460;  // the plot's side in units: text stays large beside it
constexpr int kPlaneRight = 350;   // the colour bar and the legend
constexpr double kLegendSize = 15;
constexpr int kLegendStep = 19;
// Text larger than the maps', to be read from the back of a lecture hall, and room for it above.
constexpr TextSizes kPlaneText{16, 18, 21};
constexpr int kPlaneTop = kTop + 14;

// The plot for columns x rows cells under the larger titles.
Plot plane_layout(int columns, int rows) {
  Plot p = layout(columns, rows, kPlaneTarget);
  p.y0 = kPlaneTop;
  return p;
}
constexpr int kLegendRoom = 400;  // below the plot, at most, before the figure is cut to its legend's end
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
  const gui::AxisRange r = gui::plane_loss_range(*f.grid, f.paths);
  return {std::log10(r.min), std::log10(r.max)};
}

// Ticks at 1, 2 and 5 times the powers of ten inside the scale (only the powers when they are
// many). A scale narrower than that (0.669 .. 0.793) gets round values between its ends instead,
// placed on the log scale, so that the bar never has only its two ends named.
std::vector<MapTick> log_ticks(const LogScale& s) {
  std::vector<MapTick> ticks;
  const bool decades_only = s.hi - s.lo > 4;
  for (int e = static_cast<int>(std::floor(s.lo)); e <= static_cast<int>(std::ceil(s.hi)); ++e)
    for (double m : {1.0, 2.0, 5.0}) {
      if (decades_only && m != 1) continue;
      const double v = m * std::pow(10.0, e), t = (std::log10(v) - s.lo) / (s.hi - s.lo);
      if (t >= -1e-9 && t <= 1 + 1e-9) ticks.push_back({v, t, map_number(v)});
    }
  if (ticks.size() >= 3 || !(s.hi > s.lo)) return ticks;
  // The largest round step (1, 2 or 5 times a power of ten) that puts at least three values inside.
  const double lo = std::pow(10.0, s.lo), hi = std::pow(10.0, s.hi);
  for (int e = static_cast<int>(std::floor(std::log10(hi - lo))); e > -300; --e)
    for (double m : {5.0, 2.0, 1.0}) {
      const double step = m * std::pow(10.0, e);
      std::vector<MapTick> round;
      for (double k = std::ceil(lo / step); k * step <= hi; ++k)
        round.push_back({k * step, (std::log10(k * step) - s.lo) / (s.hi - s.lo), map_number(k * step, 4)});
      if (round.size() >= 3) return round;
    }
  return ticks;
}

// The image's top `height` units: the canvas is drawn with room for the legend to run below the
// plot, and cut where the figure ends.
Image cropped(Image image, int height, double pixels_per_unit) {
  image.height = std::min(image.height, static_cast<int>(std::lround(height * pixels_per_unit)));
  image.rgba.resize(4 * static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
  return image;
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

void draw_path_line(Canvas& canvas, const Frame& f, const std::vector<PathPoint>& path) {
  for (double radius : {2.4, 1.2})
    for (std::size_t k = 1; k < path.size(); ++k)
      stroke(canvas, f.x(path[k - 1].at.a), f.y(path[k - 1].at.b), f.x(path[k].at.a), f.y(path[k].at.b), radius,
             radius > 2 ? kBlack : kPathColour);
}

// A snapshot's mark: its dot, ringed when off the plane (ring_radius(share) > 0).
struct Mark {
  double x, y, ring, loss;
  double outer() const { return std::max(kDot + 1.5, ring + 1); }
};

void draw_mark(Canvas& canvas, const Mark& m, Rgb fill) {
  if (m.ring > 0) {
    canvas.ring(m.x, m.y, m.ring, 2.6, kBlack);
    canvas.ring(m.x, m.y, m.ring, 1.2, kPaper);
  }
  canvas.disc(m.x, m.y, kDot + 1.5, kBlack);
  canvas.disc(m.x, m.y, kDot, fill);
}

// The marks of a path that overlap none kept before them: its first and last always, the others
// in order when they clear every mark kept (a path slows down near its end, and SGD's zigzags
// back over itself: 50 overlapping dots are a blob, not 50 snapshots).
std::vector<Mark> visible_marks(const std::vector<Mark>& all) {
  std::vector<Mark> kept;
  const auto clear = [](const Mark& a, const Mark& b) {
    return std::hypot(a.x - b.x, a.y - b.y) >= a.outer() + b.outer();
  };
  const auto clears_kept = [&](const Mark& m) {
    return std::all_of(kept.begin(), kept.end(), [&](const Mark& k) { return clear(k, m); });
  };
  for (std::size_t k = 0; k + 1 < all.size(); ++k)
    if (kept.empty() || clears_kept(all[k])) kept.push_back(all[k]);
  if (all.size() < 2) return all;
  // The last one replaces those it would overlap (but the first).
  std::vector<Mark> shown{kept.front()};
  for (std::size_t k = 1; k < kept.size(); ++k)
    if (clear(kept[k], all.back())) shown.push_back(kept[k]);
  shown.push_back(all.back());
  return shown;
}

// The path's marks that are drawn: each snapshot's ring from its distance to the plane over the
// path's reach.
std::vector<Mark> path_marks(const Frame& f, const std::vector<PathPoint>& path) {
  const double reach = path_reach(path);
  std::vector<Mark> all;
  for (const PathPoint& p : path)
    all.push_back({f.x(p.at.a), f.y(p.at.b), plane_ring_radius(off_plane_share(p, reach)), p.loss});
  return visible_marks(all);
}

// A point of the plane by construction: a square frame around its dot, unlike any ring.
void square_mark(Canvas& canvas, double x, double y) {
  const auto square = [&](double half, Rgb colour) {
    canvas.fill(static_cast<int>(std::lround(x - half)), static_cast<int>(std::lround(y - half)),
                static_cast<int>(std::lround(x + half)), static_cast<int>(std::lround(y + half)), colour);
  };
  square(kSquare + 2, kBlack);
  square(kSquare, kPaper);
  square(kSquare - 2, kBlack);
}

// The labels' marks (squares for points of the plane), under the paths' dots.
void draw_label_marks(Canvas& canvas, const Frame& f, const std::vector<PlaneLabel>& labels) {
  for (const PlaneLabel& l : labels)
    if (l.on_plane) square_mark(canvas, f.x(l.at.a), f.y(l.at.b));
}

// A square of half side `half` around (x, y), as the label's placement sees marks.
gui::PixelRect around(double x, double y, double half) {
  return {static_cast<float>(x - half), static_cast<float>(y - half), static_cast<float>(x + half),
          static_cast<float>(y + half)};
}

// Each label beside its point (gui::place_label: right, left, above, below, then the corners),
// clear of its mark, of the other marks and of the labels placed before it, inside the plot.
void draw_label_texts(Canvas& canvas, const Frame& f, const PlaneFigure& figure,
                      const std::vector<std::vector<Mark>>& marks) {
  std::vector<gui::PixelRect> taken;
  for (const auto& path : marks)
    for (const Mark& m : path) taken.push_back(around(m.x, m.y, m.outer()));
  for (const PlaneLabel& l : figure.labels)
    if (l.on_plane) taken.push_back(around(f.x(l.at.a), f.y(l.at.b), kSquare + 2));
  const gui::PixelRect plot{static_cast<float>(f.p.x0), static_cast<float>(f.p.y0),
                            static_cast<float>(f.p.x0 + f.p.width()), static_cast<float>(f.p.y0 + f.p.height())};
  for (const PlaneLabel& l : figure.labels) {
    const std::string text = tr(l.text.c_str());
    const double x = f.x(l.at.a), y = f.y(l.at.b);
    double clearance = l.on_plane ? kSquare + 2 : kDot + 1.5;
    for (const auto& path : marks)
      for (const Mark& m : path)
        if (std::hypot(m.x - x, m.y - y) < 1) clearance = std::max(clearance, m.outer());
    const auto places = gui::places_around(around(x, y, clearance),
                                           static_cast<float>(canvas.text_width(text, kPlaneText.label) + 8), 25, 3);
    const gui::PixelRect b = gui::place_label(places, taken, plot).value_or(places.front());
    canvas.fill(static_cast<int>(b.x0), static_cast<int>(b.y0), static_cast<int>(std::ceil(b.x1)),
                static_cast<int>(std::ceil(b.y1)), kPaper);
    canvas.text(static_cast<double>(b.x0) + 4, static_cast<double>(b.y1) - 6, text, kPlaneText.label, kInk);
    taken.push_back(b);
  }
}

// Lines of the legend's text, `step` units apart; returns the y after them.
int legend_lines(Canvas& canvas, int x, int y, std::initializer_list<std::string> lines, Rgb colour = kInk) {
  for (const std::string& line : lines) canvas.text(x, y, line, kLegendSize, colour), y += kLegendStep;
  return y;
}

// A sentence of the legend, its lines parted by '\n' (a translation parts its own); returns the y
// after them.
int legend_text(Canvas& canvas, int x, int y, const std::string& text, Rgb colour = kInk) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) y = legend_lines(canvas, x, y, {line}, colour);
  return y;
}

// How many snapshots have no dot, when some have none; returns the y below it.
int draw_left_out(Canvas& canvas, int x, int y, std::size_t drawn, std::size_t snapshots) {
  if (drawn == snapshots) return y;
  return legend_text(canvas, x, y,
                     tr_format("dots: {0} of the {1} snapshots;\nthe rest would overlap them",
                               {std::to_string(drawn), std::to_string(snapshots)}),
                     kSubtle) +
         6;
}

std::string on_plane_meaning(PlaneKind kind) {
  return kind == PlaneKind::three_point ? tr("the three points that define it") : tr("the final weights, its centre");
}

// The legend under the colour bar, y growing down: the dot, the ring with two reference sizes,
// the square, what was left out, the notes, then pca's baseline. Returns the y below it.
int draw_legend(Canvas& canvas, int x, int y, const PlaneFigure& f, std::size_t drawn, std::size_t snapshots) {
  const Rgb mid = to_rgb(gui::colour_map(0.5));
  draw_mark(canvas, {x + 8.0, y + 8.0, 0, 0}, mid);
  y = legend_text(canvas, x + 24, y + 14, tr("dot: a snapshot, filled with its"));
  y = legend_text(canvas, x + 24, y,
                  tr("true loss; where it differs from\nthe colour under it, the plane\nmisstates the loss"), kSubtle) +
      8;
  y = legend_text(canvas, x, y, tr("ring: off the plane by a share of"));
  y = legend_text(canvas, x, y, tr("the path's reach (its farthest\nsnapshot from its end):"), kSubtle) + 4;
  int cx = x + static_cast<int>(kRingMax);
  for (double share : {0.25, 1.0}) {
    const double r = plane_ring_radius(share);
    draw_mark(canvas, {static_cast<double>(cx), y + kRingMax, r, 0}, mid);
    canvas.text(cx + r + 6, y + kRingMax + 5, share == 1 ? tr("1 (largest)") : "1/4", kLegendSize, kInk);
    cx += static_cast<int>(r + 100);
  }
  y = legend_text(canvas, x, y + static_cast<int>(2 * kRingMax) + 20,
                  tr_format("no ring: under {0}, on the plane", {map_number(kRingShown)}), kSubtle) +
      8;
  square_mark(canvas, x + 8, y + 2);
  draw_mark(canvas, {x + 8.0, y + 2.0, 0, 0}, mid);
  y = legend_text(canvas, x + 26, y + 8, tr("on the plane exactly:"));
  y = legend_lines(canvas, x + 26, y, {on_plane_meaning(f.plane->kind)}, kSubtle) + 6;
  y = draw_left_out(canvas, x, y, drawn, snapshots);
  for (const std::string& note : f.notes) y = legend_lines(canvas, x, y, {note}, kSubtle);
  if (f.walk && f.plane->kind == PlaneKind::pca) {
    y = legend_text(canvas, x, y + 6,
                    tr_format("This path: PC1 {0}, PC2 {1}",
                              {gui::percent_text(f.plane->explained[0]), gui::percent_text(f.plane->explained[1])}));
    y = legend_text(canvas, x, y,
                    tr_format("A random walk of as many steps:\nPC1 {0}, PC2 {1} (the method's share)",
                              {gui::percent_text((*f.walk)[0]), gui::percent_text((*f.walk)[1])}),
                    kSubtle);
  }
  return y;
}

Image draw_plane(const PlaneFigure& f, double pixels_per_unit) {
  const PlaneGrid& g = *f.grid;
  const Plot p = plane_layout(static_cast<int>(g.a.size()), static_cast<int>(g.b.size()));
  const int plot_bottom = kPlaneTop + p.height() + kBottom;
  Canvas canvas(kLeft + p.width() + kPlaneRight, plot_bottom + kLegendRoom, kPaper, pixels_per_unit);
  const LogScale scale = log_scale(f);
  for (std::size_t j = 0; j < g.b.size(); ++j)
    for (std::size_t i = 0; i < g.a.size(); ++i)
      fill_cell(canvas, p, static_cast<int>(i), static_cast<int>(j), scale.colour(g.at(i, j)));
  // Cell centres at the grid's values: the axes run half a cell beyond them.
  const double da = (g.a.back() - g.a.front()) / static_cast<double>(g.a.size() - 1);
  const double db = (g.b.back() - g.b.front()) / static_cast<double>(g.b.size() - 1);
  const Frame frame{p, g.a.front() - da / 2, g.a.back() + da / 2, g.b.front() - db / 2, g.b.back() + db / 2};
  const auto names = gui::plane_axis_names(*f.plane);
  draw_axes(canvas, p, linear_ticks(frame.x_lo, frame.x_hi), linear_ticks(frame.y_lo, frame.y_hi), names[0], names[1],
            kPlaneText);
  for (const auto& path : f.paths) draw_path_line(canvas, frame, path);
  draw_label_marks(canvas, frame, f.labels);
  std::vector<std::vector<Mark>> marks;
  std::size_t drawn = 0, snapshots = 0;
  for (const auto& path : f.paths) {
    marks.push_back(path_marks(frame, path));
    for (const Mark& m : marks.back()) draw_mark(canvas, m, scale.colour(m.loss));
    drawn += marks.back().size(), snapshots += path.size();
  }
  draw_label_texts(canvas, frame, f, marks);
  const int bar_x = p.x0 + p.width() + 28, bar_height = std::max(80, p.height() - 330);
  draw_colour_ramp(canvas, bar_x, p.y0, bar_height, log_ticks(scale), tr("loss (log scale)"), kPlaneText);
  const int legend_end = draw_legend(canvas, bar_x - 4, p.y0 + bar_height + 20, f, drawn, snapshots);
  draw_titles(canvas, f.title, f.subtitle, kPlaneText);
  return cropped(canvas.image(), std::max(plot_bottom, legend_end + 8), pixels_per_unit);
}

// The line: its loss against alpha, and each snapshot's true loss joined to the line's at its
// projection by a vertical stroke (its length is what the line misstates). The dots are white:
// their height is their loss, and the figure has no colour scale.
Image draw_line(const PlaneFigure& f, double pixels_per_unit) {
  const PlaneGrid& g = *f.grid;
  const Plot p = plane_layout(1, 1);
  Canvas canvas(kLeft + p.width() + kPlaneRight, kPlaneTop + p.height() + kBottom, kPaper, pixels_per_unit);
  double lo = *std::min_element(g.loss.begin(), g.loss.end()), hi = *std::max_element(g.loss.begin(), g.loss.end());
  for (const auto& path : f.paths)
    for (const PathPoint& q : path) lo = std::min(lo, q.loss), hi = std::max(hi, q.loss);
  const double pad = hi > lo ? 0.05 * (hi - lo) : 1;
  const Frame frame{p, g.a.front(), g.a.back(), lo - pad, hi + pad};
  draw_axes(canvas, p, linear_ticks(frame.x_lo, frame.x_hi), linear_ticks(frame.y_lo, frame.y_hi),
            gui::plane_axis_names(*f.plane)[0], tr("loss"), kPlaneText);
  for (std::size_t i = 1; i < g.a.size(); ++i)
    stroke(canvas, frame.x(g.a[i - 1]), frame.y(g.loss[i - 1]), frame.x(g.a[i]), frame.y(g.loss[i]), 1.6, kInk);
  std::size_t drawn = 0, snapshots = 0;
  for (const auto& path : f.paths) {
    std::vector<Mark> all;
    for (const PathPoint& q : path) {
      const double cx = frame.x(q.at.a);
      stroke(canvas, cx, frame.y(q.plane_loss), cx, frame.y(q.loss), 1, kSubtle);
      all.push_back({cx, frame.y(q.loss), 0, q.loss});
    }
    const std::vector<Mark> kept = visible_marks(all);
    for (const Mark& m : kept) draw_mark(canvas, m, kPaper);
    drawn += kept.size(), snapshots += path.size();
  }
  const int x = p.x0 + p.width() + 24;
  int y = legend_text(canvas, x, p.y0 + 14, tr("line: the loss along it, on every\ntraining row"));
  draw_mark(canvas, {x + 8.0, y + 8.0, 0, 0}, kPaper);
  y = legend_text(canvas, x + 24, y + 14, tr("a snapshot at its true loss,"));
  y = legend_text(canvas, x + 24, y,
                  tr("joined to the line's loss where\nit projects: the gap is what the\nline misstates"), kSubtle) +
      8;
  draw_left_out(canvas, x, y, drawn, snapshots);
  draw_titles(canvas, f.title, f.subtitle, kPlaneText);
  return canvas.image();
}

}  // namespace

double plane_ring_radius(double share) {
  if (!(share >= kRingShown)) return 0;
  const double least = kDot + 4;  // clear of the dot's edge by a visible gap
  return least + (kRingMax - least) * std::min(share, 1.0);
}

std::vector<PlaneLabel> plane_labels(PlaneKind kind, const std::vector<std::vector<PathPoint>>& paths) {
  if (kind == PlaneKind::line || paths.empty() || paths[0].empty()) return {};
  const std::vector<PathPoint>& one = paths[0];
  if (kind != PlaneKind::three_point || paths.size() < 2 || paths[1].empty())
    return {{translatable("start"), one.front().at, false}, {translatable("end"), one.back().at, true}};
  const std::vector<PathPoint>& two = paths[1];
  return {{translatable("start"), one.front().at, true},
          {translatable("run 1's end"), one.back().at, true},
          {translatable("run 2's end"), two.back().at, true},
          {translatable("run 2's start"), two.front().at, false}};
}

Image draw_plane_figure(const PlaneFigure& figure, double scale) {
  return figure.plane->is_line() ? draw_line(figure, scale) : draw_plane(figure, scale);
}

}  // namespace optviz
