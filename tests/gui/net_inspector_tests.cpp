// The inspector of a network scenario (issue 25, item 4): the weight chosen in the network view,
// named with its value, and its next update's parts with core's numbers (net_explain.hpp); a
// request to choose one when none is; the replay cached while the playhead stays, forward-only while
// it moves; explain mode playing the parameter's sub-steps in the inspector, the last one moving the
// playhead.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <tuple>

#include "../support/small_network.hpp"
#include "draw_list_image.hpp"
#include "drawn_text.hpp"
#include "explain_draw.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "net_explain.hpp"
#include "net_inspection.hpp"
#include "network_setup.hpp"
#include "panels.hpp"
#include "png_file.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::drawn_text;
using optviz::gui::test::HeadlessUi;

namespace {

Scenario small_network() { return small_network_scenario(120, 150); }

void settle(HeadlessUi& ui) { REQUIRE(gui::test::settle_training(ui)); }

}  // namespace

TEST_CASE("the network inspector names the chosen weight and shows its update's parts with core's numbers",
          "[network][inspector]") {
  HeadlessUi ui(small_network(), 1920, 1080);
  settle(ui);
  REQUIRE(ui.state.model.selected);
  CHECK(inspected_parameter_update(ui.state) == nullptr);
  CHECK(drawn_text().find("Click an edge in the network view to choose a weight") != std::string::npos);

  const NetStart& start = *ui.state.model.training->start();
  const std::size_t i = start.net.layers()[1].offset + 2;  // layer 2, W(0, 2)
  ui.state.view.selected_parameter = i;
  set_step(ui.state, 40);
  ui.frame();
  const std::size_t run = *ui.state.model.selected;
  const Scenario& s = ui.state.model.training->trained();
  ParameterReplay replay(start.net, start.theta, start.sets, s.course.runs[run], s.course.steps, s.course.seed, i);
  const Explanation expected = replay.explain(40);
  REQUIRE(expected.message.empty());
  const std::string text = drawn_text();
  CHECK(text.find("layer 2 weight from unit 3 to unit 1: w = " + explain_number(expected.theta_before.x)) !=
        std::string::npos);
  CHECK(text.find("update 40 → 41") != std::string::npos);
  // The values of the first parts (those the panel shows without scrolling), one number each.
  for (const InspectorRow& row : inspector_rows(expected)) {
    if (row.part > 1) continue;
    INFO(row.name);
    CHECK(text.find(row.x) != std::string::npos);
  }
  for (const char* title : {"The gradient", "Square the gradient", "Add it into the accumulator"})
    CHECK(text.find(title) != std::string::npos);

  // The playhead staying costs nothing; moving forward replays only the steps it moved.
  const std::uint64_t replays = ui.state.view.net_inspection.replays;
  ui.frames(3);
  CHECK(ui.state.view.net_inspection.replays == replays);
  set_step(ui.state, 60);
  ui.frame();
  CHECK(ui.state.view.net_inspection.replays == replays + 1);
  CHECK(ui.state.view.net_inspection.replay->restarts() == 1);
  CHECK(inspected_parameter_update(ui.state)->theta_before.x == replay.explain(60).theta_before.x);
  set_step(ui.state, s.course.steps);
  ui.frame();
  CHECK(drawn_text().find("no next update") != std::string::npos);
}

TEST_CASE("explain mode plays a network parameter's update in the inspector, then takes the step",
          "[network][inspector]") {
  HeadlessUi ui(small_network(), 1280, 720);
  settle(ui);
  ui.press(keys::kE);
  CHECK_FALSE(ui.state.view.explain.open);
  CHECK(ui.state.view.notice.text == "Click an edge in the network view to choose a weight to explain");

  const std::size_t bias = ui.state.model.training->start()->net.parameter_count() - 1;
  ui.state.view.selected_parameter = bias;
  set_step(ui.state, 10);
  ui.frame();
  ui.press(keys::kE);
  ui.frame();
  const ExplainMode& x = ui.state.view.explain;
  REQUIRE(x.open);
  CHECK(x.parameter == bias);
  CHECK(x.explanation.coordinates == 1);
  CHECK(x.explanation.step == 10);
  REQUIRE(x.explanation.parts.size() >= 4);
  CHECK(drawn_text().find(x.explanation.parts[x.part].title) != std::string::npos);
  CHECK(drawn_text().find("Update 11 of") != std::string::npos);
  const std::size_t parts = x.explanation.parts.size();
  for (std::size_t p = 0; p < parts; ++p) ui.press(keys::kRight);
  ui.frame();
  CHECK_FALSE(x.open);
  CHECK(current_step(ui.state) == 11);
}

TEST_CASE("a network parameter's explained update draws one square and arrows along one axis", "[network][inspector]") {
  Scenario s = small_network();
  const NetStart start = network_start(s);
  ParameterReplay replay(start.net, start.theta, start.sets, s.course.runs[2], s.course.steps, s.course.seed, 7);
  const Explanation e = replay.explain(20);
  REQUIRE(e.optimizer == "RMSprop");
  REQUIRE(e.parts.size() >= 5);
  // The inspector's width at 1920x1080 and 1280x720, at each one's text size.
  for (const auto& [w, h, font] : {std::tuple{440, 560, 18.0f}, std::tuple{300, 420, 13.0f}})
    for (const std::size_t part : {std::size_t{2}, std::size_t{3}}) {
      gui::test::DrawingContext ctx(w, h, font, Theme::dark);
      ImDrawList& dl = ctx.begin();
      ExplainStyle style;
      style.canvas = ctx.style;
      style.large_size = font * 1.15f;
      draw_explanation(dl, {0, 0, static_cast<float>(w), static_cast<float>(h)}, e, part, style, font * 1.6f);
      const Image image = ctx.end();
      if (const char* dir = std::getenv("OPTVIZ_VIEW_SHOTS"))
        write_png(
            std::filesystem::path(dir) / ("net-explain-" + std::to_string(h) + "-part" + std::to_string(part) + ".png"),
            image);
      // One accumulator square (part 2 adds g² into G, part 3 divides by its side): its colour lies in
      // the left half of the box only, where a 2D explanation would draw x's, and never in the right
      // part where it would draw y's.
      int left = 0, right = 0;
      const ImU32 fill = explain_accumulator_colour(false);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
          if (gui::test::pixel(image, x, y) == fill) (x < w * 3 / 4 ? left : right) += 1;
      INFO("height " << h << ", part " << part);
      CHECK(left > 20);
      CHECK(right == 0);
    }
}
