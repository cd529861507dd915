// The network diagram (app/plots/network_diagram.hpp): its layout (no unit overlaps another, readable
// sizes for 2-8-8-1 and 7-16x6-1), every edge drawn and visible, the hit-test picking the edge or unit
// under a point, widths growing with |w|, and the parameter each hit names.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "draw_list_image.hpp"
#include "drawn_text.hpp"
#include "network_diagram.hpp"
#include "plot_scale.hpp"
#include "random.hpp"
#include "slide_layout.hpp"  // overlap

using namespace optviz;
using namespace optviz::gui;

namespace {

std::vector<double> random_weights(const Network& net, std::uint64_t seed) {
  std::vector<double> theta(net.parameter_count());
  for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = 4 * random_uniform(seed, 9, i) - 2;
  return theta;
}

std::vector<Feature> first_features(std::size_t n) {
  std::vector<Feature> f;
  for (std::size_t k = 0; k < n; ++k) f.push_back(static_cast<Feature>(k));
  return f;
}

// Every square and every bias mark apart from all others, inside the area.
void check_layout(const DiagramLayout& layout, const PixelRect& area) {
  std::vector<PixelRect> all;
  for (std::size_t c = 0; c < layout.units.size(); ++c)
    for (std::size_t u = 0; u < layout.units[c].size(); ++u) {
      all.push_back(layout.units[c][u]);
      CHECK(area.expanded(0.5f).contains({layout.units[c][u].x0, layout.units[c][u].y0}));
      CHECK(area.expanded(0.5f).contains({layout.units[c][u].x1, layout.units[c][u].y1}));
    }
  for (std::size_t a = 0; a < all.size(); ++a)
    for (std::size_t b = a + 1; b < all.size(); ++b) REQUIRE_FALSE(overlap(all[a], all[b]));
  for (std::size_t c = 1; c < layout.units.size(); ++c)
    for (std::size_t u = 0; u < layout.units[c].size(); ++u)
      for (std::size_t v = 0; v < layout.units[c].size(); ++v)
        if (u != v) REQUIRE_FALSE(overlap(layout.bias_mark({c, u}), layout.units[c][v]));
}

}  // namespace

TEST_CASE("the diagram's layout: columns left to right, no unit over another, readable squares", "[diagram]") {
  const PixelRect area{20, 40, 620, 440};
  const std::vector<std::size_t> small = {2, 8, 8, 1};
  const DiagramLayout a = diagram_layout(small, area, 80);
  REQUIRE(a.units.size() == 4);
  check_layout(a, area);
  for (std::size_t c = 1; c < 4; ++c) CHECK(a.units[c].front().x0 > a.units[c - 1].front().x1);
  CHECK(a.side >= 30);  // 8 units in 400 pixels
  const std::vector<std::size_t> big = {7, 16, 16, 16, 16, 16, 16, 1};
  const PixelRect at_720{0, 0, 430, 300};  // a panel's share of 1280x720
  const DiagramLayout b = diagram_layout(big, at_720, 60);
  check_layout(b, at_720);
  CHECK(b.side >= 13);
  CHECK(diagram_layout(small, area, 24).side == 24);  // capped
}

TEST_CASE("an edge's width grows with |w|, the same for either sign, within the thickest", "[diagram]") {
  const std::vector<double> weights = {0, 0.01, 0.1, 0.5, 1, 2, 5, 50, 1e6};
  for (std::size_t k = 1; k < weights.size(); ++k) {
    CHECK(edge_width(weights[k], 6) > edge_width(weights[k - 1], 6));
    CHECK(edge_width(-weights[k], 6) == edge_width(weights[k], 6));
  }
  CHECK(edge_width(0, 6) == Approx(0.72));
  CHECK(edge_width(1, 6) == Approx(6 * (0.12 + 0.44)));
  CHECK(edge_width(1e300, 6) <= 6);
  CHECK(edge_width(INFINITY, 6) == 6);
}

TEST_CASE("each hit names its parameter: an edge's weight, a unit's bias, no feature's", "[diagram]") {
  const Network net({2, {8, 8}, Activation::tanh, NetLoss::logistic});
  CHECK(parameter_of(net, DiagramEdge{0, 1, 3}) == 3 * 2 + 1);
  CHECK(parameter_of(net, DiagramEdge{1, 3, 5}) == net.layers()[1].offset + 5 * 8 + 3);
  CHECK(parameter_of(net, DiagramEdge{2, 7, 0}) == net.layers()[2].offset + 7);
  CHECK(parameter_of(net, DiagramUnit{2, 4}) == net.layers()[1].bias_offset() + 4);
  CHECK(parameter_of(net, DiagramUnit{3, 0}) == net.parameter_count() - 1);
  CHECK_FALSE(parameter_of(net, DiagramUnit{0, 1}));
}

TEST_CASE("the hit-test picks the unit or the edge under a point, and nothing in empty space", "[diagram]") {
  const Network net({2, {8, 8}, Activation::tanh, NetLoss::logistic});
  const std::vector<double> theta = random_weights(net, 4);
  const DiagramLayout layout = diagram_layout(std::vector<std::size_t>{2, 8, 8, 1}, {0, 0, 600, 400}, 60);
  for (std::size_t c = 0; c < 4; ++c)
    for (std::size_t u = 0; u < layout.units[c].size(); ++u) {
      const PixelRect& r = layout.units[c][u];
      CHECK(diagram_hit(layout, net, theta, {(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}, 1) ==
            DiagramHit{DiagramUnit{c, u}});
      if (c > 0) {
        const PixelRect b = layout.bias_mark({c, u});
        CHECK(diagram_hit(layout, net, theta, {b.x0 + 0.5f, (b.y0 + b.y1) / 2}, 1) == DiagramHit{DiagramUnit{c, u}});
      }
    }
  CHECK_FALSE(diagram_hit(layout, net, theta, {1, 1}, 1));
  // Every edge is picked at some point of its own curve (elsewhere others cross it).
  for (std::size_t l = 0; l < 3; ++l)
    for (std::size_t to = 0; to < layout.units[l + 1].size(); ++to)
      for (std::size_t from = 0; from < layout.units[l].size(); ++from) {
        const DiagramEdge e{l, from, to};
        bool picked = false;
        for (const Point2 p : layout.edge_curve(e))
          picked = picked || diagram_hit(layout, net, theta, p, 1) == DiagramHit{e};
        CHECK(picked);
      }
  // One edge alone (2 -> 1, no hidden layer): picked a few pixels off its curve, not far from it.
  const Network single({2, {}, Activation::tanh, NetLoss::logistic});
  const std::vector<double> small = {0.01, 3, 0};
  const DiagramLayout two = diagram_layout(std::vector<std::size_t>{2, 1}, {0, 0, 400, 300}, 60);
  const std::vector<Point2> curve = two.edge_curve({0, 0, 0});
  const Point2 mid = curve[curve.size() / 2];
  CHECK(diagram_hit(two, single, small, {mid.x, mid.y + 3.5f}, 1) == DiagramHit{DiagramEdge{0, 0, 0}});
  CHECK_FALSE(diagram_hit(two, single, small, {mid.x, mid.y + 12}, 1));
  // The heavy edge (|w| = 3) reaches farther.
  const Point2 heavy = two.edge_curve({0, 1, 0})[curve.size() / 2];
  CHECK(diagram_hit(two, single, small, {heavy.x, heavy.y - 4.5f}, 1) == DiagramHit{DiagramEdge{0, 1, 0}});
}

TEST_CASE("every edge is drawn and visible: flipping any one weight's sign changes the picture", "[diagram]") {
  test::DrawingContext ctx(520, 360, 13, Theme::light);
  const Network net({2, {8, 8}, Activation::tanh, NetLoss::logistic});
  std::vector<double> theta = random_weights(net, 8);
  const std::vector<Feature> features = first_features(2);
  const auto draw = [&](const std::vector<double>& weights) {
    NetworkDiagram d{&net, weights, features, nullptr, {}, std::nullopt};
    draw_network_diagram(ctx.begin(), {0, 0, 520, 360}, d, ctx.style, std::nullopt);
    return ctx.end();
  };
  const Image base = draw(theta);
  for (std::size_t l = 0; l < net.layers().size(); ++l) {
    const LayerShape& s = net.layers()[l];
    for (std::size_t i = s.offset; i < s.bias_offset(); ++i) {
      std::vector<double> flipped = theta;
      flipped[i] = -flipped[i];
      CAPTURE(l, i);
      CHECK(draw(flipped).rgba != base.rgba);
    }
  }
}

TEST_CASE("the hovered edge is highlighted with its weight written; a unit with its bias", "[diagram]") {
  test::DrawingContext ctx(600, 400, 15, Theme::dark);
  const Network net({3, {5}, Activation::relu, NetLoss::logistic});
  const std::vector<double> theta = random_weights(net, 2);
  const std::vector<Feature> features = first_features(3);
  const UnitMaps maps = unit_maps(net, theta, features, kPlaygroundBox, 20);
  NetworkDiagram d{&net, theta, features, &maps, {}, std::nullopt};
  DiagramLayout layout;
  draw_network_diagram(ctx.begin(), {0, 0, 600, 400}, d, ctx.style, std::nullopt, &layout);
  ctx.end();
  CHECK(test::drawn_text().find("features") != std::string::npos);
  CHECK(test::drawn_text().find("5 relu") != std::string::npos);
  CHECK(test::drawn_text().find("x1") != std::string::npos);
  const DiagramEdge e{0, 2, 4};
  const Point2 on = layout.edge_curve(e)[6];
  const auto hit = draw_network_diagram(ctx.begin(), {0, 0, 600, 400}, d, ctx.style, on);
  ctx.end();
  REQUIRE(hit == DiagramHit{e});
  CHECK(test::drawn_text().find("w = " + short_number(theta[*parameter_of(net, e)])) != std::string::npos);
  const PixelRect& r = layout.units[1][3];
  const auto unit = draw_network_diagram(ctx.begin(), {0, 0, 600, 400}, d, ctx.style, Point2{r.x0 + 2, r.y0 + 2});
  ctx.end();
  REQUIRE(unit == DiagramHit{DiagramUnit{1, 3}});
  CHECK(test::drawn_text().find("b = " + short_number(theta[net.layers()[0].bias_offset() + 3])) != std::string::npos);
}

TEST_CASE("maps, a selection or weights left from another shape of the network are never read", "[diagram]") {
  test::DrawingContext ctx(500, 300, 13, Theme::light);
  const Network before({2, {3}, Activation::tanh, NetLoss::logistic});
  const Network after({2, {5, 4}, Activation::tanh, NetLoss::logistic});
  const std::vector<Feature> features = first_features(2);
  const std::vector<double> old_theta = random_weights(before, 1), theta = random_weights(after, 1);
  const UnitMaps old_maps = unit_maps(before, old_theta, features, kPlaygroundBox, 12);
  NetworkDiagram d{&after, theta, features, &old_maps, {}, DiagramHit{DiagramEdge{1, 4, 3}}};
  DiagramLayout layout;
  draw_network_diagram(ctx.begin(), {0, 0, 500, 300}, d, ctx.style, std::nullopt, &layout);
  ctx.end();
  CHECK(layout.units.size() == 4);
  d.selected = DiagramEdge{5, 0, 0};
  draw_network_diagram(ctx.begin(), {0, 0, 500, 300}, d, ctx.style, std::nullopt);
  ctx.end();
  // Stale weights (the old network's) draw nothing at all.
  NetworkDiagram stale{&after, old_theta, features, nullptr, {}, std::nullopt};
  ImDrawList& dl = ctx.begin();
  CHECK_FALSE(draw_network_diagram(dl, {0, 0, 500, 300}, stale, ctx.style, Point2{250, 150}));
  CHECK(dl.VtxBuffer.Size == 0);
  ctx.end();
}

TEST_CASE("a weight's colour is its sign's, stronger with |w|; exactly 0 is grey", "[diagram]") {
  test::DrawingContext ctx(400, 300, 13, Theme::light);
  const Network net({2, {}, Activation::tanh, NetLoss::logistic});
  const std::vector<Feature> features = first_features(2);
  const std::vector<double> theta = {-2, 4, 0};  // w = (-2, 4), b = 0
  NetworkDiagram d{&net, theta, features, nullptr, {}, std::nullopt};
  DiagramLayout layout;
  draw_network_diagram(ctx.begin(), {0, 0, 400, 300}, d, ctx.style, std::nullopt, &layout);
  const Image image = ctx.end();
  const DivergingColours c = diverging_colours(ctx.style);
  const auto colour_at = [&](Point2 p) { return test::pixel(image, static_cast<int>(p.x), static_cast<int>(p.y)); };
  const auto distance = [](ImU32 a, ImU32 b) {
    int m = 0;
    for (const int shift : {IM_COL32_R_SHIFT, IM_COL32_G_SHIFT, IM_COL32_B_SHIFT})
      m = std::max(m, std::abs(static_cast<int>((a >> shift) & 0xFF) - static_cast<int>((b >> shift) & 0xFF)));
    return m;
  };
  // Edge 0 (w = -2) orange, 0.3 + 0.7 * 2/3 of the way; edge 1 (w = 4) blue, 0.3 + 0.7 * 0.8.
  const ImU32 negative = colour_at(layout.edge_curve({0, 0, 0})[3]);
  const ImU32 positive = colour_at(layout.edge_curve({0, 1, 0})[3]);
  CHECK(distance(negative, diverging(c, -(0.3 + 0.7 * 2 / 3))) <= 3);
  CHECK(distance(positive, diverging(c, 0.3 + 0.7 * 0.8)) <= 3);
  const PixelRect bias = layout.bias_mark({1, 0});
  const ImU32 zero = colour_at({(bias.x0 + bias.x1) / 2, (bias.y0 + bias.y1) / 2});
  CHECK(distance(zero, mix(c.neutral, IM_COL32(128, 128, 128, 255), 0.6, c.neutral)) <= 3);
}
