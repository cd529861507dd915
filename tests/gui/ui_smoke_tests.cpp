// The panels, headless: an ImGui context with no renderer and no GL draws every panel for many
// frames while runs are added, removed and duplicated, sliders go to their ends, runs diverge,
// files are opened and saved, and random input hammers the window. Debian's ImGui is built with
// its asserts on, so any misuse of ImGui aborts the test.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "algorithms.hpp"
#include "document.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "parameters.hpp"
#include "presets.hpp"
#include "run.hpp"
#include "run_name.hpp"
#include "scenario_file.hpp"
#include "settings.hpp"
#include "slide_layout.hpp"
#include "slider_scale.hpp"
#include "ui.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;
using optviz::gui::test::temp_dir;

namespace {

// Every invariant the panels must keep, whatever the input, once the next frame's update has
// taken what the last frame's panels edited.
void check_invariants(AppState& s) {
  update(s, ImGui::GetTime());
  REQUIRE(find_scenario_problem(s.model.scenario) == "");
  REQUIRE(s.model.problem == "");
  REQUIRE(s.model.runs.size() == s.model.scenario.course.runs.size());
  REQUIRE(s.model.simulated == s.model.scenario);
  REQUIRE(is_finite(s.view.settings.wanted.min));
  REQUIRE(is_finite(s.view.settings.wanted.max));
  REQUIRE(s.view.settings.wanted.max.x > s.view.settings.wanted.min.x);
  REQUIRE(s.view.settings.wanted.max.y > s.view.settings.wanted.min.y);
  REQUIRE(current_step(s) >= 0);
  REQUIRE(current_step(s) <= last_step(s));
  if (s.model.selected) REQUIRE(*s.model.selected < s.model.scenario.course.runs.size());
  const HeatmapRequest& r = s.view.heatmap_request;
  REQUIRE(r.width > 0);
  REQUIRE(r.height > 0);
  REQUIRE(is_finite(r.shown.min));
  REQUIRE(is_finite(r.shown.max));
  if (s.model.scenario.display.view == CanvasView::surface) REQUIRE(s.view.surface_scene.width > 0);
}

}  // namespace

TEST_CASE("every panel draws the default scenario for many frames while it plays") {
  HeadlessUi ui(default_scenario());
  ui.frames(3);
  check_invariants(ui.state);
  REQUIRE(ui.state.model.runs.size() == 4);
  REQUIRE(ui.state.model.selected == std::optional<std::size_t>(2));  // RMSprop, the inspector's first run
  const Layout& l = ui.state.view.layout;
  for (const PixelRect& r : {l.menu_bar, l.time_bar, l.controls, l.inspector, l.canvas, l.plots}) {
    REQUIRE(r.width() > 0);
    REQUIRE(r.height() > 0);
  }
  ui.press(keys::kSpace);
  REQUIRE(ui.state.model.playback.playing);
  ui.frames(120);
  // Two seconds at 60 steps per second.
  REQUIRE(current_step(ui.state) > 100);
  REQUIRE(current_step(ui.state) < 130);
  check_invariants(ui.state);
  ui.press(keys::kSpace);
  REQUIRE_FALSE(ui.state.model.playback.playing);
}

TEST_CASE("adding every optimizer, duplicating and removing runs keeps the panels drawing") {
  HeadlessUi ui(default_scenario());
  for (OptimizerKind kind : optimizer_kinds()) {
    REQUIRE(add_run(ui.state, kind));
    ui.frames(2);
    check_invariants(ui.state);
    REQUIRE(ui.state.model.scenario.course.runs.back().hyper.kind == kind);
    REQUIRE(ui.state.model.selected == ui.state.model.scenario.course.runs.size() - 1);
  }
  REQUIRE(ui.state.model.scenario.course.runs.size() == 4 + optimizer_kinds().size());
  REQUIRE(duplicate_run(ui.state, 2));
  ui.frames(2);
  REQUIRE(ui.state.model.scenario.course.runs[3].hyper == ui.state.model.scenario.course.runs[2].hyper);
  // An automatic name stays automatic; the copy, alike in every value, is told apart by its order.
  REQUIRE(ui.state.model.scenario.looks[3].label.empty());
  REQUIRE(run_name(ui.state.model.scenario, 3) == run_name(ui.state.model.scenario, 2) + " (2)");
  // The 16-run limit refuses politely.
  while (ui.state.model.scenario.course.runs.size() < kMaxRuns) REQUIRE(add_run(ui.state, OptimizerKind::adam));
  REQUIRE_FALSE(add_run(ui.state, OptimizerKind::adam));
  REQUIRE(ui.state.view.notice.error);
  ui.frames(2);
  check_invariants(ui.state);
  // Remove from the middle, then everything, drawing in between.
  remove_run(ui.state, 5);
  ui.frames(2);
  while (!ui.state.model.scenario.course.runs.empty()) {
    remove_run(ui.state, ui.state.model.scenario.course.runs.size() / 2);
    ui.frames(1);
    check_invariants(ui.state);
  }
  REQUIRE_FALSE(ui.state.model.selected);
  ui.frames(5);
  REQUIRE(add_run(ui.state, OptimizerKind::sgd));
  ui.frames(2);
  check_invariants(ui.state);
}

TEST_CASE("every slider at both ends, for every optimizer, gives a valid scenario") {
  Scenario s = default_scenario();
  s.course.runs.clear();
  s.looks.clear();
  s.course.steps = 300;
  HeadlessUi ui(s);
  for (OptimizerKind kind : optimizer_kinds()) add_run(ui.state, kind);
  int diverged = 0;
  for (const double position : {0.0, 1.0, 0.5}) {
    for (RunSpec& run : ui.state.model.scenario.course.runs) {
      for (const RealParameter& p : real_parameters()) {
        if (!p.applies_to(run.hyper.kind)) continue;
        run.hyper.*p.member = slider_value(slider_mapping(p), position);
      }
      for (const FlagParameter& f : flag_parameters())
        if (f.applies_to(run.hyper.kind)) run.hyper.*f.member = position > 0.5;
    }
    ui.frames(3);
    check_invariants(ui.state);
    for (std::size_t i = 0; i < ui.state.model.runs.size(); ++i) {
      ui.state.model.selected = i;
      set_step(ui.state, last_step(ui.state) / 2);
      ui.frames(1);
      if (ui.state.model.runs[i].diverged_at) ++diverged;
    }
  }
  // The right ends (eta 10, rho 1, ...) make some runs diverge: shown, not crashed.
  REQUIRE(diverged > 0);
}

TEST_CASE("a diverged run is drawn and inspected at and after its last step") {
  Scenario s = default_scenario();
  s.course.runs[0].hyper.eta = 1e6;  // SGD + momentum with eta 1e6 leaves the plane at once
  HeadlessUi ui(s);
  const Trajectory& t = ui.state.model.runs[0];
  REQUIRE(t.diverged_at);
  REQUIRE(*t.diverged_at < 10);
  ui.state.model.selected = 0;
  for (long step : {0L, *t.diverged_at - 1, *t.diverged_at, *t.diverged_at + 1, last_step(ui.state)}) {
    set_step(ui.state, step);
    ui.frames(2);
    check_invariants(ui.state);
  }
  ui.state.view.settings.wanted = {{-1e11, -1e11}, {1e11, 1e11}};  // zoomed far out, where it went
  ui.frames(2);
  check_invariants(ui.state);
}

TEST_CASE("every function, colour scale and lesson preset draws") {
  HeadlessUi ui(default_scenario());
  for (const TestFunction& f : test_functions()) {
    select_function(ui.state, std::string(f.name));
    for (ColourScale scale : {ColourScale::log, ColourScale::linear}) {
      ui.state.model.scenario.display.colour_scale = scale;
      ui.frames(2);
      check_invariants(ui.state);
      REQUIRE(ui.state.model.heatmap.high > ui.state.model.heatmap.low);
      REQUIRE(ui.state.view.heatmap_request.objective == Objective(f));
    }
  }
  const auto& presets = lesson_presets();
  REQUIRE_FALSE(presets.empty());
  for (std::size_t i = 0; i < presets.size(); ++i) {
    ui.state.view.requests.load_preset = i;
    ui.frames(3);
    if (i == 0) {  // the functions above modified the scenario: the first lesson asks before discarding it
      REQUIRE(ui.state.view.document.asking.kind == Replacement::lesson);
      answer_unsaved(ui.state, UnsavedAnswer::dont_save);
      ui.frames(3);
    }
    check_invariants(ui.state);
    REQUIRE(ui.state.model.scenario.title == presets[i].title);
    REQUIRE(ui.state.view.dialogs.lesson_info);
  }
}

TEST_CASE("the keyboard shortcuts do what the help says") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  set_step(ui.state, 10);
  ui.press(keys::kRight);
  REQUIRE(current_step(ui.state) == 11);
  ui.press(keys::kRight, false, true);
  REQUIRE(current_step(ui.state) == 21);
  ui.press(keys::kLeft, true);
  REQUIRE(current_step(ui.state) == 0);
  ui.press(keys::kEnd);
  REQUIRE(current_step(ui.state) == last_step(ui.state));
  ui.press(keys::kHome);
  REQUIRE(current_step(ui.state) == 0);
  const double speed = ui.state.model.playback.speed;
  ui.press(keys::kUp);
  REQUIRE(ui.state.model.playback.speed == speed * 2);
  ui.press(keys::kL);
  REQUIRE(ui.state.model.playback.loop);
  ui.press(keys::kEqual);  // zoom in around the centre
  REQUIRE(ui.state.view.settings.wanted.max.x - ui.state.view.settings.wanted.min.x < 4);
  ui.press(keys::kF);
  REQUIRE(ui.state.view.settings.wanted.min == ui.state.model.scenario.view.min);
  ui.press(keys::kEqual, true);  // Ctrl +: larger text, fonts rebuilt at the new size
  REQUIRE(ui.state.view.settings.ui_scale > 1);
  REQUIRE(ImGui::GetFontSize() > kBaseFontSize);
  ui.press(keys::kZero, true);
  REQUIRE(ui.state.view.settings.ui_scale == 1);
  ui.press(keys::kT);
  REQUIRE(ui.state.view.settings.theme == Theme::light);
  ui.frames(2);
  ui.press(keys::kOne);
  REQUIRE(ui.state.model.selected == std::optional<std::size_t>(0));
  ui.press(keys::kRightBracket);
  REQUIRE(ui.state.model.selected == std::optional<std::size_t>(1));
  ui.press(keys::kD, true);  // Ctrl+D duplicates the inspected run
  REQUIRE(ui.state.model.scenario.course.runs.size() == 5);
  ui.press(keys::kDelete);
  REQUIRE(ui.state.model.scenario.course.runs.size() == 4);
  ui.press(keys::kF1);
  REQUIRE(ui.state.view.settings.show_help);
  ui.frames(2);
  ui.press(keys::kEscape);
  REQUIRE_FALSE(ui.state.view.settings.show_help);
  ui.press(keys::kR);
  REQUIRE(ui.state.model.playback.playing);
  check_invariants(ui.state);
}

TEST_CASE("presentation mode: the lesson as its slide, the edges reveal the panels, Escape leaves") {
  HeadlessUi ui(lesson_presets()[0], 1280, 720);
  ui.state.view.dialogs.lesson_info = true;
  ui.frames(2);
  ui.press(keys::kF11);
  ui.frames(2);
  REQUIRE(ui.state.view.settings.presenting);
  const Layout& l = ui.state.view.layout;
  REQUIRE(l.canvas.width() >= 1280 / 2);
  REQUIRE(l.controls.width() == 0);
  REQUIRE(l.header.height() > 0);  // the lesson's title
  REQUIRE(l.lesson.height() > 0);  // its text
  REQUIRE(l.plots.width() > 0);    // its plots, without a key
  REQUIRE(l.lesson.y1 <= l.time_bar.y0);
  REQUIRE_FALSE(overlap(l.lesson, l.plots));
  REQUIRE_FALSE(overlap(l.lesson, l.canvas));
  const float canvas_with_plots = l.canvas.width();
  check_invariants(ui.state);
  const auto pointer_at = [&](float x, float y) {
    for (int i = 0; i < 3; ++i) ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
  };
  pointer_at(1, 360);
  REQUIRE(ui.state.view.settings.presentation.controls);
  REQUIRE(l.controls.width() > 0);
  pointer_at(l.controls.x1 - 10, 300);  // over the controls: they stay
  REQUIRE(ui.state.view.settings.presentation.controls);
  pointer_at(900, 300);
  REQUIRE_FALSE(ui.state.view.settings.presentation.controls);
  pointer_at(640, 0);
  REQUIRE(ui.state.view.settings.presentation.menu);
  REQUIRE(l.menu_bar.height() > 0);
  pointer_at(640, 400);
  REQUIRE_FALSE(ui.state.view.settings.presentation.menu);
  ui.press(keys::kG);  // the plots hidden: the canvas takes their room
  ui.frames(2);
  REQUIRE(l.plots.width() == 0);
  REQUIRE(l.canvas.width() > canvas_with_plots);
  ui.press(keys::kEscape);  // first closes the lesson's text
  REQUIRE(ui.state.view.settings.presenting);
  ui.frames(1);
  REQUIRE(l.lesson.height() == 0);
  ui.press(keys::kEscape);  // then leaves
  ui.frames(2);
  REQUIRE_FALSE(ui.state.view.settings.presenting);
  REQUIRE(l.controls.width() > 0);
  check_invariants(ui.state);
}

TEST_CASE("UI scales and window sizes from tiny to 8K draw without overlap of the main areas") {
  for (const float scale : {0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f}) {
    for (const auto& [w, h] : {std::pair{320.0f, 320.0f}, {1280.0f, 800.0f}, {1920.0f, 1080.0f}, {7680.0f, 4320.0f}}) {
      HeadlessUi ui(default_scenario(), w, h, scale);
      ui.frames(3);
      check_invariants(ui.state);
      const Layout& l = ui.state.view.layout;
      REQUIRE(l.canvas.x0 >= l.controls.x1);
      REQUIRE(l.canvas.y0 >= l.time_bar.y1);
      REQUIRE(l.canvas.x1 <= w);
      REQUIRE(l.canvas.y1 <= h);
      if (l.plots_beside) {
        REQUIRE(l.plots.x0 >= l.canvas.x1);
      } else {
        REQUIRE(l.plots.y0 >= l.canvas.y1);
      }
    }
  }
}

TEST_CASE("saving and opening scenarios, and a bad file leaves the scenario as it was") {
  const auto dir = temp_dir("files");
  HeadlessUi ui(default_scenario());
  ui.state.model.scenario.course.runs[1].hyper.eta = 0.25;
  ui.frames(2);
  ui.state.view.dialogs.scenario_path = (dir / "lesson.json").string();
  ui.state.view.requests.save_scenario = true;
  ui.frames(1);
  REQUIRE_FALSE(ui.state.view.notice.error);
  REQUIRE(std::filesystem::exists(dir / "lesson.json"));

  const Scenario saved = ui.state.model.scenario;
  ui.state.view.requests.new_scenario = true;  // nothing to ask: the scenario was just saved
  ui.frames(1);
  REQUIRE(ui.state.model.scenario.course.runs != saved.course.runs);
  ui.state.view.requests.open_scenario = true;
  ui.frames(2);
  REQUIRE_FALSE(ui.state.view.notice.error);
  REQUIRE(ui.state.model.scenario.course.runs == saved.course.runs);

  {
    std::FILE* bad = std::fopen((dir / "bad.json").c_str(), "w");
    std::fputs("{\"version\": 1, \"function\": \"rosenbrock\", \"start\": [0, 0], \"steps\": -3, \"runs\": []}", bad);
    std::fclose(bad);
  }
  ui.state.view.dialogs.scenario_path = (dir / "bad.json").string();
  ui.state.view.requests.open_scenario = true;
  ui.frames(2);
  REQUIRE(ui.state.view.notice.error);
  REQUIRE(ui.state.view.notice.text.find("steps") != std::string::npos);
  REQUIRE(ui.state.model.scenario.course.runs == saved.course.runs);

  ui.state.view.dialogs.scenario_path = (dir / "missing.json").string();
  ui.state.view.requests.open_scenario = true;
  ui.frames(1);
  REQUIRE(ui.state.view.notice.error);
  REQUIRE(ui.state.model.scenario.course.runs == saved.course.runs);

  ui.state.view.dialogs.csv_directory = (dir / "runs").string();
  ui.state.view.requests.export_csv = true;
  ui.frames(1);
  REQUIRE_FALSE(ui.state.view.notice.error);
  REQUIRE(std::filesystem::exists(dir / "runs" / "summary.json"));

  ui.state.view.dialogs.csv_directory = "/proc/optviz-cannot-write-here";
  ui.state.view.requests.export_csv = true;
  ui.frames(1);
  REQUIRE(ui.state.view.notice.error);
  std::filesystem::remove_all(dir);
}

TEST_CASE("random mouse and keyboard input for many frames keeps every invariant") {
  const auto dir = temp_dir("monkey");
  HeadlessUi ui(default_scenario());
  // Random clicks may press Save or Export: keep what they write in a temporary directory.
  ui.state.view.dialogs.scenario_path = (dir / "scenario.json").string();
  ui.state.view.dialogs.csv_directory = (dir / "runs").string();
  std::mt19937 random(12345);
  std::uniform_real_distribution<float> x(-20, 1300), y(-20, 820), unit(0, 1);
  const int keys_to_try[] = {
      keys::kSpace, keys::kLeft, keys::kRight,  keys::kHome,  keys::kEnd, keys::kF,           keys::kL,
      keys::kA,     keys::kR,    keys::kEqual,  keys::kMinus, keys::kOne, keys::kLeftBracket, keys::kRightBracket,
      keys::kUp,    keys::kDown, keys::kEscape, keys::kT,     keys::kF11, keys::kG,           keys::kV};
  ImVec2 mouse(640, 400);
  bool down = false;
  for (int frame = 0; frame < 1500; ++frame) {
    ui.frame([&](ImGuiIO& io) {
      const float u = unit(random);
      if (u < 0.3f)
        mouse = ImVec2(x(random), y(random));
      else
        mouse = ImVec2(mouse.x + (unit(random) - 0.5f) * 40, mouse.y + (unit(random) - 0.5f) * 40);
      io.MousePos = mouse;
      if (unit(random) < 0.15f) down = !down;
      io.MouseDown[0] = down;
      io.MouseDown[1] = unit(random) < 0.02f;
      io.MouseWheel = unit(random) < 0.05f ? (unit(random) - 0.5f) * 6 : 0.0f;
      for (const int k : keys_to_try) io.KeysDown[k] = false;
      if (unit(random) < 0.05f) io.KeysDown[keys_to_try[random() % std::size(keys_to_try)]] = true;
    });
    check_invariants(ui.state);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("the settings survive a save and load, and a broken file gives the defaults") {
  const auto dir = temp_dir("settings");
  HeadlessUi ui(default_scenario());
  ui.state.view.settings.theme = Theme::light;
  ui.state.view.settings.splitters.controls_width = 410;
  ui.state.view.settings.splitters.inspector_fraction = 0.3f;
  ui.state.model.playback.speed = 240;
  ui.state.view.settings.show_arrows = false;
  WindowPlacement window;
  window.x = 40, window.y = 30, window.width = 1500, window.height = 900, window.known = true;
  save_settings(dir, settings_of(ui.state, window));

  const Settings loaded = load_settings(dir);
  REQUIRE(loaded.window.known);
  REQUIRE(loaded.window.width == 1500);
  REQUIRE(loaded.window.x == 40);
  AppState fresh = make_state(default_scenario());
  apply_settings(fresh, loaded);
  REQUIRE(fresh.view.settings.theme == Theme::light);
  REQUIRE(fresh.view.settings.splitters == ui.state.view.settings.splitters);
  REQUIRE(fresh.model.playback.speed == 240);
  REQUIRE_FALSE(fresh.view.settings.show_arrows);

  {
    std::FILE* f = std::fopen((dir / "settings.json").c_str(), "w");
    std::fputs("{\"theme\": 3, \"ui_scale\": \"big\", \"window\": {\"width\": -5}, \"speed\": 1e999", f);
    std::fclose(f);
  }
  const Settings broken = load_settings(dir);
  REQUIRE(broken.view.theme == Theme::dark);
  REQUIRE_FALSE(broken.window.known);
  REQUIRE(broken.view.ui_scale == 1);
  REQUIRE(load_settings(dir / "missing").playback.speed == Settings{}.playback.speed);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the config directory follows XDG_CONFIG_HOME, then HOME, never the working directory") {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const std::string saved_xdg = xdg != nullptr ? xdg : "";
  ::setenv("XDG_CONFIG_HOME", "/tmp/optviz-xdg", 1);
  REQUIRE(config_directory() == std::filesystem::path("/tmp/optviz-xdg/optviz"));
  ::setenv("XDG_CONFIG_HOME", "relative/path", 1);  // not absolute: ignored, as the XDG spec says
  REQUIRE((config_directory().empty() || config_directory().is_absolute()));
  if (xdg != nullptr) {
    ::setenv("XDG_CONFIG_HOME", saved_xdg.c_str(), 1);
  } else {
    ::unsetenv("XDG_CONFIG_HOME");
  }
}

TEST_CASE("a typed formula is live; a bad one keeps the last function and says where it is wrong") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  type_formula(ui.state, "x^2 + 3*y^2");
  ui.frames(3);
  REQUIRE(ui.state.model.simulated.course.objective == Objective::typed("x^2 + 3*y^2"));
  REQUIRE(ui.state.model.formula.error.empty());
  // The minimum search ran for the new function: its star is at the origin.
  REQUIRE(ui.state.model.simulated.course.objective.minima().size() == 1);
  CHECK(std::hypot(ui.state.model.simulated.course.objective.minima()[0].x,
                   ui.state.model.simulated.course.objective.minima()[0].y) < 1e-9);
  const std::uint64_t generation = ui.state.model.generation;
  type_formula(ui.state, "x^2 + 3*y^2 + (");
  ui.frames(3);
  CHECK(ui.state.model.formula.error == "expected a number, a name or '(', got the end of the formula");
  CHECK(ui.state.model.formula.column == 16);
  CHECK(ui.state.model.formula.text == "x^2 + 3*y^2 + (");
  CHECK(ui.state.model.simulated.course.objective == Objective::typed("x^2 + 3*y^2"));
  CHECK(ui.state.model.generation == generation);  // nothing was simulated again
  check_invariants(ui.state);
  type_formula(ui.state, "sin(x)*cos(y)");
  ui.frames(2);
  CHECK(ui.state.model.formula.error.empty());
  CHECK(ui.state.model.simulated.course.objective == Objective::typed("sin(x)*cos(y)"));
  select_function(ui.state, "beale");
  ui.frames(2);
  CHECK(ui.state.model.simulated.course.objective == Objective(*find_function("beale")));
}

TEST_CASE("a run can be a typed rule: live errors, sliders for what it reads, plots and inspector") {
  HeadlessUi ui(default_scenario());
  ui.state.model.selected = 2;
  change_to_rule(ui.state, 2);
  ui.frames(3);
  const RunSpec& run = ui.state.model.scenario.course.runs[2];
  REQUIRE(run.rule);
  const std::string converted = rule_text(run.hyper);  // RMSprop's algorithm with the run's values
  CHECK(run.rule->text() == converted);
  CHECK(ui.state.model.scenario.looks[2].accumulator == "G");
  check_invariants(ui.state);
  // The rule is RMSprop's: the run is the same as the built-in one with the same numbers.
  Hyperparameters h = run.hyper;
  h.kind = OptimizerKind::rmsprop;
  const Trajectory builtin = optviz::run(ui.state.model.scenario.course.objective, h,
                                         ui.state.model.scenario.course.start, ui.state.model.scenario.course.steps);
  REQUIRE(builtin.rows() == ui.state.model.runs[2].rows());
  for (std::size_t k = 0; k < builtin.rows(); ++k) {
    CHECK(ui.state.model.runs[2].position[k].x == Approx(builtin.position[k].x).epsilon(1e-12));
    CHECK(ui.state.model.runs[2].position[k].y == Approx(builtin.position[k].y).epsilon(1e-12));
  }
  type_rule(ui.state, 2, "m = 0.9*m + g\ntheta = theta - eta*m +");
  ui.frames(2);
  CHECK(rule_edit(ui.state, 2).error == "expected a number, a name or '(', got the end of the formula");
  CHECK(rule_edit(ui.state, 2).column == 38);
  CHECK(ui.state.model.simulated.course.runs[2].rule->text() == converted);
  type_rule(ui.state, 2, "m = 0.9*m + g\ntheta = theta - eta*m");
  ui.frames(2);
  CHECK(rule_edit(ui.state, 2).error.empty());
  CHECK(ui.state.model.simulated.looks[2].accumulator == "m");  // G is gone: the first state variable
  std::vector<std::string> reads;
  for (const RealParameter* p : parameters_of(ui.state.model.scenario.course.runs[2])) reads.emplace_back(p->name);
  CHECK(reads == std::vector<std::string>{"eta"});
  // Every step of the run, inspected; duplicating and removing keep the fields with their runs.
  for (long step = 0; step <= last_step(ui.state); step += 37) {
    set_step(ui.state, step);
    ui.frame();
  }
  duplicate_run(ui.state, 2);
  ui.frames(2);
  CHECK(rule_edit(ui.state, 3).text == "m = 0.9*m + g\ntheta = theta - eta*m");
  remove_run(ui.state, 2);
  ui.frames(2);
  CHECK(rule_edit(ui.state, 2).text == "m = 0.9*m + g\ntheta = theta - eta*m");
  change_optimizer(ui.state, 2, OptimizerKind::adam);
  ui.frames(2);
  CHECK_FALSE(ui.state.model.scenario.course.runs[2].rule);
  check_invariants(ui.state);
}

namespace {

// Linear regression on points the app draws, with the three runs of a lesson on noise: SGD on
// noisy shuffled mini-batches, RMSprop on mini-batches, Adam on the full batch with a cosine
// schedule and warm-up.
Scenario noisy_data_scenario() {
  Scenario s;
  s.course.objective = Objective::from_data(generate_data(DataRecipe{}), DataLoss::linear, "64 generated points");
  s.view = s.course.objective.view();
  s.course.start = {-2, 2.5};
  s.course.steps = 300;
  s.course.seed = 7;
  RunSpec sgd = make_run(OptimizerKind::sgd);
  sgd.hyper.eta = 0.05;
  sgd.batch = 8;
  sgd.shuffle = true;
  sgd.noise = 0.5;
  RunSpec rmsprop = make_run(OptimizerKind::rmsprop);
  rmsprop.hyper.eta = 0.03;
  rmsprop.batch = 8;
  RunSpec adam = make_run(OptimizerKind::adam);
  adam.hyper.eta = 0.1;
  adam.schedule.kind = ScheduleKind::cosine;
  adam.schedule.warmup = 30;
  s.course.runs = {sgd, rmsprop, adam};
  s.looks = {make_look("SGD", 0, sgd), make_look("RMSprop", 1, rmsprop), make_look("Adam", 2, adam)};
  return s;
}

void write_text(const std::filesystem::path& path, const char* text) {
  std::FILE* file = std::fopen(path.c_str(), "w");
  REQUIRE(file != nullptr);
  std::fputs(text, file);
  std::fclose(file);
}

// The mouse over the middle of the data plot, the first plot of the plots panel.
void hover_data_plot(HeadlessUi& ui, int frames) {
  const PixelRect p = ui.state.view.layout.plots;
  for (int i = 0; i < frames; ++i)
    ui.frame([&](ImGuiIO& io) {
      io.MousePos = ui.state.view.layout.plots_beside ? ImVec2((p.x0 + p.x1) / 2, p.y0 + p.height() * 0.18f)
                                                      : ImVec2(p.x0 + p.width() * 0.12f, (p.y0 + p.y1) / 2);
    });
}

}  // namespace

TEST_CASE("a generated data set from the function combo: both losses, the data panel for many frames") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  choose_generated_data(ui.state, DataLoss::linear);
  ui.frames(3);
  check_invariants(ui.state);
  const Objective& f = ui.state.model.simulated.course.objective;
  REQUIRE(f.is_data());
  REQUIRE(f.loss() == DataLoss::linear);
  REQUIRE(function_is_generated(ui.state));
  CHECK(f.data()->size() == DataRecipe{}.points);
  CHECK(f.title() == "Linear regression on 64 generated points");
  CHECK(ui.state.model.scenario.view == f.view());
  // The minimum is near the recipe's true line y = 2x - 1.
  REQUIRE(f.minima().size() == 1);
  CHECK(f.minima()[0].x == Approx(2).margin(0.3));
  CHECK(f.minima()[0].y == Approx(-1).margin(0.3));

  // Noisy mini-batches on every run, then play and look at the models from every side.
  for (std::size_t i = 0; i < ui.state.model.scenario.course.runs.size(); ++i) {
    set_batch(ui.state, i, 8);
    ui.state.model.scenario.course.runs[i].shuffle = i % 2 == 0;
    ui.state.model.scenario.course.runs[i].noise = 0.3;
  }
  ui.frames(2);
  check_invariants(ui.state);
  ui.press(keys::kSpace);
  ui.frames(150);
  check_invariants(ui.state);
  hover_data_plot(ui, 5);

  // The recipe's fields draw the points again; fewer points than a batch shrink the batch.
  ui.state.model.generated.recipe.points = 5;
  ui.state.model.generated.recipe.noise = 0;
  regenerate_data(ui.state);
  ui.frames(2);
  check_invariants(ui.state);
  CHECK(ui.state.model.simulated.course.objective.data()->size() == 5);
  for (const RunSpec& run : ui.state.model.scenario.course.runs) CHECK(run.batch == 5);
  ui.state.model.generated.recipe.points = 200;
  regenerate_data(ui.state);
  ui.frames(2);
  const Dataset before = *ui.state.model.simulated.course.objective.data();
  new_data_points(ui.state);
  ui.frames(2);
  CHECK(ui.state.model.simulated.course.objective.data()->size() == 200);
  CHECK(ui.state.model.simulated.course.objective.data()->x != before.x);
  CHECK(ui.state.model.generated.recipe.seed != DataRecipe{}.seed);
  // An x range that is not one keeps the points and says why.
  ui.state.model.generated.recipe.x_max = ui.state.model.generated.recipe.x_min;
  regenerate_data(ui.state);
  CHECK(ui.state.view.notice.error);
  CHECK(*ui.state.model.scenario.course.objective.data() == *ui.state.model.simulated.course.objective.data());
  ui.state.model.generated.recipe.x_max = 3;

  choose_generated_data(ui.state, DataLoss::logistic);
  ui.frames(3);
  check_invariants(ui.state);
  REQUIRE(ui.state.model.simulated.course.objective.loss() == DataLoss::logistic);
  for (const double y : ui.state.model.simulated.course.objective.data()->y) REQUIRE((y == 0 || y == 1));
  set_step(ui.state, 0);
  ui.press(keys::kSpace);
  ui.frames(150);
  hover_data_plot(ui, 5);
  check_invariants(ui.state);
  // Narrow, large and light, the four plots share the strip under the canvas.
  ui.resize(900, 700);
  ui.state.view.settings.theme = Theme::light;
  ui.frames(30);
  hover_data_plot(ui, 5);
  check_invariants(ui.state);
  REQUIRE_FALSE(ui.state.view.layout.plots_beside);

  // Back to a function of the plane: the mini-batches end with the data.
  select_function(ui.state, "rosenbrock");
  ui.frames(2);
  check_invariants(ui.state);
  for (const RunSpec& run : ui.state.model.scenario.course.runs) {
    CHECK(run.batch == 0);
    CHECK_FALSE(run.shuffle);
  }
  CHECK_FALSE(function_is_generated(ui.state));
}

TEST_CASE("opening a data file: a bad CSV keeps the previous function and says why") {
  const auto dir = temp_dir("data");
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  const Objective rosenbrock = ui.state.model.simulated.course.objective;
  const auto open = [&](const std::filesystem::path& path, DataLoss loss) {
    ui.state.view.dialogs.open_data = true;
    ui.state.view.dialogs.data_path = path.string();
    ui.state.view.dialogs.data_loss = loss;
    ui.state.view.requests.open_data = true;
    ui.frames(2);
  };
  write_text(dir / "bad.csv", "x,y\n1,2\n3,abc\n");
  open(dir / "bad.csv", DataLoss::linear);
  CHECK(ui.state.view.notice.error);
  CHECK(ui.state.view.notice.text.find("abc") != std::string::npos);
  CHECK(ui.state.view.dialogs.open_data);  // the dialog stays, with the error
  CHECK(ui.state.model.simulated.course.objective == rosenbrock);
  check_invariants(ui.state);

  write_text(dir / "no-y.csv", "x,z\n1,2\n");
  open(dir / "no-y.csv", DataLoss::linear);
  CHECK(ui.state.view.notice.error);
  CHECK(ui.state.model.simulated.course.objective == rosenbrock);
  open(dir / "missing.csv", DataLoss::linear);
  CHECK(ui.state.view.notice.error);
  CHECK(ui.state.model.simulated.course.objective == rosenbrock);

  // Labels that are not 0 or 1 do not make a logistic loss; the same file is a fine linear one.
  write_text(dir / "line.csv", "x,y\n-1,-3\n0,-1\n1,1.2\n2,2.9\n");
  open(dir / "line.csv", DataLoss::logistic);
  CHECK(ui.state.view.notice.error);
  CHECK(ui.state.view.notice.text.find("label") != std::string::npos);
  CHECK(ui.state.model.simulated.course.objective == rosenbrock);
  open(dir / "line.csv", DataLoss::linear);
  CHECK_FALSE(ui.state.view.notice.error);
  CHECK_FALSE(ui.state.view.dialogs.open_data);
  check_invariants(ui.state);
  REQUIRE(ui.state.model.simulated.course.objective.is_data());
  CHECK(ui.state.model.simulated.course.objective.source() == "line.csv");
  CHECK(ui.state.model.simulated.course.objective.data()->size() == 4);
  CHECK_FALSE(function_is_generated(ui.state));
  const Objective line = ui.state.model.simulated.course.objective;
  change_data_loss(ui.state, DataLoss::logistic);
  ui.frames(2);
  CHECK(ui.state.view.notice.error);
  CHECK(ui.state.model.simulated.course.objective == line);
  check_invariants(ui.state);
  hover_data_plot(ui, 3);

  write_text(dir / "classes.csv", "x,y,extra\n-2,0,9\n-1,0,9\n0,1,9\n1,0,9\n2,1,9\n");
  open(dir / "classes.csv", DataLoss::logistic);
  CHECK_FALSE(ui.state.view.notice.error);
  CHECK(ui.state.model.simulated.course.objective.loss() == DataLoss::logistic);
  ui.frames(10);
  check_invariants(ui.state);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the schedule fields of every kind draw, and the step size plot reads eta_t") {
  Scenario s = noisy_data_scenario();
  s.course.runs = {s.course.runs[0]};  // SGD: its step size is eta_t itself
  s.looks = {s.looks[0]};
  s.course.runs[0].noise = 0;
  HeadlessUi ui(s);
  ui.frames(2);
  REQUIRE(ui.state.model.selected == std::optional<std::size_t>(0));  // its section is open
  for (const ScheduleKind kind : schedule_kinds()) {
    for (const long warmup : {0L, 40L}) {
      Schedule& schedule = ui.state.model.scenario.course.runs[0].schedule;
      schedule = Schedule{};
      schedule.kind = kind;
      schedule.step_size = 50;
      schedule.gamma = kind == ScheduleKind::exponential ? 0.99 : 0.5;
      schedule.eta_min = kind == ScheduleKind::cosine ? 0.001 : 0;
      schedule.warmup = warmup;
      ui.frames(3);
      check_invariants(ui.state);
      set_step(ui.state, 120);
      ui.frames(2);
      const RunSpec& run = ui.state.model.simulated.course.runs[0];
      const Trajectory& t = ui.state.model.runs[0];
      REQUIRE(t.step_size.size() == static_cast<std::size_t>(s.course.steps));
      for (long update = 1; update <= s.course.steps; update += 23) {
        const double eta = run.schedule.eta(update, run.hyper.eta, s.course.steps);
        CHECK(t.step_size[static_cast<std::size_t>(update - 1)].x == Approx(eta).epsilon(1e-12));
        CHECK(t.step_size[static_cast<std::size_t>(update - 1)].y == Approx(eta).epsilon(1e-12));
      }
    }
  }
  // The legend of a figure names the schedule and the batches.
  CHECK(parameter_summary(ui.state.model.scenario.course.runs[0]).find("1/√t, warm-up 40") != std::string::npos);
  CHECK(parameter_summary(ui.state.model.scenario.course.runs[0]).find("batch 8, shuffled") != std::string::npos);
}

TEST_CASE("the spread draws other seeds without simulating the runs again, and only when the maths changes") {
  HeadlessUi ui(noisy_data_scenario());
  ui.frames(2);
  const std::uint64_t generation = ui.state.model.generation;
  const Trajectory sgd = ui.state.model.runs[0];
  CHECK(ui.state.model.spread.runs.empty());
  ui.state.view.settings.show_spread = true;
  ui.frames(3);
  check_invariants(ui.state);
  CHECK(ui.state.model.generation == generation);  // the runs were not simulated again
  CHECK(ui.state.model.runs[0].position == sgd.position);
  const Spread& spread = ui.state.model.spread;
  CHECK(spread.computations == 1);
  CHECK(spread.problem.empty());
  REQUIRE(spread.runs.size() == 3);
  // SGD (noise, shuffled batches): 8 other seeds and a noiseless reference; RMSprop (batches in
  // file order): no seeds, a reference; Adam (full batch, no noise): nothing.
  REQUIRE(spread.runs[0].seeds.size() == static_cast<std::size_t>(kSpreadSeeds));
  CHECK(spread.runs[1].seeds.empty());
  CHECK(spread.runs[2].seeds.empty());
  CHECK(spread.runs[0].reference.rows() == 301);
  CHECK(spread.runs[1].reference.rows() == 301);
  CHECK(spread.runs[2].reference.rows() == 0);
  for (std::size_t k = 0; k < spread.runs[0].seeds.size(); ++k) {
    const Trajectory& seed = spread.runs[0].seeds[k];
    REQUIRE(seed.rows() == 301);
    CHECK(seed.position.back() != sgd.position.back());
    Trajectory expected;
    const Scenario& sc = ui.state.model.simulated;
    simulate_run(sc.course.objective, sc.course.runs[0], sc.course.start, sc.course.steps,
                 training_of(sc.course.runs[0], sc.course.seed + k + 1, 0), expected);
    CHECK(seed.position == expected.position);
  }
  // Playing and presentation changes never compute it again.
  ui.press(keys::kSpace);
  ui.frames(60);
  ui.state.model.scenario.looks[0].colour = {10, 20, 30};
  ui.state.model.scenario.looks[1].label = "renamed";
  ui.state.model.scenario.looks[2].visible = false;
  ui.state.model.scenario.display.contour_count = 7;
  ui.frames(5);
  check_invariants(ui.state);
  CHECK(ui.state.model.spread.computations == 1);
  // A change of the maths does, once.
  ui.state.model.scenario.course.runs[0].hyper.eta = 0.02;
  ui.frames(5);
  CHECK(ui.state.model.spread.computations == 2);
  // Off drops it without simulating anything; on computes it again.
  const std::uint64_t before_off = ui.state.model.generation;
  ui.state.view.settings.show_spread = false;
  ui.frames(3);
  CHECK(ui.state.model.spread.runs.empty());
  CHECK(ui.state.model.generation == before_off);
  ui.state.view.settings.show_spread = true;
  ui.frames(3);
  CHECK(ui.state.model.spread.computations == 3);
  CHECK(ui.state.model.generation == before_off);
  // Too many updates: nothing is computed, and the controls say why.
  ui.state.model.scenario.course.steps = 30'000;
  ui.frames(2);
  check_invariants(ui.state);
  CHECK(ui.state.model.spread.runs.empty());
  CHECK(ui.state.model.spread.problem.find("Spread off") != std::string::npos);
  ui.state.model.scenario.course.steps = 300;
  ui.frames(2);
  CHECK(ui.state.model.spread.problem.empty());
  CHECK(ui.state.model.spread.runs.size() == 3);
  // A setting that survives a restart.
  const auto dir = temp_dir("spread-settings");
  save_settings(dir, settings_of(ui.state, WindowPlacement{}));
  CHECK(load_settings(dir).view.show_spread);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a new seed draws the noise again: the noisy runs change, the exact ones do not") {
  HeadlessUi ui(noisy_data_scenario());
  ui.state.view.settings.show_spread = true;
  ui.frames(2);
  const std::vector<Trajectory> before = ui.state.model.runs;
  const std::uint64_t seed = ui.state.model.scenario.course.seed;
  const std::uint64_t generation = ui.state.model.generation;
  const std::uint64_t computations = ui.state.model.spread.computations;
  new_seed(ui.state);
  ui.frames(2);
  check_invariants(ui.state);
  CHECK(ui.state.model.scenario.course.seed != seed);
  CHECK(ui.state.model.generation == generation + 1);
  CHECK(ui.state.model.spread.computations == computations + 1);
  CHECK(ui.state.model.runs[0].position != before[0].position);  // noise and shuffled batches
  CHECK(ui.state.model.runs[1].position == before[1].position);  // batches in file order
  CHECK(ui.state.model.runs[2].position == before[2].position);  // the full gradient
  // The seeds of the spread follow the scenario's.
  const Scenario& sc = ui.state.model.simulated;
  Trajectory expected;
  simulate_run(sc.course.objective, sc.course.runs[0], sc.course.start, sc.course.steps,
               training_of(sc.course.runs[0], sc.course.seed + 1, 0), expected);
  CHECK(ui.state.model.spread.runs[0].seeds[0].position == expected.position);
  // Noise on a function of the plane works too, with its seed field shown.
  replace_scenario(ui.state, default_scenario());
  ui.state.model.scenario.course.runs[0].noise = 0.2;
  ui.frames(3);
  check_invariants(ui.state);
  CHECK(ui.state.model.spread.runs[0].seeds.size() == static_cast<std::size_t>(kSpreadSeeds));
  const Trajectory noisy = ui.state.model.runs[0];
  new_seed(ui.state);
  ui.frames(2);
  CHECK(ui.state.model.runs[0].position != noisy.position);
}
