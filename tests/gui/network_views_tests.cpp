// The network's views drawn from a real training, at the sizes a panel has at 1920x1080 (text 18 px)
// and 1280x720 (13 px), in both themes: a 2-8-8-1 tanh network on Playground's circle and a
// 7-16x6-1 one on its spiral. With OPTVIZ_VIEW_SHOTS=DIR, each picture is written there as PNG to be
// looked at.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "draw_list_image.hpp"
#include "network_diagram.hpp"
#include "png_file.hpp"
#include "train.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

struct Trained {
  Network net;
  NetSets sets;
  NetRun run;
};

Trained train(Playground set, NetworkSpec spec, std::vector<Feature> features, long steps) {
  const NetSplit split_sets = split(generate_playground({set, 300, 0.1, 5}), 0.3, 5);
  NetSets sets{split_sets.train, split_sets.test, std::move(features)};
  Network net(std::move(spec));
  RunSpec adam = make_run(OptimizerKind::adam);
  adam.hyper.eta = 0.03;
  adam.batch = 10;
  NetRun run = train_network(net, net.initial_weights(2), sets, adam, steps, 1, {steps, false});
  return {std::move(net), std::move(sets), std::move(run)};
}

void keep(const Image& image, const std::string& name) {
  if (const char* dir = std::getenv("OPTVIZ_VIEW_SHOTS"))
    write_png(std::filesystem::path(dir) / (name + ".png"), image);
}

struct Screen {
  const char* name;
  float font;
  ImVec2 boundary, diagram;  // a panel's share of the screen
};
const Screen kScreens[] = {{"1920x1080", 18, {620, 560}, {660, 460}}, {"1280x720", 13, {420, 380}, {440, 300}}};

}  // namespace

TEST_CASE("a trained circle network's views: the boundary rings the inner class, the diagram fits", "[views]") {
  const Trained t =
      train(Playground::circle, {2, {8, 8}, Activation::tanh, NetLoss::logistic}, {Feature::x1, Feature::x2}, 800);
  REQUIRE_FALSE(t.run.diverged_at);
  CHECK(t.run.accuracy.back() > 0.95);
  const Box box = data_box(t.sets.train, t.sets.test, true);
  const UnitMaps output = unit_maps(t.net, t.run.theta, t.sets.features, box, 100, UnitMapLayers::output);
  const UnitMaps units = unit_maps(t.net, t.run.theta, t.sets.features, box, 20);
  // The decision boundary closes around the inner class (radius < 2.5) inside the outer ring (> 3.5).
  const auto boundary = level_segments(output.output(), 100, 0.5);
  REQUIRE(boundary.size() > 30);
  for (const LevelSegment& g : boundary) {
    const double x = box.min.x + g.a.x * 12 / 99, y = box.min.y + g.a.y * 12 / 99;
    CHECK(std::hypot(x, y) > 1.2);
    CHECK(std::hypot(x, y) < 5.0);
  }
  for (const Screen& screen : kScreens)
    for (const Theme theme : {Theme::light, Theme::dark}) {
      const std::string suffix = std::string(screen.name) + (theme == Theme::light ? "-light" : "-dark");
      test::DrawingContext ctx(static_cast<int>(screen.boundary.x + screen.diagram.x),
                               static_cast<int>(screen.boundary.y), screen.font, theme);
      ImDrawList& dl = ctx.begin();
      BoundaryPlot plot{&t.sets.train, &t.sets.test, NetLoss::logistic, box, &output, "Circle: data and boundary"};
      const auto area = draw_boundary_plot(dl, ImVec2(0, 0), screen.boundary, plot, ctx.style);
      NetworkDiagram d{&t.net,
                       t.run.theta,
                       t.sets.features,
                       &units,
                       value_scale(NetLoss::logistic, t.sets.train, t.sets.test),
                       DiagramHit{DiagramEdge{1, 2, 5}}};
      const PixelRect diagram_area{screen.boundary.x, 0, screen.boundary.x + screen.diagram.x, screen.diagram.y};
      DiagramLayout layout;
      draw_network_diagram(dl, diagram_area, d, ctx.style, std::nullopt, &layout);
      const Image image = ctx.end();
      REQUIRE(area);
      CHECK(area->rect.x1 < screen.boundary.x);
      CHECK(area->rect.width() > 0.6f * screen.boundary.x);
      CHECK(layout.side >= 1.8f * screen.font);
      keep(image, "circle-" + suffix);
    }
}

TEST_CASE("a 7-16x6-1 spiral network's diagram stays usable at 1280x720", "[views]") {
  const std::vector<Feature> all = {Feature::x1,    Feature::x2,     Feature::x1_squared, Feature::x2_squared,
                                    Feature::x1_x2, Feature::sin_x1, Feature::sin_x2};
  const Trained t =
      train(Playground::spiral, {7, {16, 16, 16, 16, 16, 16}, Activation::tanh, NetLoss::logistic}, all, 300);
  REQUIRE_FALSE(t.run.diverged_at);
  const UnitMaps units = unit_maps(t.net, t.run.theta, all, kPlaygroundBox, 16);
  const UnitMaps output = unit_maps(t.net, t.run.theta, all, kPlaygroundBox, 100, UnitMapLayers::output);
  for (const Screen& screen : kScreens) {
    test::DrawingContext ctx(static_cast<int>(screen.boundary.x + screen.diagram.x),
                             static_cast<int>(screen.boundary.y), screen.font, Theme::light);
    ImDrawList& dl = ctx.begin();
    BoundaryPlot plot{&t.sets.train, &t.sets.test, NetLoss::logistic, kPlaygroundBox, &output, "Spiral, 300 steps"};
    draw_boundary_plot(dl, ImVec2(0, 0), screen.boundary, plot, ctx.style);
    NetworkDiagram d{&t.net, t.run.theta, all, &units, {}, std::nullopt};
    const PixelRect diagram_area{screen.boundary.x, 0, screen.boundary.x + screen.diagram.x, screen.diagram.y};
    DiagramLayout layout;
    draw_network_diagram(dl, diagram_area, d, ctx.style, std::nullopt, &layout);
    // Hovering an edge between two crowded columns picks it and writes its weight.
    const auto hit = draw_network_diagram(dl, diagram_area, d, ctx.style, layout.edge_curve({3, 4, 9})[4]);
    const Image image = ctx.end();
    CHECK(layout.side >= 0.95f * screen.font);
    CHECK(hit.has_value());
    keep(image, std::string("spiral-7-16x6-1-") + screen.name);
  }
}

TEST_CASE("a regression network's views: points and heat coloured by value on the targets' scale", "[views]") {
  const Trained t =
      train(Playground::multi_gauss, {2, {8}, Activation::tanh, NetLoss::mse}, {Feature::x1, Feature::x2}, 600);
  REQUIRE_FALSE(t.run.diverged_at);
  const UnitMaps output = unit_maps(t.net, t.run.theta, t.sets.features, kPlaygroundBox, 100, UnitMapLayers::output);
  const UnitMaps units = unit_maps(t.net, t.run.theta, t.sets.features, kPlaygroundBox, 20);
  const ValueScale scale = value_scale(NetLoss::mse, t.sets.train, t.sets.test);
  CHECK(scale.half > 0.5);
  for (const Screen& screen : kScreens) {
    test::DrawingContext ctx(static_cast<int>(screen.boundary.x + screen.diagram.x),
                             static_cast<int>(screen.boundary.y), screen.font, Theme::light);
    ImDrawList& dl = ctx.begin();
    BoundaryPlot plot{&t.sets.train,  &t.sets.test, NetLoss::mse,
                      kPlaygroundBox, &output,      "Multi-gauss: data and output"};
    REQUIRE(draw_boundary_plot(dl, ImVec2(0, 0), screen.boundary, plot, ctx.style));
    NetworkDiagram d{&t.net, t.run.theta, t.sets.features, &units, scale, std::nullopt};
    draw_network_diagram(dl, {screen.boundary.x, 0, screen.boundary.x + screen.diagram.x, screen.diagram.y}, d,
                         ctx.style, std::nullopt);
    keep(ctx.end(), std::string("multi-gauss-") + screen.name);
  }
}

TEST_CASE("a diverged network's NaN weights and outputs never reach a vertex", "[views]") {
  const Network net({2, {4}, Activation::tanh, NetLoss::logistic});
  std::vector<double> theta(net.parameter_count(), NAN);
  const std::vector<Feature> features = {Feature::x1, Feature::x2};
  const UnitMaps output = unit_maps(net, theta, features, kPlaygroundBox, 30, UnitMapLayers::output);
  const UnitMaps units = unit_maps(net, theta, features, kPlaygroundBox, 10);
  const NetData train{{1, 2}, {3, 4}, {0, 1}};
  test::DrawingContext ctx(900, 400, 13, Theme::dark);
  ImDrawList& dl = ctx.begin();
  BoundaryPlot plot{&train, nullptr, NetLoss::logistic, kPlaygroundBox, &output, "Diverged"};
  REQUIRE(draw_boundary_plot(dl, ImVec2(0, 0), ImVec2(420, 380), plot, ctx.style));
  NetworkDiagram d{&net, theta, features, &units, {}, DiagramHit{DiagramEdge{0, 1, 2}}};
  const auto hit = draw_network_diagram(dl, {440, 0, 900, 400}, d, ctx.style, Point2{700, 200});
  ctx.end();
  for (const ImDrawVert& v : dl.VtxBuffer) REQUIRE((std::isfinite(v.pos.x) && std::isfinite(v.pos.y)));
  CHECK(hit.has_value());
}

TEST_CASE("each view stays within what the page's renderer draws to one window (65,536 vertices)", "[views]") {
  // The page's OpenGL ES backend has no vertex offsets: a window's draw list indexes 16 bits.
  const std::vector<Feature> all = {Feature::x1,    Feature::x2,     Feature::x1_squared, Feature::x2_squared,
                                    Feature::x1_x2, Feature::sin_x1, Feature::sin_x2};
  const Network net({7, {16, 16, 16, 16, 16, 16}, Activation::tanh, NetLoss::logistic});
  const std::vector<double> theta = net.initial_weights(1);
  const UnitMaps units = unit_maps(net, theta, all, kPlaygroundBox, 20);
  const UnitMaps output = unit_maps(net, theta, all, kPlaygroundBox, 100, UnitMapLayers::output);
  const NetData rows = generate_playground({Playground::spiral, 500, 0.1, 1});
  for (const Screen& screen : kScreens) {
    test::DrawingContext ctx(1400, 600, screen.font, Theme::light);
    ImDrawList& dl = ctx.begin();
    BoundaryPlot plot{&rows, nullptr, NetLoss::logistic, kPlaygroundBox, &output, "Spiral"};
    REQUIRE(draw_boundary_plot(dl, ImVec2(0, 0), screen.boundary, plot, ctx.style));
    const int boundary = dl.VtxBuffer.Size;
    NetworkDiagram d{&net, theta, all, &units, {}, DiagramHit{DiagramEdge{2, 1, 1}}};
    draw_network_diagram(dl, {0, 0, screen.diagram.x, screen.diagram.y}, d, ctx.style, Point2{100, 100});
    const int diagram = dl.VtxBuffer.Size - boundary;
    ctx.end();
    CAPTURE(screen.name, boundary, diagram);
    CHECK(boundary < 40'000);
    CHECK(diagram < 40'000);
  }
}
