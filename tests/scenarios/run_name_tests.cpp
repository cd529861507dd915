// A run's name (core/scenario/run_name.hpp): a typed name stays; an automatic one is made from the
// optimizer and the values that tell the run apart from its own kind, and follows them.
#include <catch2/catch.hpp>
#include <set>

#include "language_scope.hpp"
#include "presets.hpp"
#include "run_export.hpp"
#include "run_name.hpp"
#include "scenario_file.hpp"

using namespace optviz;

namespace {

Scenario two_rmsprop(double rho_a, double rho_b) {
  Scenario s;
  add_run(s, OptimizerKind::rmsprop);
  add_run(s, OptimizerKind::rmsprop);
  s.course.runs[0].hyper.rho = rho_a;
  s.course.runs[1].hyper.rho = rho_b;
  return s;
}

}  // namespace

TEST_CASE("an automatic name says the optimizer and the values that differ from its own kind", "[run_name]") {
  Scenario s = two_rmsprop(0.99, 0.999);
  add_run(s, OptimizerKind::adam);
  CHECK(run_names(s) == std::vector<std::string>{"RMSprop rho=0.99", "RMSprop rho=0.999", "Adam"});
  s.course.runs[1].hyper.eta = 0.1;
  CHECK(run_names(s) == std::vector<std::string>{"RMSprop eta=0.01 rho=0.99", "RMSprop eta=0.1 rho=0.999", "Adam"});
  // Conventions, then the schedule.
  Scenario c = two_rmsprop(0.9, 0.9);
  c.course.runs[1].hyper.centered = true;
  CHECK(run_names(c) == std::vector<std::string>{"RMSprop", "RMSprop centered"});
  c.course.runs[0].schedule.kind = ScheduleKind::cosine;
  CHECK(run_names(c) == std::vector<std::string>{"RMSprop, cosine", "RMSprop centered"});
}

TEST_CASE("an automatic name follows the values; a typed name stays as typed", "[run_name]") {
  Scenario s = two_rmsprop(0.9, 0.99);
  s.course.runs[0].hyper.eta = 0.1;
  s.course.runs[1].hyper.eta = 0.05;
  REQUIRE(run_name(s, 0) == "RMSprop eta=0.1 rho=0.9");
  // A slider drag or a sweep click.
  s.course.runs[0].hyper.eta = 0.30221426551783787;
  CHECK(run_name(s, 0) == "RMSprop eta=0.302 rho=0.9");
  s.course.runs[0].hyper.rho = 0.99;
  CHECK(run_name(s, 0) == "RMSprop eta=0.302");
  CHECK(run_name(s, 1) == "RMSprop eta=0.05");
  s.looks[1].label = "my run";
  s.course.runs[1].hyper.eta = 0.7;
  CHECK(run_name(s, 1) == "my run");
  CHECK(run_name(s, 0) == "RMSprop eta=0.302");
}

TEST_CASE("exported runs' files and labels take the names as they are now", "[run_name][run_export]") {
  Scenario s = two_rmsprop(0.99, 0.999);
  s.course.runs[1].hyper.rho = 0.99912345;
  const std::string summary = run_summary_json(s, simulate(s.course));
  CHECK(summary.find("\"00-rmsprop-rho-0.99.csv\"") != std::string::npos);
  CHECK(summary.find("\"01-rmsprop-rho-0.999123.csv\"") != std::string::npos);
  CHECK(summary.find("\"RMSprop rho=0.999123\"") != std::string::npos);
}

TEST_CASE("runs alike in every value are told apart by their order", "[run_name]") {
  Scenario s = two_rmsprop(0.9, 0.9);
  add_run(s, OptimizerKind::rmsprop);
  s.course.runs[2].hyper.rho = 0.9;
  CHECK(run_names(s) == std::vector<std::string>{"RMSprop", "RMSprop (2)", "RMSprop (3)"});
}

TEST_CASE("a scenario file keeps typed names and leaves automatic ones out", "[run_name][scenario_file]") {
  Scenario s = two_rmsprop(0.9, 0.99);
  s.looks[1].label = "slow forgetting";
  const std::string text = to_json(s);
  CHECK(text.find("\"label\": \"slow forgetting\"") != std::string::npos);
  CHECK(text.find("\"label\": \"RMSprop") == std::string::npos);
  const Scenario back = scenario_from_json(text);
  CHECK(back == s);
  CHECK(back.looks[0].label.empty());
  CHECK(run_names(back) == std::vector<std::string>{"RMSprop rho=0.9", "slow forgetting"});
}

TEST_CASE("a stored label that only spells the run's values reads as automatic", "[run_name][scenario_file]") {
  RunSpec run = make_run(OptimizerKind::rmsprop);
  run.hyper.eta = 0.0632455532033676;
  run.hyper.rho = 0.9;
  CHECK(is_value_label(run, ""));
  CHECK(is_value_label(run, "RMSprop"));
  CHECK(is_value_label(run, "RMSprop eta=0.0632 rho=0.9"));
  CHECK(is_value_label(run, "RMSprop η=0.0632 ρ=0.9"));
  CHECK(is_value_label(run, "RMSprop eta=0.0632, rho=0.9"));
  CHECK_FALSE(is_value_label(run, "RMSprop eta=0.1"));  // a value that is no longer the run's: typed
  CHECK_FALSE(is_value_label(run, "RMSprop + momentum 0.9"));
  CHECK_FALSE(is_value_label(run, "centered RMSprop"));
  CHECK_FALSE(is_value_label(run, "RMSpropx"));
  CHECK_FALSE(is_value_label(run, "RMSprop beta1=0.9"));  // not a parameter RMSprop takes
  CHECK_FALSE(is_value_label(run, "Adam"));

  const Scenario s =
      scenario_from_json(R"({"version": 1, "function": "rosenbrock", "start": [-1.5, 2], "steps": 10, "runs": [
      {"label": "SGD eta=0.05", "optimizer": "sgd", "eta": 0.05},
      {"label": "SGD eta=0.3", "optimizer": "sgd", "eta": 0.3},
      {"label": "fast", "optimizer": "sgd", "eta": 0.65}]})");
  CHECK(s.looks[0].label.empty());
  CHECK(s.looks[1].label.empty());
  CHECK(s.looks[2].label == "fast");
  CHECK(run_names(s) == std::vector<std::string>{"SGD eta=0.05", "SGD eta=0.3", "fast"});
}

TEST_CASE("every lesson's runs have distinct names", "[run_name][presets]") {
  for (const Scenario& s : lesson_presets()) {
    INFO(s.title);
    const std::vector<std::string> names = run_names(s);
    CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
    for (const std::string& name : names) {
      INFO(name);
      CHECK(name.find(" (2)") == std::string::npos);  // told apart by their values, not their order
      CHECK(name.size() <= 40);
    }
  }
}

TEST_CASE("an automatic name's words in the language shown; files store them in English", "[run_name][translate]") {
  Scenario c = two_rmsprop(0.9, 0.9);
  c.course.runs[1].hyper.centered = true;
  c.course.runs[0].schedule.kind = ScheduleKind::cosine;
  c.course.runs[0].schedule.warmup = 10;
  add_run(c, OptimizerKind::sgd);
  c.looks[2].label = "plain";
  c.looks[2].translated_labels["zh_CN"] = "普通";
  const optviz::testing::LanguageScope chinese("zh_CN");
  CHECK(run_names(c) == std::vector<std::string>{"RMSprop, 余弦退火, 预热 10 步", "RMSprop 中心化", "普通"});
  CHECK(run_names(c, as_english) ==
        std::vector<std::string>{"RMSprop, cosine, warm-up 10", "RMSprop centered", "plain"});
  // An exported run's file and summary take the English names, whatever the language shown.
  const std::string summary = run_summary_json(c, simulate(c.course));
  CHECK(summary.find("\"RMSprop, cosine, warm-up 10\"") != std::string::npos);
  CHECK(summary.find("\"plain\"") != std::string::npos);
  CHECK(summary.find("余弦") == std::string::npos);
}
