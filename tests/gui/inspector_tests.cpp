// The inspector shows core's numbers: every value it displays that names a piece of the
// optimizer's state, the step size, the gradient or the new position is checked against the
// trajectory's own state, for every optimizer and convention, at many steps.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "explain.hpp"
#include "panels.hpp"
#include "scenario.hpp"
#include "test_function.hpp"

using namespace optviz;
using namespace optviz::gui;
using K = OptimizerKind;

namespace {

std::vector<RunSpec> runs_to_inspect() {
  std::vector<RunSpec> runs;
  for (const OptimizerKind kind : optimizer_kinds()) runs.push_back(make_run(kind));
  auto variant = [&](OptimizerKind kind, auto change) {
    RunSpec r = make_run(kind);
    change(r);
    runs.push_back(r);
  };
  variant(K::adagrad, [](RunSpec& r) { r.hyper.lr_decay = 0.05; });
  variant(K::adagrad, [](RunSpec& r) {
    r.hyper.eps_inside_sqrt = true;
    r.hyper.initial_accumulator = 0.5;
  });
  variant(K::rmsprop, [](RunSpec& r) { r.hyper.centered = true; });
  variant(K::rmsprop, [](RunSpec& r) {
    r.hyper.momentum = 0.8;
    r.hyper.weight_decay = 0.01;
  });
  variant(K::rmsprop, [](RunSpec& r) { r.hyper.eps_inside_sqrt = true; });
  variant(K::adam, [](RunSpec& r) { r.hyper.amsgrad = true; });
  variant(K::adam, [](RunSpec& r) {
    r.hyper.bias_correction = false;
    r.hyper.eps_inside_sqrt = true;
  });
  variant(K::adamw, [](RunSpec& r) { r.hyper.weight_decay = 0.1; });
  variant(K::momentum, [](RunSpec& r) {
    r.hyper.dampening = 0.3;
    r.hyper.weight_decay = 0.02;
  });
  variant(K::nesterov, [](RunSpec& r) { r.hyper.momentum = 0.5; });
  variant(K::rmsprop, [](RunSpec& r) {
    r.schedule.kind = ScheduleKind::cosine;
    r.schedule.warmup = 5;
  });
  variant(K::adagrad, [](RunSpec& r) {
    r.schedule.kind = ScheduleKind::step;
    r.schedule.step_size = 7;
    r.schedule.gamma = 0.5;
  });
  return runs;
}

const InspectorRow* find_row(const std::vector<InspectorRow>& rows, const std::string& name) {
  const InspectorRow* found = nullptr;
  for (const InspectorRow& r : rows)
    if (r.name == name) found = &r;  // the last part that shows it
  return found;
}

void check_row(const InspectorRow& row, Vec2 expected, const std::string& what) {
  INFO(what << " (" << row.name << ")");
  CHECK(row.x == explain_number(expected.x));
  CHECK(row.y == explain_number(expected.y));
}

}  // namespace

TEST_CASE("every number the inspector shows for a built-in optimizer is core's, at many steps") {
  const TestFunction& tf = *find_function("rosenbrock");
  const Objective f(tf);
  for (RunSpec run : runs_to_inspect()) {
    if (run.hyper.kind == K::sgd || run.hyper.kind == K::momentum || run.hyper.kind == K::nesterov)
      run.hyper.eta = 1e-4;  // Rosenbrock's gradient at the start is about 150
    INFO(title(run.hyper.kind) << ": " << parameter_summary(run));
    Trajectory t;
    simulate_run(f, run, tf.start, 80, training_of(run, 0, 0), t);
    REQUIRE(t.rows() == 81);
    std::map<std::string, Vec2 State::*> fields = {
        {"step size", &State::lr}, {"ḡ after", &State::gavg}, {"v_max after", &State::vmax}};
    for (const StateField& field : state_fields(run.hyper)) fields[std::string(field.name) + " after"] = field.member;
    for (const long k : {0L, 1L, 2L, 3L, 10L, 33L, 64L, 65L, 79L}) {
      INFO("update " << k << " -> " << k + 1);
      const std::vector<InspectorRow> rows = inspector_rows(explain_update(run, "G", t, k));
      const State after = t.state(static_cast<std::size_t>(k));
      int checked = 0;
      for (const auto& [name, member] : fields)
        if (const InspectorRow* row = find_row(rows, name)) {
          check_row(*row, after.*member, name);
          ++checked;
        }
      const InspectorRow* theta = find_row(rows, "θ after");
      REQUIRE(theta != nullptr);
      check_row(*theta, t.position[static_cast<std::size_t>(k) + 1], "the new position");
      REQUIRE(!rows.empty());
      CHECK(rows[0].part == 0);
      check_row(rows[0], t.position[static_cast<std::size_t>(k)], "the position");
      check_row(rows[1], t.gradient[static_cast<std::size_t>(k)], "the gradient");
      // At least the step size and one more piece of state (SGD: the step size).
      CHECK(checked >= (run.hyper.kind == K::sgd ? 0 : 1));
      const bool shows_step = find_row(rows, "step size") != nullptr || find_row(rows, "step") != nullptr;
      CHECK(shows_step);
    }
  }
}

TEST_CASE("a typed rule's inspector rows are its statements' values, as the trajectory recorded them") {
  const TestFunction& tf = *find_function("rosenbrock");
  const Objective f(tf);
  RunSpec run = make_rule_run(Rule("G = rho*G + (1-rho)*g^2\nb = 0.5*b + g\ntheta = theta - eta*b/(sqrt(G) + eps)"));
  Trajectory t;
  simulate_run(f, run, tf.start, 50, training_of(run, 0, 0), t);
  const Rule& rule = *run.rule;
  for (const long k : {0L, 5L, 49L}) {
    const std::vector<InspectorRow> rows = inspector_rows(explain_update(run, "G", t, k));
    for (const std::string name : {"G", "b"}) {
      const InspectorRow* row = find_row(rows, name + " after");
      REQUIRE(row != nullptr);
      check_row(*row, t.rule_variable(static_cast<std::size_t>(k), *rule.state_index(name)), name);
    }
    const InspectorRow* theta = find_row(rows, "theta after");
    REQUIRE(theta != nullptr);
    check_row(*theta, t.position[static_cast<std::size_t>(k) + 1], "theta");
  }
}

TEST_CASE("the inspector has no update to show at the last step, only its message") {
  const Objective f(*find_function("booth"));
  const RunSpec run = make_run(K::rmsprop);
  Trajectory t;
  simulate_run(f, run, {1, 1}, 10, training_of(run, 0, 0), t);
  const Explanation e = explain_update(run, "G", t, 10);
  CHECK(inspector_rows(e).empty());
  CHECK(e.message.find("last step") != std::string::npos);
}
