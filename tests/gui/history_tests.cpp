// Undo and redo (app/state/history.hpp, app/panels/document.hpp): each kind of change to the
// scenario round-trips to the same bytes as the Save command writes them, one gesture is one entry,
// the history keeps the last 200 changes, the title's modified mark follows saving and undoing,
// a replacement asks before discarding changes, and Open Recent keeps ten files, the latest first.
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

#include "document.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "png_file.hpp"
#include "presets.hpp"
#include "recent_files.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "settings.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;
using optviz::gui::test::temp_dir;

namespace {

// The scenario as File > Save writes it.
std::string bytes(const AppState& state) { return to_json(state.model.scenario); }

// Makes one change, then checks that Ctrl+Z gives back the bytes before it and that Ctrl+Shift+Z
// and Ctrl+Y give back those after it; the Edit menu names it `name`.
void check_round_trip(HeadlessUi& ui, const std::string& name, const std::function<void(AppState&)>& change) {
  INFO("change: " << name);
  ui.frames(2);
  const std::string before = bytes(ui.state);
  const std::size_t entries = ui.state.model.history.undo_count();
  change(ui.state);
  ui.frames(2);
  if (ui.state.view.document.asking.kind != Replacement::none) {  // a lesson replaces the changed scenario
    answer_unsaved(ui.state, UnsavedAnswer::dont_save);
    ui.frames(2);
  }
  const std::string after = bytes(ui.state);
  REQUIRE(after != before);
  REQUIRE(ui.state.model.history.undo_count() == entries + 1);
  REQUIRE(ui.state.model.history.undo_name() == name);
  ui.press(keys::kZ, true);
  REQUIRE(bytes(ui.state) == before);
  REQUIRE(ui.state.model.history.redo_name() == name);
  ui.press(keys::kZ, true, true);
  REQUIRE(bytes(ui.state) == after);
  ui.press(keys::kZ, true);
  REQUIRE(bytes(ui.state) == before);
  ui.press(keys::kY, true);
  REQUIRE(bytes(ui.state) == after);
  REQUIRE(ui.state.model.history.undo_count() == entries + 1);
}

// A point over the first hyperparameter slider of the Controls panel, found by hovering down
// the panel (a slider says when it is hovered).
ImVec2 find_slider(HeadlessUi& ui) {
  const PixelRect panel = ui.state.view.layout.controls;
  const float x = panel.x0 + panel.width() * 0.55f;
  for (float y = panel.y0 + 4; y < panel.y1; y += 3) {
    ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
    ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(x, y); });
    if (ui.state.view.slider_hovered) return ImVec2(x, y);
  }
  FAIL("no slider in the Controls panel");
  return {};
}

}  // namespace

TEST_CASE("each kind of change to the scenario undoes and redoes to the same bytes") {
  HeadlessUi ui(default_scenario());
  check_round_trip(ui, "add run", [](AppState& s) { add_run(s, OptimizerKind::adam); });
  check_round_trip(ui, "remove run", [](AppState& s) { remove_run(s, 0); });
  check_round_trip(ui, "convert run", [](AppState& s) { change_optimizer(s, 0, OptimizerKind::nadam); });
  check_round_trip(ui, "convert run", [](AppState& s) { change_to_rule(s, 1); });
  check_round_trip(ui, "function", [](AppState& s) { select_function(s, "himmelblau"); });
  check_round_trip(ui, "start", [](AppState& s) { s.model.scenario.course.start = {0.5, -0.25}; });
  check_round_trip(ui, "steps", [](AppState& s) { s.model.scenario.course.steps = 321; });
  check_round_trip(ui, "eta", [](AppState& s) { s.model.scenario.course.runs[2].hyper.eta = 0.0123; });
  check_round_trip(ui, "data", [](AppState& s) { choose_generated_data(s, DataLoss::linear); });
  // New points: the recipe comes back with the data, so the data fields still edit it.
  const DataRecipe recipe = ui.state.model.generated.recipe;
  check_round_trip(ui, "data", [](AppState& s) { new_data_points(s); });
  ui.press(keys::kZ, true);
  REQUIRE(function_is_generated(ui.state));
  REQUIRE(ui.state.model.generated.recipe == recipe);
  check_round_trip(ui, "lesson", [](AppState& s) { s.view.requests.load_preset = 1; });
  REQUIRE(ui.state.model.scenario.title == lesson_presets()[1].title);
}

TEST_CASE("a typed value is one entry, whatever was typed before it takes effect") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  const std::string before = bytes(ui.state);
  // A formula typed one character at a time: each text that compiles changes the scenario while
  // the field is edited; leaving it makes one entry.
  for (const char* text : {"x", "x^2", "x^2+y", "x^2+y^2"}) {
    type_formula(ui.state, text);
    record_history(ui.state, true);
  }
  REQUIRE(ui.state.model.history.undo_count() == 0);
  ui.frames(1);
  REQUIRE(ui.state.model.history.undo_count() == 1);
  REQUIRE(ui.state.model.history.undo_name() == "function");
  REQUIRE(undo(ui.state));
  REQUIRE(bytes(ui.state) == before);
  REQUIRE(ui.state.model.formula.text == std::string(ui.state.model.scenario.course.objective.formula()));
}

TEST_CASE("a slider's drag over many frames is one entry") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  const ImVec2 at = find_slider(ui);
  const std::string before = bytes(ui.state);
  const std::size_t entries = ui.state.model.history.undo_count();
  int changes = 0;
  std::string last = before;
  for (int i = 0; i <= 8; ++i) {
    ui.frame([&](ImGuiIO& io) {
      io.MousePos = ImVec2(at.x + static_cast<float>(i) * 6, at.y);
      io.MouseDown[0] = true;
    });
    if (bytes(ui.state) != last) ++changes, last = bytes(ui.state);
  }
  REQUIRE(changes >= 3);                                    // the drag changed the scenario in several frames...
  REQUIRE(ui.state.model.history.undo_count() == entries);  // ...and nothing is recorded while it lasts
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
  ui.frames(2);
  REQUIRE(ui.state.model.history.undo_count() == entries + 1);  // one entry when released
  const std::string after = bytes(ui.state);
  REQUIRE(ui.state.model.history.undo_name() != "change");
  ui.press(keys::kZ, true);
  REQUIRE(bytes(ui.state) == before);
  ui.press(keys::kY, true);
  REQUIRE(bytes(ui.state) == after);
}

TEST_CASE("a slider nudged notch after notch is one entry while the pointer stays on it") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  const ImVec2 at = find_slider(ui);
  const std::string before = bytes(ui.state);
  for (int notch = 0; notch < 4; ++notch) ui.press(keys::kRight);
  ui.frames(2);
  const std::string nudged = bytes(ui.state);
  REQUIRE(nudged != before);
  REQUIRE(ui.state.model.history.undo_count() == 1);
  // Away and back: the next notches are another entry.
  ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(1, 1); });
  ui.frame([&](ImGuiIO& io) { io.MousePos = at; });
  ui.frame([&](ImGuiIO& io) { io.MousePos = at; });
  for (int notch = 0; notch < 3; ++notch) ui.press(keys::kLeft);
  ui.frames(2);
  REQUIRE(ui.state.model.history.undo_count() == 2);
  REQUIRE(undo(ui.state));
  REQUIRE(bytes(ui.state) == nudged);
  REQUIRE(undo(ui.state));
  REQUIRE(bytes(ui.state) == before);
  // Runs duplicated with Ctrl+D while the pointer rests on the slider stay two entries.
  ui.press(keys::kD, true);
  ui.press(keys::kD, true);
  ui.frames(1);
  REQUIRE(ui.state.model.history.undo_count() == 2);
  REQUIRE(ui.state.model.history.undo_name() == "add run");
}

TEST_CASE("a value typed into a slider's field is one entry when Enter is pressed") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  const ImVec2 slider = find_slider(ui);
  const std::string before = bytes(ui.state);
  // The field right of the slider.
  const ImVec2 field(ui.state.view.layout.controls.x1 - 30, slider.y);
  ui.frame([&](ImGuiIO& io) {
    io.MousePos = field;
    io.MouseDown[0] = true;
  });
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
  REQUIRE(ImGui::GetIO().WantTextInput);
  ui.press(keys::kA, true);  // select what the field shows
  for (const char c : std::string("0.5"))
    ui.frame([&](ImGuiIO& io) { io.AddInputCharacter(static_cast<unsigned>(c)); });
  REQUIRE(bytes(ui.state) == before);  // nothing takes effect before Enter
  ui.press(keys::kEnter);
  ui.frames(2);
  REQUIRE(bytes(ui.state) != before);
  REQUIRE(ui.state.model.history.undo_count() == 1);
  const std::string after = bytes(ui.state);
  ui.press(keys::kZ, true);
  REQUIRE(bytes(ui.state) == before);
  ui.press(keys::kZ, true, true);
  REQUIRE(bytes(ui.state) == after);
}

TEST_CASE("the history's data sets are bounded: shared ones count once, the oldest go past the limit") {
  // 20000 rows of x and y: 320000 bytes a data set.
  const auto data_scenario = [](std::uint64_t seed) {
    DataRecipe recipe;
    recipe.points = 20000;
    recipe.seed = seed;
    Scenario s = default_scenario();
    s.course.objective = Objective::from_data(generate_data(recipe), recipe.loss, "generated");
    return s;
  };
  const GeneratedData none;
  History history(kHistoryLimit, 1000000);  // room for three such data sets
  Scenario s = data_scenario(1);
  history.record(s, none);
  for (long steps = 1; steps <= 20; ++steps) {  // one data set shared by every entry
    s.course.steps = steps;
    REQUIRE(history.record(s, none));
  }
  CHECK(history.undo_count() == 20);
  for (std::uint64_t seed = 2; seed <= 6; ++seed) REQUIRE(history.record(data_scenario(seed), none));
  // The entries' data sets, three at most: seeds 3, 4 and 5 remain (the current one, seed 6, is the
  // app's own).
  CHECK(history.undo_count() == 3);
  std::optional<Snapshot> back = history.undo(data_scenario(6), none);
  REQUIRE(back);
  CHECK(*back->scenario.course.objective.data() == generate_data([] {
    DataRecipe r;
    r.points = 20000;
    r.seed = 5;
    return r;
  }()));
}

TEST_CASE("the history keeps the last 200 changes, and a new change clears redo") {
  History history;
  Scenario s = default_scenario();
  const GeneratedData none;
  history.record(s, none);
  for (long steps = 1; steps <= 250; ++steps) {
    s.course.steps = steps;
    REQUIRE(history.record(s, none));
  }
  REQUIRE(history.undo_count() == kHistoryLimit);
  REQUIRE(kHistoryLimit == 200);
  std::optional<Snapshot> back;
  for (std::size_t i = 0; i < kHistoryLimit; ++i) back = history.undo(s, none), s = back->scenario;
  REQUIRE(s.course.steps == 50);  // the 50 oldest changes were dropped
  REQUIRE_FALSE(history.undo(s, none));
  REQUIRE(history.redo_count() == kHistoryLimit);

  s = history.redo(s, none)->scenario;
  REQUIRE(s.course.steps == 51);
  s.course.steps = 7;  // a new change
  REQUIRE_FALSE(history.redo(s, none));
  REQUIRE_FALSE(history.can_redo());
  REQUIRE(history.undo_name() == "steps");
}

TEST_CASE("the view is not undone: zoom, playhead, 3D view and theme stay") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  ui.state.model.scenario.course.runs[0].hyper.eta = 0.002;
  ui.frames(2);
  const Box zoomed{{-1, -1}, {1, 1}};
  ui.state.view.settings.wanted = zoomed;
  set_step(ui.state, 17);
  ui.state.model.scenario.display.view = CanvasView::surface;
  ui.state.model.scenario.display.surface.yaw = 12;
  ui.state.view.settings.theme = Theme::light;
  ui.frames(2);
  REQUIRE(ui.state.model.history.undo_count() == 1);  // none of these is a change
  REQUIRE(undo(ui.state));
  ui.frames(1);
  REQUIRE(ui.state.model.scenario.course.runs[0].hyper.eta != 0.002);
  REQUIRE(ui.state.view.settings.wanted == zoomed);
  REQUIRE(current_step(ui.state) == 17);
  REQUIRE(ui.state.model.scenario.display.view == CanvasView::surface);
  REQUIRE(ui.state.model.scenario.display.surface.yaw == 12);
  REQUIRE(ui.state.view.settings.theme == Theme::light);
}

TEST_CASE("the title's modified mark follows changes, saving and undoing") {
  const auto dir = temp_dir("mark");
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  REQUIRE(window_title(ui.state).find('*') == std::string::npos);
  ui.state.model.scenario.course.runs[1].hyper.eta = 0.05;
  ui.frames(2);
  REQUIRE(window_title(ui.state).ends_with(" *"));
  ui.state.view.dialogs.scenario_path = (dir / "mine").string();
  ui.state.view.requests.save_scenario = true;
  ui.frames(1);
  REQUIRE(window_title(ui.state) == "optviz — mine.optviz.json");
  ui.state.model.scenario.course.steps = 200;
  ui.frames(2);
  REQUIRE(window_title(ui.state) == "optviz — mine.optviz.json *");
  ui.press(keys::kZ, true);  // back to what was saved
  REQUIRE(window_title(ui.state) == "optviz — mine.optviz.json");
  ui.press(keys::kZ, true);  // before the save: differs from the file
  REQUIRE(window_title(ui.state) == "optviz — mine.optviz.json *");
  // Opening a lesson: its title, unmodified.
  answer_unsaved(ui.state, UnsavedAnswer::cancel);
  ui.state.view.requests.load_preset = 0;
  ui.frames(1);
  answer_unsaved(ui.state, UnsavedAnswer::dont_save);
  ui.frames(2);
  REQUIRE(window_title(ui.state) == "optviz — " + lesson_presets()[0].title);
  std::filesystem::remove_all(dir);
}

TEST_CASE("opening, New, a lesson or closing with unsaved changes asks first") {
  const auto dir = temp_dir("ask");
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  ui.state.view.dialogs.scenario_path = (dir / "other.optviz.json").string();
  save_scenario(ui.state.view.dialogs.scenario_path, lesson_presets()[0]);
  // Unmodified: opens at once.
  REQUIRE(may_replace(ui.state, {Replacement::quit, {}, 0}));
  ui.state.model.scenario.course.steps = 77;
  ui.frames(2);
  for (const auto kind : {Replacement::open_file, Replacement::new_scenario, Replacement::lesson}) {
    if (kind == Replacement::open_file) ui.state.view.requests.open_scenario = true;
    if (kind == Replacement::new_scenario) ui.state.view.requests.new_scenario = true;
    if (kind == Replacement::lesson) ui.state.view.requests.load_preset = 0;
    ui.frames(2);
    REQUIRE(ui.state.view.document.asking.kind == kind);
    REQUIRE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
    REQUIRE(ui.state.model.scenario.course.steps == 77);  // nothing replaced yet
    answer_unsaved(ui.state, UnsavedAnswer::cancel);
    ui.frames(2);
    REQUIRE(ui.state.model.scenario.course.steps == 77);
    REQUIRE_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
  }
  // Closing the window: it stays open until the answer.
  REQUIRE_FALSE(may_replace(ui.state, {Replacement::quit, {}, 0}));
  answer_unsaved(ui.state, UnsavedAnswer::dont_save);
  REQUIRE(ui.state.view.requests.quit);
  ui.state.view.requests.quit = false;

  // Don't save: the file opens, and the change can still be undone.
  ui.state.view.dialogs.scenario_path = (dir / "other.optviz.json").string();
  ui.state.view.requests.open_scenario = true;
  ui.frames(1);
  answer_unsaved(ui.state, UnsavedAnswer::dont_save);
  ui.frames(2);
  REQUIRE(ui.state.model.scenario.title == lesson_presets()[0].title);
  REQUIRE(ui.state.model.history.undo_name() == "open other.optviz.json");
  REQUIRE(undo(ui.state));
  REQUIRE(ui.state.model.scenario.course.steps == 77);

  // Save: written to the document's file first, then New goes on.
  ui.state.view.requests.new_scenario = true;
  ui.frames(1);
  answer_unsaved(ui.state, UnsavedAnswer::save);
  ui.frames(3);
  REQUIRE(open_scenario_file(dir / "other.optviz.json").course.steps == 77);
  REQUIRE(ui.state.model.scenario.course == default_scenario().course);
  REQUIRE_FALSE(is_modified(ui.state));
  std::filesystem::remove_all(dir);
}

TEST_CASE("Save before discarding never writes over the PNG a scenario was opened from") {
  const auto dir = temp_dir("png");
  const auto png = dir / "figure.png";
  write_png(png, Image{2, 2, std::vector<std::uint8_t>(16, 200)}, to_json(lesson_presets()[0]));
  const auto png_size = std::filesystem::file_size(png);
  HeadlessUi ui(default_scenario());
  ui.frames(1);
  ui.state.view.dialogs.scenario_path = png.string();
  ui.state.view.requests.open_scenario = true;
  ui.frames(2);
  REQUIRE(window_title(ui.state) == "optviz — figure.png");
  ui.state.model.scenario.course.steps = 99;
  ui.state.view.requests.new_scenario = true;
  ui.frames(2);
  answer_unsaved(ui.state, UnsavedAnswer::save);
  ui.frames(2);
  REQUIRE(ui.state.view.dialogs.save_file);  // asks where, offering a scenario file beside the PNG
  REQUIRE(ui.state.view.dialogs.scenario_path == (dir / "figure.optviz.json").string());
  REQUIRE(std::filesystem::file_size(png) == png_size);
  ui.state.view.requests.save_scenario = true;
  ui.frames(3);
  REQUIRE(open_scenario_file(dir / "figure.optviz.json").course.steps == 99);
  REQUIRE(ui.state.model.scenario.course == default_scenario().course);  // then New went on
  std::filesystem::remove_all(dir);
}

TEST_CASE("Open Recent lists the last ten files, the latest first, each once, kept in the settings") {
  std::vector<std::string> list;
  for (int i = 0; i < 12; ++i) add_recent_file(list, "/f" + std::to_string(i));
  REQUIRE(list.size() == kRecentFiles);
  REQUIRE(list.front() == "/f11");
  REQUIRE(list.back() == "/f2");
  add_recent_file(list, "/f5");
  REQUIRE(list.size() == kRecentFiles);
  REQUIRE(list.front() == "/f5");
  REQUIRE(std::count(list.begin(), list.end(), "/f5") == 1);

  const auto dir = temp_dir("recent");
  HeadlessUi ui(default_scenario());
  ui.frames(1);
  const auto a = dir / "a.optviz.json";
  const auto b = dir / "b.optviz.json";
  save_scenario(a, default_scenario());
  save_scenario(b, lesson_presets()[0]);
  for (const auto& path : {a, b}) {
    ui.state.view.dialogs.scenario_path = path.string();
    ui.state.view.requests.open_scenario = true;
    ui.frames(1);
  }
  ui.state.view.dialogs.scenario_path = (dir / "c").string();
  ui.state.view.requests.save_scenario = true;
  ui.frames(1);
  const std::vector<std::string> expected = {(dir / "c.optviz.json").string(), b.string(), a.string()};
  REQUIRE(ui.state.view.settings.recent_files == expected);

  // Kept in settings.json, bounded and without duplicates when read back.
  Settings settings = settings_of(ui.state, {});
  for (int i = 0; i < 12; ++i) settings.view.recent_files.push_back(a.string());
  save_settings(dir, settings);
  REQUIRE(load_settings(dir).view.recent_files == expected);

  // A file that went away is removed with a message when chosen; one that exists opens.
  std::filesystem::remove(a);
  open_recent(ui.state, a.string());
  REQUIRE(ui.state.view.notice.error);
  REQUIRE(ui.state.view.settings.recent_files.size() == 2);
  open_recent(ui.state, b.string());
  ui.frames(1);
  REQUIRE(ui.state.model.scenario.title == lesson_presets()[0].title);
  REQUIRE(ui.state.view.settings.recent_files.front() == b.string());
  std::filesystem::remove_all(dir);
}

TEST_CASE("comparing the scenario once a frame costs a small fraction of a millisecond") {
  AppState state = make_state(default_scenario());
  choose_generated_data(state, DataLoss::logistic);
  for (int i = 0; i < 6; ++i) add_run(state, OptimizerKind::adam);
  const Scenario copy = state.model.scenario;
  constexpr int kCalls = 2000;
  const auto t0 = std::chrono::steady_clock::now();
  int same = 0;
  for (int i = 0; i < kCalls; ++i) same += same_edit(copy, state.model.scenario) ? 1 : 0;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  REQUIRE(same == kCalls);
  REQUIRE(ms / kCalls < 0.05);
}
