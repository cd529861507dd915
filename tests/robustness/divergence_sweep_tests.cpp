// Divergence is data: every function x every optimizer x extreme hyperparameters x start points
// far from the view. No run may throw or run on; each non-finite run must be marked diverged at
// the first row that the definition names, checked here independently of the core's loop.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "optimizer.hpp"
#include "parameters.hpp"
#include "run.hpp"
#include "run_loop.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;

namespace {

constexpr long kSteps = 100;

// The values each hyperparameter sweeps: its boundaries, its default region and far beyond.
const std::map<std::string_view, std::vector<double>> kExtremes = {
    {"eta", {0, 1e-12, 0.01, 1, 1e6, 1e308}},
    {"rho", {0, 0.9, 1}},
    {"eps", {0, 1e-8, 1e30}},
    {"momentum", {0, 0.9, 0.999999}},
    {"dampening", {0, 1}},
    {"beta1", {0, 0.9, 1}},
    {"beta2", {0, 0.999, 1}},
    {"weight_decay", {0, 1e6}},
    {"lr_decay", {0, 1e30}},
    {"initial_accumulator", {0, 1e30}},
    {"momentum_decay", {0, 1e30}},
};

// Every combination of the extreme values of the parameters and flags that `kind` takes.
std::vector<Hyperparameters> extreme_configurations(OptimizerKind kind) {
  std::vector<Hyperparameters> out = {defaults(kind)};
  for (const RealParameter& p : real_parameters()) {
    if (!p.applies_to(kind)) continue;
    std::vector<Hyperparameters> next;
    for (const Hyperparameters& h : out)
      for (double value : kExtremes.at(p.name)) {
        Hyperparameters changed = h;
        changed.*p.member = value;
        next.push_back(changed);
      }
    out = std::move(next);
  }
  for (const FlagParameter& p : flag_parameters()) {
    if (!p.applies_to(kind)) continue;
    std::vector<Hyperparameters> next;
    for (const Hyperparameters& h : out)
      for (bool value : {false, true}) {
        Hyperparameters changed = h;
        changed.*p.member = value;
        next.push_back(changed);
      }
    out = std::move(next);
  }
  return out;
}

// Two surfaces that reach the other branches of the definition: the value alone, or the gradient
// alone, stops being finite beyond |x| = 3 (the built-in functions overflow in both together).
double bowl(Vec2 p) { return p.x * p.x + p.y * p.y; }
Vec2 bowl_gradient(Vec2 p) { return {2 * p.x, 2 * p.y}; }
double cliff(Vec2 p) { return std::fabs(p.x) < 3 ? bowl(p) : HUGE_VAL; }
Vec2 torn_gradient(Vec2 p) { return std::fabs(p.x) < 3 ? bowl_gradient(p) : Vec2{std::nan(""), 2 * p.y}; }

const std::vector<TestFunction>& sweep_functions() {
  static const std::vector<TestFunction> functions = [] {
    std::vector<TestFunction> out(test_functions().begin(), test_functions().end());
    out.push_back({"cliff",
                   "Cliff",
                   "x^2 + y^2, inf for |x| >= 3",
                   cliff,
                   bowl_gradient,
                   {{-2, -2}, {2, 2}},
                   {1.5, 1},
                   {{0, 0}},
                   0,
                   std::nullopt});
    out.push_back({"torn",
                   "Torn",
                   "x^2 + y^2, NaN gradient for |x| >= 3",
                   bowl,
                   torn_gradient,
                   {{-2, -2}, {2, 2}},
                   {1.5, 1},
                   {{0, 0}},
                   0,
                   std::nullopt});
    return out;
  }();
  return functions;
}

// The default start, a minimizer (a zero gradient: 0 / 0 with eps = 0), far outside the view, on
// the divergence bound itself, and tiny values.
std::vector<Vec2> extreme_starts(const TestFunction& f) {
  const Vec2 minimum = f.minima.empty() ? Vec2{0, 0} : f.minima.front();
  return {f.start, minimum, 1000.0 * f.view.max, {kDivergenceBound, -kDivergenceBound}, {1e-300, -5e-324}};
}

// The same bits, or both NaN: rows recomputed from the same inputs must agree exactly.
bool same(double a, double b) { return std::isnan(a) ? std::isnan(b) : std::memcmp(&a, &b, sizeof a) == 0; }
bool same(Vec2 a, Vec2 b) { return same(a.x, b.x) && same(a.y, b.y); }
bool same(const State& a, const State& b) {
  return a.t == b.t && same(a.G, b.G) && same(a.gavg, b.gavg) && same(a.buf, b.buf) && same(a.m, b.m) &&
         same(a.v, b.v) && same(a.vmax, b.vmax) && same(a.u, b.u) && same(a.D, b.D) && same(a.lr, b.lr) &&
         same(a.mu_product, b.mu_product);
}

bool finite_within_bound(Vec2 p) {
  return std::isfinite(p.x) && std::isfinite(p.y) && std::fabs(p.x) <= 1e12 && std::fabs(p.y) <= 1e12;
}

// The definition, written out again: the first row whose position is non-finite or beyond 1e12
// in a coordinate, or whose f or gradient is non-finite.
std::optional<long> first_divergent_row(const Trajectory& t) {
  for (std::size_t k = 0; k < t.rows(); ++k) {
    const Vec2 g = t.gradient[k];
    if (!finite_within_bound(t.position[k]) || !std::isfinite(t.value[k]) || !std::isfinite(g.x) || !std::isfinite(g.y))
      return static_cast<long>(k);
  }
  return std::nullopt;
}

struct Tally {
  long configurations = 0;
  long diverged = 0;
  long steps = 0;
};

std::string describe(const TestFunction& f, const Hyperparameters& h, Vec2 start) {
  std::string out = std::string(f.name) + " " + std::string(name(h.kind)) + " from " + format_number(start.x) + "," +
                    format_number(start.y) + ":";
  for (const RealParameter& p : real_parameters())
    if (p.applies_to(h.kind)) out += " " + std::string(p.name) + "=" + format_number(h.*p.member);
  for (const FlagParameter& p : flag_parameters())
    if (p.applies_to(h.kind) && h.*p.member != defaults(h.kind).*p.member) out += " " + std::string(p.name);
  return out;
}

// Checks one run; returns false (after reporting) on the first failure so that a broken build
// reports a few configurations rather than thousands.
bool check_run(const TestFunction& f, const Hyperparameters& h, Vec2 start, Tally& tally) {
  INFO(describe(f, h, start));
  REQUIRE(validate_run(h, start, kSteps).empty());
  const Trajectory t = run(f, h, start, kSteps);
  ++tally.configurations;
  tally.steps += static_cast<long>(t.updates());

  bool ok = true;
  auto expect = [&ok](bool condition, const char* what) {
    if (!condition) {
      FAIL_CHECK(what);
      ok = false;
    }
  };
  expect(t.rows() >= 1 && t.rows() <= static_cast<std::size_t>(kSteps) + 1, "between 1 and steps + 1 rows");
  expect(t.value.size() == t.rows() && t.gradient.size() == t.rows(), "value and gradient for every row");
  expect(t.step_size.size() + 1 == t.rows(), "one step size per update");
  if (!ok) return false;

  // Rows hold f and its gradient at their position, and follow each other by the update rule; the
  // state replayed from the checkpoints is the one the rule reached, and the plots' series are its.
  State state = initial_state<Vec2>(h);
  StateReplay replay(t);
  const auto accumulator = accumulator_field(h);
  for (std::size_t k = 0; k < t.rows() && ok; ++k) {
    expect(same(t.value[k], f.value(t.position[k])), "each row holds f at its position");
    expect(same(t.gradient[k], f.gradient(t.position[k])), "each row holds the gradient at its position");
    if (k + 1 < t.rows()) {
      expect(same(step(h, state, t.position[k], t.gradient[k]), t.position[k + 1]),
             "each row follows from the previous one");
      expect(same(replay.state(k), state), "the replayed state is the rule's");
      expect(same(t.step_size[k], state.lr), "the step size is the state's lr");
      if (accumulator) expect(same(t.accumulator[k], state.*accumulator->member), "the accumulator is the state's");
    }
  }

  const std::optional<long> expected = first_divergent_row(t);
  expect(t.diverged_at == expected, "diverged_at is the first divergent row");
  if (expected) {
    expect(t.rows() == static_cast<std::size_t>(*expected) + 1, "a diverged run ends at its divergent row");
    expect(t.status() == "diverged at step " + std::to_string(*expected), "the status names the step");
    ++tally.diverged;
    // Cut at its divergent step, the run still reports it: the check covers the last row too.
    const Trajectory cut = run(f, h, start, *expected);
    expect(cut.diverged_at == expected && cut.rows() == t.rows(), "a divergent last row is marked");
  } else {
    expect(t.rows() == static_cast<std::size_t>(kSteps) + 1, "a finished run has every step");
    expect(t.status().empty(), "a finished run has no status");
  }
  return ok;
}

}  // namespace

TEST_CASE("every function x optimizer x extreme hyperparameters x far start diverges as data",
          "[robustness][divergence]") {
  Tally tally;
  const auto begin = std::chrono::steady_clock::now();
  bool ok = true;
  for (const TestFunction& f : sweep_functions())
    for (OptimizerKind kind : optimizer_kinds())
      for (const Hyperparameters& h : extreme_configurations(kind))
        for (Vec2 start : extreme_starts(f))
          if (ok) ok = check_run(f, h, start, tally);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::printf("divergence sweep: %ld configurations, %ld diverged, %ld updates, %.1f s\n", tally.configurations,
              tally.diverged, tally.steps, seconds);
  CHECK(ok);
  // The sweep covers the whole cross product, and the extremes really do make runs diverge.
  CHECK(tally.configurations > 300'000);
  CHECK(tally.diverged > tally.configurations / 10);
  CHECK(tally.diverged < tally.configurations);
}
