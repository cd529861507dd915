#include "optimizer.hpp"

#include <array>
#include <cmath>

namespace optviz {
namespace {

using K = OptimizerKind;

struct KindInfo {
  K kind;
  std::string_view name;
  std::string_view title;
};

constexpr std::array<KindInfo, 11> kKinds = {{
    {K::sgd, "sgd", "SGD"},
    {K::momentum, "momentum", "SGD + momentum"},
    {K::nesterov, "nesterov", "Nesterov"},
    {K::adagrad, "adagrad", "AdaGrad"},
    {K::rmsprop, "rmsprop", "RMSprop"},
    {K::adam, "adam", "Adam"},
    {K::adamw, "adamw", "AdamW"},
    {K::adadelta, "adadelta", "Adadelta"},
    {K::adamax, "adamax", "Adamax"},
    {K::nadam, "nadam", "NAdam"},
    {K::lion, "lion", "Lion"},
}};

constexpr std::array<K, 11> kKindList = {K::sgd,   K::momentum, K::nesterov, K::adagrad, K::rmsprop, K::adam,
                                         K::adamw, K::adadelta, K::adamax,   K::nadam,   K::lion};

const KindInfo& info(K kind) { return kKinds[static_cast<std::size_t>(kind)]; }

}  // namespace

std::string_view name(OptimizerKind kind) { return info(kind).name; }
std::string_view title(OptimizerKind kind) { return info(kind).title; }
std::span<const OptimizerKind> optimizer_kinds() { return kKindList; }

std::optional<OptimizerKind> find_optimizer(std::string_view text) {
  for (const KindInfo& k : kKinds)
    if (k.name == text) return k.kind;
  return std::nullopt;
}

Hyperparameters defaults(OptimizerKind kind) {
  Hyperparameters h;
  h.kind = kind;
  switch (kind) {
    case K::sgd:
      break;
    case K::momentum:
    case K::nesterov:
      h.momentum = 0.9;
      break;
    case K::adagrad:
      h.eps = 1e-10;
      break;
    case K::rmsprop:
      break;
    case K::adam:
      h.eta = 1e-3;
      break;
    case K::adamw:
      h.eta = 1e-3, h.weight_decay = 0.01;
      break;
    case K::adadelta:
      h.eta = 1.0, h.rho = 0.9, h.eps = 1e-6;
      break;
    case K::adamax:
      h.eta = 2e-3;
      break;
    case K::nadam:
      h.eta = 2e-3;
      break;
    case K::lion:
      h.eta = 1e-4, h.beta2 = 0.99;
      break;
  }
  return h;
}

std::vector<StateField> state_fields(const Hyperparameters& h) {
  using S = State;
  const StateField G{"G", &S::G}, gavg{"gavg", &S::gavg}, buf{"buf", &S::buf}, m{"m", &S::m}, v{"v", &S::v},
      vmax{"vmax", &S::vmax}, u{"u", &S::u}, D{"D", &S::D}, lr{"lr", &S::lr};
  switch (h.kind) {
    case K::sgd:
      return {};
    case K::momentum:
    case K::nesterov:
      return {buf};
    case K::adagrad:
      return {G, lr};
    case K::rmsprop: {
      std::vector<StateField> fields = {G};
      if (h.centered) fields.push_back(gavg);
      if (h.momentum > 0) fields.push_back(buf);
      fields.push_back(lr);
      return fields;
    }
    case K::adam:
    case K::adamw:
      return h.amsgrad ? std::vector{m, v, vmax, lr} : std::vector{m, v, lr};
    case K::adamax:
      return {m, u, lr};
    case K::adadelta:
      return {G, D, lr};
    case K::nadam:
      return {m, v, lr};
    case K::lion:
      return {m};
  }
  return {};
}

template <class V>
std::optional<BasicStateField<V>> accumulator_field(const Hyperparameters& h) {
  using F = BasicStateField<V>;
  using S = OptimizerState<V>;
  switch (h.kind) {
    case K::adagrad:
    case K::rmsprop:
    case K::adadelta:
      return F{"G", &S::G};
    case K::adam:
    case K::adamw:
      return h.amsgrad ? F{"vmax", &S::vmax} : F{"v", &S::v};
    case K::nadam:
      return F{"v", &S::v};
    case K::adamax:
      return F{"u", &S::u};
    default:
      return std::nullopt;
  }
}
template std::optional<BasicStateField<Vec2>> accumulator_field<Vec2>(const Hyperparameters&);
template std::optional<BasicStateField<double>> accumulator_field<double>(const Hyperparameters&);

std::optional<StateField> momentum_field(const Hyperparameters& h) {
  switch (h.kind) {
    case K::adam:
    case K::adamw:
    case K::adamax:
    case K::nadam:
    case K::lion:
      return StateField{"m", &State::m};
    case K::momentum:
    case K::nesterov:
      return StateField{"buf", &State::buf};
    case K::rmsprop:
      if (h.momentum > 0) return StateField{"buf", &State::buf};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace optviz
