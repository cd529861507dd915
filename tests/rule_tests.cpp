// Typed update rules: their semantics, their errors, and every built-in optimizer typed as a rule
// reproducing the PyTorch reference trajectories.
#include <array>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "csv.hpp"
#include "reference.hpp"
#include "rule.hpp"
#include "run.hpp"
#include "scenario.hpp"
#include "trajectory.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

Trajectory run_rule(const std::string& text, const Hyperparameters& h, const Objective& f, Vec2 start, long steps) {
  Trajectory t;
  run(f, Rule(text), h, start, steps, t);
  return t;
}

}  // namespace

TEST_CASE("every built-in optimizer typed as a rule reproduces its PyTorch reference", "[rule][reference]") {
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    const Hyperparameters h = hyperparameters_of(c.json);
    const TypedRule typed = typed_rule_for(h);
    INFO("rule " << typed.text);
    const Rule rule(typed.text);
    const TestFunction* f = find_function(c.json.at("function").get<std::string>());
    REQUIRE(f != nullptr);
    const auto start = c.json.at("start");
    Trajectory t;
    run(*f, rule, h, {start[0].get<double>(), start[1].get<double>()}, c.json.at("steps").get<long>(), t);
    std::ostringstream csv;
    write_csv(csv, t, rule);
    const Table ref = keep_columns(parse_csv(c.csv), typed.columns);
    CHECK(compare_tables(parse_csv(csv.str()), ref, c.json.at("rtol").get<double>()) == "");
    const auto& diverged = c.json.at("diverged_at");
    CHECK(t.diverged_at == (diverged.is_null() ? std::nullopt : std::optional<long>(diverged.get<long>())));
  }
}

TEST_CASE("a rule's state starts at 0, keeps its value, and sees theta as assigned so far", "[rule]") {
  Hyperparameters h;
  h.eta = 0.5;
  const Objective f = Objective::typed("x^2 + y^2");
  // n counts updates; before is theta_{t-1}; after sees theta_t; seen reads n before assigning it.
  const Trajectory t =
      run_rule("seen = n; n = n + 1; before = theta; theta = theta - eta*g; after = theta", h, f, {1, -2}, 3);
  const Rule rule("seen = n; n = n + 1; before = theta; theta = theta - eta*g; after = theta");
  CHECK(rule.state() == std::vector<std::string>{"seen", "n", "before", "after"});
  REQUIRE(t.rule_width == 4);
  REQUIRE(t.rule_state.size() == 3 * 4);
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(t.rule_variable(k, 0).x == static_cast<double>(k));
    CHECK(t.rule_variable(k, 1).x == static_cast<double>(k) + 1);
    CHECK(t.rule_variable(k, 2) == t.position[k]);
    CHECK(t.rule_variable(k, 3) == t.position[k + 1]);
  }
  // theta - 0.5 * 2 theta = 0: the first update lands on the minimum.
  CHECK(t.position[1] == Vec2{0, 0});
  // t is the update's number.
  const Trajectory counted = run_rule("k = t; theta = theta", h, f, {1, 1}, 4);
  for (std::size_t k = 0; k < 4; ++k) {
    const double number = static_cast<double>(k + 1);
    CHECK(counted.rule_variable(k, 0) == Vec2{number, number});
  }
}

TEST_CASE("a rule reads only the hyperparameters it names", "[rule]") {
  const Rule rule("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)");
  std::vector<std::string> reads;
  for (const RealParameter* p : rule.reads()) reads.emplace_back(p->name);
  CHECK(reads == std::vector<std::string>{"eta", "rho", "eps"});
  CHECK(rule.reads_parameter("rho"));
  CHECK_FALSE(rule.reads_parameter("momentum"));
  Hyperparameters h;
  h.rho = 2;
  REQUIRE(find_rule_problem(rule, h));
  CHECK(find_rule_problem(rule, h)->message() == "invalid rho: 2 (must be in [0, 1])");
  h.rho = 0.9;
  h.momentum = -5;  // not read: not checked
  CHECK_FALSE(find_rule_problem(rule, h));
}

TEST_CASE("weight decay is not added for a rule", "[rule]") {
  Hyperparameters h;
  h.eta = 0.1;
  h.weight_decay = 0.5;
  const Trajectory t = run_rule("theta = theta - eta*g", h, Objective::typed("x + y"), {1, 1}, 1);
  CHECK(t.position[1] == Vec2{0.9, 0.9});
}

TEST_CASE("a diverging rule is a normal outcome", "[rule]") {
  Hyperparameters h;
  h.eta = 10;
  const Trajectory t = run_rule("theta = theta - eta*g", h, Objective::typed("x^2 + y^2"), {1, 1}, 100);
  REQUIRE(t.diverged_at);
  CHECK(t.rows() == static_cast<std::size_t>(*t.diverged_at) + 1);
  const Trajectory nan = run_rule("theta = sqrt(-1)", h, Objective::typed("x^2"), {1, 1}, 5);
  CHECK(nan.diverged_at == 1);
}

struct BadRule {
  const char* text;
  std::size_t column;
  const char* problem;
};

TEST_CASE("a rule may change g for its update, as weight decay does; the next update reads the gradient again",
          "[rule]") {
  const Rule rule("g = g + weight_decay*theta; theta = theta - eta*g");
  CHECK(rule.state().empty());
  Hyperparameters h;
  h.eta = 0.5;
  h.weight_decay = 0.25;
  std::vector<double> registers;
  const double theta1 = rule.step(h, 1, 2.0, 1.0, {}, registers);
  CHECK(theta1 == 2.0 - 0.5 * (1.0 + 0.25 * 2.0));
  CHECK(rule.step(h, 2, theta1, 1.0, {}, registers) == theta1 - 0.5 * (1.0 + 0.25 * theta1));
  const auto trace = rule.trace(h, 1, 2.0, 1.0, {});
  REQUIRE(trace.size() == 2);
  CHECK(trace[0].value == 1.5);
  CHECK(trace[1].reads == std::vector<std::pair<std::string, double>>{{"theta", 2.0}, {"eta", 0.5}, {"g", 1.5}});
}

TEST_CASE("a bad rule names its problem and its column", "[rule]") {
  const std::array<BadRule, 14> cases = {{
      {"", 1, "a rule needs statements such as theta = theta - eta*g"},
      {"  ;\n ; ", 1, "a rule needs statements such as theta = theta - eta*g"},
      {"G = G + g^2", 12, "the rule never assigns theta: end it with theta = theta - ..."},
      {"theta = theta - eta*q", 21,
       "unknown name \"q\" (known: g, theta, t, eta, rho, eps, momentum, dampening, "
       "beta1, beta2, weight_decay, lr_decay, initial_accumulator, momentum_decay, pi, "
       "e)"},
      {"theta - eta*g", 7, "expected '=' after \"theta\""},
      {"theta == theta", 7, "expected '=' after \"theta\""},
      {"2 = theta", 1, "expected a statement NAME = EXPRESSION, got '2'"},
      {"theta = theta; rho = 0", 16, "cannot assign to rho (a hyperparameter, set by --rho)"},
      {"theta = theta; t = 1", 16, "cannot assign to t (the update's number, which the rule reads)"},
      {"eta = 1; theta = theta", 1, "cannot assign to eta (a hyperparameter, set by --eta)"},
      {"pi = 3; theta = theta", 1, "cannot assign to pi (a constant)"},
      {"theta = theta - eta*g/(sqrt(g)+eps", 23, "'(' is not closed"},
      {"theta = theta\nG = 2x", 20, "expected an operator before 'x' (write 2*x, not 2x)"},
      {"theta = ", 8, "expected a number, a name or '(', got the end of the formula"},
  }};
  for (const BadRule& c : cases) {
    INFO(c.text);
    try {
      Rule rule(c.text);
      FAIL("accepted");
    } catch (const ExpressionError& e) {
      CHECK(e.problem() == c.problem);
      CHECK(e.column() == c.column);
    }
  }
  std::string many;
  for (int i = 0; i <= 32; ++i) many += "s" + std::to_string(i) + " = 1; ";
  CHECK_THROWS_WITH(Rule(many + "theta = theta"), Catch::Contains("too many state variables (at most 32)"));
}

TEST_CASE("a rule run in a scenario plots the variable marked as its accumulator", "[rule]") {
  const RunSpec run = make_rule_run(Rule("m = 0.9*m + g; G = G + g^2; theta = theta - eta*m"));
  CHECK(make_look("mine", 0, run).accumulator == "G");
  const RunSpec other = make_rule_run(Rule("m = 0.9*m + g; theta = theta - eta*m"));
  CHECK(make_look("mine", 0, other).accumulator == "m");
  CHECK(run.rule->state_index("G") == 1);
}

TEST_CASE("a copied rule owns everything it names", "[rule]") {
  std::optional<Rule> copy;
  {
    const Rule original("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)");
    copy = original;
  }
  Hyperparameters h;
  h.eta = 0.1;
  h.rho = 0.9;
  h.eps = 1e-8;
  const std::vector<double> before = {4.0};
  const auto trace = copy->trace(h, 3, 1.0, 2.0, before);
  REQUIRE(trace.size() == 2);
  CHECK(trace[0].reads.at(0).first == "rho");
  CHECK(trace[0].reads.at(1).first == "G");
  CHECK(trace[0].value == Approx(0.9 * 4 + 0.1 * 4));
  CHECK(trace[1].reads.back().first == "eps");
}
