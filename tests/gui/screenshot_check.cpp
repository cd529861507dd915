// Checks a screenshot of the window (optviz --screenshot) pixel by pixel:
//   gui_screenshot_check SHOT.png WIDTH HEIGHT SCALE
// The window shows the default scenario with the playhead at two thirds of the steps (--step 333). From the
// same layout and view computations as the window, it checks that the heatmap is not blank, that
// each run's colour appears along its path and at its current point, and that the panels (controls,
// inspector, plots, time bar) are drawn. Prints what it measured; exits 1 on a failed check.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "canvas_chrome.hpp"
#include "geometry.hpp"
#include "layout.hpp"
#include "picture_check.hpp"
#include "scenario.hpp"

using namespace optviz;
using namespace optviz::gui;
using namespace optviz::gui::test;

namespace {

// True when a pixel within `radius` of (x, y) is within `tolerance` of `colour`.
bool colour_near(const Picture& p, Point2 at, int radius, Rgb colour, int tolerance) {
  const int cx = static_cast<int>(std::lround(at.x)), cy = static_cast<int>(std::lround(at.y));
  for (int y = std::max(0, cy - radius); y <= std::min(p.height - 1, cy + radius); ++y)
    for (int x = std::max(0, cx - radius); x <= std::min(p.width - 1, cx + radius); ++x)
      if (distance(p.at(x, y), colour) <= tolerance) return true;
  return false;
}

Checks check;

// The most frequent colour in the rect.
Rgb most_frequent(const Picture& p, PixelRect r) {
  std::map<int, long> counts;
  for (int y = static_cast<int>(r.y0); y < static_cast<int>(r.y1); y += 2)
    for (int x = static_cast<int>(r.x0); x < static_cast<int>(r.x1); x += 2) {
      const Rgb c = p.at(x, y);
      ++counts[c.r << 16 | c.g << 8 | c.b];
    }
  const auto best =
      std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  const int c = best == counts.end() ? 0 : best->first;
  return {static_cast<std::uint8_t>(c >> 16), static_cast<std::uint8_t>(c >> 8), static_cast<std::uint8_t>(c)};
}

// A panel: mostly its flat background, with text (pixels far from it) on some of it.
void check_panel(const Picture& p, PixelRect r, const char* name) {
  const Rgb background = most_frequent(p, r);
  long same = 0, ink = 0, total = 0;
  for (int y = static_cast<int>(r.y0); y < static_cast<int>(r.y1); y += 2) {
    for (int x = static_cast<int>(r.x0); x < static_cast<int>(r.x1); x += 2) {
      const Rgb c = p.at(x, y);
      ++total;
      if (distance(c, background) <= 12) ++same;
      if (std::fabs(luma(c) - luma(background)) > 100) ++ink;
    }
  }
  const double flat = static_cast<double>(same) / static_cast<double>(std::max(1L, total));
  const double text = static_cast<double>(ink) / static_cast<double>(std::max(1L, total));
  check(flat > 0.25 && text > 0.005 && text < 0.5 && luma(background) < 60,
        std::string(name) + " panel drawn (dark background " + std::to_string(flat) + ", text " + std::to_string(text) +
            ")");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: gui_screenshot_check SHOT.png WIDTH HEIGHT SCALE\n");
    return 2;
  }
  Picture p;
  if (!read_png(argv[1], p)) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  const int width = std::atoi(argv[2]), height = std::atoi(argv[3]);
  const float scale = static_cast<float>(std::atof(argv[4]));
  check(p.width == width && p.height == height, "size " + std::to_string(p.width) + "x" + std::to_string(p.height));
  if (check.exit_code() != 0) return check.exit_code();

  const UiMetrics metrics = ui_metrics(scale);
  const Layout layout = compute_layout(static_cast<float>(width), static_cast<float>(height), metrics, Splitters{});
  // The plot inside the canvas's margins: it depends only on the canvas, the font size and the scale.
  const PixelRect plot = canvas_chrome({layout.canvas, metrics.font_size, metrics.scale}).plot;
  const Scenario scenario = default_scenario();
  const CanvasTransform t(scenario.view, plot);

  // The heatmap: many distinct colours over the canvas, from dark to light.
  std::set<int> colours;
  double darkest = 255, lightest = 0;
  for (int y = static_cast<int>(plot.y0) + 2; y < static_cast<int>(plot.y1) - 2; y += 7) {
    for (int x = static_cast<int>(plot.x0) + 2; x < static_cast<int>(plot.x1) - 2; x += 7) {
      const Rgb c = p.at(x, y);
      colours.insert((c.r / 8) << 10 | (c.g / 8) << 5 | (c.b / 8));
      darkest = std::min(darkest, luma(c));
      lightest = std::max(lightest, luma(c));
    }
  }
  check(colours.size() > 60 && lightest - darkest > 120, "heatmap not blank (" + std::to_string(colours.size()) +
                                                             " colours, luma " + std::to_string(darkest) + " to " +
                                                             std::to_string(lightest) + ")");

  // Each run along its path up to the playhead, and its current point.
  const std::vector<Trajectory> runs = simulate(scenario.course);
  long last = 0;
  for (const Trajectory& r : runs) last = std::max(last, static_cast<long>(r.rows()) - 1);
  const long step = last * 2 / 3;  // the test's --step
  const int radius = static_cast<int>(std::ceil(3 * scale));
  auto upto = [&](std::size_t i) {
    return static_cast<std::size_t>(std::min<long>(step, static_cast<long>(runs[i].rows()) - 1));
  };
  // Where paths share a valley, the window draws each later run thinner, so every run's colour
  // shows along all of its path; only the other runs' current-point dots and arrows cover it.
  const std::size_t inspected = 2;  // the first RMSprop: its step arrows start at its point
  // Its arrows (canvas_draw.cpp's draw_step_arrows): -grad f, 70 px at scale 1, and the step, at
  // least 40 px, each with a label past its tip. Points near them or near another run's dot are
  // covered.
  const Trajectory& shown = runs[inspected];
  const Point2 from = t.to_pixels(shown.position[upto(inspected)]);
  const auto unit_towards = [](float dx, float dy) {
    const float n = std::hypot(dx, dy);
    return n > 0 ? Point2{dx / n, dy / n} : Point2{0, 0};
  };
  const Vec2 g = shown.gradient[upto(inspected)];
  const Point2 next = t.to_pixels(shown.position[upto(inspected) + 1]);
  const float step_length = std::hypot(next.x - from.x, next.y - from.y);
  const std::vector<std::pair<Point2, float>> arrows{
      {unit_towards(static_cast<float>(-g.x), static_cast<float>(g.y)), 70 * scale},
      {unit_towards(next.x - from.x, next.y - from.y), std::clamp(step_length, 40 * scale, 400 * scale)}};
  const auto near_arrow = [&](Point2 at) {
    for (const auto& [dir, length] : arrows) {
      const float along = std::clamp((at.x - from.x) * dir.x + (at.y - from.y) * dir.y, 0.0f, length);
      const Point2 closest{from.x + dir.x * along, from.y + dir.y * along};
      const Point2 label{from.x + dir.x * (length + 20 * scale), from.y + dir.y * (length + 20 * scale)};
      if (std::hypot(at.x - closest.x, at.y - closest.y) < 12 * scale ||
          std::hypot(at.x - label.x, at.y - label.y) < 30 * scale)
        return true;
    }
    return false;
  };
  auto hidden = [&](std::size_t i, Point2 at) {
    if (i != inspected && near_arrow(at)) return true;
    for (std::size_t j = 0; j < runs.size(); ++j) {
      const Point2 dot = t.to_pixels(runs[j].position[upto(j)]);
      if (j != i && std::hypot(at.x - dot.x, at.y - dot.y) < 12.0f * scale) return true;
    }
    return false;
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Rgb colour = scenario.looks[i].colour;
    int samples = 0, hits = 0;
    for (std::size_t k = 0; k <= upto(i); k += std::max<std::size_t>(1, upto(i) / 100)) {
      const Point2 at = t.to_pixels(runs[i].position[k]);
      if (!plot.expanded(-4 * scale).contains(at) || hidden(i, at)) continue;
      ++samples;
      if (colour_near(p, at, 2 * radius, colour, 60)) ++hits;
    }
    const bool dot = colour_near(p, t.to_pixels(runs[i].position[upto(i)]), radius, colour, 30);
    check(samples >= 5 && hits * 10 >= samples * 9 && dot, scenario.looks[i].label + " along its path (" +
                                                               std::to_string(hits) + " of " + std::to_string(samples) +
                                                               " uncovered points) and at its current point");
    bool in_plots = false;
    for (int y = static_cast<int>(layout.plots.y0); y < static_cast<int>(layout.plots.y1) && !in_plots; ++y)
      for (int x = static_cast<int>(layout.plots.x0); x < static_cast<int>(layout.plots.x1) && !in_plots; ++x)
        in_plots = distance(p.at(x, y), colour) <= 30;
    check(in_plots, scenario.looks[i].label + " in the plots");
  }

  check_panel(p, layout.controls, "controls");
  check_panel(p, layout.inspector, "inspector");
  check_panel(p, layout.plots, "plots");
  check_panel(p, layout.time_bar, "time bar");
  return check.exit_code();
}
