// The optviz executable with scenario files: `optviz run SCENARIO --out-dir DIR`, the argument
// checks of `optviz render`, and bad input, which exits 2 with its message and writes nothing.
// Nothing here opens a window or needs a display.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "invalid_scenarios.hpp"
#include "number_text.hpp"
#include "parameters.hpp"
#include "png_file.hpp"
#include "presets.hpp"
#include "run_export.hpp"
#include "run_name.hpp"
#include "scenario_file.hpp"
#include "schedule.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// The flags of `optviz run` that give the same run as runs[index] of the scenario.
// A data loss's rows go into `data_file` as CSV.
std::vector<std::string> flags_of(const Scenario& s, std::size_t index, const std::filesystem::path& data_file) {
  const RunSpec& run = s.course.runs[index];
  const Hyperparameters& h = run.hyper;
  std::vector<std::string> args = {"run"};
  if (s.course.objective.is_typed()) {
    args.insert(args.end(), {"--expr", std::string(s.course.objective.formula())});
  } else if (s.course.objective.is_data()) {
    std::string csv = "x,y\n";
    for (std::size_t i = 0; i < s.course.objective.data()->size(); ++i)
      csv +=
          format_number(s.course.objective.data()->x[i]) + "," + format_number(s.course.objective.data()->y[i]) + "\n";
    std::ofstream(data_file) << csv;
    args.insert(args.end(), {"--data", data_file.string(), "--loss", std::string(name(s.course.objective.loss()))});
  } else
    args.insert(args.end(), {"--function", std::string(s.course.objective.name())});
  if (run.rule)
    args.insert(args.end(), {"--rule", run.rule->text()});
  else
    args.insert(args.end(), {"--optimizer", std::string(name(h.kind))});
  args.insert(args.end(), {"--start=" + format_number(s.course.start.x) + "," + format_number(s.course.start.y),
                           "--steps", std::to_string(s.course.steps)});
  for (const RealParameter* p : parameters_of(run))
    args.push_back("--" + std::string(p->flag) + "=" + format_number(h.*p->member));
  args.insert(args.end(), {"--seed", std::to_string(s.course.seed)});
  if (run.batch > 0) args.insert(args.end(), {"--batch", std::to_string(run.batch)});
  if (run.shuffle) args.emplace_back("--shuffle");
  if (run.noise > 0) args.insert(args.end(), {"--noise", format_number(run.noise)});
  const Schedule& sc = run.schedule;
  args.insert(args.end(), {"--schedule", std::string(name(sc.kind))});
  if (sc.kind == ScheduleKind::step) args.insert(args.end(), {"--step-size", std::to_string(sc.step_size)});
  if (sc.kind == ScheduleKind::step || sc.kind == ScheduleKind::exponential)
    args.insert(args.end(), {"--gamma", format_number(sc.gamma)});
  if (sc.kind == ScheduleKind::cosine) {
    args.insert(args.end(), {"--t-max", std::to_string(sc.t_max), "--eta-min", format_number(sc.eta_min)});
  }
  if (sc.warmup > 0)
    args.insert(args.end(), {"--warmup", std::to_string(sc.warmup), "--warmup-start", format_number(sc.warmup_start)});
  if (run.rule) return args;
  for (const FlagParameter& p : flag_parameters())
    if (p.applies_to(h.kind) && h.*p.member == p.value_when_given) args.push_back("--" + std::string(p.flag));
  return args;
}

const std::string kNoDisplayHint = "xvfb-run";

}  // namespace

TEST_CASE("a scenario run from the command line gives the CSV of the same runs given by flags", "[cli]") {
  const TempDir dir;
  for (std::size_t p = 0; p < lesson_presets().size(); ++p) {
    const Scenario& s = lesson_presets()[p];
    INFO(s.title);
    const auto scenario_file = dir / ("preset" + std::to_string(p) + ".json");
    save_scenario(scenario_file, s);
    const auto out = dir / ("out" + std::to_string(p));
    const Result r = run_optviz({"run", scenario_file.string(), "--out-dir", out.string()});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.empty());
    // Only a lesson that says a run diverges reports one.
    CHECK((r.err.empty() || (s.description.find("diverges") != std::string::npos &&
                             r.err.find("diverged at step") != std::string::npos)));
    // A network lesson's runs against `optviz train`'s flags: network_scenario_tests.cpp.
    for (std::size_t i = 0; i < s.course.runs.size() && !s.network; ++i) {
      const Result by_flags = run_optviz(flags_of(s, i, dir / ("data" + std::to_string(p) + ".csv")));
      REQUIRE(by_flags.exit_code == 0);
      CHECK(read_file(out / run_file_name(i, run_name(s, i))) == by_flags.out);
    }
    CHECK(std::filesystem::exists(out / "summary.json"));
  }
}

TEST_CASE("an exported PNG is accepted wherever a scenario file is", "[cli]") {
  const TempDir dir;
  const Scenario& s = lesson_presets().at(0);
  save_scenario(dir / "s.json", s);
  write_png(dir / "fig.png", Image{2, 2, std::vector<std::uint8_t>(16, 200)}, to_json(s));
  REQUIRE(run_optviz({"run", (dir / "s.json").string(), "--out-dir", (dir / "from-json").string()}).exit_code == 0);
  REQUIRE(run_optviz({"run", (dir / "fig.png").string(), "--out-dir", (dir / "from-png").string()}).exit_code == 0);
  for (const std::string& name : TempDir::entries_of(dir / "from-json"))
    CHECK(read_file(dir / "from-json" / name) == read_file(dir / "from-png" / name));

  write_png(dir / "plain.png", Image{2, 2, std::vector<std::uint8_t>(16, 200)});
  const Result r = run_optviz({"run", (dir / "plain.png").string(), "--out-dir", (dir / "out").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "optviz: " + (dir / "plain.png").string() + ": no optviz scenario inside (was it exported by optviz?)\n");
  CHECK_FALSE(std::filesystem::exists(dir / "out"));
}

TEST_CASE("every invalid scenario file exits 2 with its message and writes nothing", "[cli]") {
  const TempDir dir;
  for (const InvalidScenario& c : invalid_scenarios()) {
    INFO(c.name);
    const auto file = dir / (c.name + ".json");
    write_file(file, c.text);
    const std::string expected = "optviz: " + file.string() + ": " + c.message + "\n";
    const Result run = run_optviz({"run", file.string(), "--out-dir", (dir / "out").string()});
    CHECK(run.exit_code == 2);
    CHECK(run.err == expected);
    const Result render = run_optviz({"render", file.string(), "--out", (dir / "fig.png").string()});
    CHECK(render.exit_code == 2);
    CHECK(render.err == expected);
    // The window is not opened for a bad file (and no display is needed to say so).
    const Result open = run_optviz({file.string()}, {{"DISPLAY", std::nullopt}, {"WAYLAND_DISPLAY", std::nullopt}});
    CHECK(open.exit_code == 2);
    CHECK(open.err == expected);
    std::filesystem::remove(file);
    CHECK(dir.entries().empty());
  }
}

TEST_CASE("a missing or unreadable scenario file is bad input", "[cli]") {
  const TempDir dir;
  const Result r = run_optviz({"run", (dir / "nope.json").string(), "--out-dir", (dir / "out").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "optviz: " + (dir / "nope.json").string() + ": cannot read: No such file or directory\n");
  CHECK(dir.entries().empty());
}

TEST_CASE("a scenario and the flags of one run do not mix", "[cli]") {
  const TempDir dir;
  save_scenario(dir / "s.json", default_scenario());
  const std::string s = (dir / "s.json").string(), out = (dir / "out").string();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"run", s, "--out-dir", out, "--eta", "0.1"},
       "--eta cannot be combined with a scenario file, which sets the function, the runs, the start and the steps; "
       "give either a scenario or the flags of one run"},
      {{"run", s, "--out-dir", out, "--function", "beale"},
       "--function cannot be combined with a scenario file, which sets the function, the runs, the start and the "
       "steps; give either a scenario or the flags of one run"},
      {{"run", s, "--out-dir", out, "--no-bias-correction"},
       "--no-bias-correction cannot be combined with a scenario file, which sets the function, the runs, the start "
       "and the steps; give either a scenario or the flags of one run"},
      {{"run", s}, "a scenario has several runs: give --out-dir DIR for their CSV files"},
      {{"run", "--function", "rosenbrock", "--optimizer", "sgd", "--out-dir", out},
       "--out-dir needs a scenario file: optviz run SCENARIO --out-dir DIR"},
  };
  for (const Case& c : cases) {
    INFO(c.args[c.args.size() - 1]);
    const Result r = run_optviz(c.args);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "optviz: " + c.message + "\n");
    CHECK(r.out.empty());
    CHECK(dir.entries() == std::vector<std::string>{"s.json"});
  }
}

TEST_CASE("render checks its arguments before it needs a display", "[cli]") {
  const TempDir dir;
  save_scenario(dir / "s.json", default_scenario());  // 500 steps
  const std::string s = (dir / "s.json").string(), png = (dir / "f.png").string(), gif = (dir / "a.gif").string();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{s}, "give --out FILE.png, --gif FILE.gif or both"},
      {{s, "--out", png, "--width", "0"}, "--width: must be in [1, 7680], got 0"},
      {{s, "--out", png, "--width", "7681"}, "--width: must be in [1, 7680], got 7681"},
      {{s, "--out", png, "--height", "4321"}, "--height: must be in [1, 4320], got 4321"},
      {{s, "--out", png, "--step", "501"}, "--step: must be in [0, 500] (the scenario's steps), got 501"},
      {{s, "--out", png, "--step", "-1"}, "--step: must be in [0, 500] (the scenario's steps), got -1"},
      {{s, "--out", png, "--fps", "10"}, "--fps applies to --gif only"},
      {{s, "--gif", gif, "--step", "10"}, "--step applies to --out only"},
      {{s, "--gif", gif, "--width", "3841"}, "--width: must be in [1, 3840], got 3841"},
      {{s, "--gif", gif, "--fps", "0"}, "--fps: must be in [1, 60], got 0"},
      {{s, "--gif", gif, "--fps", "61"}, "--fps: must be in [1, 60], got 61"},
      {{s, "--gif", gif, "--seconds", "0"}, "--seconds: must be in (0, 60], got 0"},
      {{s, "--gif", gif, "--seconds", "61"}, "--seconds: must be in (0, 60], got 61"},
      {{s, "--gif", gif, "--fps", "60", "--seconds", "31"},
       "--fps x --seconds: must give at most 1800 frames, got 1860"},
      {{s, "--out", png, "--view", "4d"}, "--view: 4d not in {2d,3d}"},
      {{s, "--out", png, "--view", "3D"}, "--view: 3D not in {2d,3d}"},
      {{s, "--out", png, "--view", ""}, "--view:  not in {2d,3d}"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"render"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    INFO(c.message);
    const Result r = run_optviz(args, {{"DISPLAY", std::nullopt}, {"WAYLAND_DISPLAY", std::nullopt}});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "optviz: " + c.message + "\n");
    CHECK(dir.entries() == std::vector<std::string>{"s.json"});
  }
}

TEST_CASE("the window's --view takes 2d or 3d, and anything else exits 2 before a window opens", "[cli]") {
  for (const char* view : {"4d", "surface", "3"}) {
    INFO(view);
    const Result r = run_optviz({"--view", view}, {{"DISPLAY", std::nullopt}, {"WAYLAND_DISPLAY", std::nullopt}});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "optviz: --view: " + std::string(view) + " not in {2d,3d}\n");
  }
  // A valid choice gets as far as the window: without a display, exit 1.
  const Result ok = run_optviz({"--view", "3d"}, {{"DISPLAY", std::nullopt}, {"WAYLAND_DISPLAY", std::nullopt}});
  CHECK(ok.exit_code == 1);
}

TEST_CASE("render without a display says to use xvfb-run and exits 1", "[cli]") {
  const TempDir dir;
  save_scenario(dir / "s.json", default_scenario());
  const Result r = run_optviz({"render", (dir / "s.json").string(), "--out", (dir / "f.png").string()},
                              {{"DISPLAY", std::nullopt}, {"WAYLAND_DISPLAY", std::nullopt}});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains(kNoDisplayHint));
  CHECK(dir.entries() == std::vector<std::string>{"s.json"});
}

TEST_CASE("a CSV export that cannot be written exits 1 and says why", "[cli]") {
  const TempDir dir;
  save_scenario(dir / "s.json", default_scenario());
  write_file(dir / "a-file", "x");
  const Result r = run_optviz({"run", (dir / "s.json").string(), "--out-dir", (dir / "a-file").string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::StartsWith("optviz: cannot write " + (dir / "a-file").string() + ": "));
  const Result full = run_optviz({"run", (dir / "s.json").string(), "--out-dir", "/sys/optviz-test-runs"});
  CHECK(full.exit_code == 1);
  CHECK_THAT(full.err, Catch::StartsWith("optviz: cannot write /sys/optviz-test-runs"));
}

TEST_CASE("the schedule's flags, their help and the schedules that take them come from core's table", "[cli]") {
  const Result help = run_optviz({"run", "--help"});
  REQUIRE(help.exit_code == 0);
  for (const ScheduleField& f : schedule_fields()) {
    INFO(f.name);
    CHECK(help.out.find("--" + std::string(f.flag)) != std::string::npos);
    CHECK(help.out.find(std::string(f.help)) != std::string::npos);
    // A schedule that does not take the field refuses its flag, naming those that do.
    for (const ScheduleKind kind : schedule_kinds()) {
      if (f.applies_to(kind) || !f.needs.empty()) continue;
      const Result r = run_optviz({"run", "--function", "booth", "--optimizer", "sgd", "--steps", "3", "--schedule",
                                   std::string(name(kind)), "--" + std::string(f.flag), "1"});
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("--" + std::string(f.flag) + " applies to --schedule ") != std::string::npos);
    }
  }
}

TEST_CASE("a network scenario's runs from the command line are optviz train's, by flags", "[cli]") {
  const TempDir dir;
  Scenario s = default_network_scenario();
  s.network->recipe->rows = 120;
  s.network->recipe->seed = 3;  // optviz train draws the points with --seed
  s.course.seed = 3;
  s.course.steps = 300;
  s.course.runs[1].shuffle = true;
  const auto file = dir / "net.optviz.json";
  save_scenario(file, s);
  const Result r = run_optviz({"run", file.string(), "--out-dir", (dir / "out").string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const std::vector<std::string> names = run_names(s);
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) {
    const RunSpec& run = s.course.runs[i];
    const auto stats = dir / ("stats" + std::to_string(i) + ".csv");
    std::vector<std::string> args = {"train",
                                     "--dataset",
                                     "circle",
                                     "--rows",
                                     "120",
                                     "--seed",
                                     "3",
                                     "--test-fraction",
                                     "0.5",
                                     "--layers",
                                     "4,2",
                                     "--activation",
                                     "tanh",
                                     "--optimizer",
                                     std::string(name(run.hyper.kind)),
                                     "--eta",
                                     format_number(run.hyper.eta),
                                     "--batch",
                                     "10",
                                     "--steps",
                                     "300",
                                     "--stats",
                                     stats.string()};
    if (run.shuffle) args.push_back("--shuffle");
    const Result by_flags = run_optviz(args);
    INFO(names[i]);
    REQUIRE(by_flags.exit_code == 0);
    const std::string csv = run_file_name(i, names[i]);
    CHECK(read_file(dir / "out" / csv) == by_flags.out);
    CHECK(read_file(dir / "out" / (csv.substr(0, csv.size() - 4) + "-layers.csv")) == read_file(stats));
  }
  const std::string summary = read_file(dir / "out" / "summary.json");
  CHECK(summary.find("\"network\": \"2-4-2-1 tanh network on the circle\"") != std::string::npos);
  CHECK(summary.find("\"test_accuracy\": ") != std::string::npos);
}
