// What a run records: the rows, the plotted series and checkpoints of the state, from which the
// whole state at any step is replayed exactly; and the fast loop of a built-in function with a
// built-in optimizer, which must give the rows of the general loop bit for bit.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "optimizer.hpp"
#include "run.hpp"
#include "run_loop.hpp"
#include "scenario.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;

namespace {

constexpr long kSteps = 300;  // several checkpoints, and a last stretch after the last one

// Every kind, and each named convention that changes its rule.
std::vector<Hyperparameters> configurations() {
  std::vector<Hyperparameters> out;
  for (OptimizerKind kind : optimizer_kinds()) {
    Hyperparameters h = defaults(kind);
    h.eta = kind == OptimizerKind::adadelta ? 0.5 : 1e-3;
    out.push_back(h);
    h.weight_decay = 0.01;
    out.push_back(h);
  }
  const auto variant = [&](OptimizerKind kind, auto change) {
    Hyperparameters h = defaults(kind);
    change(h);
    out.push_back(h);
  };
  using K = OptimizerKind;
  variant(K::rmsprop, [](Hyperparameters& h) { h.centered = true; });
  variant(K::rmsprop, [](Hyperparameters& h) { h.momentum = 0.5; });
  variant(K::rmsprop, [](Hyperparameters& h) { h.eps_inside_sqrt = true; });
  variant(K::adagrad,
          [](Hyperparameters& h) { h.eps_inside_sqrt = true, h.initial_accumulator = 0.1, h.lr_decay = 0.01; });
  variant(K::adam, [](Hyperparameters& h) { h.amsgrad = true; });
  variant(K::adam, [](Hyperparameters& h) { h.bias_correction = false; });
  variant(K::adam, [](Hyperparameters& h) { h.eps_inside_sqrt = true; });
  variant(K::adamw, [](Hyperparameters& h) { h.amsgrad = true; });
  variant(K::momentum, [](Hyperparameters& h) { h.dampening = 0.3; });
  return out;
}

std::string describe(const TestFunction& f, const Hyperparameters& h) {
  return std::string(f.name) + " " + std::string(name(h.kind)) + " eta=" + std::to_string(h.eta) +
         " wd=" + std::to_string(h.weight_decay) + (h.centered ? " centered" : "") + (h.amsgrad ? " amsgrad" : "") +
         (h.eps_inside_sqrt ? " eps_inside" : "") + (h.bias_correction ? "" : " no_bias_correction");
}

// A schedule that gives eta itself at every update (gamma^0 = 1) but is not constant: the run takes
// the general loop.
Training general_loop() {
  Training training;
  training.schedule.kind = ScheduleKind::step;
  training.schedule.step_size = kSteps + 1;
  training.schedule.gamma = 0.5;
  return training;
}

// The same rows, plotted series and checkpoints, bit for bit.
void check_same_rows(const Trajectory& a, const Trajectory& b) {
  REQUIRE(a.rows() == b.rows());
  CHECK(a.diverged_at == b.diverged_at);
  CHECK(a.position == b.position);
  CHECK(a.value == b.value);
  CHECK(a.gradient == b.gradient);
  CHECK(a.step_size == b.step_size);
  CHECK(a.accumulator == b.accumulator);
  CHECK(a.checkpoints == b.checkpoints);
}

// The same, and of the same run.
void check_same(const Trajectory& a, const Trajectory& b) {
  check_same_rows(a, b);
  CHECK(a.hyper == b.hyper);
  CHECK(a.schedule == b.schedule);
}

}  // namespace

TEST_CASE("the fast loop gives the general loop's rows, series and checkpoints bit for bit", "[trajectory]") {
  REQUIRE_FALSE(general_loop().is_plain());
  for (const TestFunction& f : test_functions()) {
    for (const Hyperparameters& h : configurations()) {
      INFO(describe(f, h));
      Trajectory fast, general;
      run(f, h, f.start, kSteps, fast);
      run(f, h, f.start, kSteps, general, general_loop());
      check_same_rows(fast, general);
    }
  }
}

TEST_CASE("the replayed state is the state of every step, bit for bit", "[trajectory]") {
  const TestFunction& f = *find_function("himmelblau");
  for (const Hyperparameters& h : configurations()) {
    for (const Training& training : {Training{}, general_loop()}) {
      INFO(describe(f, h) << (training.is_plain() ? "" : ", general loop"));
      const Trajectory t = [&] {
        Trajectory out;
        run(f, h, f.start, kSteps, out, training);
        return out;
      }();
      REQUIRE(t.updates() == static_cast<std::size_t>(kSteps));
      CHECK(t.checkpoints.size() == static_cast<std::size_t>(kSteps / kCheckpointInterval));
      // The states that the rule reaches from the recorded rows, one update after the other.
      std::vector<State> states;
      State s = initial_state<Vec2>(h);
      for (std::size_t k = 0; k < t.updates(); ++k) {
        step(h, s, t.position[k], t.gradient[k]);
        states.push_back(s);
      }
      const auto accumulator = accumulator_field(h);
      for (std::size_t k = 0; k < t.updates(); ++k) {
        CHECK(t.step_size[k] == states[k].lr);
        if (accumulator) CHECK(t.accumulator[k] == states[k].*accumulator->member);
      }
      // Asked at random (from the checkpoint before each) and in order (one update each).
      for (std::size_t k = 0; k < t.updates(); k += 7) CHECK(t.state(k) == states[k]);
      for (std::size_t k : {std::size_t{63}, std::size_t{64}, std::size_t{127}, t.updates() - 1})
        CHECK(t.state(k) == states[k]);
      StateReplay replay(t);
      for (std::size_t k = 0; k < t.updates(); ++k) REQUIRE(replay.state(k) == states[k]);
      CHECK(replay.state(5) == states[5]);  // backwards again
    }
  }
}

TEST_CASE("a schedule's learning rates are replayed too", "[trajectory]") {
  const TestFunction& f = *find_function("rosenbrock");
  Hyperparameters h = defaults(OptimizerKind::adam);
  h.eta = 0.01;
  Training training;
  training.schedule = {ScheduleKind::cosine, 1, 0.1, 0, 1e-4, 20, 0.1};
  Trajectory t;
  run(f, h, f.start, kSteps, t, training);
  State s = initial_state<Vec2>(h);
  for (std::size_t k = 0; k < t.updates(); ++k) {
    Hyperparameters at_t = h;
    at_t.eta = training.schedule.eta(static_cast<long>(k) + 1, h.eta, kSteps);
    step(at_t, s, t.position[k], t.gradient[k]);
    REQUIRE(t.state(k) == s);
  }
}

TEST_CASE("a diverged run replays up to its last update", "[trajectory]") {
  const TestFunction& f = *find_function("quadratic");
  Hyperparameters h = defaults(OptimizerKind::sgd);
  h.eta = 0.082;  // y -> -1.05 y: beyond 1e12 after about 560 updates
  const Trajectory t = run(f, h, {2.5, 1.5}, 1000);
  REQUIRE(t.diverged_at);
  REQUIRE(t.updates() > static_cast<std::size_t>(kCheckpointInterval));
  State s = initial_state<Vec2>(h);
  for (std::size_t k = 0; k < t.updates(); ++k) step(h, s, t.position[k], t.gradient[k]);
  CHECK(t.state(t.updates() - 1) == s);
}

TEST_CASE("runs stepped together give each run's own trajectory bit for bit", "[trajectory]") {
  // Every configuration with the next one of its kind (its weight-decay twin, or a convention), a
  // partner that diverges early, one on the general loop that steps alone, and an odd one out.
  std::vector<Hyperparameters> hypers = configurations();
  Hyperparameters wild = defaults(OptimizerKind::sgd);
  wild.eta = 0.5;
  hypers.insert(hypers.begin(), wild);
  const Training plain, general = general_loop();
  for (const TestFunction& f : test_functions()) {
    INFO(f.name);
    std::vector<RunOrder> orders;
    std::vector<Trajectory> together(hypers.size() + 1), alone(hypers.size() + 1);
    for (std::size_t i = 0; i < hypers.size(); ++i) orders.push_back({&hypers[i], &plain, &together[i]});
    orders.push_back({&hypers[1], &general, &together.back()});
    run_together(f, f.start, kSteps, orders);
    for (std::size_t i = 0; i < orders.size(); ++i) {
      INFO(describe(f, *orders[i].hyper) << (i == hypers.size() ? ", general loop" : ""));
      run(f, *orders[i].hyper, f.start, kSteps, alone[i], *orders[i].training);
      check_same(together[i], alone[i]);
    }
  }
  const TestFunction& quadratic = *find_function("quadratic");
  Trajectory a, b;
  const std::vector<RunOrder> pair = {{&hypers[0], &plain, &a}, {&hypers[1], &plain, &b}};
  run_together(quadratic, {2.5, 1.5}, kSteps, pair);
  CHECK(a.diverged_at);  // the wild one stopped early, its partner went on
  CHECK_FALSE(b.diverged_at);
  CHECK(b.rows() == kSteps + 1);
  Hyperparameters invalid = hypers[1];
  invalid.eta = -1;
  const std::vector<RunOrder> bad = {{&hypers[1], &plain, &a}, {&invalid, &plain, &b}};
  CHECK_THROWS_WITH(run_together(quadratic, {2.5, 1.5}, kSteps, bad), "invalid eta: -1 (must be >= 0)");
}

TEST_CASE("a trajectory's tables of powers follow its betas and step count", "[trajectory]") {
  const TestFunction& f = *find_function("rosenbrock");
  Trajectory reused;
  // Each run into the same trajectory, after another: what a fresh trajectory gets.
  const auto check_run = [&](OptimizerKind kind, auto change, long steps) {
    Hyperparameters h = defaults(kind);
    h.eta = 1e-3;
    change(h);
    INFO(describe(f, h) << " steps=" << steps);
    run(f, h, f.start, steps, reused);
    check_same(reused, run(f, h, f.start, steps));
    Trajectory general;
    run(f, h, f.start, steps, general, general_loop());  // pow at every update
    CHECK(reused.position == general.position);
    CHECK(reused.step_size == general.step_size);
  };
  using K = OptimizerKind;
  check_run(
      K::adam, [](Hyperparameters&) {}, 100);
  check_run(
      K::adam, [](Hyperparameters& h) { h.beta1 = 0.8; }, 100);
  check_run(
      K::adam, [](Hyperparameters& h) { h.beta1 = 0.8; }, kSteps);  // longer
  check_run(
      K::adam, [](Hyperparameters& h) { h.beta2 = 0.99; }, kSteps);
  check_run(
      K::adamax, [](Hyperparameters& h) { h.beta1 = 0.7; }, kSteps);
  check_run(
      K::nadam, [](Hyperparameters& h) { h.momentum_decay = 0.01; }, kSteps);
  check_run(
      K::nadam, [](Hyperparameters&) {}, kSteps);
  check_run(
      K::adamw, [](Hyperparameters& h) { h.beta1 = 0.5, h.beta2 = 0.9; }, kSteps);
  check_run(
      K::adam, [](Hyperparameters&) {}, kSteps);
}

TEST_CASE("a scenario simulates its runs together, or only those asked for, as each alone", "[trajectory]") {
  Scenario s = default_scenario();
  s.course.steps = kSteps;
  s.course.runs.push_back(s.course.runs[2]);  // a second RMSprop, and a typed rule between them
  s.course.runs.insert(s.course.runs.begin() + 3, make_rule_run(Rule("theta = theta - eta*g")));
  s.course.runs.push_back(make_run(OptimizerKind::rmsprop));
  s.course.runs.back().noise = 0.5;  // steps alone: not the exact gradient
  const auto alone = [&](std::size_t i) {
    Trajectory t;
    simulate_run(s.course.objective, s.course.runs[i], s.course.start, s.course.steps,
                 training_of(s.course.runs[i], s.course.seed, i), t);
    return t;
  };
  std::vector<Trajectory> runs = simulate(s.course);
  REQUIRE(runs.size() == s.course.runs.size());
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) {
    INFO("run " << i);
    check_same(runs[i], alone(i));
    CHECK(runs[i].rule_state == alone(i).rule_state);
  }
  s.course.runs[2].hyper.rho = 0.5;
  s.course.runs[5].hyper.rho = 0.8;
  const std::vector<std::size_t> which = {2, 5};
  const std::vector<Trajectory> before = runs;
  simulate(s.course, runs, which);
  check_same(runs[2], alone(2));
  check_same(runs[5], alone(5));
  check_same(runs[0], before[0]);
  CHECK_FALSE(runs[2].position == before[2].position);
}
