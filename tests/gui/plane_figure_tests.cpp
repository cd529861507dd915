// The weight-space plane's figure (app/export/plane_figure.hpp), pixel by pixel: the heatmap's colour
// scale, a snapshot's honesty marks (its dot filled with its true loss, its ring for its distance
// from the plane over the path's reach, capped, none near the end where the path slows down), the
// squares of the points on the plane by construction and the labels beside them.
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

bool same(Pixel a, Pixel b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

bool white(Pixel p) { return p.r > 200 && p.g > 200 && p.b > 200; }

bool dark(Pixel p) { return p.r < 60 && p.g < 60 && p.b < 60; }

// The loss 10^a over a in [-1, 1] on a 51 x 51 grid: 0.1 at the left edge, 1 at the centre, 10 at
// the right. 51 cells of 9 units from x = 90, y = 78 (under the titles): a = 0 at x = 319.5, b = 0
// at y = 307.5, 225 units to 1.
struct TestPlane {
  Plane plane;
  PlaneGrid grid{grid_values(-1, 1, 51), grid_values(-1, 1, 51), {}};
  TestPlane() {
    plane.origin = Eigen::VectorXd::Zero(3);
    plane.u = Eigen::VectorXd::Unit(3, 0);
    plane.v = Eigen::VectorXd::Unit(3, 1);
    for (std::size_t j = 0; j < 51; ++j)
      for (std::size_t i = 0; i < 51; ++i) grid.loss.push_back(std::pow(10.0, grid.a[i]));
  }
  static double x(double a) { return 319.5 + 225 * a; }
  static double y(double b) { return 307.5 - 225 * b; }
};

PathPoint snapshot(double a, double b, double distance, double from_end, double loss = 1) {
  PathPoint p;
  p.at = {a, b, distance};
  p.loss = loss;
  p.plane_loss = std::pow(10.0, a);
  p.from_end = from_end;
  p.off_plane = from_end > 0 ? distance / from_end : 0;
  return p;
}

bool near(Pixel p, gui::Colour c) {
  const auto byte = [](float v) { return static_cast<int>(std::lround(v * 255)); };
  return std::abs(p.r - byte(c.r)) <= 2 && std::abs(p.g - byte(c.g)) <= 2 && std::abs(p.b - byte(c.b)) <= 2;
}

}  // namespace

TEST_CASE("the plane's figure: the loss's colours, a snapshot's true loss and its ring") {
  const TestPlane t;
  // A snapshot at the centre whose true loss is 10 where the plane says 1, as far from the plane as
  // from the end (on the plane at (0.5, 0.5)): a share of 1 of the path's reach.
  const std::vector<PathPoint> path{snapshot(0, 0, 1, 1, 10), snapshot(0.5, 0.5, 0, 0)};
  const PlaneFigure figure{&t.plane, &t.grid, {path}, {}, std::nullopt, "title", "subtitle", {}};
  const Image image = draw_plane_figure(figure, 1);
  REQUIRE(image.width == 90 + 459 + 350);
  CHECK(near(at(image, 94, 200), gui::colour_map(0)));     // the first column: 0.1
  CHECK(near(at(image, 545, 200), gui::colour_map(1)));    // the last: 10
  CHECK(near(at(image, 319, 200), gui::colour_map(0.5)));  // the centre column, above the dot: 1
  // The dot, its centre pixel too (a disc once left it half covered): its true loss, 10.
  CHECK(near(at(image, 319.5, 307.5), gui::colour_map(1)));
  // Its ring at the radius for a share of 1: white on black, where the heatmap would be.
  const double ring = plane_ring_radius(1);
  CHECK(white(at(image, 319.5, 307.5 + ring)));
  CHECK(!near(at(image, 319.5, 307.5 + ring + 1.2), gui::colour_map(0.5)));
  CHECK(near(at(image, 319.5, 307.5 + ring + 5), gui::colour_map(0.5)));
}

TEST_CASE("the plane's figure: rings are capped, and none where the path slows down near its end") {
  for (double share : {0.0, 0.05, 0.099})
    CHECK(plane_ring_radius(share) == 0);  // on the plane as far as the eye can tell
  double last = 0;
  for (double share : {0.1, 0.25, 0.5, 1.0, 3.0, 1e9}) {
    CHECK(plane_ring_radius(share) >= last);
    CHECK(plane_ring_radius(share) <= kRingMax);
    last = plane_ring_radius(share);
  }
  CHECK(plane_ring_radius(1) == kRingMax);
  // A path from (-0.8, -0.8), far from the plane, that slows down into its end at (0.5, 0.5): its
  // last snapshots lie 0.9 as far from the plane as from the end (the CSV's ratio, which once drew
  // a ring of 5 + 20 * 0.9 units around each of them: a blob), but a hundredth of the reach.
  const TestPlane t;
  std::vector<PathPoint> path{snapshot(-0.8, -0.8, 2, 2)};
  for (int k = 12; k >= 1; --k) path.push_back(snapshot(0.5 - 0.004 * k, 0.5, 0.0036 * k, 0.004 * k));
  path.push_back(snapshot(0.5, 0.5, 0, 0));
  const PlaneFigure figure{&t.plane, &t.grid, {path}, {}, std::nullopt, "title", "subtitle", {}};
  const Image image = draw_plane_figure(figure, 1);
  const double x = TestPlane::x(0.5), y = TestPlane::y(0.5);
  const Pixel heatmap = at(image, x, y - 60);  // the loss depends on a alone: the column's colour
  for (double r = kDot + 3; r <= kRingMax + 4; r += 1) {
    CHECK(same(at(image, x, y - r), heatmap));  // above the end: no ring, no dot
    CHECK(same(at(image, x, y + r), heatmap));
  }
  // The start's ring, at the largest size: as far from the plane as from the end.
  CHECK(white(at(image, TestPlane::x(-0.8), TestPlane::y(-0.8) - plane_ring_radius(1))));
}

TEST_CASE("three-point's figure: its three points in squares, run 2's start named beside it") {
  const TestPlane t;
  // Run 1 from the origin to (0.6, 0); run 2 from (-0.4, 0.6), off the plane, to (0, 0.6).
  const std::vector<PathPoint> one{snapshot(0, 0, 0, 0.6), snapshot(0.3, 0.05, 0.1, 0.3), snapshot(0.6, 0, 0, 0)};
  const std::vector<PathPoint> two{snapshot(-0.4, 0.6, 0.5, 0.7), snapshot(-0.2, 0.65, 0.2, 0.3),
                                   snapshot(0, 0.6, 0, 0)};
  const std::vector<PlaneLabel> labels = plane_labels(PlaneKind::three_point, {one, two});
  REQUIRE(labels.size() == 4);
  CHECK(labels[3].text == "run 2's start");
  CHECK(!labels[3].on_plane);
  CHECK((labels[3].at.a == -0.4 && labels[3].at.b == 0.6));
  for (std::size_t k = 0; k < 3; ++k) CHECK(labels[k].on_plane);
  CHECK(labels[2].text == "run 2's end");
  CHECK(plane_labels(PlaneKind::pca, {one}).size() == 2);
  CHECK(plane_labels(PlaneKind::line, {one}).empty());

  PlaneFigure figure{&t.plane, &t.grid, {one, two}, labels, std::nullopt, "title", "subtitle", {}};
  const Image all = draw_plane_figure(figure, 1);
  // Each point of the plane in a square: white at its corner's band, unlike a ring's disc there.
  for (const PlaneLabel& l : std::vector(labels.begin(), labels.begin() + 3)) {
    const double x = TestPlane::x(l.at.a), y = TestPlane::y(l.at.b);
    CHECK(white(at(all, x + kSquare - 1, y + kSquare - 1)));
    CHECK(dark(at(all, x + kSquare + 1, y - kSquare - 1)));
  }
  // Run 2's start's label: drawn (the figure without it differs), near its point and off its mark.
  figure.labels.pop_back();
  const Image without = draw_plane_figure(figure, 1);
  const double sx = TestPlane::x(-0.4), sy = TestPlane::y(0.6);
  int differ = 0;
  double nearest = 1e9, farthest = 0;
  for (int y = 0; y < all.height; ++y)
    for (int x = 0; x < all.width; ++x)
      if (!same(at(all, x, y), at(without, x, y))) {
        ++differ;
        const double d = std::hypot(x + 0.5 - sx, y + 0.5 - sy);
        nearest = std::min(nearest, d), farthest = std::max(farthest, d);
      }
  CHECK(differ > 500);                              // a box with its text
  CHECK(nearest > plane_ring_radius(0.5 / 0.7));    // clear of its ring
  CHECK(farthest < plane_ring_radius(1) + 2 * 80);  // beside it
}

TEST_CASE("the plane's colour bar names values between its ends when the loss varies little") {
  // The loss from 0.669 to 0.793, less than one step of 1, 2 and 5: once only its two ends were named.
  TestPlane t;
  for (std::size_t j = 0; j < 51; ++j)
    for (std::size_t i = 0; i < 51; ++i)
      t.grid.loss[j * 51 + i] = 0.669 * std::pow(0.793 / 0.669, (t.grid.a[i] + 1) / 2);
  const PlaneFigure figure{&t.plane, &t.grid, {}, {}, std::nullopt, "title", "subtitle", {}};
  const Image image = draw_plane_figure(figure, 1);
  // The bar 28 units right of the plot (x = 577), its ticks from x = 596 at its right edge.
  int ticks = 0;
  bool in_tick = false;
  for (int y = 70; y < 212; ++y) {  // the bar: 129 units from y = 78
    const bool tick = dark(at(image, 598, y));
    ticks += tick && !in_tick;
    in_tick = tick;
  }
  CHECK(ticks == 6);  // 0.68, 0.7, ..., 0.78
}
