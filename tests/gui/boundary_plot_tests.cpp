// The boundary plot (app/plots/boundary_plot.hpp): its diverging colours, its value scales, the 0.5
// contour by marching squares at the exact boundary of a hand-set network, and the drawn plot: the
// points in their places and colours over the heatmap, rasterised.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "boundary_plot.hpp"
#include "dataset.hpp"  // sigmoid
#include "draw_list_image.hpp"
#include "drawn_text.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

// The one-unit network z = x1 (w = (1, 0), b = 0): its probability is 0.5 exactly on x1 = 0.
UnitMaps x1_unit(std::size_t n, NetLoss loss = NetLoss::logistic) {
  const Network net({2, {}, Activation::tanh, loss});
  const std::vector<double> theta = {1, 0, 0};
  const std::vector<Feature> features = {Feature::x1, Feature::x2};
  return unit_maps(net, theta, features, kPlaygroundBox, n, UnitMapLayers::output);
}

int channel_distance(ImU32 a, ImU32 b) {
  int d = 0;
  for (const int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT})
    d = std::max(d, std::abs(static_cast<int>((a >> shift) & 0xFF) - static_cast<int>((b >> shift) & 0xFF)));
  return d;
}

NetData rows(std::vector<double> x1, std::vector<double> x2, std::vector<double> y) {
  return {std::move(x1), std::move(x2), std::move(y)};
}

}  // namespace

TEST_CASE("the diverging colours: orange, the neutral, blue, blended in between", "[boundary]") {
  const DivergingColours c{IM_COL32(200, 100, 0, 255), IM_COL32(250, 250, 250, 255), IM_COL32(0, 100, 200, 255)};
  CHECK(diverging(c, -1) == c.negative);
  CHECK(diverging(c, 0) == c.neutral);
  CHECK(diverging(c, 1) == c.positive);
  CHECK(diverging(c, 7) == c.positive);
  CHECK(diverging(c, NAN) == c.neutral);
  CHECK(diverging(c, 0.5) == IM_COL32(125, 175, 225, 255));
  CHECK(diverging(c, -1, 0.5f) == IM_COL32(225, 175, 125, 255));
  const CanvasStyle light = canvas_style(Theme::light, 1, nullptr, 17);
  CHECK(diverging_colours(light).neutral == light.background);
  // Label 1 and label 0 stay apart from each other and from both themes' backgrounds.
  for (const Theme theme : {Theme::light, Theme::dark}) {
    const DivergingColours t = diverging_colours(canvas_style(theme, 1, nullptr, 17));
    CHECK(contrast_ratio(t.positive, t.neutral) >= 2.5);
    CHECK(contrast_ratio(t.negative, t.neutral) >= 1.9);
  }
}

TEST_CASE("the value scale: a probability's [0, 1], a regression's targets' range", "[boundary]") {
  const NetData train = rows({0, 0}, {0, 0}, {-2, 1}), test = rows({0}, {0}, {4});
  const ValueScale p = value_scale(NetLoss::logistic, train, test);
  CHECK((p.centre == 0.5 && p.half == 0.5 && p.t(1) == 1));
  const ValueScale v = value_scale(NetLoss::mse, train, test);
  CHECK((v.centre == 1 && v.half == 3 && v.t(-2) == -1 && v.t(4) == 1));
  const ValueScale flat = value_scale(NetLoss::mse, rows({0}, {0}, {3}), NetData{});
  CHECK((flat.centre == 3 && flat.half == 1));
}

TEST_CASE("the 0.5 contour of a hand-set unit lies on x1 = 0, over the whole height", "[boundary]") {
  const UnitMaps odd = x1_unit(13);  // the grid passes through 0 at i = 6
  const auto on_grid = level_segments(odd.output(), 13, 0.5);
  REQUIRE(on_grid.size() == 12);
  for (std::size_t k = 0; k < on_grid.size(); ++k) {
    CHECK(on_grid[k].a.x == 6);
    CHECK(on_grid[k].b.x == 6);
    CHECK(std::min(on_grid[k].a.y, on_grid[k].b.y) == static_cast<double>(k));
    CHECK(std::max(on_grid[k].a.y, on_grid[k].b.y) == static_cast<double>(k + 1));
  }
  const UnitMaps even = x1_unit(40);  // between i = 19 and 20
  const auto between = level_segments(even.output(), 40, 0.5);
  REQUIRE(between.size() == 39);
  for (const LevelSegment& g : between) {
    CHECK(std::fabs(g.a.x - 19.5) < 1e-12);
    CHECK(std::fabs(g.b.x - 19.5) < 1e-12);
  }
}

TEST_CASE("marching squares: a circle's level set, a saddle decided by its centre, nothing where NaN", "[boundary]") {
  const std::size_t n = 41;
  std::vector<double> r2(n * n);
  for (std::size_t j = 0; j < n; ++j)
    for (std::size_t i = 0; i < n; ++i)
      r2[j * n + i] = std::pow(static_cast<double>(i) - 20, 2) + std::pow(static_cast<double>(j) - 20, 2);
  const auto circle = level_segments(r2, n, 100);
  CHECK(circle.size() > 40);
  for (const LevelSegment& g : circle)
    for (const Vec2 p : {g.a, g.b}) CHECK(std::fabs(std::hypot(p.x - 20, p.y - 20) - 10) < 0.05);
  // Corners 0 and 2 (bottom left, top right) above: the centre's mean 0.5 sides with them at level
  // 0.4, so corners 1 and 3 are cut off; at 0.6 the other way.
  const std::vector<double> saddle = {1, 0, 0, 1};  // row 0: (0,0) (1,0); row 1: (0,1) (1,1)
  const auto joined = level_segments(saddle, 2, 0.4);
  REQUIRE(joined.size() == 2);
  CHECK(
      ((joined[0].a.x == 0.6 && joined[0].a.y == 0) && (joined[0].b.x == 1 && std::fabs(joined[0].b.y - 0.4) < 1e-15)));
  const auto apart = level_segments(saddle, 2, 0.6);
  REQUIRE(apart.size() == 2);
  CHECK(((apart[0].a.x == 0 && std::fabs(apart[0].a.y - 0.4) < 1e-15) && std::fabs(apart[0].b.x - 0.4) < 1e-15));
  CHECK(level_segments(std::vector<double>{NAN, 0, 1, 1}, 2, 0.5).empty());
}

TEST_CASE("the boundary plot draws its points in their places and colours over the heatmap", "[boundary]") {
  for (const Theme theme : {Theme::light, Theme::dark}) {
    test::DrawingContext ctx(520, 460, 15, theme);
    const UnitMaps map = x1_unit(101);
    const NetData train = rows({-3, 4}, {2, -5}, {1, 0}), test = rows({1}, {1}, {1});
    BoundaryPlot plot{&train, &test, NetLoss::logistic, kPlaygroundBox, &map, "Data and decision boundary"};
    ImDrawList& dl = ctx.begin();
    const auto area = draw_boundary_plot(dl, ImVec2(10, 10), ImVec2(500, 440), plot, ctx.style);
    const Image image = ctx.end();
    const std::string text = test::drawn_text();
    REQUIRE(area);
    CHECK(std::fabs(area->rect.width() - area->rect.height()) <= 3);
    CHECK(area->rect.x0 >= 10);
    CHECK(area->rect.y1 <= 450);
    CHECK(text.find("Data and decision boundary") != std::string::npos);
    CHECK(text.find("x1") != std::string::npos);
    CHECK(text.find("P(1)") != std::string::npos);
    const DivergingColours c = diverging_colours(ctx.style);
    const auto at = [&](double x1, double x2) {
      const Point2 p = area->at({x1, x2});
      return test::pixel(image, static_cast<int>(p.x), static_cast<int>(p.y));
    };
    // Training points filled with their label's colour; the test point ringed: the heat inside.
    CHECK(channel_distance(at(-3, 2), c.positive) <= 2);
    CHECK(channel_distance(at(4, -5), c.negative) <= 2);
    const ImU32 heat_at_test = diverging(c, 2 * sigmoid(1.0) - 1, kHeatStrength);
    CHECK(channel_distance(at(1, 1), heat_at_test) <= 4);
    // The heat away from the points: orange where x1 < 0, blue where x1 > 0, as the probability.
    CHECK(channel_distance(at(-4.8, -3), diverging(c, 2 * sigmoid(-4.8) - 1, kHeatStrength)) <= 4);
    CHECK(channel_distance(at(3.6, 4.2), diverging(c, 2 * sigmoid(3.6) - 1, kHeatStrength)) <= 4);
    // The contour on x1 = 0: unlike the neutral heat beside it.
    CHECK(channel_distance(at(0, 3), diverging(c, 0, kHeatStrength)) > 60);
  }
}

TEST_CASE("a regression's points are coloured by value, its bar names the targets' range", "[boundary]") {
  test::DrawingContext ctx(400, 360, 13, Theme::light);
  const UnitMaps map = x1_unit(60, NetLoss::mse);
  const NetData train = rows({-4, 0, 4}, {0, 3, 0}, {-2, 1, 4});
  BoundaryPlot plot{&train, nullptr, NetLoss::mse, kPlaygroundBox, &map, "Regression"};
  ImDrawList& dl = ctx.begin();
  const auto area = draw_boundary_plot(dl, ImVec2(0, 0), ImVec2(400, 360), plot, ctx.style);
  const Image image = ctx.end();
  const std::string text = test::drawn_text();
  REQUIRE(area);
  const DivergingColours c = diverging_colours(ctx.style);
  const auto at = [&](double x1, double x2) {
    const Point2 p = area->at({x1, x2});
    return test::pixel(image, static_cast<int>(p.x), static_cast<int>(p.y));
  };
  CHECK(channel_distance(at(-4, 0), c.negative) <= 2);
  CHECK(channel_distance(at(0, 3), diverging(c, 0)) <= 2);
  CHECK(channel_distance(at(4, 0), c.positive) <= 2);
  CHECK(text.find("value") != std::string::npos);
  CHECK(text.find("-2") != std::string::npos);
  CHECK(text.find("4") != std::string::npos);
  // Too small a size: nothing.
  ImDrawList& small = ctx.begin();
  CHECK_FALSE(draw_boundary_plot(small, ImVec2(0, 0), ImVec2(60, 40), plot, ctx.style));
  ctx.end();
}

TEST_CASE("a grid image is one mesh of its points' colours, thinned to a side it is given", "[boundary]") {
  test::DrawingContext ctx(300, 300, 13, Theme::light);
  GridImage image{3, {}};
  for (ImU32 k = 0; k < 9; ++k) image.colours.push_back(IM_COL32(k, 0, 0, 255));
  ImDrawList& dl = ctx.begin();
  draw_grid_image(dl, {10, 20, 110, 220}, image);
  REQUIRE(dl.VtxBuffer.Size == 9);
  REQUIRE(dl.IdxBuffer.Size == 24);
  CHECK(dl.VtxBuffer[0].col == image.colours[0]);  // (0, 0) at the bottom left
  CHECK((dl.VtxBuffer[0].pos.x == 10 && dl.VtxBuffer[0].pos.y == 220));
  CHECK((dl.VtxBuffer[8].pos.x == 110 && dl.VtxBuffer[8].pos.y == 20));
  CHECK((dl.VtxBuffer[4].pos.x == 60 && dl.VtxBuffer[4].pos.y == 120));
  const int before = dl.VtxBuffer.Size;
  draw_grid_image(dl, {0, 0, 50, 50}, image, 2);  // the corners only
  REQUIRE(dl.VtxBuffer.Size - before == 4);
  CHECK(dl.VtxBuffer[before + 3].col == image.colours[8]);
  GridImage large{300, std::vector<ImU32>(300 * 300, IM_COL32(1, 2, 3, 255))};
  const int start = dl.VtxBuffer.Size;
  draw_grid_image(dl, {0, 0, 300, 300}, large);
  CHECK(dl.VtxBuffer.Size - start == 255 * 255);
  ctx.end();
}
