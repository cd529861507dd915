// Scenario files: round trips, defaults of optional fields and the table of invalid files.
#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "invalid_scenarios.hpp"
#include "language_scope.hpp"
#include "parameters.hpp"
#include "run_name.hpp"
#include "scenario_file.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// Every optimizer once, each parameter that applies moved off its default, every convention
// flipped, and display settings and strings that need escaping.
Scenario unusual_scenario() {
  Scenario s;
  s.course.objective = *find_function("himmelblau");
  s.view = {{-4.25, -3.5}, {1.0 / 3, 5e-3}};
  s.course.start = {-0.1, 1e-7};
  s.course.steps = 123;
  s.display = {ColourScale::linear, 7, CanvasView::surface, {12.5, 60, 1.5, ColourScale::linear}};
  s.title = "A \"quoted\" title, ρ and η";
  s.description = "Line one\nline two\twith a tab and a backslash \\.";
  s.lesson = {"9. A \"chapter\"",    {LessonPlot::step_size, LessonPlot::sweep},
              CoordinateChoice::y,   100,
              "Which run is first?", LessonSweep{2, "eta:1e-4:1:log", "weight_decay:0:0.5", 16}};
  s.translations["zh_CN"] = {"“引号”标题，ρ 和 η", "第一行\n第二行", "9. 一章", "哪次运行先到？"};
  s.translations["de"] = {"Ein Titel", "", "", ""};
  for (std::size_t i = 0; i < optimizer_kinds().size(); ++i) {
    const OptimizerKind kind = optimizer_kinds()[i];
    RunSpec run = make_run(kind);
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) run.hyper.*p.member = std::min(p.max, run.hyper.*p.member * 0.5 + 0.0123);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) run.hyper.*p.member = !(run.hyper.*p.member);
    RunLook look = make_look(std::string(title(kind)) + " #" + std::to_string(i), i);
    if (i % 3 == 0) look.translated_labels["zh_CN"] = "第 " + std::to_string(i) + " 次 \"运行\"";
    look.colour = {static_cast<std::uint8_t>(i * 20), 0xab, 0xff};
    look.visible = i % 2 == 0;
    add_run(s, run, look);
  }
  return s;
}

}  // namespace

TEST_CASE("save, load and save again gives the same bytes and the same scenario", "[scenario_file]") {
  for (const Scenario& original : {default_scenario(), unusual_scenario(), Scenario{}}) {
    REQUIRE(find_scenario_problem(original) == "");
    const std::string first = to_json(original);
    const Scenario loaded = scenario_from_json(first);
    CHECK(loaded == original);
    CHECK(to_json(loaded) == first);
  }
}

TEST_CASE("save_scenario writes what load_scenario_json reads back", "[scenario_file]") {
  const TempDir dir;
  const Scenario original = unusual_scenario();
  save_scenario(dir / "a.json", original);
  const Scenario loaded = load_scenario_json(dir / "a.json");
  CHECK(loaded == original);
  save_scenario(dir / "b.json", loaded);
  CHECK(read_file(dir / "a.json") == read_file(dir / "b.json"));
  CHECK(dir.entries() == std::vector<std::string>{"a.json", "b.json"});
}

TEST_CASE("a saved run stores exactly the parameters of its optimizer", "[scenario_file]") {
  const auto json = nlohmann::json::parse(to_json(unusual_scenario()));
  CHECK(json.at("version") == kScenarioVersion);
  for (std::size_t i = 0; i < optimizer_kinds().size(); ++i) {
    const OptimizerKind kind = optimizer_kinds()[i];
    std::set<std::string> expected = {"label", "optimizer", "colour", "visible"};
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) expected.insert(std::string(p.name));
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) expected.insert(std::string(p.name));
    if (i % 3 == 0) expected.insert("translations");  // unusual_scenario's translated labels
    std::set<std::string> keys;
    for (const auto& [key, value] : json.at("runs").at(i).items()) keys.insert(key);
    INFO(name(kind));
    CHECK(keys == expected);
  }
}

TEST_CASE("optional fields take the function's and the optimizer's defaults", "[scenario_file]") {
  const Scenario s = scenario_from_json(R"({"version": 1, "function": "beale", "start": [1, 1.5], "steps": 20,
      "runs": [{"optimizer": "rmsprop", "rho": 0.9}, {"optimizer": "adam"}]})");
  CHECK(s.view == find_function("beale")->view);
  CHECK(s.display == Display{});
  CHECK(s.title.empty());
  REQUIRE(s.course.runs.size() == 2);
  Hyperparameters rmsprop = defaults(OptimizerKind::rmsprop);
  rmsprop.rho = 0.9;
  CHECK(s.course.runs[0].hyper == rmsprop);
  CHECK(s.course.runs[1].hyper == defaults(OptimizerKind::adam));
  CHECK(s.looks[0].label.empty());  // automatic: run_name.hpp
  CHECK(s.looks[1].colour == run_palette()[1]);
  CHECK(s.looks[1].visible);
}

TEST_CASE("every invalid scenario is refused with a message naming the field", "[scenario_file]") {
  for (const InvalidScenario& c : invalid_scenarios()) {
    INFO(c.name << ": " << c.text);
    CHECK_THROWS_WITH(scenario_from_json(c.text), c.message);
  }
}

TEST_CASE("find_scenario_problem checks a scenario built in memory", "[scenario_file]") {
  Scenario s = default_scenario();
  CHECK(find_scenario_problem(s) == "");
  s.course.runs[1].hyper.eta = -1;
  CHECK(find_scenario_problem(s) == "runs[1].eta: must be >= 0, got -1");
  s = default_scenario();
  s.view.max.y = s.view.min.y;
  CHECK(find_scenario_problem(s) == "view.y: must be [min, max] with min < max, finite and within 1e12, got [-1, -1]");
  s = default_scenario();
  s.display.contour_count = -1;
  CHECK(find_scenario_problem(s) == "display.contour_count: must be an integer in [0, 200], got -1");
}

TEST_CASE("loading names the file and the problem", "[scenario_file]") {
  const TempDir dir;
  const auto missing = dir / "missing.json";
  CHECK_THROWS_WITH(load_scenario_json(missing), missing.string() + ": cannot read: No such file or directory");
  CHECK_THROWS_WITH(load_scenario_json(dir.path()), dir.path().string() + ": is a directory, not a scenario file");
  write_file(dir / "bad.json", R"({"version": 1, "function": "rosenbrock", "start": [0, 0], "steps": -5, "runs": []})");
  CHECK_THROWS_WITH(load_scenario_json(dir / "bad.json"),
                    (dir / "bad.json").string() + ": steps: must be an integer in [0, 1000000], got -5");
  write_file(dir / "big.json", std::string(kMaxScenarioFileBytes + 1, ' '));
  CHECK_THROWS_WITH(load_scenario_json(dir / "big.json"),
                    (dir / "big.json").string() + ": too large for a scenario file (more than 4 MB)");
}

TEST_CASE("saving refuses an invalid scenario and fails cleanly where it cannot write", "[scenario_file]") {
  const TempDir dir;
  Scenario invalid = default_scenario();
  invalid.course.runs[0].hyper.momentum = 2;
  CHECK_THROWS_WITH(save_scenario(dir / "x.json", invalid),
                    "cannot save " + (dir / "x.json").string() + ": runs[0].momentum: must be in [0, 1], got 2");
  CHECK(dir.entries().empty());

  CHECK_THROWS_WITH(save_scenario("/dev/full", default_scenario()), "cannot write /dev/full: No space left on device");
  CHECK_THROWS_AS(save_scenario("/sys/optviz-scenario-test.json", default_scenario()), std::runtime_error);
  CHECK_FALSE(std::filesystem::exists("/sys/optviz-scenario-test.json"));
  CHECK_THROWS_WITH(save_scenario(dir / "no-such-dir" / "x.json", default_scenario()),
                    Catch::StartsWith("cannot write " + (dir / "no-such-dir" / "x.json").string() + ": "));
  CHECK(dir.entries().empty());
}

TEST_CASE("a scenario saved under a bare name gets the .optviz.json extension", "[scenario_file]") {
  CHECK(optviz::scenario_file_name("lesson") == "lesson.optviz.json");
  CHECK(optviz::scenario_file_name("talks/rmsprop") == "talks/rmsprop.optviz.json");
  CHECK(optviz::scenario_file_name("lesson.json") == "lesson.json");
  CHECK(optviz::scenario_file_name("lesson.optviz.json") == "lesson.optviz.json");
  CHECK(optviz::scenario_file_name("talks/") == "talks/");
}

TEST_CASE("the 3D view's settings: old files open in 2D, a 2D scenario writes none, a 3D one round-trips",
          "[scenario_file]") {
  const Scenario old =
      scenario_from_json(R"({"version": 1, "function": "booth", "start": [1, 2], "steps": 10, "runs": []})");
  CHECK(old.display.view == CanvasView::flat);
  CHECK(old.display.surface == SurfaceView{});
  const auto flat = nlohmann::json::parse(to_json(default_scenario()));
  CHECK(flat.at("display").size() == 2);  // colour_scale and contour_count, as before the 3D view

  Scenario s = default_scenario();
  s.display.view = CanvasView::surface;
  const auto only_view = nlohmann::json::parse(to_json(s));
  CHECK(only_view.at("display").at("view") == "3d");
  CHECK(!only_view.at("display").contains("surface"));
  s.display.surface = {-120.5, 12, 2.5, ColourScale::linear};
  const Scenario loaded = scenario_from_json(to_json(s));
  CHECK(loaded.display == s.display);
  const Scenario typed = scenario_from_json(
      R"({"version": 2, "function": "booth", "start": [1, 2], "steps": 10, "runs": [],
          "display": {"view": "3d", "surface": {"pitch": 60, "height": "log"}}})");
  CHECK(typed.display.view == CanvasView::surface);
  CHECK(typed.display.surface.pitch == 60);
  CHECK(typed.display.surface.yaw == SurfaceView{}.yaw);
  CHECK(typed.display.surface.height == ColourScale::log);
  s.display.surface.pitch = 90;
  CHECK(find_scenario_problem(s) == "display.surface.pitch: must be in [5, 89] degrees, got 90");
}

TEST_CASE("the lesson block: only lessons write it, and it round-trips", "[scenario_file]") {
  Scenario s = default_scenario();
  s.lesson = {};
  CHECK(!nlohmann::json::parse(to_json(s)).contains("lesson"));
  CHECK(shown_plots(s) == std::vector{LessonPlot::loss, LessonPlot::accumulator, LessonPlot::step_size});
  CHECK(lesson_step(s) == s.course.steps);

  s.lesson.chapter = "1. The learning rate";
  const auto written = nlohmann::json::parse(to_json(s));
  CHECK(written.at("lesson").at("chapter") == "1. The learning rate");
  CHECK(written.at("lesson").at("plots").empty());  // a lesson that shows the canvas alone
  CHECK(!written.at("lesson").contains("step"));
  CHECK(shown_plots(s).empty());

  s.lesson = {"2. AdaGrad's growing sum",
              {LessonPlot::step_size, LessonPlot::loss},
              CoordinateChoice::x,
              150,
              "Which run reaches the minimum first?",
              std::nullopt};
  const Scenario loaded = scenario_from_json(to_json(s));
  CHECK(loaded.lesson == s.lesson);
  CHECK(to_json(loaded) == to_json(s));
  CHECK(shown_plots(loaded) == std::vector{LessonPlot::step_size, LessonPlot::loss});
  CHECK(lesson_step(loaded) == 150);
  // The lesson never changes a trajectory.
  CHECK(loaded.course == default_scenario().course);

  const Scenario typed = scenario_from_json(
      R"({"version": 2, "function": "booth", "start": [1, 2], "steps": 10, "runs": [],
          "lesson": {"plots": ["loss"], "step": 4}})");
  CHECK(typed.lesson.coordinate == CoordinateChoice::both);
  CHECK(typed.lesson.step == 4);
  CHECK(typed.lesson.question.empty());
  s.lesson.step = s.course.steps + 1;
  CHECK(find_scenario_problem(s) == "lesson.step: must be in [0, " + std::to_string(s.course.steps) +
                                        "] (the steps), got " + std::to_string(s.course.steps + 1));
}

TEST_CASE("translations: a lesson's words and its runs' labels in other languages, shown in the current one",
          "[scenario_file][translate]") {
  Scenario s = default_scenario();
  s.title = "Four optimizers";
  s.description = "Text.";
  s.lesson.chapter = "1. Start";
  s.lesson.question = "Which?";
  s.translations["zh_CN"] = {"四种优化器", "", "1. 开始", "哪一个？"};  // no description: the file's own
  s.looks[0].label = "slow";
  s.looks[0].translated_labels["zh_CN"] = "慢";
  const Scenario loaded = scenario_from_json(to_json(s));
  REQUIRE(loaded == s);
  const auto written = nlohmann::json::parse(to_json(s));
  CHECK(written.at("version") == 4);
  CHECK(written.at("translations").at("zh_CN").at("title") == "四种优化器");
  CHECK(!written.at("translations").at("zh_CN").contains("description"));
  CHECK(written.at("runs")[0].at("translations").at("zh_CN").at("label") == "慢");
  {
    const LessonText en = shown_text(loaded);
    CHECK(en.title == "Four optimizers");
    CHECK(en.question == "Which?");
    CHECK(run_name(loaded, 0) == "slow");
    CHECK(slide_title(loaded) == "Four optimizers");
  }
  {
    const LanguageScope chinese("zh_CN");
    const LessonText zh = shown_text(loaded);
    CHECK(zh.title == "四种优化器");
    CHECK(zh.description == "Text.");  // not translated: the file's own
    CHECK(zh.chapter == "1. 开始");
    CHECK(zh.question == "哪一个？");
    CHECK(run_name(loaded, 0) == "慢");
    CHECK(run_name(loaded, 1) == run_name(s, 1));  // an automatic name is the optimizer's
    CHECK(slide_title(loaded) == "四种优化器");
    // What the user edits as the name is the label of the language shown.
    Scenario edited = loaded;
    shown_label(edited.looks[0]) = "很慢";
    CHECK(edited.looks[0].label == "slow");
    CHECK(edited.looks[0].translated_labels.at("zh_CN") == "很慢");
    shown_label(edited.looks[1]) = "自己的";
    CHECK(edited.looks[1].label == "自己的");
  }
  // A scenario in one language only shows it in every language.
  Scenario plain = default_scenario();
  plain.title = "Mein Szenario";
  const LanguageScope chinese("zh_CN");
  CHECK(shown_text(plain).title == "Mein Szenario");
  CHECK(!nlohmann::json::parse(to_json(plain)).contains("translations"));
}
