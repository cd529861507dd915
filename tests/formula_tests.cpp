// The displayed algorithms (core/optim/algorithms.hpp) run as typed rules: for every optimizer and every
// combination of its options, the rule text that the displays show updates exactly as step() does,
// bit for bit (the statements are written in step()'s order of operations, so no tolerance is
// needed). And the man page holds the table's text.
#include <algorithm>
#include <bit>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "algorithms.hpp"
#include "csv.hpp"
#include "parameters.hpp"
#include "reference.hpp"
#include "rule.hpp"
#include "run.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

using namespace optviz;

namespace {

// One option of an optimizer, off (its default) and on.
struct Switch {
  std::string name;
  std::function<void(Hyperparameters&)> on;
};

std::vector<Switch> switches_of(OptimizerKind kind) {
  std::vector<Switch> out;
  const auto real = [&](std::string_view name, double value) {
    for (const RealParameter& p : real_parameters())
      if (p.name == name && p.applies_to(kind))
        out.push_back({std::string(name), [member = p.member, value](Hyperparameters& h) { h.*member = value; }});
  };
  real("weight_decay", 0.05);
  // SGD's momentum kinds take momentum > 0 by default: their switch is momentum = 0.
  real("momentum", kind == OptimizerKind::rmsprop ? 0.8 : 0.0);
  real("dampening", 0.3);
  real("lr_decay", 0.05);
  real("initial_accumulator", 0.3);
  real("momentum_decay", 0.02);
  for (const FlagParameter& p : flag_parameters())
    if (p.applies_to(kind))
      out.push_back({std::string(p.name),
                     [member = p.member, value = p.value_when_given](Hyperparameters& h) { h.*member = value; }});
  return out;
}

// The learning rate of the runs: small enough that no run diverges in 50 updates.
double test_eta(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::sgd:
    case OptimizerKind::momentum:
    case OptimizerKind::nesterov:
      return 1e-3;
    case OptimizerKind::adadelta:
      return 1.0;
    default:
      return 0.01;
  }
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

struct Mismatch {
  long step = 0;
  std::string what;
};

// Runs step() and the rule side by side from f's start for `steps` updates; the first difference.
std::optional<Mismatch> compare(const Hyperparameters& h, const Rule& rule, const TestFunction& f, long steps) {
  State s = initial_state<Vec2>(h);
  Vec2 theta = f.start;
  Vec2 rule_theta = f.start;
  std::vector<double> state_x(rule.state().size()), state_y(rule.state().size()), registers;
  for (long t = 1; t <= steps; ++t) {
    theta = step(h, s, theta, f.gradient(theta));
    const Vec2 g = f.gradient(rule_theta);
    rule_theta = {rule.step(h, t, rule_theta.x, g.x, state_x, registers),
                  rule.step(h, t, rule_theta.y, g.y, state_y, registers)};
    if (!same_bits(theta.x, rule_theta.x) || !same_bits(theta.y, rule_theta.y)) {
      std::ostringstream what;
      what.precision(17);
      what << "theta (" << theta.x << ", " << theta.y << "), the rule (" << rule_theta.x << ", " << rule_theta.y << ")";
      return Mismatch{t, what.str()};
    }
    // The state that both name alike (G, gavg, buf, m, v, u, D) holds the same bits too.
    for (const StateField& field : state_fields(h)) {
      const auto index = rule.state_index(field.name);
      if (!index || field.name == "lr") continue;
      const Vec2 value = s.*field.member;
      if (!same_bits(value.x, state_x[*index]) || !same_bits(value.y, state_y[*index]))
        return Mismatch{t, "state " + std::string(field.name)};
    }
  }
  return std::nullopt;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("each displayed algorithm, run as a typed rule, updates as step() does, for every option", "[formulas]") {
  const std::vector<const TestFunction*> functions = {find_function("rosenbrock"), find_function("himmelblau"),
                                                      find_function("beale"), find_function("quadratic"),
                                                      find_function("saddle")};
  for (const TestFunction* f : functions) REQUIRE(f != nullptr);
  for (OptimizerKind kind : optimizer_kinds()) {
    const std::vector<Switch> switches = switches_of(kind);
    for (unsigned combination = 0; combination < (1u << switches.size()); ++combination) {
      Hyperparameters h = defaults(kind);
      h.eta = test_eta(kind);
      std::string options;
      for (std::size_t i = 0; i < switches.size(); ++i)
        if ((combination >> i) & 1u) {
          switches[i].on(h);
          options += " " + switches[i].name;
        }
      REQUIRE(validate(h).empty());
      const std::string text = rule_text(h);
      INFO(name(kind) << " with" << (options.empty() ? " the defaults" : options) << ":\n" << text);
      const Rule rule(text);
      for (const TestFunction* f : functions) {
        INFO("on " << f->name);
        const auto mismatch = compare(h, rule, *f, 50);
        const std::string difference =
            mismatch ? "update " + std::to_string(mismatch->step) + ": " + mismatch->what : std::string();
        CHECK(difference.empty());
      }
    }
  }
}

TEST_CASE("each displayed algorithm, run as a typed rule, reproduces the PyTorch reference cases", "[formulas]") {
  using namespace optviz::testing;
  for (const ReferenceCase& c : load_reference_cases()) {
    INFO("case " << c.name);
    const Hyperparameters h = hyperparameters_of(c.json);
    const Rule rule(rule_text(h));
    INFO("rule " << rule.text());
    const TestFunction* f = find_function(c.json.at("function").get<std::string>());
    REQUIRE(f != nullptr);
    const auto start = c.json.at("start");
    Trajectory t;
    run(*f, rule, h, {start[0].get<double>(), start[1].get<double>()}, c.json.at("steps").get<long>(), t);
    std::ostringstream csv;
    write_csv(csv, t, rule);
    // The state that the rule and the reference name alike (AMSGrad's vmax is the rule's s).
    const Table ref = keep_columns(parse_csv(c.csv), rule.state());
    CHECK(compare_tables(parse_csv(csv.str()), ref, c.json.at("rtol").get<double>()) == "");
  }
}

TEST_CASE("every option of an optimizer changes the lines that apply or is read by them", "[formulas]") {
  for (OptimizerKind kind : optimizer_kinds()) {
    const Hyperparameters base = defaults(kind);
    const Rule base_rule(rule_text(base));
    for (const Switch& s : switches_of(kind)) {
      INFO(name(kind) << ": " << s.name);
      Hyperparameters h = base;
      s.on(h);
      CHECK((rule_text(h) != rule_text(base) || base_rule.reads_parameter(s.name)));
    }
  }
}

TEST_CASE("the notations show the rule language with symbols", "[formulas]") {
  CHECK(render("G = rho*G + (1 - rho)*g^2", Notation::unicode) == "G ← ρ·G + (1 − ρ)·g²");
  CHECK(render("d = sqrt(s)/sqrt(c2) + eps", Notation::unicode) == "d ← √s/√c₂ + ε");
  CHECK(render("d = sqrt(s/c2 + eps)", Notation::unicode) == "d ← √(s/c₂ + ε)");
  CHECK(render("u = max(beta2*u, abs(g) + eps)", Notation::unicode) == "u ← max(β₂·u, |g| + ε)");
  CHECK(render("c1 = 1 - beta1^t; c2 = 1 - beta2^t", Notation::unicode) == "c₁ ← 1 − β₁ᵗ;  c₂ ← 1 − β₂ᵗ");
  CHECK(render("buf = if(t == 1, g, -buf)", Notation::unicode) == "buf ← if(t = 1, g, −buf)");
  CHECK(render("x = 1e-3*g - 2", Notation::unicode) == "x ← 1e-3·g − 2");
  CHECK(render("theta = theta - eta*g", Notation::rule) == "theta = theta - eta*g");
  CHECK(render("theta = theta - eta*g", Notation::groff) ==
        "\\[u03B8] \\[u2190] \\[u03B8] \\[u2212] \\[u03B7]\\[u00B7]g");
  CHECK(render_condition(Option::weight_decay, Notation::unicode) == "if λ ≠ 0");
  CHECK(render_condition(Option::weight_decay, Notation::rule) == "if weight_decay != 0");
  CHECK(render_prose("√(v/(1 − β₂ᵗ)) + ε", Notation::rule) == "sqrt (v/(1 - beta2^t)) + eps");
}

TEST_CASE("every algorithm names its reference and its epsilon, and defines its symbols", "[formulas]") {
  for (OptimizerKind kind : optimizer_kinds()) {
    INFO(name(kind));
    const Algorithm& a = algorithm(kind);
    CHECK(a.kind == kind);
    CHECK(!a.reference.empty());
    CHECK(!a.epsilon.empty());
    // A state or intermediate name of the rule has a meaning in the table.
    Hyperparameters h = defaults(kind);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) h.*p.member = p.value_when_given;
    if (kind == OptimizerKind::rmsprop) h.momentum = 0.5;
    const Rule rule(rule_text(h));
    for (const std::string& variable : rule.state()) {
      INFO(variable);
      CHECK(std::any_of(a.symbols.begin(), a.symbols.end(),
                        [&](const AlgorithmSymbol& s) { return s.name == variable; }));
    }
    const bool takes_eps_inside = std::any_of(flag_parameters().begin(), flag_parameters().end(), [&](const auto& p) {
      return p.name == "eps_inside_sqrt" && p.applies_to(kind);
    });
    CHECK(a.eps_inside.empty() != takes_eps_inside);
  }
}

TEST_CASE("a flag's lines are both its sides, with their conditions", "[formulas]") {
  CHECK(option_lines("bias_correction", OptimizerKind::adam, Notation::unicode) ==
        "c₁ ← 1 − β₁ᵗ;  c₂ ← 1 − β₂ᵗ    if bias correction\n"
        "c₁ ← 1;  c₂ ← 1                if no bias correction\n");
  CHECK(option_lines("eps_inside_sqrt", OptimizerKind::rmsprop, Notation::rule) ==
        "d = sqrt(s) + eps    if not eps_inside_sqrt\n"
        "d = sqrt(s + eps)    if eps_inside_sqrt\n");
  CHECK(option_formulas("amsgrad", Notation::rule) == "adam, adamw: s = max(s, v)");
}

TEST_CASE("the man page shows the table's algorithms", "[formulas]") {
  const std::string page = read_file(OPTVIZ_MAN_PAGE);
  const std::string begin = ".\\\" The algorithms: written by core/optim/algorithms.cpp (tests/formula_tests.cpp).\n";
  const std::string end = ".\\\" End of the algorithms.\n";
  const auto from = page.find(begin);
  const auto to = page.find(end);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string shown = page.substr(from + begin.size(), to - from - begin.size());
  const std::string expected = man_page_algorithms();
  // OPTVIZ_UPDATE_MAN_PAGE=1 writes the table's text into the page (then review the diff).
  if (shown != expected && std::getenv("OPTVIZ_UPDATE_MAN_PAGE")) {
    std::ofstream(OPTVIZ_MAN_PAGE, std::ios::binary)
        << page.substr(0, from + begin.size()) << expected << page.substr(to);
    return;
  }
  INFO("expected:\n" << expected);
  CHECK(shown == expected);
}
