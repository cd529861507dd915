#include "explain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>

#include "algorithms.hpp"
#include "explain_parts.hpp"
#include "parameters.hpp"
#include "run_loop.hpp"
#include "translate.hpp"

namespace optviz {
namespace explaining {

ExplainSquares squares(std::string name, Vec2 kept, Vec2 added, Vec2 after, bool denominator) {
  return {std::move(name), kept, added, after, denominator};
}

void square_part(Parts& parts, Vec2 g, std::string_view accumulator, Vec2 before) {
  const Vec2 g2 = squared(g);
  ExplainPart& p =
      parts.add(tr("Square the gradient"),
                parts.one_coordinate()
                    ? tr_format("g² = {0}: a square of side |g| and area g².", {parts.pair(g2)})
                    : tr_format("g² = {0}: per coordinate, a square of side |g| and area g².", {parts.pair(g2)}));
  p.values = {{"g", g}, {"g²", g2}, {before_name(accumulator), before}};
  p.arrows = {{"g", g, ArrowUnits::gradient, false}};
  p.squares = squares(std::string(accumulator), before, g2, before);
}

void step_part(Parts& parts, const Explanation& e, std::string equation, Vec2 direction, std::string direction_name,
               ArrowUnits units) {
  const Vec2 step = e.theta_after - parts.theta();
  ExplainPart& p =
      parts.add(tr("Take the step"), tr_format("θ ← {0} = {1}   (step {2}, η = {3})",
                                               {equation, parts.pair(e.theta_after), parts.pair(step), num(e.eta)}));
  p.values = {{before_name("θ"), parts.theta()}, {tr("step"), step}, {after_name("θ"), e.theta_after}};
  p.arrows = {{std::move(direction_name), direction, units, true}, {tr("step"), step, ArrowUnits::step, false}};
  parts.move_to(e.theta_after);
}

std::string table_lines(const Hyperparameters& h, std::initializer_list<std::string_view> targets) {
  std::string out;
  for (const AlgorithmLine& line : algorithm(h.kind).lines) {
    if (line.when == Option::weight_decay || !applies(line.when, h)) continue;
    const std::string_view text = line.statements;
    const std::string_view target = text.substr(0, text.find(' '));
    if (std::find(targets.begin(), targets.end(), target) == targets.end()) continue;
    if (!out.empty()) out += "\n";
    out += render(text, Notation::unicode);
  }
  return out;
}

}  // namespace explaining

namespace {

using namespace explaining;
using K = OptimizerKind;

// How a run's gradient is made, for the first caption.
std::string gradient_source(const RunSpec& run) {
  const char* source = run.batch > 0 ? tr("the gradient of this update's mini-batch") : tr("the gradient of f at θ");
  return run.noise > 0 ? tr_format("{0}, plus noise", {source}) : std::string(source);
}

void gradient_part(Parts& parts, const UpdateStart& start) {
  ExplainPart& p = parts.add(tr("The gradient"),
                             tr_format("g = {0}: {1} = {2}. It points uphill; the step goes against it.",
                                       {parts.pair(start.gradient), start.gradient_source, parts.pair(start.theta)}));
  p.values = {{"θ", start.theta}, {"g", start.gradient}};
  p.arrows = {{"g", start.gradient, ArrowUnits::gradient, false}};
}

// The statement of the algorithm's line that weight decay switches on (algorithms.hpp): "g ← g + λ·θ".
std::string weight_decay_statement(OptimizerKind kind) {
  for (const AlgorithmLine& line : algorithm(kind).lines)
    if (line.when == Option::weight_decay) return render(line.statements, Notation::unicode);
  return {};
}

// L2 weight decay, added to the gradient as step_as() does; or decoupled, shrinking theta.
Vec2 weight_decay_part(Parts& parts, const Hyperparameters& h, Vec2 theta, Vec2 g) {
  if (h.weight_decay == 0) return g;
  const std::string statement = weight_decay_statement(h.kind);
  if (decoupled_weight_decay(h.kind)) {
    const Vec2 shrunk = theta * (1 - h.eta * h.weight_decay);
    ExplainPart& p =
        parts.add(tr("Decay the weights"), statement + " = " + parts.pair(theta) + "·" +
                                               num(1 - h.eta * h.weight_decay) + " = " + parts.pair(shrunk));
    p.statement = statement;
    p.values = {{before_name("θ"), theta}, {after_name("θ"), shrunk}};
    p.arrows = {{"g", g, ArrowUnits::gradient, false}};
    parts.move_to(shrunk);
    return g;
  }
  const Vec2 decayed = g + h.weight_decay * theta;
  ExplainPart& p = parts.add(tr("Add weight decay"), statement + " = " + parts.pair(g) + " + " + num(h.weight_decay) +
                                                         "·" + parts.pair(theta) + " = " + parts.pair(decayed));
  p.statement = statement;
  p.values = {{tr("g of f"), g}, {"g", decayed}};
  p.arrows = {{tr("g of f"), g, ArrowUnits::gradient, true}, {"g", decayed, ArrowUnits::gradient, false}};
  return decayed;
}

void explain_builtin(Explanation& e, const UpdateStart& start) {
  Hyperparameters h = start.hyper;
  h.eta = e.eta;
  const State& before = start.state;
  State after = before;
  const Vec2 g = start.gradient;
  e.theta_after = step(h, after, e.theta_before, g);
  Parts parts(e);
  gradient_part(parts, start);
  const Vec2 used = weight_decay_part(parts, h, e.theta_before, g);
  switch (h.kind) {
    case K::sgd:
    case K::momentum:
    case K::nesterov:
      explain_sgd(parts, e, h, before, after, used);
      break;
    case K::adagrad:
      explain_adagrad(parts, e, h, before, after, used);
      break;
    case K::rmsprop:
      explain_rmsprop(parts, e, h, before, after, used);
      break;
    case K::adam:
    case K::adamw:
      explain_adam(parts, e, h, before, after, used);
      break;
    case K::adadelta:
    case K::adamax:
    case K::nadam:
    case K::lion:
      explain_generic(parts, e, h, before, after, used);
      break;
  }
}

bool is_scalar_name(std::string_view name) {
  if (name == "t") return true;
  for (const RealParameter& p : real_parameters())
    if (p.name == name) return true;
  return false;
}

std::string read_text(const Parts& parts, std::string_view name, Vec2 value) {
  if (is_scalar_name(name)) return parameter_symbol(name) + " = " + num(value.x);
  return std::string(name) + " = " + parts.pair(value);
}

void explain_rule(Explanation& e, const RunSpec& run, std::string_view accumulator, const UpdateStart& start) {
  const Rule& rule = *run.rule;
  Hyperparameters h = start.hyper;
  h.eta = e.eta;
  const Vec2 g = start.gradient;
  const std::size_t width = rule.state().size();
  std::vector<double> x_state(width), y_state(width);
  for (std::size_t i = 0; i < width && i < start.rule_state.size(); ++i) {
    x_state[i] = start.rule_state[i].x;
    y_state[i] = start.rule_state[i].y;
  }
  const auto x = rule.trace(h, e.update, e.theta_before.x, g.x, x_state);
  const auto y = rule.trace(h, e.update, e.theta_before.y, g.y, y_state);
  std::map<std::string, Vec2> current;  // every variable's value before the statement
  for (std::size_t i = 0; i < width; ++i) current[rule.state()[i]] = {x_state[i], y_state[i]};
  current["theta"] = e.theta_before;
  Parts parts(e);
  gradient_part(parts, start);
  const auto& statements = rule.statements();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const std::string& target = statements[i].target;
    const Vec2 value{x[i].value, y[i].value};
    std::string reads;
    std::vector<ExplainValue> values;
    for (std::size_t j = 0; j < x[i].reads.size(); ++j) {
      const std::string& name = x[i].reads[j].first;
      const Vec2 read{x[i].reads[j].second, y[i].reads[j].second};
      reads += (reads.empty() ? "" : ", ") + read_text(parts, name, read);
      if (!is_scalar_name(name)) values.push_back({name, read});  // a hyperparameter is in the caption
    }
    values.push_back({after_name(target), value});
    ExplainPart& p =
        parts.add(tr_format("Statement {0} of {1}", {std::to_string(i + 1), std::to_string(statements.size())}),
                  reads.empty() ? target + " = " + parts.pair(value)
                                : tr_format("{0} = {1}   from {2}", {target, parts.pair(value), reads}));
    p.statement = statements[i].text;
    p.values = std::move(values);
    const Vec2 was = current[target];
    if (target == "theta") {
      p.arrows = {{"g", g, ArrowUnits::gradient, true}, {tr("step"), value - e.theta_before, ArrowUnits::step, false}};
      parts.move_to(value);
    } else if (target == accumulator) {
      const Vec2 added = value - was;
      const bool grows = added.x >= 0 && added.y >= 0;
      p.squares = squares(target, grows ? was : value, grows ? added : Vec2{}, value);
    }
    current[target] = value;
  }
  e.theta_after = parts.theta();
}

}  // namespace

std::string explain_number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  if (value == 0) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  std::string text = buffer;
  // "1.2e-08" as "1.2e-8", "3e+05" as "3e5".
  if (const auto e = text.find('e'); e != std::string::npos) {
    std::string exponent = text.substr(e + 1);
    const bool negative = exponent[0] == '-';
    exponent.erase(0, exponent.find_first_not_of("+-0"));
    text = text.substr(0, e) + "e" + (negative ? "-" : "") + exponent;
  }
  if (text[0] == '-') text.replace(0, 1, "−");
  return text;
}

// A no-break space after the comma: a wrapped caption never splits a pair.
std::string explain_pair(Vec2 value) {
  return "(" + explain_number(value.x) + ",\u00A0" + explain_number(value.y) + ")";
}

Explanation explain_update(const RunSpec& run, std::string_view accumulator, const Trajectory& t, long k) {
  Explanation e;
  e.optimizer = run.rule ? tr("typed rule") : std::string(title(run.hyper.kind));
  e.step = k;
  e.update = k + 1;
  if (t.rows() == 0) {
    e.message = tr("The run has no steps to explain.");
    return e;
  }
  const long last = static_cast<long>(t.rows()) - 1;
  if (k < 0 || k > last) {
    e.message = tr_format("Step {0} is outside the run (steps 0 to {1}).", {std::to_string(k), std::to_string(last)});
    return e;
  }
  e.theta_before = e.theta_after = t.position[static_cast<std::size_t>(k)];
  if (k == last) {
    e.message = t.diverged_at
                    ? tr_format("The run diverged at step {0}: {1}. There is no next update.",
                                {std::to_string(*t.diverged_at), t.divergence_reason()})
                    : tr_format("Step {0} is the run's last step: there is no next update.", {std::to_string(k)});
    return e;
  }
  UpdateStart start;
  start.step = k;
  start.eta = learning_rate(t.schedule, e.update, t.hyper.eta, t.steps);
  start.hyper = t.hyper;
  start.theta = e.theta_before;
  start.gradient = t.gradient[static_cast<std::size_t>(k)];
  if (run.rule) {
    if (k > 0)
      for (std::size_t i = 0; i < run.rule->state().size(); ++i)
        start.rule_state.push_back(t.rule_variable(static_cast<std::size_t>(k - 1), i));
  } else {
    start.state = k == 0 ? initial_state<Vec2>(t.hyper) : t.state(static_cast<std::size_t>(k - 1));
  }
  start.gradient_source = gradient_source(run);
  return explain_step(run, accumulator, start);
}

Explanation explain_step(const RunSpec& run, std::string_view accumulator, const UpdateStart& start) {
  Explanation e;
  e.optimizer = run.rule ? tr("typed rule") : std::string(title(run.hyper.kind));
  e.step = start.step;
  e.update = start.step + 1;
  e.eta = start.eta;
  e.coordinates = start.coordinates;
  e.theta_before = e.theta_after = start.theta;
  if (run.rule)
    explain_rule(e, run, accumulator, start);
  else
    explain_builtin(e, start);
  return e;
}

}  // namespace optviz
