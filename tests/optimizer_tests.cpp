// The optimizers: hand-computed first two steps, equivalences, comparative facts, state copies,
// the rules' genericity over the value type, and the table of invalid hyperparameters.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "optimizer.hpp"
#include "run.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;
using std::sqrt;

namespace {

constexpr Vec2 kTheta0 = {1, -2};
constexpr Vec2 kG1 = {0.5, -4};
constexpr Vec2 kG2 = {-1, 2};

struct TwoSteps {
  Vec2 theta1, theta2;
  State after1, after2;
};

// Two updates from kTheta0 with the fixed gradients kG1 then kG2.
TwoSteps two_steps(const Hyperparameters& h) {
  TwoSteps out;
  State s = initial_state<Vec2>(h);
  out.theta1 = step(h, s, kTheta0, kG1);
  out.after1 = s;
  out.theta2 = step(h, s, out.theta1, kG2);
  out.after2 = s;
  return out;
}

Hyperparameters with(OptimizerKind kind, double eta) {
  Hyperparameters h = defaults(kind);
  h.eta = eta;
  return h;
}

void check_near(Vec2 actual, Vec2 expected) {
  CHECK(actual.x == Approx(expected.x).epsilon(1e-14).margin(1e-15));
  CHECK(actual.y == Approx(expected.y).epsilon(1e-14).margin(1e-15));
}

}  // namespace

TEST_CASE("hand-computed first two steps", "[optimizers]") {
  SECTION("sgd") {
    const auto r = two_steps(with(OptimizerKind::sgd, 0.1));
    check_near(r.theta1, {0.95, -1.6});
    check_near(r.theta2, {1.05, -1.8});
  }
  SECTION("momentum with dampening") {
    Hyperparameters h = with(OptimizerKind::momentum, 0.1);
    h.dampening = 0.5;
    const auto r = two_steps(h);
    check_near(r.after1.buf, {0.5, -4});  // the first buffer is the gradient, undamped
    check_near(r.theta1, {0.95, -1.6});
    check_near(r.after2.buf, {0.9 * 0.5 - 0.5, 0.9 * -4 + 0.5 * 2});
    check_near(r.theta2, {0.955, -1.34});
  }
  SECTION("nesterov") {
    const auto r = two_steps(with(OptimizerKind::nesterov, 0.1));
    check_near(r.theta1, {1 - 0.1 * 1.9 * 0.5, -2 + 0.1 * 1.9 * 4});
    check_near(r.after2.buf, {-0.55, -1.6});
    check_near(r.theta2, {0.905 + 0.1495, -1.24 - 0.056});
  }
  SECTION("adagrad") {
    Hyperparameters h = with(OptimizerKind::adagrad, 0.1);
    h.eps = 0;
    const auto r = two_steps(h);
    check_near(r.after1.G, {0.25, 16});
    check_near(r.after1.lr, {0.2, 0.025});
    check_near(r.theta1, {0.9, -1.9});
    check_near(r.after2.G, {1.25, 20});
    check_near(r.theta2, {0.9 + 0.1 / sqrt(1.25), -1.9 - 0.2 / sqrt(20.0)});
  }
  SECTION("adagrad with lr_decay, initial accumulator and eps inside the root") {
    Hyperparameters h = with(OptimizerKind::adagrad, 0.1);
    h.lr_decay = 0.5;
    h.initial_accumulator = 1;
    h.eps = 0.01;
    h.eps_inside_sqrt = true;
    const auto r = two_steps(h);
    check_near(r.theta1, {1 - 0.1 * 0.5 / sqrt(1.26), -2 + 0.1 * 4 / sqrt(17.01)});
    const double c2 = 0.1 / 1.5;
    check_near(r.after2.lr, {c2 / sqrt(2.26), c2 / sqrt(21.01)});
    check_near(r.theta2, {r.theta1.x + c2 / sqrt(2.26), r.theta1.y - c2 * 2 / sqrt(21.01)});
  }
  SECTION("rmsprop") {
    Hyperparameters h = with(OptimizerKind::rmsprop, 0.1);
    h.rho = 0.9;
    h.eps = 0;
    const auto r = two_steps(h);
    check_near(r.after1.G, {0.025, 1.6});
    check_near(r.after1.lr, {0.1 / sqrt(0.025), 0.1 / sqrt(1.6)});
    check_near(r.theta1, {1 - 0.05 / sqrt(0.025), -2 + 0.4 / sqrt(1.6)});
    check_near(r.after2.G, {0.1225, 1.84});
    check_near(r.theta2, {r.theta1.x + 0.1 / 0.35, r.theta1.y - 0.2 / sqrt(1.84)});
  }
  SECTION("rmsprop centered with momentum") {
    Hyperparameters h = with(OptimizerKind::rmsprop, 0.1);
    h.rho = 0.5;
    h.eps = 0;
    h.centered = true;
    h.momentum = 0.5;
    const auto r = two_steps(h);
    // G = (0.125, 8), gavg = (0.25, -2): G - gavg^2 = (0.0625, 4), so d = (0.25, 2).
    check_near(r.after1.gavg, {0.25, -2});
    check_near(r.after1.buf, {2, -2});
    check_near(r.theta1, {0.8, -1.8});
    // G = (0.5625, 6), gavg = (-0.375, 0): d = (sqrt(0.421875), sqrt(6)).
    check_near(r.after2.buf, {1 - 1 / sqrt(0.421875), -1 + 2 / sqrt(6.0)});
    check_near(r.theta2, {0.8 - 0.1 * (1 - 1 / sqrt(0.421875)), -1.8 - 0.1 * (-1 + 2 / sqrt(6.0))});
  }
  SECTION("adam") {
    Hyperparameters h = with(OptimizerKind::adam, 0.1);
    h.beta2 = 0.99;
    h.eps = 0;
    const auto r = two_steps(h);
    check_near(r.after1.m, {0.05, -0.4});
    check_near(r.after1.v, {0.0025, 0.16});
    check_near(r.theta1, {0.9, -1.9});  // the first step is eta sign(g)
    const Vec2 m2 = {-0.055, -0.16}, v2 = {0.012475, 0.1984};
    check_near(r.after2.m, m2);
    check_near(r.after2.v, v2);
    check_near(r.theta2,
               {0.9 - 0.1 * (m2.x / 0.19) / sqrt(v2.x / 0.0199), -1.9 - 0.1 * (m2.y / 0.19) / sqrt(v2.y / 0.0199)});
  }
  SECTION("adam without bias correction, with amsgrad") {
    Hyperparameters h = with(OptimizerKind::adam, 0.1);
    h.beta2 = 0.99;
    h.eps = 0;
    h.bias_correction = false;
    h.amsgrad = true;
    const auto r = two_steps(h);
    check_near(r.theta1, {1 - 0.1 * 0.05 / 0.05, -2 + 0.1 * 0.4 / 0.4});
    check_near(r.after2.vmax, {0.012475, 0.1984});
    check_near(r.theta2, {0.9 + 0.1 * 0.055 / sqrt(0.012475), -1.9 + 0.1 * 0.16 / sqrt(0.1984)});
  }
  SECTION("adamw decays the weights before the Adam step") {
    Hyperparameters h = with(OptimizerKind::adamw, 0.1);
    h.beta2 = 0.99;
    h.eps = 0;
    h.weight_decay = 0.5;
    const auto r = two_steps(h);
    check_near(r.theta1, {0.95 - 0.1, -1.9 + 0.1});
    check_near(r.theta2, {0.85 * 0.95 - 0.1 * (-0.055 / 0.19) / sqrt(0.012475 / 0.0199),
                          -1.8 * 0.95 - 0.1 * (-0.16 / 0.19) / sqrt(0.1984 / 0.0199)});
  }
  SECTION("adamax") {
    Hyperparameters h = with(OptimizerKind::adamax, 0.1);
    h.beta2 = 0.99;
    h.eps = 0;
    const auto r = two_steps(h);
    check_near(r.after1.u, {0.5, 4});
    check_near(r.theta1, {0.9, -1.9});
    check_near(r.after2.u, {1, 3.96});
    check_near(r.theta2, {0.9 + 0.1 / 0.19 * 0.055, -1.9 + 0.1 / 0.19 * 0.16 / 3.96});
  }
  SECTION("adadelta") {
    Hyperparameters h = with(OptimizerKind::adadelta, 1.0);
    h.rho = 0.9;
    h.eps = 1e-6;
    const auto r = two_steps(h);
    const Vec2 G1 = {0.025, 1.6};
    const Vec2 d1 = {sqrt(1e-6) / sqrt(G1.x + 1e-6) * 0.5, sqrt(1e-6) / sqrt(G1.y + 1e-6) * -4};
    check_near(r.after1.G, G1);
    check_near(r.after1.D, {0.1 * d1.x * d1.x, 0.1 * d1.y * d1.y});
    check_near(r.theta1, kTheta0 - d1);
    const Vec2 G2 = {0.9 * 0.025 + 0.1, 0.9 * 1.6 + 0.4};
    const Vec2 d2 = {sqrt(0.1 * d1.x * d1.x + 1e-6) / sqrt(G2.x + 1e-6) * -1,
                     sqrt(0.1 * d1.y * d1.y + 1e-6) / sqrt(G2.y + 1e-6) * 2};
    check_near(r.theta2, kTheta0 - d1 - d2);
  }
  SECTION("nadam") {
    Hyperparameters h = with(OptimizerKind::nadam, 0.1);
    h.beta2 = 0.99;
    h.eps = 0;
    const auto r = two_steps(h);
    const double mu1 = 0.9 * (1 - 0.5 * std::pow(0.96, 0.004));
    const double mu2 = 0.9 * (1 - 0.5 * std::pow(0.96, 0.008));
    const double mu3 = 0.9 * (1 - 0.5 * std::pow(0.96, 0.012));
    // Step 1: d = |g|, m = 0.1 g.
    const Vec2 theta1 = {1 - 0.1 - 0.1 * mu2 / (1 - mu1 * mu2) * 0.1, -2 + 0.1 + 0.1 * mu2 / (1 - mu1 * mu2) * 0.1};
    check_near(r.theta1, theta1);
    const Vec2 m2 = {-0.055, -0.16};
    const Vec2 d2 = {sqrt(0.012475 / 0.0199), sqrt(0.1984 / 0.0199)};
    const double P2 = mu1 * mu2;
    check_near(r.theta2,
               {theta1.x - 0.1 * (1 - mu2) / (1 - P2) * (-1 / d2.x) - 0.1 * mu3 / (1 - P2 * mu3) * (m2.x / d2.x),
                theta1.y - 0.1 * (1 - mu2) / (1 - P2) * (2 / d2.y) - 0.1 * mu3 / (1 - P2 * mu3) * (m2.y / d2.y)});
  }
  SECTION("lion") {
    Hyperparameters h = with(OptimizerKind::lion, 0.1);
    const auto r = two_steps(h);
    check_near(r.theta1, {0.9, -1.9});
    check_near(r.after1.m, {0.005, -0.04});
    check_near(r.theta2, {1.0, -2.0});  // sign(0.9 m + 0.1 g2) = (-1, 1)
  }
}

TEST_CASE("Adam with beta1 = 0 is RMSprop: exactly without bias correction, closely with it", "[optimizers]") {
  const TestFunction& f = *find_function("rosenbrock");
  Hyperparameters rms = defaults(OptimizerKind::rmsprop);
  rms.eta = 0.005;
  rms.rho = 0.95;
  Hyperparameters adam = defaults(OptimizerKind::adam);
  adam.eta = 0.005;
  adam.beta1 = 0;
  adam.beta2 = 0.95;
  adam.bias_correction = false;
  const Trajectory a = run(f, rms, f.start, 300);
  const Trajectory b = run(f, adam, f.start, 300);
  CHECK(a.position == b.position);

  // RMSprop with bias correction written out: theta -= eta g / (sqrt(G / (1 - rho^t)) + eps).
  adam.bias_correction = true;
  const Trajectory c = run(f, adam, f.start, 300);
  Vec2 theta = f.start, G{};
  for (long t = 1; t <= 300; ++t) {
    const Vec2 g = f.gradient(theta);
    G = 0.95 * G + 0.05 * (g * g);
    const double bc = 1 - std::pow(0.95, static_cast<double>(t));
    theta = theta - 0.005 * (g / (ew::sqrt(G / bc) + 1e-8));
    REQUIRE(c.position[static_cast<std::size_t>(t)].x == Approx(theta.x).epsilon(1e-10));
    REQUIRE(c.position[static_cast<std::size_t>(t)].y == Approx(theta.y).epsilon(1e-10));
  }
}

TEST_CASE("momentum beats plain SGD on the ill-conditioned quadratic", "[optimizers]") {
  const TestFunction& f = *find_function("quadratic");
  const Trajectory sgd = run(f, with(OptimizerKind::sgd, 0.03), f.start, 100);
  const Trajectory momentum = run(f, with(OptimizerKind::momentum, 0.03), f.start, 100);
  CHECK(momentum.value.back() < sgd.value.back() / 10);
}

TEST_CASE("AdaGrad's step size only shrinks, RMSprop's recovers", "[optimizers]") {
  const TestFunction& f = *find_function("rosenbrock");
  Hyperparameters adagrad = with(OptimizerKind::adagrad, 0.5);
  const Trajectory t = run(f, adagrad, f.start, 400);
  for (std::size_t k = 1; k < t.step_size.size(); ++k) {
    CHECK(t.step_size[k].x <= t.step_size[k - 1].x);
    CHECK(t.step_size[k].y <= t.step_size[k - 1].y);
  }
  const Trajectory r = run(f, with(OptimizerKind::rmsprop, 0.01), f.start, 400);
  CHECK(r.step_size.back().x > r.step_size.front().x);
}

TEST_CASE("a copied state continues identically", "[optimizers]") {
  const TestFunction& f = *find_function("booth");
  for (OptimizerKind kind : optimizer_kinds()) {
    INFO(name(kind));
    Hyperparameters h = defaults(kind);
    h.weight_decay = 0.01;
    State s = initial_state<Vec2>(h);
    Vec2 theta = f.start;
    for (int k = 0; k < 50; ++k) theta = step(h, s, theta, f.gradient(theta));
    State copy = s;
    Vec2 theta_copy = theta;
    for (int k = 0; k < 50; ++k) {
      theta = step(h, s, theta, f.gradient(theta));
      theta_copy = step(h, copy, theta_copy, f.gradient(theta_copy));
    }
    CHECK(copy == s);
    CHECK(theta_copy == theta);
    const Trajectory whole = run(f, h, f.start, 100);
    CHECK(whole.position.back() == theta);
    CHECK(whole.state(whole.updates() - 1) == s);
    CHECK_FALSE(whole.diverged_at);
  }
}

TEST_CASE("the rules are generic: per-coordinate doubles give the same numbers as Vec2", "[optimizers]") {
  const TestFunction& f = *find_function("himmelblau");
  for (OptimizerKind kind : optimizer_kinds()) {
    INFO(name(kind));
    Hyperparameters h = defaults(kind);
    h.centered = kind == OptimizerKind::rmsprop;
    h.amsgrad = kind == OptimizerKind::adam;
    h.weight_decay = 0.05;
    const Trajectory t = run(f, h, f.start, 60);
    OptimizerState<double> sx = initial_state<double>(h), sy = initial_state<double>(h);
    for (std::size_t k = 0; k + 1 < t.rows(); ++k) {
      const double x = step(h, sx, t.position[k].x, t.gradient[k].x);
      const double y = step(h, sy, t.position[k].y, t.gradient[k].y);
      REQUIRE(x == t.position[k + 1].x);
      REQUIRE(y == t.position[k + 1].y);
      REQUIRE(sx.lr == t.step_size[k].x);
      REQUIRE(sy.G == t.state(k).G.y);
      REQUIRE(sy.m == t.state(k).m.y);
    }
  }
}

TEST_CASE("invalid hyperparameters are rejected with the parameter and the value", "[optimizers][validation]") {
  struct Row {
    OptimizerKind kind;
    double Hyperparameters::*member;
    double value;
    const char* message;
  };
  const double nan = std::nan("");
  const double inf = HUGE_VAL;
  using K = OptimizerKind;
  using H = Hyperparameters;
  const Row rows[] = {
      {K::sgd, &H::eta, -1, "invalid eta: -1 (must be >= 0)"},
      {K::adam, &H::eta, nan, "invalid eta: nan (must be a finite number)"},
      {K::rmsprop, &H::eta, inf, "invalid eta: inf (must be a finite number)"},
      {K::rmsprop, &H::rho, 1.5, "invalid rho: 1.5 (must be in [0, 1])"},
      {K::adadelta, &H::rho, -0.1, "invalid rho: -0.1 (must be in [0, 1])"},
      {K::rmsprop, &H::eps, -1e-8, "invalid eps: -1e-08 (must be >= 0)"},
      {K::adam, &H::beta1, 1.1, "invalid beta1: 1.1 (must be in [0, 1])"},
      {K::lion, &H::beta2, -1, "invalid beta2: -1 (must be in [0, 1])"},
      {K::momentum, &H::momentum, 2, "invalid momentum: 2 (must be in [0, 1])"},
      {K::momentum, &H::dampening, 1.5, "invalid dampening: 1.5 (must be in [0, 1])"},
      {K::adamw, &H::weight_decay, -0.01, "invalid weight_decay: -0.01 (must be >= 0)"},
      {K::adagrad, &H::lr_decay, -1, "invalid lr_decay: -1 (must be >= 0)"},
      {K::adagrad, &H::initial_accumulator, -0.5, "invalid initial_accumulator: -0.5 (must be >= 0)"},
      {K::nadam, &H::momentum_decay, -nan, "invalid momentum_decay: -nan (must be a finite number)"},
  };
  const TestFunction& f = *find_function("booth");
  for (const Row& row : rows) {
    Hyperparameters h = defaults(row.kind);
    h.*row.member = row.value;
    INFO(row.message);
    CHECK(validate(h) == row.message);
    CHECK_THROWS_WITH(run(f, h, f.start, 10), row.message);
  }
  // Fields an optimizer does not take are not its concern.
  Hyperparameters sgd = defaults(K::sgd);
  sgd.rho = 5;
  CHECK(validate(sgd).empty());
  // Boundary values are valid.
  Hyperparameters edge = defaults(K::rmsprop);
  edge.rho = 1;
  edge.eps = 0;
  edge.eta = 0;
  CHECK(validate(edge).empty());
}

TEST_CASE("invalid start points and step counts are rejected", "[validation]") {
  const Hyperparameters h = defaults(OptimizerKind::sgd);
  CHECK(validate_run(h, {std::nan(""), 0}, 10) ==
        "invalid start: nan,0 (must be finite and within 1e12 in each coordinate)");
  CHECK(validate_run(h, {0, 2e12}, 10) == "invalid start: 0,2e+12 (must be finite and within 1e12 in each coordinate)");
  CHECK(validate_run(h, {0, 0}, -1) == "invalid steps: -1 (must be in [0, 1000000])");
  CHECK(validate_run(h, {0, 0}, kMaxSteps + 1) == "invalid steps: 1000001 (must be in [0, 1000000])");
  CHECK(validate_run(h, {1e12, -1e12}, kMaxSteps).empty());
}

TEST_CASE("diverging runs end with the status and keep every row up to there", "[trajectory]") {
  SECTION("SGD with eta = 1 on the quadratic: y -> -24 y until |y| > 1e12") {
    const TestFunction& f = *find_function("quadratic");
    const Trajectory t = run(f, with(OptimizerKind::sgd, 1.0), {2.5, 1.5}, 50);
    REQUIRE(t.diverged_at == 9);
    CHECK(t.status() == "diverged at step 9");
    CHECK(t.rows() == 10);
    CHECK(t.step_size.size() == 9);
    CHECK(std::fabs(t.position[9].y) > 1e12);
    CHECK(std::fabs(t.position[8].y) <= 1e12);
  }
  SECTION("RMSprop with eps = 0 at the minimum: 0 / 0") {
    const TestFunction& f = *find_function("rosenbrock");
    Hyperparameters h = defaults(OptimizerKind::rmsprop);
    h.eps = 0;
    const Trajectory t = run(f, h, {1, 1}, 5);
    REQUIRE(t.diverged_at == 1);
    CHECK(std::isnan(t.position[1].x));
    CHECK(std::isinf(t.step_size[0].x));
  }
  SECTION("a finished run has no status, steps + 1 rows and one state fewer") {
    const TestFunction& f = *find_function("booth");
    const Trajectory t = run(f, defaults(OptimizerKind::adam), f.start, 0);
    CHECK_FALSE(t.diverged_at);
    CHECK(t.status().empty());
    CHECK(t.rows() == 1);
    CHECK(t.step_size.empty());
  }
}

TEST_CASE("the momentum the app draws is a state field each optimizer records", "[optimizers]") {
  using K = OptimizerKind;
  std::vector<std::pair<Hyperparameters, std::string>> cases = {
      {defaults(K::sgd), ""},     {defaults(K::momentum), "buf"}, {defaults(K::nesterov), "buf"},
      {defaults(K::adagrad), ""}, {defaults(K::rmsprop), ""},     {defaults(K::adam), "m"},
      {defaults(K::adamw), "m"},  {defaults(K::adamax), "m"},     {defaults(K::adadelta), ""},
      {defaults(K::nadam), "m"},  {defaults(K::lion), "m"},
  };
  REQUIRE(cases.size() == optimizer_kinds().size());
  Hyperparameters rmsprop_momentum = defaults(K::rmsprop);
  rmsprop_momentum.momentum = 0.9;
  cases.emplace_back(rmsprop_momentum, "buf");
  for (const auto& [h, expected] : cases) {
    CAPTURE(name(h.kind), h.momentum);
    const auto field = momentum_field(h);
    CHECK(std::string(field ? field->name : "") == expected);
    if (!field) continue;
    const auto recorded = state_fields(h);
    CHECK(
        std::any_of(recorded.begin(), recorded.end(), [&](const StateField& f) { return f.member == field->member; }));
  }
}
