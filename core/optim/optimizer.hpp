// The optimizers: hyperparameters, named per-coordinate state and a pure step function.
//
// Every rule follows torch.optim (PyTorch 1.13, float64) unless a note says otherwise; the
// reference is ../shared/reference/torch/README.md. Per coordinate, g is the gradient at
// theta_{t-1} and t = 1, 2, ... is the number of the update. Weight decay wd is L2
// (g += wd theta) except in adamw and lion, where it is decoupled (theta *= 1 - eta wd first).
//
//   sgd       theta -= eta g
//   momentum  buf = g (t = 1), else mu buf + (1 - dampening) g;  theta -= eta buf
//   nesterov  buf as momentum with dampening 0;                  theta -= eta (g + mu buf)
//   adagrad   G = G0 + sum g^2;  c = eta / (1 + (t-1) lr_decay); theta -= c g / (sqrt(G) + eps)
//   rmsprop   G = rho G + (1-rho) g^2;  s = G, or G - gavg^2 when centered with
//             gavg = rho gavg + (1-rho) g;  d = sqrt(s) + eps;
//             momentum > 0: buf = momentum buf + g / d, theta -= eta buf;  else theta -= eta g / d
//   adam      m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2;  [amsgrad: vmax = max(vmax, v), used as v]
//             theta -= (eta / (1-b1^t)) m / (sqrt(v) / sqrt(1-b2^t) + eps)   (Kingma & Ba 2015)
//   adamw     adam with decoupled weight decay (Loshchilov & Hutter 2019)
//   adamax    m as adam;  u = max(b2 u, |g| + eps);  theta -= (eta / (1-b1^t)) m / u
//   adadelta  G = rho G + (1-rho) g^2;  delta = sqrt(D + eps) / sqrt(G + eps) g;
//             D = rho D + (1-rho) delta^2;  theta -= eta delta                    (Zeiler 2012)
//   nadam     mu_t = b1 (1 - 0.5 0.96^(t psi));  P = mu_1 ... mu_t;  m, v as adam;
//             d = sqrt(v / (1-b2^t)) + eps;  theta -= eta (1-mu_t) / (1-P) g / d
//             + eta mu_{t+1} / (1 - P mu_{t+1}) m / d       (Dozat 2016; PyTorch 2, not 1.13,
//             which multiplied P by mu twice: PyTorch pull request 92699)
//   lion      c = b1 m + (1-b1) g;  theta -= eta sign(c);  m = b2 m + (1-b2) g    (Chen et al. 2023)
//
// Named conventions: `eps_inside_sqrt` turns sqrt(s) + eps into sqrt(s + eps) for rmsprop, adagrad
// and adam (there sqrt(v / (1-b2^t) + eps)); `bias_correction = false` drops both 1 - b^t factors of
// adam; `initial_accumulator` is G0 of adagrad. What the app shows of these rules, and which library
// follows each convention, is the table of algorithms.hpp, which a test runs against step().
//
// After every step the state holds `lr`, the effective per-coordinate step size that multiplies
// the gradient-like term (eta / (sqrt(G) + eps) for rmsprop): what the app plots.
//
// The rules are templates over the value type V: Vec2 for a run, double for one coordinate, or
// PackVec2 (lanes.hpp) for several runs at once, one per lane, whose hyperparameters are then packs
// too (BasicHyperparameters<Pack>). A condition on a real hyperparameter is therefore written
// with ew::where, which chooses per lane, and never as a branch.
#pragma once

#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "lanes.hpp"
#include "translate.hpp"
#include "vec2.hpp"

namespace optviz {

enum class OptimizerKind { sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, lion };

// The hyperparameters of a run (S = double: Hyperparameters), or of several runs, one per lane
// (S = Pack).
template <class S>
struct BasicHyperparameters {
  OptimizerKind kind = OptimizerKind::sgd;
  S eta = 0.01;  // the learning rate (PyTorch's lr)
  S rho = 0.99;  // decay of the squared-gradient average (PyTorch's alpha for RMSprop)
  S eps = 1e-8;
  S momentum = 0.0;
  S dampening = 0.0;
  S beta1 = 0.9;
  S beta2 = 0.999;
  S weight_decay = 0.0;
  S lr_decay = 0.0;
  S initial_accumulator = 0.0;
  S momentum_decay = 4e-3;  // NAdam's psi
  bool centered = false;
  bool amsgrad = false;
  bool eps_inside_sqrt = false;
  bool bias_correction = true;

  friend bool operator==(const BasicHyperparameters&, const BasicHyperparameters&) = default;
};

using Hyperparameters = BasicHyperparameters<double>;

// A hyperparameter that is 0 in every run of a pack, known when the code is compiled: the terms
// of the rules in it vanish (g + wd theta is g, a choice on momentum > 0 takes its other side),
// with the same bits as the computed 0 would give, as no computation is left out whose result
// was used. BareHyperparameters have it for weight decay, momentum and AdaGrad's lr_decay, the
// many-run kernels' common case (maps/lane_kernels.cpp), so that they do no work for them.
struct Zero {
  template <class T>
  operator T() const {  // NOLINT: implicit, where a rule needs its value
    return T(0.0);
  }
};
template <class T>
Zero operator*(Zero, const T&) {
  return {};
}
template <class T>
Zero operator*(const T&, Zero) {
  return {};
}
template <class T>
T operator+(const T& a, Zero) {
  return a;
}
template <class T>
T operator+(Zero, const T& a) {
  return a;
}
template <class T>
T operator-(const T& a, Zero) {
  return a;
}
template <class T>
std::false_type operator!=(Zero, const T&) {
  return {};
}
template <class T>
std::false_type operator>(Zero, const T&) {
  return {};
}
namespace ew {
// The side that a condition known when compiling chooses.
template <class T>
T where(std::false_type, const T&, const T& otherwise) {
  return otherwise;
}
}  // namespace ew

// Calls f(a.kind, b.kind), f(a.eta, b.eta), ... for every field of two sets, in order: copies
// one run's hyperparameters into a lane of a pack, say.
template <class A, class B, class F>
void for_each_field(A& a, B& b, F f) {
  f(a.kind, b.kind);
  f(a.eta, b.eta);
  f(a.rho, b.rho);
  f(a.eps, b.eps);
  f(a.momentum, b.momentum);
  f(a.dampening, b.dampening);
  f(a.beta1, b.beta1);
  f(a.beta2, b.beta2);
  f(a.weight_decay, b.weight_decay);
  f(a.lr_decay, b.lr_decay);
  f(a.initial_accumulator, b.initial_accumulator);
  f(a.momentum_decay, b.momentum_decay);
  f(a.centered, b.centered);
  f(a.amsgrad, b.amsgrad);
  f(a.eps_inside_sqrt, b.eps_inside_sqrt);
  f(a.bias_correction, b.bias_correction);
}

// The hyperparameters of runs that all have no weight decay, no momentum and no lr_decay.
template <class S>
struct BareHyperparameters : BasicHyperparameters<S> {
  explicit BareHyperparameters(const BasicHyperparameters<S>& h) : BasicHyperparameters<S>(h) {}
  static constexpr Zero weight_decay{};
  static constexpr Zero momentum{};
  static constexpr Zero lr_decay{};
};

// The state after t updates. Fields an optimizer does not use stay 0.
template <class V>
struct OptimizerState {
  long t = 0;  // updates done
  V G{};       // squared-gradient accumulator (adagrad, rmsprop, adadelta)
  V gavg{};    // gradient average (centered rmsprop)
  V buf{};     // momentum buffer (momentum, nesterov, rmsprop with momentum)
  V m{};       // first moment (adam family, lion)
  V v{};       // second moment (adam, adamw, nadam)
  V vmax{};    // running maximum of v (amsgrad)
  V u{};       // infinity norm (adamax)
  V D{};       // squared-update accumulator (adadelta)
  // effective per-coordinate step size of the last update (not kept for packs of runs)
  typename StepSizeRecord<V>::type lr{};
  // The product of NAdam's momentum coefficients (a run's scalar: one per lane in a pack).
  ScalarOf<V> mu_product = 1.0;

  friend bool operator==(const OptimizerState&, const OptimizerState&) = default;
};

using State = OptimizerState<Vec2>;

std::string_view name(OptimizerKind kind);
std::string_view title(OptimizerKind kind);  // "RMSprop"
std::optional<OptimizerKind> find_optimizer(std::string_view name);
std::span<const OptimizerKind> optimizer_kinds();

// PyTorch's defaults for the kind (eta 0.01 for the sgd family, which PyTorch leaves unset).
Hyperparameters defaults(OptimizerKind kind);

// What is wrong with one parameter: field "eta", value "-1", requirement ">= 0".
struct ParameterProblem {
  std::string field;
  std::string value;
  std::string requirement;

  std::string message() const { return tr_format("invalid {0}: {1} (must be {2})", {field, value, requirement}); }
  // "runs[2].eta: must be >= 0, got -1" for the prefix "runs[2]."
  std::string message_at(const std::string& prefix) const {
    return prefix + field + ": " + tr_format("must be {0}, got {1}", {requirement, value});
  }
};

template <class V, class H = Hyperparameters>
OptimizerState<V> initial_state(const H& h) {
  OptimizerState<V> s;
  if (h.kind == OptimizerKind::adagrad) s.G = V{} + h.initial_accumulator;
  return s;
}

// The powers of t that an update raises (rules::power).
enum class Power { beta1, beta2, nadam_decay };
inline constexpr std::size_t kPowers = 3;

namespace rules {

template <class V, class S>
V adaptive_denominator(V s, S eps, bool eps_inside_sqrt) {
  return eps_inside_sqrt ? ew::sqrt(s + eps) : ew::sqrt(s) + eps;
}

// AdaGrad's learning rate of update t: eta / (1 + (t - 1) lr_decay).
template <class H>
auto adagrad_rate(const H& h, long t) {
  return h.eta / (1 + static_cast<double>(t - 1) * h.lr_decay);
}

// The power of update t that the Adam family raises: beta1^t or beta2^t (the bias corrections,
// AdaMax's beta1^t), or NAdam's 0.96^(t psi). Computed with pow, as PyTorch does; a run reads them
// from tables (PowerTables) filled by the same call.
template <class H>
auto power(const H& h, Power p, long t) {
  const double td = static_cast<double>(t);
  switch (p) {
    case Power::beta1:
      return ew::pow(h.beta1, td);
    case Power::beta2:
      return ew::pow(h.beta2, td);
    case Power::nadam_decay:
      break;
  }
  return decltype(h.beta1)(ew::pow(0.96, td * h.momentum_decay));
}

// Whether an update of h calls power() for p (the rules below): the tables a run fills.
inline bool raises(const Hyperparameters& h, Power p) {
  using K = OptimizerKind;
  const bool adam = (h.kind == K::adam || h.kind == K::adamw) && h.bias_correction;
  switch (p) {
    case Power::beta1:
      return adam || h.kind == K::adamax;
    case Power::beta2:
      return adam || h.kind == K::nadam;
    case Power::nadam_decay:
      return h.kind == K::nadam;
  }
  return false;
}

// Adam's bias correction 1 - beta^t of update t (1 without bias correction), p: beta1 or beta2.
template <class H>
auto bias_correction(const H& h, Power p, long t) {
  using S = decltype(h.beta1);
  return h.bias_correction ? S(1 - power(h, p, t)) : S(1.0);
}

// Adam's denominator sqrt(v / (1 - beta2^t)) + eps, as PyTorch computes it: sqrt(v) / sqrt(bc2) + eps,
// or sqrt(v / bc2 + eps) with eps inside the root. `second` is v (vmax with AMSGrad).
template <class V, class H, class S>
V adam_denominator(const H& h, V second, S bc2) {
  return h.eps_inside_sqrt ? ew::sqrt(second / bc2 + h.eps) : ew::sqrt(second) / ew::sqrt(bc2) + h.eps;
}

template <class V, class H>
V sgd(const H& h, OptimizerState<V>& s, V theta, V g) {
  s.lr = V{} + h.eta;
  if (h.kind == OptimizerKind::sgd) return theta - h.eta * g;
  const ScalarOf<V> mu = h.momentum;
  const ScalarOf<V> dampening = h.kind == OptimizerKind::nesterov ? 0.0 : h.dampening;
  // PyTorch keeps no buffer when momentum is 0: the step is plain SGD whatever the dampening.
  s.buf = s.t == 1 ? g : ew::where(mu == 0, g, mu * s.buf + (1 - dampening) * g);
  const V direction = h.kind == OptimizerKind::nesterov ? g + mu * s.buf : s.buf;
  return theta - h.eta * direction;
}

template <class V, class H>
V adagrad(const H& h, OptimizerState<V>& s, V theta, V g) {
  const ScalarOf<V> c = adagrad_rate(h, s.t);
  s.G = s.G + g * g;
  const V d = adaptive_denominator(s.G, h.eps, h.eps_inside_sqrt);
  s.lr = c / d;
  return theta - c * (g / d);
}

template <class V, class H>
V rmsprop(const H& h, OptimizerState<V>& s, V theta, V g) {
  s.G = h.rho * s.G + (1 - h.rho) * (g * g);
  V second = s.G;
  if (h.centered) {
    s.gavg = h.rho * s.gavg + (1 - h.rho) * g;
    second = s.G - s.gavg * s.gavg;
  }
  const V d = adaptive_denominator(second, h.eps, h.eps_inside_sqrt);
  s.lr = h.eta / d;
  const V scaled = g / d;
  s.buf = ew::where(h.momentum > 0, h.momentum * s.buf + scaled, s.buf);
  return theta - h.eta * ew::where(h.momentum > 0, s.buf, scaled);
}

template <class V, class H>
V adam(const H& h, OptimizerState<V>& s, V theta, V g) {
  if (h.kind == OptimizerKind::adamw) theta = theta * (1 - h.eta * h.weight_decay);
  s.m = h.beta1 * s.m + (1 - h.beta1) * g;
  s.v = h.beta2 * s.v + (1 - h.beta2) * (g * g);
  V second = s.v;
  if (h.amsgrad) second = s.vmax = ew::max(s.vmax, s.v);
  const ScalarOf<V> bc1 = bias_correction(h, Power::beta1, s.t);
  const ScalarOf<V> bc2 = bias_correction(h, Power::beta2, s.t);
  const V d = adam_denominator(h, second, bc2);
  s.lr = h.eta / d;
  return theta - (h.eta / bc1) * (s.m / d);
}

template <class V, class H>
V adamax(const H& h, OptimizerState<V>& s, V theta, V g) {
  s.m = h.beta1 * s.m + (1 - h.beta1) * g;
  s.u = ew::max(h.beta2 * s.u, ew::abs(g) + h.eps);
  s.lr = h.eta / s.u;
  const ScalarOf<V> bc1 = 1 - power(h, Power::beta1, s.t);
  return theta - (h.eta / bc1) * (s.m / s.u);
}

template <class V, class H>
V adadelta(const H& h, OptimizerState<V>& s, V theta, V g) {
  s.G = h.rho * s.G + (1 - h.rho) * (g * g);
  const V scale = ew::sqrt(s.D + h.eps) / ew::sqrt(s.G + h.eps);
  const V delta = scale * g;
  s.D = h.rho * s.D + (1 - h.rho) * (delta * delta);
  s.lr = h.eta * scale;
  return theta - h.eta * delta;
}

template <class V, class H>
V nadam(const H& h, OptimizerState<V>& s, V theta, V g) {
  const ScalarOf<V> mu = h.beta1 * (1 - 0.5 * power(h, Power::nadam_decay, s.t));
  const ScalarOf<V> mu_next = h.beta1 * (1 - 0.5 * power(h, Power::nadam_decay, s.t + 1));
  s.mu_product = s.mu_product * mu;
  s.m = h.beta1 * s.m + (1 - h.beta1) * g;
  s.v = h.beta2 * s.v + (1 - h.beta2) * (g * g);
  const ScalarOf<V> bc2 = 1 - power(h, Power::beta2, s.t);
  const V d = ew::sqrt(s.v / bc2) + h.eps;
  s.lr = h.eta / d;
  theta = theta - (h.eta * (1 - mu) / (1 - s.mu_product)) * (g / d);
  return theta - (h.eta * mu_next / (1 - s.mu_product * mu_next)) * (s.m / d);
}

template <class V, class H>
V lion(const H& h, OptimizerState<V>& s, V theta, V g) {
  theta = theta * (1 - h.eta * h.weight_decay);
  const V c = h.beta1 * s.m + (1 - h.beta1) * g;
  s.m = h.beta2 * s.m + (1 - h.beta2) * g;
  s.lr = V{} + h.eta;
  return theta - h.eta * ew::sign(c);
}

}  // namespace rules

// True when the kind's weight decay shrinks theta itself (theta *= 1 - eta wd) instead of adding
// wd theta to the gradient (L2).
constexpr bool decoupled_weight_decay(OptimizerKind kind) {
  return kind == OptimizerKind::adamw || kind == OptimizerKind::lion;
}

// Calls f.template operator()<K>() with K = kind as a constant: a loop over a run's updates that
// chooses once, outside the loop, compiles one monomorphic loop per kind (trajectory.cpp).
template <class F>
decltype(auto) with_kind(OptimizerKind kind, F&& f) {
  using K = OptimizerKind;
  switch (kind) {
    case K::sgd:
      return f.template operator()<K::sgd>();
    case K::momentum:
      return f.template operator()<K::momentum>();
    case K::nesterov:
      return f.template operator()<K::nesterov>();
    case K::adagrad:
      return f.template operator()<K::adagrad>();
    case K::rmsprop:
      return f.template operator()<K::rmsprop>();
    case K::adam:
      return f.template operator()<K::adam>();
    case K::adamw:
      return f.template operator()<K::adamw>();
    case K::adadelta:
      return f.template operator()<K::adadelta>();
    case K::adamax:
      return f.template operator()<K::adamax>();
    case K::nadam:
      return f.template operator()<K::nadam>();
    case K::lion:
      return f.template operator()<K::lion>();
  }
  return f.template operator()<K::sgd>();
}

// One update of an optimizer of kind K (h.kind == K): returns theta_t from theta_{t-1} and the
// gradient g of f there (without weight decay), and advances the state. Never throws; non-finite
// values flow through.
template <OptimizerKind K, class V, class H>
V step_as(const H& h, OptimizerState<V>& s, V theta, V g) {
  using enum OptimizerKind;
  ++s.t;
  if constexpr (!decoupled_weight_decay(K)) g = ew::where(h.weight_decay != 0, g + h.weight_decay * theta, g);
  if constexpr (K == sgd || K == momentum || K == nesterov) return rules::sgd(h, s, theta, g);
  if constexpr (K == adagrad) return rules::adagrad(h, s, theta, g);
  if constexpr (K == rmsprop) return rules::rmsprop(h, s, theta, g);
  if constexpr (K == adam || K == adamw) return rules::adam(h, s, theta, g);
  if constexpr (K == adamax) return rules::adamax(h, s, theta, g);
  if constexpr (K == adadelta) return rules::adadelta(h, s, theta, g);
  if constexpr (K == nadam) return rules::nadam(h, s, theta, g);
  if constexpr (K == lion) return rules::lion(h, s, theta, g);
}

// The same for any kind: one update of the optimizer h.kind.
template <class V, class H = Hyperparameters>
V step(const H& h, OptimizerState<V>& s, V theta, V g) {
  return with_kind(h.kind, [&]<OptimizerKind K>() { return step_as<K>(h, s, theta, g); });
}

// A named per-coordinate state field, as printed in CSV columns NAME_x, NAME_y (V = Vec2), or of
// one parameter's state (V = double: a network's).
template <class V>
struct BasicStateField {
  std::string_view name;
  V OptimizerState<V>::*member;
};
using StateField = BasicStateField<Vec2>;

// The state fields that the kind, with these settings, reports (the reference README's columns).
std::vector<StateField> state_fields(const Hyperparameters& h);

// The accumulator the app plots as G_t: G, or v (vmax with amsgrad), or u; none for the sgd
// family and lion. The one choice for a 2D run (V = Vec2) and a network's statistics (V = double).
template <class V = Vec2>
std::optional<BasicStateField<V>> accumulator_field(const Hyperparameters& h);

// The momentum the app draws as an arrow: m for the Adam family and lion, buf for the momentum
// methods and RMSprop with momentum; none for sgd, adagrad, adadelta and RMSprop without.
std::optional<StateField> momentum_field(const Hyperparameters& h);

}  // namespace optviz
