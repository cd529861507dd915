// Compares a screenshot of the window in the 3D view (optviz --view 3d --screenshot) with one of the
// same window in 2D:
//   gui_surface_screenshot_check FLAT.png SURFACE.png WIDTH HEIGHT SCALE
// Both show the default scenario with the playhead at two thirds (--step 333). In the canvas's plot the 3D shot
// must show a shaded surface (many colours, dark to light), differ from the heatmap, and carry every
// run's colour (its path and current point); outside the canvas the window must be the same. Prints
// what it measured; exits 1 on a failed check.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
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

Checks check;

// The mean difference per channel of the two pictures over `r`, inside (or, with `outside`,
// everywhere but) the rectangle.
double mean_difference(const Picture& a, const Picture& b, PixelRect r, bool outside) {
  double sum = 0;
  long n = 0;
  for (int y = 0; y < a.height; y += 2)
    for (int x = 0; x < a.width; x += 2) {
      if (r.contains({static_cast<float>(x), static_cast<float>(y)}) == outside) continue;
      sum += distance(a.at(x, y), b.at(x, y)) / 3.0;
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: gui_surface_screenshot_check FLAT.png SURFACE.png WIDTH HEIGHT SCALE\n");
    return 2;
  }
  Picture flat, surface;
  if (!read_png(argv[1], flat) || !read_png(argv[2], surface)) {
    std::fprintf(stderr, "cannot read %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  const int width = std::atoi(argv[3]), height = std::atoi(argv[4]);
  const float scale = static_cast<float>(std::atof(argv[5]));
  check(flat.width == width && flat.height == height && surface.width == width && surface.height == height,
        "sizes " + std::to_string(surface.width) + "x" + std::to_string(surface.height));
  if (check.exit_code() != 0) return check.exit_code();

  const UiMetrics metrics = ui_metrics(scale);
  const Layout layout = compute_layout(static_cast<float>(width), static_cast<float>(height), metrics, Splitters{});
  const PixelRect plot = canvas_chrome({layout.canvas, metrics.font_size, metrics.scale}).plot;

  std::set<int> colours;
  double darkest = 255, lightest = 0;
  for (int y = static_cast<int>(plot.y0) + 2; y < static_cast<int>(plot.y1) - 2; y += 5)
    for (int x = static_cast<int>(plot.x0) + 2; x < static_cast<int>(plot.x1) - 2; x += 5) {
      const Rgb c = surface.at(x, y);
      colours.insert((c.r / 8) << 10 | (c.g / 8) << 5 | (c.b / 8));
      darkest = std::min(darkest, luma(c));
      lightest = std::max(lightest, luma(c));
    }
  check(colours.size() > 100 && lightest - darkest > 120, "a shaded surface (" + std::to_string(colours.size()) +
                                                              " colours, luma " + std::to_string(darkest) + " to " +
                                                              std::to_string(lightest) + ")");
  const double in_plot = mean_difference(flat, surface, plot, false);
  check(in_plot > 15, "the plot differs from the heatmap's (mean difference " + std::to_string(in_plot) + ")");
  const double elsewhere = mean_difference(flat, surface, layout.canvas, true);
  check(elsewhere < 2, "the rest of the window is the same (mean difference " + std::to_string(elsewhere) + ")");

  for (const RunLook& run : default_scenario().looks) {
    long near = 0;
    for (int y = static_cast<int>(plot.y0); y < static_cast<int>(plot.y1); ++y)
      for (int x = static_cast<int>(plot.x0); x < static_cast<int>(plot.x1); ++x)
        near += distance(surface.at(x, y), run.colour) <= 30;
    check(near > static_cast<long>(40 * scale * scale),
          run.label + " on the surface (" + std::to_string(near) + " pixels of its colour)");
  }
  return check.exit_code();
}
