// Network scenarios (issue 25): the "network" section of a version 3 file, its defaults, its checks,
// and a run trained from a scenario as `optviz train` trains it.
#include <catch2/catch.hpp>

#include "network_setup.hpp"
#include "scenario.hpp"
#include "scenario_file.hpp"

namespace optviz {
namespace {

Scenario rows_scenario() {
  Scenario s = default_network_scenario();
  s.network->recipe.reset();
  s.network->source = "moons.csv";
  s.network->rows = {{0.5, -1, 2.25, 3}, {1, 0.125, -2, 4}, {0, 1, 1, 0}};
  s.network->test_fraction = 0.25;
  s.network->features = {Feature::x1, Feature::sin_x2, Feature::x1_x2};
  s.network->hidden = {3};
  s.network->activation = Activation::relu;
  for (RunSpec& r : s.course.runs) r.batch = 2;
  s.course.runs[1].shuffle = true;
  s.course.steps = 30;
  return s;
}

}  // namespace

TEST_CASE("a network scenario round-trips: the same bytes, the same scenario", "[network_scenario]") {
  for (const Scenario& original : {default_network_scenario(), rows_scenario()}) {
    REQUIRE(find_scenario_problem(original) == "");
    const std::string first = to_json(original);
    CHECK(first.find("\"version\": " + std::to_string(kScenarioVersion)) != std::string::npos);
    CHECK(first.find("\"start\"") == std::string::npos);
    CHECK(first.find("\"view\"") == std::string::npos);
    const Scenario loaded = scenario_from_json(first);
    CHECK(loaded == original);
    CHECK(to_json(loaded) == first);
  }
}

TEST_CASE("a network section takes Playground's defaults; a regression set the mse loss", "[network_scenario]") {
  const Scenario s = scenario_from_json(
      R"({"version": 3, "network": {"data": {"set": "spiral"}}, "steps": 5, "runs": [{"optimizer": "sgd"}]})");
  REQUIRE(s.network);
  CHECK(*s.network->recipe == PlaygroundRecipe{Playground::spiral, 200, 0, 1});
  CHECK(s.network->test_fraction == 0.5);
  CHECK(s.network->hidden == std::vector<std::size_t>{4, 2});
  CHECK(s.network->loss == NetLoss::logistic);
  CHECK(slide_title(s) == "2-4-2-1 tanh network on the spiral");
  const Scenario r = scenario_from_json(
      R"({"version": 3, "network": {"data": {"set": "plane"}}, "steps": 5, "runs": [{"optimizer": "sgd"}]})");
  CHECK(r.network->loss == NetLoss::mse);
}

TEST_CASE("a scenario's run trains as optviz train trains it: one seed splits, draws and shuffles",
          "[network_scenario]") {
  Scenario s = rows_scenario();
  s.network = NetworkSetup{};
  s.network->recipe = PlaygroundRecipe{Playground::xor_, 60, 0.1, 7};
  s.course.seed = 7;
  const NetStart start = network_start(s);
  CHECK(start.sets.train.size() == 30);
  CHECK(start.sets.test.size() == 30);
  const Network net(NetworkSpec{2, {4, 2}, Activation::tanh, NetLoss::logistic});
  const NetSplit parts = split(generate_playground({Playground::xor_, 60, 0.1, 7}), 0.5, 7);
  NetSets sets;
  sets.train = parts.train;
  sets.test = parts.test;
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) {
    const NetRun a = train_scenario_run(s, start, i, {});
    const NetRun b = train_network(net, net.initial_weights(7), sets, s.course.runs[i], s.course.steps, 7);
    CHECK(a.loss == b.loss);
    CHECK(a.test_loss == b.test_loss);
    CHECK(a.theta == b.theta);
  }
}

TEST_CASE("the window's recording: rows as optviz train writes them, at most 201 snapshots", "[network_scenario]") {
  const Scenario s = default_network_scenario();
  const NetStart start = network_start(s);
  const NetRecording r = window_recording(start, s.course.steps);
  CHECK(r.every == default_every(start.sets, s.course.steps));
  CHECK(r.layer_stats);
  CHECK(r.snapshot_every == 10);
  const NetRun run = train_scenario_run(s, start, 2, r);
  CHECK(run.snapshots.size() == 201);
  CHECK(run.layer_stats.size() == 2001 * 3 * 2 - 3 * 2);  // no update before step 1
}

TEST_CASE("find_scenario_problem checks a network scenario built in memory", "[network_scenario]") {
  Scenario s = default_network_scenario();
  s.network->hidden = {4, 0};
  CHECK(find_scenario_problem(s) == "network.hidden[1]: must be 1 .. 16 units, got 0");
  s = default_network_scenario();
  s.course.runs[2].batch = 251;
  CHECK(find_scenario_problem(s) == "runs[2].batch: must be at most the 250 training rows, got 251");
  s = default_network_scenario();
  s.course.steps = 1'000'000;
  s.network->hidden = {16, 16, 16};
  s.course.runs.resize(1);
  s.looks.resize(1);
  s.course.runs[0].batch = 0;
  CHECK(find_scenario_problem(s).starts_with("runs[0]: too much to train (work: "));
}

}  // namespace optviz
