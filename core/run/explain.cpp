#include "explain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>

#include "algorithms.hpp"
#include "parameters.hpp"
#include "run_loop.hpp"

namespace optviz {
namespace {

using K = OptimizerKind;

std::string num(double v) { return explain_number(v); }
std::string pair(Vec2 v) { return explain_pair(v); }

Vec2 squared(Vec2 v) { return v * v; }

// How a run's gradient is made, for the first caption.
std::string gradient_source(const RunSpec& run) {
  std::string source = run.batch > 0 ? "the gradient of this update's mini-batch" : "the gradient of f at θ";
  if (run.noise > 0) source += ", plus noise";
  return source;
}

// Builds the parts of one explanation; `theta` follows the position through them.
class Parts {
 public:
  explicit Parts(Explanation& e) : e_(e), theta_(e.theta_before) {}

  ExplainPart& add(std::string title, std::string caption) {
    ExplainPart& p = e_.parts.emplace_back();
    p.title = std::move(title);
    p.caption = std::move(caption);
    p.theta = theta_;
    return p;
  }
  ExplainPart& back() { return e_.parts.back(); }
  void move_to(Vec2 theta) {
    theta_ = theta;
    e_.parts.back().theta = theta;
  }
  Vec2 theta() const { return theta_; }

 private:
  Explanation& e_;
  Vec2 theta_;
};

void gradient_part(Parts& parts, const RunSpec& run, Vec2 theta, Vec2 g) {
  ExplainPart& p = parts.add("The gradient", "g = " + pair(g) + ": " + gradient_source(run) + " = " + pair(theta) +
                                                 ". It points uphill; the step goes against it.");
  p.values = {{"θ", theta}, {"g", g}};
  p.arrows = {{"g", g, ArrowUnits::gradient, false}};
}

ExplainSquares squares(std::string name, Vec2 kept, Vec2 added, Vec2 after, bool denominator = false) {
  return {std::move(name), kept, added, after, denominator};
}

void square_part(Parts& parts, Vec2 g, std::string_view accumulator, Vec2 before) {
  const Vec2 g2 = squared(g);
  ExplainPart& p =
      parts.add("Square the gradient", "g² = " + pair(g2) + ": per coordinate, a square of side |g| and area g².");
  p.values = {{"g", g}, {"g²", g2}, {std::string(accumulator) + " before", before}};
  p.arrows = {{"g", g, ArrowUnits::gradient, false}};
  p.squares = squares(std::string(accumulator), before, g2, before);
}

void step_part(Parts& parts, const Explanation& e, std::string equation, Vec2 direction, std::string direction_name,
               ArrowUnits units) {
  const Vec2 step = e.theta_after - parts.theta();
  ExplainPart& p = parts.add("Take the step", "θ ← " + equation + " = " + pair(e.theta_after) + "   (step " +
                                                  pair(step) + ", η = " + num(e.eta) + ")");
  p.values = {{"θ before", parts.theta()}, {"step", step}, {"θ after", e.theta_after}};
  p.arrows = {{std::move(direction_name), direction, units, true}, {"step", step, ArrowUnits::step, false}};
  parts.move_to(e.theta_after);
}

// What a part of a built-in optimizer's update does, as every display writes it: the lines of the
// table (algorithms.hpp) that apply to h and assign one of `targets`, in Unicode, one a line.
// Weight decay's line belongs to its own part (weight_decay_statement).
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
    ExplainPart& p = parts.add("Decay the weights", statement + " = " + pair(theta) + "·" +
                                                        num(1 - h.eta * h.weight_decay) + " = " + pair(shrunk));
    p.statement = statement;
    p.values = {{"θ before", theta}, {"θ after", shrunk}};
    p.arrows = {{"g", g, ArrowUnits::gradient, false}};
    parts.move_to(shrunk);
    return g;
  }
  const Vec2 decayed = g + h.weight_decay * theta;
  ExplainPart& p = parts.add("Add weight decay", statement + " = " + pair(g) + " + " + num(h.weight_decay) + "·" +
                                                     pair(theta) + " = " + pair(decayed));
  p.statement = statement;
  p.values = {{"g of f", g}, {"g", decayed}};
  p.arrows = {{"g of f", g, ArrowUnits::gradient, true}, {"g", decayed, ArrowUnits::gradient, false}};
  return decayed;
}

std::string denominator_text(const Hyperparameters& h, std::string_view of) {
  // No-break spaces: a wrapped caption keeps the denominator on one line.
  return h.eps_inside_sqrt ? "√(" + std::string(of) + "\u00A0+\u00A0ε)" : "√" + std::string(of) + "\u00A0+\u00A0ε";
}

void explain_sgd(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before, const State& after,
                 Vec2 g) {
  if (h.kind == K::sgd) {
    step_part(parts, e, "θ − η·g = " + pair(parts.theta()) + " − " + num(e.eta) + "·" + pair(g), g, "g",
              ArrowUnits::gradient);
    parts.back().statement = table_lines(h, {"theta"});
    return;
  }
  const bool nesterov = h.kind == K::nesterov;
  const double dampening = nesterov ? 0.0 : h.dampening;
  std::string equation;
  if (after.t == 1)
    equation = "buf ← g = " + pair(after.buf) + " (the first update starts the buffer)";
  else if (h.momentum == 0)
    equation = "buf ← g = " + pair(after.buf) + " (μ = 0: no momentum)";
  else
    equation = "buf ← μ·buf + " + (dampening == 0 ? std::string() : "(1 − τ)·") + "g = " + num(h.momentum) + "·" +
               pair(before.buf) + " + " + (dampening == 0 ? std::string() : num(1 - dampening) + "·") + pair(g) +
               " = " + pair(after.buf);
  ExplainPart& m = parts.add("Momentum", equation);
  m.statement = table_lines(h, {"buf"});
  m.values = {{"buf before", before.buf}, {"g", g}, {"buf after", after.buf}};
  m.arrows = {{"buf before", before.buf, ArrowUnits::gradient, true},
              {"g", g, ArrowUnits::gradient, false},
              {"buf", after.buf, ArrowUnits::gradient, false}};
  if (!nesterov) {
    step_part(parts, e, "θ − η·buf = " + pair(parts.theta()) + " − " + num(e.eta) + "·" + pair(after.buf), after.buf,
              "buf", ArrowUnits::gradient);
    parts.back().statement = table_lines(h, {"theta"});
    return;
  }
  const Vec2 ahead = g + h.momentum * after.buf;
  ExplainPart& n = parts.add("Look ahead (Nesterov)", "d = g + μ·buf = " + pair(g) + " + " + num(h.momentum) + "·" +
                                                          pair(after.buf) + " = " + pair(ahead));
  n.values = {{"g", g}, {"buf", after.buf}, {"d", ahead}};
  n.arrows = {{"g", g, ArrowUnits::gradient, true},
              {"buf", after.buf, ArrowUnits::gradient, true},
              {"d", ahead, ArrowUnits::gradient, false}};
  step_part(parts, e, "θ − η·d = " + pair(parts.theta()) + " − " + num(e.eta) + "·" + pair(ahead), ahead, "d",
            ArrowUnits::gradient);
  parts.back().statement = table_lines(h, {"theta"});
}

// The division by sqrt(s) + eps of RMSprop and AdaGrad; `c` is the learning rate it multiplies.
void division_part(Parts& parts, const Hyperparameters& h, const State& after, Vec2 g, Vec2 second, Vec2 d,
                   std::string_view of, double c, std::string_view c_name) {
  const Vec2 scaled = g / d;
  ExplainPart& p =
      parts.add("Divide by " + denominator_text(h, of),
                denominator_text(h, of) + " = " + pair(d) + ", the side of each square. Step size " +
                    std::string(c_name) + "/(" + denominator_text(h, of) + ") = " + pair(after.lr) + "; g/(" +
                    denominator_text(h, of) + ") = " + pair(scaled) + ": a large G means a small step.");
  p.values = {{std::string(of), second}, {denominator_text(h, of), d}, {"step size", after.lr}, {"g/d", scaled}};
  if (c_name != "η") {
    p.values.insert(p.values.begin(), {std::string(c_name), Vec2{c, c}});
    p.caption += "  (c = η/(1 + (t−1)·κ) = " + num(c) + ")";
  }
  p.arrows = {{"g", g, ArrowUnits::gradient, true}, {"g/d", scaled, ArrowUnits::scaled, false}};
  p.squares = squares(std::string(of), second, {}, second, true);
}

void explain_adagrad(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g) {
  square_part(parts, g, "G", before.G);
  ExplainPart& a =
      parts.add("Add it into the accumulator", "G ← G + g² = " + pair(before.G) + " + " + pair(squared(g)) + " = " +
                                                   pair(after.G) + ": the squares only ever grow.");
  a.statement = table_lines(h, {"G"});
  a.values = {{"G before", before.G}, {"g²", squared(g)}, {"G after", after.G}};
  a.squares = squares("G", before.G, squared(g), after.G);
  const double c = rules::adagrad_rate(h, after.t);
  const Vec2 d = rules::adaptive_denominator(after.G, h.eps, h.eps_inside_sqrt);
  division_part(parts, h, after, g, after.G, d, "G", c, h.lr_decay == 0 ? "η" : "c");
  parts.back().statement = table_lines(h, {"c", "d"});
  step_part(parts, e,
            "θ − c·g/(" + denominator_text(h, "G") + ") = " + pair(parts.theta()) + " − " + num(c) + "·" + pair(g / d),
            g / d, "g/d", ArrowUnits::scaled);
  parts.back().statement = table_lines(h, {"theta"});
}

void explain_rmsprop(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g) {
  square_part(parts, g, "G", before.G);
  const Vec2 kept = h.rho * before.G;
  const Vec2 added = (1 - h.rho) * squared(g);
  ExplainPart& a =
      parts.add("Add it into the accumulator", "G ← ρ·G + (1−ρ)·g² = " + num(h.rho) + "·" + pair(before.G) + " + " +
                                                   num(1 - h.rho) + "·" + pair(squared(g)) + " = " + pair(after.G) +
                                                   ": old squares fade, the new one counts.");
  a.statement = table_lines(h, {"G"});
  a.values = {{"G before", before.G}, {"ρ·G", kept}, {"(1−ρ)·g²", added}, {"G after", after.G}};
  a.squares = squares("G", kept, added, after.G);
  Vec2 second = after.G;
  std::string of = "G";
  if (h.centered) {
    second = after.G - after.gavg * after.gavg;
    of = "s";
    ExplainPart& c = parts.add("Centre it", "ḡ ← ρ·ḡ + (1−ρ)·g = " + pair(after.gavg) +
                                                ";  s = G − ḡ² = " + pair(second) + ": the variance of the gradient.");
    c.statement = table_lines(h, {"gavg", "s"});
    c.values = {{"ḡ before", before.gavg}, {"ḡ after", after.gavg}, {"s", second}};
    c.squares = squares("s", second, {}, second);
  }
  const Vec2 d = rules::adaptive_denominator(second, h.eps, h.eps_inside_sqrt);
  division_part(parts, h, after, g, second, d, of, e.eta, "η");
  parts.back().statement = h.centered ? table_lines(h, {"d"}) : table_lines(h, {"s", "d"});
  const Vec2 scaled = g / d;
  if (h.momentum > 0) {
    ExplainPart& m = parts.add("Momentum", "buf ← μ·buf + g/d = " + num(h.momentum) + "·" + pair(before.buf) + " + " +
                                               pair(scaled) + " = " + pair(after.buf));
    m.statement = table_lines(h, {"buf"});
    m.values = {{"buf before", before.buf}, {"g/d", scaled}, {"buf after", after.buf}};
    m.arrows = {{"buf before", before.buf, ArrowUnits::scaled, true},
                {"g/d", scaled, ArrowUnits::scaled, false},
                {"buf", after.buf, ArrowUnits::scaled, false}};
    step_part(parts, e, "θ − η·buf = " + pair(parts.theta()) + " − " + num(e.eta) + "·" + pair(after.buf), after.buf,
              "buf", ArrowUnits::scaled);
    parts.back().statement = table_lines(h, {"theta"});
    return;
  }
  step_part(parts, e, "θ − η·g/d = " + pair(parts.theta()) + " − " + num(e.eta) + "·" + pair(scaled), scaled, "g/d",
            ArrowUnits::scaled);
  parts.back().statement = table_lines(h, {"theta"});
}

void explain_adam(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before, const State& after,
                  Vec2 g) {
  ExplainPart& m =
      parts.add("First moment (momentum)", "m ← β₁·m + (1−β₁)·g = " + num(h.beta1) + "·" + pair(before.m) + " + " +
                                               num(1 - h.beta1) + "·" + pair(g) + " = " + pair(after.m));
  m.statement = table_lines(h, {"m"});
  m.values = {{"m before", before.m}, {"g", g}, {"m after", after.m}};
  m.arrows = {{"m before", before.m, ArrowUnits::gradient, true},
              {"g", g, ArrowUnits::gradient, false},
              {"m", after.m, ArrowUnits::gradient, false}};
  square_part(parts, g, "v", before.v);
  const Vec2 kept = h.beta2 * before.v;
  const Vec2 added = (1 - h.beta2) * squared(g);
  ExplainPart& v = parts.add("Second moment (the accumulator)", "v ← β₂·v + (1−β₂)·g² = " + num(h.beta2) + "·" +
                                                                    pair(before.v) + " + " + num(1 - h.beta2) + "·" +
                                                                    pair(squared(g)) + " = " + pair(after.v));
  v.statement = table_lines(h, {"v"});
  v.values = {{"v before", before.v}, {"β₂·v", kept}, {"(1−β₂)·g²", added}, {"v after", after.v}};
  v.squares = squares("v", kept, added, after.v);
  Vec2 second = after.v;
  if (h.amsgrad) {
    second = after.vmax;
    ExplainPart& a = parts.add("AMSGrad: keep the largest", "v_max ← max(v_max, v) = max(" + pair(before.vmax) + ", " +
                                                                pair(after.v) + ") = " + pair(after.vmax));
    a.statement = table_lines(h, {"s"});
    a.values = {{"v_max before", before.vmax}, {"v", after.v}, {"v_max after", after.vmax}};
    a.squares = squares("v_max", after.vmax, {}, after.vmax);
  }
  const std::string v_name = h.amsgrad ? "v_max" : "v";
  const double bc1 = rules::bias_correction(h, Power::beta1, after.t);
  const double bc2 = rules::bias_correction(h, Power::beta2, after.t);
  const Vec2 m_hat = after.m / bc1;
  const Vec2 v_hat = second / bc2;
  if (h.bias_correction) {
    ExplainPart& b =
        parts.add("Bias corrections (update " + std::to_string(after.t) + ")",
                  "m̂ = m/(1−β₁ᵗ) = " + pair(after.m) + "/" + num(bc1) + " = " + pair(m_hat) + ";  v̂ = " + v_name +
                      "/(1−β₂ᵗ) = " + pair(v_hat) + ": m and v start at 0, this undoes it.");
    b.statement = table_lines(h, {"c1"});
    b.values = {{"1−β₁ᵗ", {bc1, bc1}}, {"1−β₂ᵗ", {bc2, bc2}}, {"m̂", m_hat}, {"v̂", v_hat}};
    b.arrows = {{"m", after.m, ArrowUnits::gradient, true}, {"m̂", m_hat, ArrowUnits::gradient, false}};
    b.squares = squares("v̂", v_hat, {}, v_hat);
  }
  const std::string of = h.bias_correction ? "v̂" : v_name;
  const Vec2 d = rules::adam_denominator(h, second, bc2);
  const Vec2 direction = m_hat / d;
  ExplainPart& q = parts.add("Divide by " + denominator_text(h, of),
                             denominator_text(h, of) + " = " + pair(d) + ", the side of each square. Step size η/(" +
                                 denominator_text(h, of) + ") = " + pair(after.lr) + "; m̂/d = " + pair(direction));
  q.statement = table_lines(h, {h.amsgrad ? "d" : "s", h.bias_correction ? "d" : "c1", "d"});
  q.values = {{denominator_text(h, of), d}, {"step size", after.lr}, {"m̂/d", direction}};
  q.arrows = {{"m̂", m_hat, ArrowUnits::gradient, true}, {"m̂/d", direction, ArrowUnits::scaled, false}};
  q.squares = squares(of, v_hat, {}, v_hat, true);
  step_part(parts, e, "θ − η·m̂/d = " + pair(parts.theta()) + " − " + num(e.eta) + "·" + pair(direction), direction,
            "m̂/d", ArrowUnits::scaled);
  parts.back().statement = table_lines(h, {"theta"});
}

// Adadelta, Adamax, NAdam and Lion: each state variable's change, then the step.
void explain_generic(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g) {
  const auto accumulator = accumulator_field(h);
  const auto momentum = momentum_field(h);
  std::string rule = algorithm_text(h, Notation::unicode);
  if (!rule.empty()) rule.pop_back();  // the last line's '\n'
  for (const StateField& f : state_fields(h)) {
    if (f.member == &State::lr) continue;
    const Vec2 was = before.*f.member, now = after.*f.member;
    ExplainPart& p =
        parts.add("Update " + std::string(f.name), std::string(f.name) + ": " + pair(was) + " → " + pair(now));
    p.statement = rule;  // the whole rule: these kinds have no sub-steps of their own
    p.values = {{std::string(f.name) + " before", was}, {std::string(f.name) + " after", now}};
    if (momentum && momentum->member == f.member)
      p.arrows = {{std::string(f.name) + " before", was, ArrowUnits::gradient, true},
                  {"g", g, ArrowUnits::gradient, false},
                  {std::string(f.name), now, ArrowUnits::gradient, false}};
    if (accumulator && accumulator->member == f.member) p.squares = squares(std::string(f.name), now, {}, now);
  }
  ExplainPart& p = parts.add("Step size", "step size = " + pair(after.lr));
  p.values = {{"step size", after.lr}};
  step_part(parts, e, "θ + step", g, "g", ArrowUnits::gradient);
}

void explain_builtin(Explanation& e, const RunSpec& run, const Trajectory& t, long k, Vec2 g) {
  Hyperparameters h = t.hyper;
  h.eta = e.eta;
  const State before = k == 0 ? initial_state<Vec2>(h) : t.state(static_cast<std::size_t>(k - 1));
  State after = before;
  e.theta_after = step(h, after, e.theta_before, g);
  Parts parts(e);
  gradient_part(parts, run, e.theta_before, g);
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

std::string read_text(std::string_view name, Vec2 value) {
  if (is_scalar_name(name)) return parameter_symbol(name) + " = " + num(value.x);
  return std::string(name) + " = " + pair(value);
}

void explain_rule(Explanation& e, const RunSpec& run, std::string_view accumulator, const Trajectory& t, long k,
                  Vec2 g) {
  const Rule& rule = *run.rule;
  Hyperparameters h = t.hyper;
  h.eta = e.eta;
  const std::size_t width = rule.state().size();
  std::vector<double> x_state(width), y_state(width);
  if (k > 0)
    for (std::size_t i = 0; i < width; ++i) {
      const Vec2 v = t.rule_variable(static_cast<std::size_t>(k - 1), i);
      x_state[i] = v.x;
      y_state[i] = v.y;
    }
  const auto x = rule.trace(h, e.update, e.theta_before.x, g.x, x_state);
  const auto y = rule.trace(h, e.update, e.theta_before.y, g.y, y_state);
  std::map<std::string, Vec2> current;  // every variable's value before the statement
  for (std::size_t i = 0; i < width; ++i) current[rule.state()[i]] = {x_state[i], y_state[i]};
  current["theta"] = e.theta_before;
  Parts parts(e);
  gradient_part(parts, run, e.theta_before, g);
  const auto& statements = rule.statements();
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const std::string& target = statements[i].target;
    const Vec2 value{x[i].value, y[i].value};
    std::string reads;
    std::vector<ExplainValue> values;
    for (std::size_t j = 0; j < x[i].reads.size(); ++j) {
      const std::string& name = x[i].reads[j].first;
      const Vec2 read{x[i].reads[j].second, y[i].reads[j].second};
      reads += (reads.empty() ? "" : ", ") + read_text(name, read);
      if (!is_scalar_name(name)) values.push_back({name, read});  // a hyperparameter is in the caption
    }
    values.push_back({target + " after", value});
    ExplainPart& p = parts.add("Statement " + std::to_string(i + 1) + " of " + std::to_string(statements.size()),
                               target + " = " + pair(value) + (reads.empty() ? "" : "   from " + reads));
    p.statement = statements[i].text;
    p.values = std::move(values);
    const Vec2 was = current[target];
    if (target == "theta") {
      p.arrows = {{"g", g, ArrowUnits::gradient, true}, {"step", value - e.theta_before, ArrowUnits::step, false}};
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
  e.optimizer = run.rule ? "typed rule" : std::string(title(run.hyper.kind));
  e.step = k;
  e.update = k + 1;
  if (t.rows() == 0) {
    e.message = "The run has no steps to explain.";
    return e;
  }
  const long last = static_cast<long>(t.rows()) - 1;
  if (k < 0 || k > last) {
    e.message = "Step " + std::to_string(k) + " is outside the run (steps 0 to " + std::to_string(last) + ").";
    return e;
  }
  e.theta_before = e.theta_after = t.position[static_cast<std::size_t>(k)];
  if (k == last) {
    e.message = t.diverged_at ? "The run diverged at step " + std::to_string(*t.diverged_at) +
                                    " (its position, value or gradient is no longer finite): there is no next update."
                              : "Step " + std::to_string(k) + " is the run's last step: there is no next update.";
    return e;
  }
  e.eta = learning_rate(t.schedule, e.update, t.hyper.eta, t.steps);
  const Vec2 g = t.gradient[static_cast<std::size_t>(k)];
  if (run.rule)
    explain_rule(e, run, accumulator, t, k, g);
  else
    explain_builtin(e, run, t, k, g);
  return e;
}

}  // namespace optviz
