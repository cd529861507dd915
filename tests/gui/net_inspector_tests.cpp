// The inspector of a network scenario (issue 25, item 4): the weight chosen in the network view,
// named with its value, and its next update's parts with core's numbers (net_explain.hpp); a
// request to choose one when none is; the replay cached while the playhead stays, forward-only while
// it moves; explain mode playing the parameter's sub-steps in the inspector, the last one moving the
// playhead.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "drawn_text.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "net_explain.hpp"
#include "net_inspection.hpp"
#include "network_setup.hpp"
#include "panels.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::drawn_text;
using optviz::gui::test::HeadlessUi;

namespace {

Scenario small_network() {
  Scenario s = default_network_scenario();
  s.network->recipe->rows = 120;
  s.course.steps = 150;
  return s;
}

void settle(HeadlessUi& ui) {
  for (int i = 0; i < 60'000 && ui.state.model.training->busy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ui.frame();
  }
  ui.frame();
  REQUIRE_FALSE(ui.state.model.training->busy());
}

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
