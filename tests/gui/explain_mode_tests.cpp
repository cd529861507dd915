// "Explain the next update", headless: the key and the menu's action open it on the selected run
// at the playhead and pause the playback; the sub-steps play by themselves, Left and Right step
// through them, and after the last one the playhead has moved one step and the mode is closed.
// Every optimizer and a typed rule draw every sub-step in both themes, and in presentation mode.
#include <catch2/catch.hpp>

#include "explain_mode.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "language_scope.hpp"
#include "rule.hpp"
#include "ui.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;

TEST_CASE("E explains the selected run's next update, sub-step by sub-step, then moves the playhead") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  set_step(ui.state, 40);
  ui.state.model.playback.playing = true;
  ui.press(keys::kE);
  ExplainMode& x = ui.state.view.explain;
  REQUIRE(x.open);
  REQUIRE_FALSE(ui.state.model.playback.playing);
  REQUIRE(x.run == *ui.state.model.selected);
  const long at = current_step(ui.state);  // the frame of the key press still played one step
  REQUIRE(at >= 40);
  REQUIRE(x.explanation.step == at);
  const std::size_t parts = x.explanation.parts.size();
  REQUIRE(parts >= 4);
  REQUIRE(x.part == 0);
  REQUIRE(ui.state.view.animating);

  ui.press(keys::kRight);
  REQUIRE(x.part == 1);
  REQUIRE(current_step(ui.state) == at);  // the arrows go through the sub-steps, not the playhead
  ui.press(keys::kLeft);
  REQUIRE(x.part == 0);
  ui.press(keys::kSpace);
  REQUIRE_FALSE(x.playing);
  ui.frames(200);
  REQUIRE(x.part == 0);  // paused
  ui.press(keys::kSpace);
  REQUIRE(x.playing);

  // Playing: each sub-step shows for kExplainPartSeconds (60 frames a second), then the next.
  const int frames_per_part = static_cast<int>(kExplainPartSeconds * 60) + 2;
  ui.frames(frames_per_part);
  REQUIRE(x.part == 1);
  REQUIRE_FALSE(ui.state.model.playback.playing);
  ui.frames(frames_per_part * static_cast<int>(parts - 1));
  REQUIRE_FALSE(x.open);
  REQUIRE(current_step(ui.state) == at + 1);
  REQUIRE_FALSE(ui.state.model.playback.playing);

  // Moving the playhead while explaining explains the update there.
  ui.press(keys::kE);
  REQUIRE(x.open);
  REQUIRE(x.explanation.step == at + 1);
  ui.press(keys::kEnd);
  ui.frames(1);
  REQUIRE(x.explanation.step == last_step(ui.state));
  REQUIRE(x.explanation.parts.empty());
  REQUIRE(x.explanation.message.find("last step") != std::string::npos);
  ui.frames(300);  // a message waits to be closed
  REQUIRE(x.open);
  ui.press(keys::kEscape);
  REQUIRE_FALSE(x.open);
  REQUIRE_FALSE(ui.state.view.settings.presenting);  // Escape closed the explanation only
}

TEST_CASE("every optimizer and a typed rule draw every explained sub-step, in both themes and presenting") {
  Scenario s = default_scenario();
  s.course.runs.clear();
  s.looks.clear();
  for (OptimizerKind kind : optimizer_kinds()) add_run(s, kind);
  add_run(s, make_rule_run(Rule(kStarterRule)), make_look("typed RMSprop", s.looks.size()));
  s.course.runs[1].hyper.momentum = 0.9;
  for (const bool presenting : {false, true})
    for (const Theme theme : {Theme::dark, Theme::light}) {
      HeadlessUi ui(s, 1600, 1000);
      ui.state.view.settings.theme = theme;
      ui.state.view.settings.presenting = presenting;
      ui.frames(2);
      for (std::size_t run = 0; run < s.course.runs.size(); ++run) {
        ui.state.model.selected = run;
        set_step(ui.state, 3);
        start_explaining(ui.state);
        ui.state.view.explain.playing = false;
        REQUIRE(ui.state.view.explain.open);
        const std::size_t parts = ui.state.view.explain.explanation.parts.size();
        INFO(s.looks[run].label);
        REQUIRE(parts >= 2);
        for (std::size_t i = 0; i < parts; ++i) {
          ui.state.view.explain.part = i;
          ui.frames(1);
        }
        explain_next(ui.state);  // past the last sub-step
        REQUIRE(current_step(ui.state) == 4);
        REQUIRE_FALSE(ui.state.view.explain.open);
      }
    }
}

TEST_CASE("explaining with no run selected leaves a notice; removing the run closes it") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  ui.state.model.selected.reset();
  ui.press(keys::kE);
  REQUIRE_FALSE(ui.state.view.explain.open);
  REQUIRE(ui.state.view.notice.text == "Select a run to explain its next update");
  ui.state.model.selected = 0;
  ui.press(keys::kE);
  REQUIRE(ui.state.view.explain.open);
  remove_run(ui.state, 0);
  ui.state.model.selected.reset();
  ui.frames(2);
  REQUIRE_FALSE(ui.state.view.explain.open);
}

TEST_CASE("switching the language while explaining explains the same sub-step in the new language") {
  const optviz::testing::LanguageScope english_after("en");
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  set_step(ui.state, 10);
  ui.press(keys::kE);
  ExplainMode& x = ui.state.view.explain;
  REQUIRE(x.open);
  ui.press(keys::kSpace);  // paused at the first sub-step
  ui.press(keys::kRight);
  REQUIRE(x.part == 1);
  const std::string english = x.explanation.parts[1].title;
  ui.state.view.settings.language = "zh_CN";
  use_language(ui.state, "en");
  ui.frames(1);
  REQUIRE(x.open);
  CHECK(x.part == 1);
  CHECK(x.explanation.parts[1].title != english);
  CHECK(optviz::testing::has_chinese(x.explanation.parts[1].title));
  ui.state.view.settings.language = "en";
  use_language(ui.state, "en");
  ui.frames(1);
  CHECK(x.explanation.parts[1].title == english);
}
