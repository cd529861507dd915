// The parts of each built-in optimizer's update: momentum, the accumulators and their square
// roots, the moments and their bias corrections, each with its numbers.
#include <string>

#include "algorithms.hpp"
#include "explain_parts.hpp"

namespace optviz::explaining {
namespace {

using K = OptimizerKind;

std::string denominator_text(const Hyperparameters& h, std::string_view of) {
  // No-break spaces: a wrapped caption keeps the denominator on one line.
  return h.eps_inside_sqrt ? "√(" + std::string(of) + "\u00A0+\u00A0ε)" : "√" + std::string(of) + "\u00A0+\u00A0ε";
}

// The division by sqrt(s) + eps of RMSprop and AdaGrad; `c` is the learning rate it multiplies.
void division_part(Parts& parts, const Hyperparameters& h, const State& after, Vec2 g, Vec2 second, Vec2 d,
                   std::string_view of, double c, std::string_view c_name) {
  const Vec2 scaled = g / d;
  ExplainPart& p =
      parts.add(tr_format("Divide by {0}", {denominator_text(h, of)}),
                tr_format("{0} = {1}, the side of each square. Step size {2}/({0}) = {3}; g/({0}) = {4}: a large G "
                          "means a small step.",
                          {denominator_text(h, of), parts.pair(d), c_name, parts.pair(after.lr), parts.pair(scaled)}));
  // AdaGrad's decayed rate c first, when it is not η.
  if (c_name != "η") {
    p.values.push_back({std::string(c_name), Vec2{c, c}});
    p.caption += "  (c = η/(1 + (t−1)·κ) = " + num(c) + ")";
  }
  p.values.insert(
      p.values.end(),
      {{std::string(of), second}, {denominator_text(h, of), d}, {tr("step size"), after.lr}, {"g/d", scaled}});
  p.arrows = {{"g", g, ArrowUnits::gradient, true}, {"g/d", scaled, ArrowUnits::scaled, false}};
  p.squares = squares(std::string(of), second, {}, second, true);
}

}  // namespace

void explain_sgd(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before, const State& after,
                 Vec2 g) {
  if (h.kind == K::sgd) {
    step_part(parts, e, "θ − η·g = " + parts.pair(parts.theta()) + " − " + num(e.eta) + "·" + parts.pair(g), g, "g",
              ArrowUnits::gradient);
    parts.back().statement = table_lines(h, {"theta"});
    return;
  }
  const bool nesterov = h.kind == K::nesterov;
  const double dampening = nesterov ? 0.0 : h.dampening;
  std::string equation;
  if (after.t == 1)
    equation = tr_format("buf ← g = {0} (the first update starts the buffer)", {parts.pair(after.buf)});
  else if (h.momentum == 0)
    equation = tr_format("buf ← g = {0} (μ = 0: no momentum)", {parts.pair(after.buf)});
  else
    equation = "buf ← μ·buf + " + (dampening == 0 ? std::string() : "(1 − τ)·") + "g = " + num(h.momentum) + "·" +
               parts.pair(before.buf) + " + " + (dampening == 0 ? std::string() : num(1 - dampening) + "·") +
               parts.pair(g) + " = " + parts.pair(after.buf);
  ExplainPart& m = parts.add(tr("Momentum"), equation);
  m.statement = table_lines(h, {"buf"});
  m.values = {{before_name("buf"), before.buf}, {"g", g}, {after_name("buf"), after.buf}};
  m.arrows = {{before_name("buf"), before.buf, ArrowUnits::gradient, true},
              {"g", g, ArrowUnits::gradient, false},
              {"buf", after.buf, ArrowUnits::gradient, false}};
  if (!nesterov) {
    step_part(parts, e, "θ − η·buf = " + parts.pair(parts.theta()) + " − " + num(e.eta) + "·" + parts.pair(after.buf),
              after.buf, "buf", ArrowUnits::gradient);
    parts.back().statement = table_lines(h, {"theta"});
    return;
  }
  const Vec2 ahead = g + h.momentum * after.buf;
  ExplainPart& n = parts.add(tr("Look ahead (Nesterov)"), "d = g + μ·buf = " + parts.pair(g) + " + " + num(h.momentum) +
                                                              "·" + parts.pair(after.buf) + " = " + parts.pair(ahead));
  n.values = {{"g", g}, {"buf", after.buf}, {"d", ahead}};
  n.arrows = {{"g", g, ArrowUnits::gradient, true},
              {"buf", after.buf, ArrowUnits::gradient, true},
              {"d", ahead, ArrowUnits::gradient, false}};
  step_part(parts, e, "θ − η·d = " + parts.pair(parts.theta()) + " − " + num(e.eta) + "·" + parts.pair(ahead), ahead,
            "d", ArrowUnits::gradient);
  parts.back().statement = table_lines(h, {"theta"});
}

void explain_adagrad(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g) {
  square_part(parts, g, "G", before.G);
  ExplainPart& a = parts.add(tr("Add it into the accumulator"),
                             tr_format("G ← G + g² = {0} + {1} = {2}: the squares only ever grow.",
                                       {parts.pair(before.G), parts.pair(squared(g)), parts.pair(after.G)}));
  a.statement = table_lines(h, {"G"});
  a.values = {{before_name("G"), before.G}, {"g²", squared(g)}, {after_name("G"), after.G}};
  a.squares = squares("G", before.G, squared(g), after.G);
  const double c = rules::adagrad_rate(h, after.t);
  const Vec2 d = rules::adaptive_denominator(after.G, h.eps, h.eps_inside_sqrt);
  division_part(parts, h, after, g, after.G, d, "G", c, h.lr_decay == 0 ? "η" : "c");
  parts.back().statement = table_lines(h, {"c", "d"});
  step_part(parts, e,
            "θ − c·g/(" + denominator_text(h, "G") + ") = " + parts.pair(parts.theta()) + " − " + num(c) + "·" +
                parts.pair(g / d),
            g / d, "g/d", ArrowUnits::scaled);
  parts.back().statement = table_lines(h, {"theta"});
}

void explain_rmsprop(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g) {
  square_part(parts, g, "G", before.G);
  const Vec2 kept = h.rho * before.G;
  const Vec2 added = (1 - h.rho) * squared(g);
  ExplainPart& a = parts.add(
      tr("Add it into the accumulator"),
      tr_format("G ← ρ·G + (1−ρ)·g² = {0}·{1} + {2}·{3} = {4}: old squares fade, the new one counts.",
                {num(h.rho), parts.pair(before.G), num(1 - h.rho), parts.pair(squared(g)), parts.pair(after.G)}));
  a.statement = table_lines(h, {"G"});
  a.values = {{before_name("G"), before.G}, {"ρ·G", kept}, {"(1−ρ)·g²", added}, {after_name("G"), after.G}};
  a.squares = squares("G", kept, added, after.G);
  Vec2 second = after.G;
  std::string of = "G";
  if (h.centered) {
    second = after.G - after.gavg * after.gavg;
    of = "s";
    ExplainPart& c = parts.add(tr("Centre it"),
                               tr_format("ḡ ← ρ·ḡ + (1−ρ)·g = {0};  s = G − ḡ² = {1}: the variance of the gradient.",
                                         {parts.pair(after.gavg), parts.pair(second)}));
    c.statement = table_lines(h, {"gavg", "s"});
    c.values = {{before_name("ḡ"), before.gavg}, {after_name("ḡ"), after.gavg}, {"s", second}};
    c.squares = squares("s", second, {}, second);
  }
  const Vec2 d = rules::adaptive_denominator(second, h.eps, h.eps_inside_sqrt);
  division_part(parts, h, after, g, second, d, of, e.eta, "η");
  parts.back().statement = h.centered ? table_lines(h, {"d"}) : table_lines(h, {"s", "d"});
  const Vec2 scaled = g / d;
  if (h.momentum > 0) {
    ExplainPart& m = parts.add(tr("Momentum"), "buf ← μ·buf + g/d = " + num(h.momentum) + "·" + parts.pair(before.buf) +
                                                   " + " + parts.pair(scaled) + " = " + parts.pair(after.buf));
    m.statement = table_lines(h, {"buf"});
    m.values = {{before_name("buf"), before.buf}, {"g/d", scaled}, {after_name("buf"), after.buf}};
    m.arrows = {{before_name("buf"), before.buf, ArrowUnits::scaled, true},
                {"g/d", scaled, ArrowUnits::scaled, false},
                {"buf", after.buf, ArrowUnits::scaled, false}};
    step_part(parts, e, "θ − η·buf = " + parts.pair(parts.theta()) + " − " + num(e.eta) + "·" + parts.pair(after.buf),
              after.buf, "buf", ArrowUnits::scaled);
    parts.back().statement = table_lines(h, {"theta"});
    return;
  }
  step_part(parts, e, "θ − η·g/d = " + parts.pair(parts.theta()) + " − " + num(e.eta) + "·" + parts.pair(scaled),
            scaled, "g/d", ArrowUnits::scaled);
  parts.back().statement = table_lines(h, {"theta"});
}

void explain_adam(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before, const State& after,
                  Vec2 g) {
  ExplainPart& m = parts.add(tr("First moment (momentum)"), "m ← β₁·m + (1−β₁)·g = " + num(h.beta1) + "·" +
                                                                parts.pair(before.m) + " + " + num(1 - h.beta1) + "·" +
                                                                parts.pair(g) + " = " + parts.pair(after.m));
  m.statement = table_lines(h, {"m"});
  m.values = {{before_name("m"), before.m}, {"g", g}, {after_name("m"), after.m}};
  m.arrows = {{before_name("m"), before.m, ArrowUnits::gradient, true},
              {"g", g, ArrowUnits::gradient, false},
              {"m", after.m, ArrowUnits::gradient, false}};
  square_part(parts, g, "v", before.v);
  const Vec2 kept = h.beta2 * before.v;
  const Vec2 added = (1 - h.beta2) * squared(g);
  ExplainPart& v = parts.add(tr("Second moment (the accumulator)"),
                             "v ← β₂·v + (1−β₂)·g² = " + num(h.beta2) + "·" + parts.pair(before.v) + " + " +
                                 num(1 - h.beta2) + "·" + parts.pair(squared(g)) + " = " + parts.pair(after.v));
  v.statement = table_lines(h, {"v"});
  v.values = {{before_name("v"), before.v}, {"β₂·v", kept}, {"(1−β₂)·g²", added}, {after_name("v"), after.v}};
  v.squares = squares("v", kept, added, after.v);
  Vec2 second = after.v;
  if (h.amsgrad) {
    second = after.vmax;
    ExplainPart& a =
        parts.add(tr("AMSGrad: keep the largest"), "v_max ← max(v_max, v) = max(" + parts.pair(before.vmax) + ", " +
                                                       parts.pair(after.v) + ") = " + parts.pair(after.vmax));
    a.statement = table_lines(h, {"s"});
    a.values = {{before_name("v_max"), before.vmax}, {"v", after.v}, {after_name("v_max"), after.vmax}};
    a.squares = squares("v_max", after.vmax, {}, after.vmax);
  }
  const std::string v_name = h.amsgrad ? "v_max" : "v";
  const double bc1 = rules::bias_correction(h, Power::beta1, after.t);
  const double bc2 = rules::bias_correction(h, Power::beta2, after.t);
  const Vec2 m_hat = after.m / bc1;
  const Vec2 v_hat = second / bc2;
  if (h.bias_correction) {
    ExplainPart& b = parts.add(
        tr_format("Bias corrections (update {0})", {std::to_string(after.t)}),
        tr_format("m̂ = m/(1−β₁ᵗ) = {0}/{1} = {2};  v̂ = {3}/(1−β₂ᵗ) = {4}: m and v start at 0, this undoes it.",
                  {parts.pair(after.m), num(bc1), parts.pair(m_hat), v_name, parts.pair(v_hat)}));
    b.statement = table_lines(h, {"c1"});
    b.values = {{"1−β₁ᵗ", {bc1, bc1}}, {"1−β₂ᵗ", {bc2, bc2}}, {"m̂", m_hat}, {"v̂", v_hat}};
    b.arrows = {{"m", after.m, ArrowUnits::gradient, true}, {"m̂", m_hat, ArrowUnits::gradient, false}};
    b.squares = squares("v̂", v_hat, {}, v_hat);
  }
  const std::string of = h.bias_correction ? "v̂" : v_name;
  const Vec2 d = rules::adam_denominator(h, second, bc2);
  const Vec2 direction = m_hat / d;
  ExplainPart& q =
      parts.add(tr_format("Divide by {0}", {denominator_text(h, of)}),
                tr_format("{0} = {1}, the side of each square. Step size η/({0}) = {2}; m̂/d = {3}",
                          {denominator_text(h, of), parts.pair(d), parts.pair(after.lr), parts.pair(direction)}));
  q.statement = table_lines(h, {h.amsgrad ? "d" : "s", h.bias_correction ? "d" : "c1", "d"});
  q.values = {{denominator_text(h, of), d}, {tr("step size"), after.lr}, {"m̂/d", direction}};
  q.arrows = {{"m̂", m_hat, ArrowUnits::gradient, true}, {"m̂/d", direction, ArrowUnits::scaled, false}};
  q.squares = squares(of, v_hat, {}, v_hat, true);
  step_part(parts, e, "θ − η·m̂/d = " + parts.pair(parts.theta()) + " − " + num(e.eta) + "·" + parts.pair(direction),
            direction, "m̂/d", ArrowUnits::scaled);
  parts.back().statement = table_lines(h, {"theta"});
}

void explain_generic(Parts& parts, const Explanation& e, const Hyperparameters& h, const State& before,
                     const State& after, Vec2 g) {
  const auto accumulator = accumulator_field(h);
  const auto momentum = momentum_field(h);
  std::string rule = algorithm_text(h, Notation::unicode);
  if (!rule.empty()) rule.pop_back();  // the last line's '\n'
  for (const StateField& f : state_fields(h)) {
    if (f.member == &State::lr) continue;
    const Vec2 was = before.*f.member, now = after.*f.member;
    ExplainPart& p = parts.add(tr_format("Update {0}", {f.name}),
                               std::string(f.name) + ": " + parts.pair(was) + " → " + parts.pair(now));
    p.statement = rule;  // the whole rule: these kinds have no sub-steps of their own
    p.values = {{before_name(f.name), was}, {after_name(f.name), now}};
    if (momentum && momentum->member == f.member)
      p.arrows = {{before_name(f.name), was, ArrowUnits::gradient, true},
                  {"g", g, ArrowUnits::gradient, false},
                  {std::string(f.name), now, ArrowUnits::gradient, false}};
    if (accumulator && accumulator->member == f.member) p.squares = squares(std::string(f.name), now, {}, now);
  }
  ExplainPart& p = parts.add(tr("Step size"), tr_format("step size = {0}", {parts.pair(after.lr)}));
  p.values = {{tr("step size"), after.lr}};
  step_part(parts, e, tr("θ + step"), g, "g", ArrowUnits::gradient);
}

}  // namespace optviz::explaining
