// Compares a screenshot of the window in the 3D view (optviz --view 3d --screenshot) with one of the
// same window in 2D:
//   gui_surface_screenshot_check FLAT.png SURFACE.png WIDTH HEIGHT SCALE
// Both show the default scenario with the playhead at two thirds. In the canvas's plot the 3D shot
// must show a shaded surface (many colours, dark to light), differ from the heatmap, and carry every
// run's colour (its path and current point); outside the canvas the window must be the same. Prints
// what it measured; exits 1 on a failed check.
#include <png.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "canvas_chrome.hpp"
#include "geometry.hpp"
#include "layout.hpp"
#include "scenario.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

struct Picture {
  int width = 0;
  int height = 0;
  std::vector<png_byte> rgba;

  Rgb at(int x, int y) const {
    const std::size_t i =
        4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x));
    return {rgba[i], rgba[i + 1], rgba[i + 2]};
  }
};

bool read_png(const char* path, Picture& out) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path)) return false;
  image.format = PNG_FORMAT_RGBA;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.rgba.resize(PNG_IMAGE_SIZE(image));
  return png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr) != 0;
}

int distance(Rgb a, Rgb b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b); }
double luma(Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

int failures = 0;
void check(bool ok, const std::string& what) {
  std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

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
  if (failures > 0) return 1;

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

  for (const RunSpec& run : default_scenario().runs) {
    long near = 0;
    for (int y = static_cast<int>(plot.y0); y < static_cast<int>(plot.y1); ++y)
      for (int x = static_cast<int>(plot.x0); x < static_cast<int>(plot.x1); ++x)
        near += distance(surface.at(x, y), run.colour) <= 30;
    check(near > static_cast<long>(40 * scale * scale),
          run.label + " on the surface (" + std::to_string(near) + " pixels of its colour)");
  }
  return failures == 0 ? 0 : 1;
}
