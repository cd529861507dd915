// The weight-space plane's figure (app/export/plane_figure.hpp), pixel by pixel: the heatmap's colour
// scale, and a snapshot's honesty marks (its dot filled with its true loss, its ring for its distance
// from the plane).
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>

#include "colour_map.hpp"
#include "plane_figure.hpp"

using namespace optviz;

namespace {

struct Pixel {
  int r, g, b;
};

Pixel at(const Image& image, double x, double y) {
  const auto i = 4 * (static_cast<std::size_t>(std::floor(y)) * static_cast<std::size_t>(image.width) +
                      static_cast<std::size_t>(std::floor(x)));
  return {image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]};
}

bool near(Pixel p, gui::Colour c) {
  const auto byte = [](float v) { return static_cast<int>(std::lround(v * 255)); };
  return std::abs(p.r - byte(c.r)) <= 2 && std::abs(p.g - byte(c.g)) <= 2 && std::abs(p.b - byte(c.b)) <= 2;
}

}  // namespace

TEST_CASE("the plane's figure: the loss's colours, a snapshot's true loss and its ring") {
  // The loss 10^a over a in [-1, 1]: 0.1 at the left edge, 1 at the centre, 10 at the right.
  Plane plane;
  plane.origin = Eigen::VectorXd::Zero(3);
  plane.u = Eigen::VectorXd::Unit(3, 0);
  plane.v = Eigen::VectorXd::Unit(3, 1);
  PlaneGrid grid{grid_values(-1, 1, 51), grid_values(-1, 1, 51), {}};
  for (std::size_t j = 0; j < 51; ++j)
    for (std::size_t i = 0; i < 51; ++i) grid.loss.push_back(std::pow(10.0, grid.a[i]));
  // A snapshot at the centre whose true loss is 10 where the plane says 1, half as far from the
  // plane as from the final point.
  PathPoint p;
  p.at = {0, 0, 1};
  p.loss = 10;
  p.plane_loss = 1;
  p.off_plane = 0.5;
  const PlaneFigure figure{&plane, &grid, {{p}}, {}, std::nullopt, "title", "subtitle"};
  const Image image = draw_plane_figure(figure, 1);
  // 51 cells of 9 units from x = 90, y = 64: the centre at (319.5, 293.5).
  REQUIRE(image.width == 90 + 459 + 330);
  CHECK(near(at(image, 94, 200), gui::colour_map(0)));     // the first column: 0.1
  CHECK(near(at(image, 545, 200), gui::colour_map(1)));    // the last: 10
  CHECK(near(at(image, 319, 200), gui::colour_map(0.5)));  // the centre column, above the dot: 1
  // The dot, its centre pixel too (a disc once left it half covered): its true loss, 10.
  CHECK(near(at(image, 319.5, 293.5), gui::colour_map(1)));
  // Its ring, kRingPerUnit * 0.5 beyond the dot: white on black, where the heatmap would be.
  const double ring = 5 + kRingPerUnit * 0.5;
  const Pixel white = at(image, 319.5, 293.5 - ring);
  CHECK((white.r > 200 && white.g > 200 && white.b > 200));
  CHECK(!near(at(image, 319.5, 293.5 - ring - 1.2), gui::colour_map(0.5)));
  CHECK(near(at(image, 319.5, 293.5 - ring - 5), gui::colour_map(0.5)));
}
