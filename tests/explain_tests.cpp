// One update explained (core/run/explain.hpp): the sub-steps land exactly on the trajectory's next
// row for every optimizer, convention and typed rule; the numbers in them are the run's own; the
// captions format numbers readably; steps with no next update, and diverged runs, give a message.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "algorithms.hpp"
#include "explain.hpp"
#include "scenario.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;

namespace {

using K = OptimizerKind;

constexpr long kSteps = 200;

std::vector<Hyperparameters> configurations() {
  std::vector<Hyperparameters> out;
  for (OptimizerKind kind : optimizer_kinds()) {
    Hyperparameters h = defaults(kind);
    // Small enough that every run on Rosenbrock keeps its 200 steps (SGD's family diverges at 2e-3).
    h.eta = kind == K::adadelta ? 0.5 : kind == K::sgd || kind == K::momentum || kind == K::nesterov ? 2e-4 : 2e-3;
    out.push_back(h);
    h.weight_decay = 0.01;
    out.push_back(h);
  }
  const auto variant = [&](OptimizerKind kind, auto change) {
    Hyperparameters h = defaults(kind);
    h.eta = 2e-3;
    change(h);
    out.push_back(h);
  };
  variant(K::rmsprop, [](Hyperparameters& h) { h.centered = true; });
  variant(K::rmsprop, [](Hyperparameters& h) { h.momentum = 0.5; });
  variant(K::rmsprop, [](Hyperparameters& h) { h.centered = true, h.momentum = 0.3; });
  variant(K::rmsprop, [](Hyperparameters& h) { h.eps_inside_sqrt = true; });
  variant(K::adagrad,
          [](Hyperparameters& h) { h.eps_inside_sqrt = true, h.initial_accumulator = 0.1, h.lr_decay = 0.01; });
  variant(K::adam, [](Hyperparameters& h) { h.amsgrad = true; });
  variant(K::adam, [](Hyperparameters& h) { h.bias_correction = false; });
  variant(K::adam, [](Hyperparameters& h) { h.eps_inside_sqrt = true; });
  variant(K::adamw, [](Hyperparameters& h) { h.amsgrad = true; });
  variant(K::momentum, [](Hyperparameters& h) { h.eta = 2e-4, h.dampening = 0.3; });
  variant(K::momentum, [](Hyperparameters& h) { h.eta = 2e-4, h.momentum = 0; });
  return out;
}

RunSpec run_of(const Hyperparameters& h) {
  RunSpec run = make_run(h.kind);
  run.hyper = h;
  return run;
}

Trajectory simulate_one(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training = {}) {
  Trajectory t;
  simulate_run(f, run, start, steps, training, t);
  return t;
}

// The steps checked of a run: the first, around each of the first checkpoints, and the last.
std::vector<long> steps_of(const Trajectory& t) {
  std::vector<long> out = {0, 1, 2, 3, 62, 63, 64, 65, 127, 128, 129};
  out.push_back(static_cast<long>(t.updates()) - 1);
  std::erase_if(out, [&](long k) { return k >= static_cast<long>(t.updates()); });
  return out;
}

const ExplainPart* find_part(const Explanation& e, std::string_view title_start) {
  for (const ExplainPart& p : e.parts)
    if (p.title.rfind(title_start, 0) == 0) return &p;
  return nullptr;
}

Vec2 value_of(const ExplainPart& p, std::string_view name) {
  for (const ExplainValue& v : p.values)
    if (v.name == name) return v.value;
  FAIL("no value " << name << " in the part " << p.title);
  return {};
}

void check_lands_on_next_row(const RunSpec& run, const Trajectory& t, long k) {
  const Explanation e = explain_update(run, "G", t, k);
  INFO(title(run.hyper.kind) << " step " << k);
  REQUIRE(e.message.empty());
  REQUIRE(e.parts.size() >= 2);
  CHECK(e.theta_before == t.position[static_cast<std::size_t>(k)]);
  // Bit for bit: the same rule made both.
  CHECK(e.theta_after.x == t.position[static_cast<std::size_t>(k) + 1].x);
  CHECK(e.theta_after.y == t.position[static_cast<std::size_t>(k) + 1].y);
  CHECK(e.parts.back().theta == e.theta_after);
  CHECK(e.parts.front().theta == e.theta_before);
  CHECK(e.parts.front().title == "The gradient");
  CHECK(value_of(e.parts.front(), "g") == t.gradient[static_cast<std::size_t>(k)]);
  for (const ExplainPart& p : e.parts) {
    CHECK(!p.title.empty());
    CHECK(!p.caption.empty());
  }
}

}  // namespace

TEST_CASE("the parts of an explained update show, together, every line of the algorithm that applies") {
  const TestFunction* tf = find_function("rosenbrock");
  REQUIRE(tf != nullptr);
  for (const Hyperparameters& h : configurations()) {
    const RunSpec run = run_of(h);
    const Trajectory t = simulate_one(*tf, run, tf->start, 3);
    const Explanation e = explain_update(run, "G", t, 1);
    std::string shown;
    for (const ExplainPart& p : e.parts) shown += p.statement + "\n";
    for (const AlgorithmLine& line : algorithm(h.kind).lines) {
      if (!applies(line.when, h)) continue;
      INFO(name(h.kind) << ": " << render(line.statements, Notation::unicode) << "\nshown:\n" << shown);
      CHECK(shown.find(render(line.statements, Notation::unicode)) != std::string::npos);
    }
  }
}

TEST_CASE("every optimizer's explained update lands exactly on the trajectory's next row") {
  for (const char* function : {"rosenbrock", "quadratic"}) {
    const TestFunction* tf = find_function(function);
    REQUIRE(tf != nullptr);
    const Objective f(*tf);
    for (const Hyperparameters& h : configurations()) {
      const RunSpec run = run_of(h);
      const Trajectory t = simulate_one(f, run, tf->start, kSteps);
      INFO(title(run.hyper.kind) << " on " << function);
      REQUIRE(t.updates() == static_cast<std::size_t>(kSteps));
      for (long k : steps_of(t)) check_lands_on_next_row(run, t, k);
    }
  }
}

TEST_CASE("with a schedule, noise and mini-batches the explained update uses the run's gradient and eta_t") {
  const TestFunction& tf = *find_function("rosenbrock");
  Training training;
  training.schedule.kind = ScheduleKind::cosine;
  training.noise = 0.5;
  training.seed = 7;
  for (OptimizerKind kind : {K::rmsprop, K::adam, K::adagrad, K::momentum}) {
    RunSpec run = make_run(kind);
    run.hyper.eta = 1e-3;
    run.noise = training.noise;
    run.schedule = training.schedule;
    const Trajectory t = simulate_one(tf, run, tf.start, 150, training);
    REQUIRE(t.updates() > 40);
    for (long k : {0L, 40L, 100L, 149L}) {
      if (k >= static_cast<long>(t.updates())) continue;
      check_lands_on_next_row(run, t, k);
      const Explanation e = explain_update(run, "G", t, k);
      CHECK(e.eta == training.schedule.eta(k + 1, run.hyper.eta, 150));
      if (k > 0) CHECK(e.eta < run.hyper.eta);
      CHECK(e.parts.front().caption.find("plus noise") != std::string::npos);
    }
  }
}

TEST_CASE("the explained numbers are the run's own state") {
  const TestFunction& tf = *find_function("rosenbrock");
  SECTION("RMSprop: g squared into G, divided, stepped") {
    const RunSpec run = make_run(K::rmsprop);
    const Trajectory t = simulate_one(tf, run, tf.start, 100);
    for (long k : {0L, 1L, 70L}) {
      const Explanation e = explain_update(run, "G", t, k);
      const auto i = static_cast<std::size_t>(k);
      const ExplainPart* square = find_part(e, "Square the gradient");
      const ExplainPart* add = find_part(e, "Add it into the accumulator");
      const ExplainPart* divide = find_part(e, "Divide by");
      REQUIRE(square);
      REQUIRE(add);
      REQUIRE(divide);
      const Vec2 g = t.gradient[i];
      CHECK(value_of(*square, "g²") == g * g);
      CHECK(value_of(*add, "G after") == t.accumulator[i]);
      CHECK(value_of(*add, "G before") == (k == 0 ? Vec2{} : t.accumulator[i - 1]));
      REQUIRE(add->squares);
      CHECK(add->squares->after == t.accumulator[i]);
      CHECK(add->squares->kept == 0.99 * value_of(*add, "G before"));
      CHECK(value_of(*divide, "step size") == t.step_size[i]);
      CHECK(divide->squares->side_is_denominator);
      const Vec2 d = value_of(*divide, "√G\u00A0+\u00A0ε");
      CHECK(d.x == Approx(std::sqrt(t.accumulator[i].x) + 1e-8).epsilon(1e-15));
      const Vec2 step = t.position[i + 1] - t.position[i];
      CHECK(value_of(e.parts.back(), "step") == step);
      CHECK(step.x == Approx(-0.01 * g.x / d.x).epsilon(1e-12));
    }
  }
  SECTION("AdaGrad at its first update: G = g^2, the step is eta g / |g|") {
    const RunSpec run = make_run(K::adagrad);
    const Trajectory t = simulate_one(tf, run, tf.start, 10);
    const Explanation e = explain_update(run, "G", t, 0);
    const Vec2 g = t.gradient[0];
    const ExplainPart* add = find_part(e, "Add it into the accumulator");
    REQUIRE(add);
    CHECK(value_of(*add, "G after") == g * g);
    const Vec2 step = value_of(e.parts.back(), "step");
    CHECK(step.x == Approx(-0.01 * g.x / std::fabs(g.x)).epsilon(1e-9));
    CHECK(step.y == Approx(-0.01 * g.y / std::fabs(g.y)).epsilon(1e-9));
  }
  SECTION("Adam: m, v, their bias corrections and the step") {
    const RunSpec run = make_run(K::adam);
    const Trajectory t = simulate_one(tf, run, tf.start, 100);
    for (long k : {0L, 5L, 80L}) {
      const Explanation e = explain_update(run, "G", t, k);
      const State after = t.state(static_cast<std::size_t>(k));
      const ExplainPart* m = find_part(e, "First moment");
      const ExplainPart* v = find_part(e, "Second moment");
      const ExplainPart* bias = find_part(e, "Bias corrections");
      REQUIRE(m);
      REQUIRE(v);
      REQUIRE(bias);
      CHECK(value_of(*m, "m after") == after.m);
      CHECK(value_of(*v, "v after") == after.v);
      const double t1 = static_cast<double>(k + 1);
      CHECK(value_of(*bias, "m̂").x == Approx(after.m.x / (1 - std::pow(0.9, t1))).epsilon(1e-15));
      CHECK(value_of(*bias, "v̂").y == Approx(after.v.y / (1 - std::pow(0.999, t1))).epsilon(1e-15));
    }
  }
  SECTION("SGD with momentum: the buffer before and after") {
    RunSpec run = make_run(K::momentum);
    run.hyper.eta = 1e-4;
    const Trajectory t = simulate_one(tf, run, tf.start, 100);
    REQUIRE(!t.diverged_at);
    const Explanation first = explain_update(run, "G", t, 0);
    const ExplainPart* m0 = find_part(first, "Momentum");
    REQUIRE(m0);
    CHECK(value_of(*m0, "buf after") == t.gradient[0]);
    CHECK(m0->caption.find("first update starts the buffer") != std::string::npos);
    const Explanation later = explain_update(run, "G", t, 30);
    const ExplainPart* m = find_part(later, "Momentum");
    REQUIRE(m);
    CHECK(value_of(*m, "buf before") == t.state(29).buf);
    CHECK(value_of(*m, "buf after") == t.state(30).buf);
    CHECK(m->arrows.size() == 3);
  }
  SECTION("plain SGD: the gradient, then the step") {
    const RunSpec run = make_run(K::sgd);
    const Trajectory t = simulate_one(tf, run, tf.start, 10);
    const Explanation e = explain_update(run, "G", t, 3);
    REQUIRE(e.parts.size() == 2);
    CHECK(e.parts[1].title == "Take the step");
  }
}

TEST_CASE("a typed rule is explained statement by statement and lands on the next row") {
  const TestFunction& tf = *find_function("rosenbrock");
  const char* rules[] = {
      "G = rho*G + (1-rho)*g^2\ntheta = theta - eta*g/(sqrt(G) + eps)",
      "m = 0.9*m + g; v = 0.999*v + 0.001*g^2; theta = theta - eta*m/(sqrt(v/(1-0.999^t)) + eps)",
      "theta = theta - 0.5*eta*g; G = G + g^2; theta = theta - 0.5*eta*g/(sqrt(G)+eps)",
  };
  for (const char* text : rules) {
    RunSpec run = make_rule_run(Rule(text));
    Training training;
    training.schedule.kind = ScheduleKind::exponential;
    training.schedule.gamma = 0.999;
    run.schedule = training.schedule;
    const Trajectory t = simulate_one(tf, run, tf.start, kSteps, training);
    const Rule& rule = *run.rule;
    for (long k : steps_of(t)) {
      check_lands_on_next_row(run, t, k);
      const Explanation e = explain_update(run, "G", t, k);
      REQUIRE(e.parts.size() == rule.statements().size() + 1);
      for (std::size_t i = 0; i < rule.statements().size(); ++i) {
        const ExplainPart& p = e.parts[i + 1];
        const Statement& s = rule.statements()[i];
        CHECK(p.statement == s.text);
        CHECK(p.title == "Statement " + std::to_string(i + 1) + " of " + std::to_string(rule.statements().size()));
        if (const auto index = rule.state_index(s.target)) {
          // The last assignment of a variable in the update is what the trajectory recorded.
          bool last = true;
          for (std::size_t j = i + 1; j < rule.statements().size(); ++j)
            last &= rule.statements()[j].target != s.target;
          if (last) CHECK(value_of(p, s.target + " after") == t.rule_variable(static_cast<std::size_t>(k), *index));
        }
      }
    }
  }
  SECTION("the accumulator's statement draws its squares, theta's the step") {
    RunSpec run = make_rule_run(Rule(rules[0]));
    const Trajectory t = simulate_one(tf, run, tf.start, 20);
    const Explanation e = explain_update(run, "G", t, 4);
    REQUIRE(e.parts[1].squares);
    CHECK(e.parts[1].squares->after == t.rule_variable(4, 0));
    const Vec2 before = t.rule_variable(3, 0), after = t.rule_variable(4, 0);
    const bool grew = after.x >= before.x && after.y >= before.y;
    CHECK(e.parts[1].squares->kept == (grew ? before : after));
    CHECK(e.parts[1].squares->added == (grew ? after - before : Vec2{}));
    CHECK(e.parts[1].caption.find("ρ = 0.99") != std::string::npos);
    REQUIRE(e.parts[2].arrows.size() == 2);
    CHECK(e.parts[2].arrows[1].vector == t.position[5] - t.position[4]);
  }
}

TEST_CASE("caption numbers: four significant digits, readable exponents and non-finite values") {
  CHECK(explain_number(0) == "0");
  CHECK(explain_number(0.36) == "0.36");
  CHECK(explain_number(4) == "4");
  CHECK(explain_number(-2.5) == "−2.5");
  CHECK(explain_number(0.0123456) == "0.01235");
  CHECK(explain_number(1e-8) == "1e-8");
  CHECK(explain_number(-3.25e-12) == "−3.25e-12");
  CHECK(explain_number(123456) == "1.235e5");
  CHECK(explain_number(1e300) == "1e300");
  CHECK(explain_number(INFINITY) == "∞");
  CHECK(explain_number(-INFINITY) == "−∞");
  CHECK(explain_number(NAN) == "NaN");
  CHECK(explain_pair({0.36, 4}) == "(0.36,\u00A04)");
}

TEST_CASE("the squares' numbers in a caption of a hand-computed first RMSprop step") {
  // f = x^2 + y^2 at (0.3, 1): g = (0.6, 2), g^2 = (0.36, 4).
  const Objective f = Objective::typed("x^2 + y^2");
  const RunSpec run = make_run(K::rmsprop);
  const Trajectory t = simulate_one(f, run, {0.3, 1}, 5);
  const Explanation e = explain_update(run, "G", t, 0);
  const ExplainPart* square = find_part(e, "Square the gradient");
  REQUIRE(square);
  CHECK(square->caption.rfind("g² = (0.36,\u00A04)", 0) == 0);
  const ExplainPart* add = find_part(e, "Add it into the accumulator");
  REQUIRE(add);
  CHECK(add->caption.find("= (0.0036,\u00A00.04)") != std::string::npos);
  CHECK(e.parts.front().caption.rfind("g = (0.6,\u00A02)", 0) == 0);
}

TEST_CASE("steps with no next update and diverged runs give a message, never a crash") {
  const TestFunction& tf = *find_function("rosenbrock");
  const RunSpec run = make_run(K::rmsprop);
  const Trajectory t = simulate_one(tf, run, tf.start, 10);
  SECTION("the last step") {
    const Explanation e = explain_update(run, "G", t, 10);
    CHECK(e.parts.empty());
    CHECK(e.message == "Step 10 is the run's last step: there is no next update.");
    CHECK(e.theta_before == t.position[10]);
  }
  SECTION("outside the run") {
    CHECK(explain_update(run, "G", t, 11).message.find("outside the run") != std::string::npos);
    CHECK(explain_update(run, "G", t, -1).message.find("outside the run") != std::string::npos);
    CHECK(explain_update(run, "G", Trajectory{}, 0).message == "The run has no steps to explain.");
  }
  SECTION("a run that diverges to huge values") {
    RunSpec sgd = make_run(K::sgd);
    sgd.hyper.eta = 0.1;
    const Trajectory d = simulate_one(tf, sgd, tf.start, 100);
    REQUIRE(d.diverged_at);
    const long at = *d.diverged_at;
    const std::string message = explain_update(sgd, "G", d, at).message;
    CHECK(message.find("diverged at step " + std::to_string(at)) != std::string::npos);
    // It says what happened: the point left the plane beyond 1e12, where divergence() stops a run.
    const Vec2 p = d.position[static_cast<std::size_t>(at)];
    REQUIRE(std::isfinite(p.x));
    CHECK(d.divergence_reason().find("θ left the plane: |") != std::string::npos);
    CHECK(d.divergence_reason().find("> 1e12") != std::string::npos);
    CHECK(message.find(d.divergence_reason()) != std::string::npos);
    CHECK(message.find("no longer finite") == std::string::npos);
    check_lands_on_next_row(sgd, d, at - 1);
  }
  SECTION("a rule that makes NaN") {
    RunSpec bad = make_rule_run(Rule("G = G - 1; theta = theta - eta*g/sqrt(G)"));
    const Trajectory d = simulate_one(tf, bad, tf.start, 10);
    REQUIRE(d.diverged_at == 1);
    const Explanation e = explain_update(bad, "G", d, 0);
    REQUIRE(e.parts.size() == 3);
    CHECK(e.parts[2].caption.find("NaN") != std::string::npos);
    CHECK(std::isnan(e.theta_after.x));
    CHECK(explain_update(bad, "G", d, 1).message.find("diverged at step 1") != std::string::npos);
    CHECK(d.divergence_reason().find("no longer finite (") != std::string::npos);
    CHECK(Trajectory{}.divergence_reason().empty());
  }
}
