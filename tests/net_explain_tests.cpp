// One network parameter's update explained (core/network/net_explain): its place and name; the
// replayed training lands on the weights the run recorded (before and after every update, for
// built-ins and a typed rule, on full and mini-batches); the step size and accumulator equal
// layer_stats' for the output's bias (a one-element layer); RMSprop's first update by hand; a watch
// changes no bit of a training; the replay goes forward without starting over.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "net_explain.hpp"
#include "network_setup.hpp"
#include "scenario.hpp"
#include "support/small_network.hpp"

using namespace optviz;

namespace {

// A 2-4-2-1 network on 60 of the circle's points, 30 steps.
Scenario small_scenario() { return small_network_scenario(60, 30); }

RunSpec run_of(OptimizerKind kind, double eta) {
  RunSpec run = make_run(kind);
  run.hyper.eta = eta;
  return run;
}

const ExplainValue* value_named(const Explanation& e, const std::string& name) {
  const ExplainValue* found = nullptr;
  for (const ExplainPart& p : e.parts)
    for (const ExplainValue& v : p.values)
      if (v.name == name) found = &v;  // the last part's
  return found;
}

}  // namespace

TEST_CASE("a parameter's place and name follow the network view's columns", "[network][explain]") {
  const Network net({2, {4, 3}, Activation::tanh, NetLoss::logistic});
  const std::vector<Feature> features = {Feature::x1, Feature::x2};
  // Layer 1: W 4x2 at 0, b at 8; layer 2: W 3x4 at 12, b at 24; layer 3: W 1x3 at 27, b at 30.
  CHECK(parameter_place(net, 5) == ParameterPlace{0, ParameterKind::weight, 2, 1});
  CHECK(parameter_place(net, 9) == ParameterPlace{0, ParameterKind::bias, 1, 0});
  CHECK(parameter_place(net, 12 + 4 * 1 + 2) == ParameterPlace{1, ParameterKind::weight, 1, 2});
  CHECK(parameter_name(net, features, 5) == "layer 1 weight from x2 to unit 3");
  CHECK(parameter_name(net, features, 12 + 4 * 0 + 2) == "layer 2 weight from unit 3 to unit 1");
  CHECK(parameter_name(net, features, 25) == "layer 2 bias of unit 2");
  CHECK(parameter_name(net, features, 28) == "layer 3 weight from unit 2 to the output");
  CHECK(parameter_name(net, features, 30) == "the output's bias");
  CHECK(parameter_symbol(net, 30) == "b");
  CHECK(parameter_symbol(net, 28) == "w");
  CHECK_THROWS_AS(ParameterReplay(net, std::vector<double>(31), NetSets{}, RunSpec{}, 10, 0, 31), NetworkError);
}

TEST_CASE("the explained update of a parameter lands on the weights the run recorded", "[network][explain]") {
  Scenario s = small_scenario();
  std::vector<RunSpec> runs = {run_of(OptimizerKind::rmsprop, 0.01), run_of(OptimizerKind::adam, 0.02),
                               run_of(OptimizerKind::adagrad, 0.1), run_of(OptimizerKind::momentum, 0.1)};
  runs.back().batch = 10;
  runs.back().shuffle = true;
  runs.push_back(run_of(OptimizerKind::rmsprop, 0.01));
  runs.back().rule.emplace("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)");
  runs.back().schedule.kind = ScheduleKind::cosine;
  s.course.runs = runs;
  const NetStart start = network_start(s);
  NetRecording every_step = window_recording(start, s.course.steps);
  every_step.snapshot_every = 1;
  const std::size_t n = start.net.parameter_count();
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const NetRun run = train_scenario_run(s, start, r, every_step);
    REQUIRE(run.snapshots.size() == 31);
    for (const std::size_t i : {std::size_t{0}, n / 2, n - 2, n - 1}) {
      ParameterReplay replay(start.net, start.theta, start.sets, runs[r], s.course.steps, s.course.seed, i);
      for (long k = 0; k < s.course.steps; ++k) {
        INFO("run " << r << ", parameter " << i << ", step " << k);
        const Explanation e = replay.explain(k);
        REQUIRE(e.message.empty());
        CHECK(e.coordinates == 1);
        CHECK(e.theta_before.x == run.snapshots[static_cast<std::size_t>(k)][i]);
        CHECK(e.theta_after.x == run.snapshots[static_cast<std::size_t>(k) + 1][i]);
        CHECK(e.parts.back().theta.x == e.theta_after.x);
        CHECK(e.parts.front().title == "The gradient");
      }
      CHECK(replay.restarts() == 1);  // one replay forward for all 30 updates
    }
  }
}

TEST_CASE("the output bias's step size and accumulator are layer_stats' for its one-element layer",
          "[network][explain]") {
  Scenario s = small_scenario();
  s.course.runs = {run_of(OptimizerKind::rmsprop, 0.01), run_of(OptimizerKind::adam, 0.01)};
  const NetStart start = network_start(s);
  const NetRecording recording = window_recording(start, s.course.steps);
  const std::size_t bias = start.net.parameter_count() - 1;
  const std::size_t output = start.net.layers().size() - 1;
  for (std::size_t r = 0; r < s.course.runs.size(); ++r) {
    const NetRun run = train_scenario_run(s, start, r, recording);
    ParameterReplay replay(start.net, start.theta, start.sets, s.course.runs[r], s.course.steps, s.course.seed, bias);
    const std::string accumulator = r == 0 ? "G after" : "v after";
    int checked = 0;
    for (const LayerStats& st : run.layer_stats) {
      if (st.layer != output || st.kind != ParameterKind::bias) continue;
      REQUIRE(st.count == 1);
      const Explanation e = replay.explain(st.step - 1);  // update st.step
      INFO("run " << r << ", update " << st.step);
      REQUIRE(value_named(e, "step size") != nullptr);
      CHECK(value_named(e, "step size")->value.x == st.step_size.quantiles[kMedian]);
      CHECK(value_named(e, accumulator)->value.x == st.accumulator->quantiles[kMedian]);
      ++checked;
    }
    CHECK(checked == 30);
  }
}

TEST_CASE("RMSprop's first update of a weight, by hand", "[network][explain]") {
  Scenario s = small_scenario();
  const RunSpec rms = run_of(OptimizerKind::rmsprop, 0.01);
  s.course.runs = {rms};
  const NetStart start = network_start(s);
  NetWorkspace ws;
  std::vector<double> g(start.net.parameter_count());
  start.net.loss_and_gradient(start.theta, input_matrix(start.sets.train, start.sets.features),
                              target_vector(start.sets.train), g, ws);
  const std::size_t i = 3;
  ParameterReplay replay(start.net, start.theta, start.sets, rms, s.course.steps, s.course.seed, i);
  const Explanation e = replay.explain(0);
  REQUIRE(e.message.empty());
  const double rho = rms.hyper.rho, eps = rms.hyper.eps;
  const double G = (1 - rho) * (g[i] * g[i]);  // rho * 0 + (1 - rho) g^2
  CHECK(value_named(e, "g")->value.x == g[i]);
  CHECK(value_named(e, "G before")->value.x == 0);
  CHECK(value_named(e, "G after")->value.x == G);
  CHECK(value_named(e, "step size")->value.x == Approx(0.01 / (std::sqrt(G) + eps)).epsilon(1e-15));
  CHECK(e.theta_after.x == Approx(start.theta[i] - 0.01 * g[i] / (std::sqrt(G) + eps)).epsilon(1e-15));
  // With one coordinate the captions write one number, never a pair.
  CHECK(e.parts.front().caption.rfind("g = " + explain_number(g[i]) + ": ∂L/∂θ over every training row", 0) == 0);
  for (const ExplainPart& p : e.parts) CHECK(p.caption.find(",\u00A0") == std::string::npos);
}

TEST_CASE("a watched training is the same training; the replay restarts only to go back", "[network][explain]") {
  Scenario s = small_scenario();
  const RunSpec adam = run_of(OptimizerKind::adam, 0.05);
  const NetStart start = network_start(s);
  const NetRun plain = train_network(start.net, start.theta, start.sets, adam, 30, 7);
  NetTrainer watched(start.net, start.theta, start.sets, adam, 30, 7);
  watched.watch(4);
  watched.advance(10);
  REQUIRE(watched.watched() != nullptr);
  CHECK(watched.watched()->step == 9);
  const NetRun run = std::move(watched).finish();
  CHECK(run.theta == plain.theta);
  CHECK(run.loss == plain.loss);

  ParameterReplay replay(start.net, start.theta, start.sets, adam, 30, 7, 4);
  replay.explain(5);
  replay.explain(5);
  replay.explain(20);
  CHECK(replay.restarts() == 1);
  replay.explain(3);
  CHECK(replay.restarts() == 2);
  CHECK(replay.explain(30).message == "Step 30 is the run's last step: there is no next update.");
  CHECK(replay.explain(31).message == "Step 31 is outside the run (steps 0 to 30).");
  CHECK(replay.explain(-1).parts.empty());
}

TEST_CASE("a diverging run's parameter has no update past its last row", "[network][explain]") {
  Scenario s = small_scenario();
  const RunSpec wild = run_of(OptimizerKind::sgd, 1e18);
  const NetStart start = network_start(s);
  const NetRun run = train_network(start.net, start.theta, start.sets, wild, 30, 0);
  REQUIRE(run.diverged_at);
  const long d = *run.diverged_at;
  ParameterReplay replay(start.net, start.theta, start.sets, wild, 30, 0, 0);
  CHECK(replay.explain(d - 1).message.empty());
  CHECK(replay.explain(d).message == "The run diverged at step " + std::to_string(d) + ": there is no next update.");
  CHECK(replay.explain(d + 1).message.find("outside the run (it diverged at step") != std::string::npos);
}
