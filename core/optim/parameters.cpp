#include "parameters.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "translate.hpp"

namespace optviz {
namespace {

using K = OptimizerKind;

constexpr unsigned bits(std::initializer_list<K> kinds) {
  unsigned b = 0;
  for (K k : kinds) b |= 1u << static_cast<unsigned>(k);
  return b;
}

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr unsigned kAll = bits({K::sgd, K::momentum, K::nesterov, K::adagrad, K::rmsprop, K::adam, K::adamw,
                                K::adadelta, K::adamax, K::nadam, K::lion});
constexpr unsigned kAdamFamily = bits({K::adam, K::adamw, K::adamax, K::nadam, K::lion});

// The help and the flags' labels are shown translated (translatable(): the catalog has them); the
// names, flags and symbols stay as they are. The symbols follow PyTorch's documentation where it names one (lr γ there
// is η here, dampening τ, weight decay λ).
const std::array kReal = {
    RealParameter{"eta", "eta", "lr", "η", translatable("learning rate"), &Hyperparameters::eta, 0, kInf,
                  SliderScale::log, kAll},
    RealParameter{"rho", "rho", "alpha", "ρ", translatable("decay of the squared-gradient average G (PyTorch's alpha)"),
                  &Hyperparameters::rho, 0, 1, SliderScale::one_minus_log, bits({K::rmsprop, K::adadelta})},
    RealParameter{"eps", "eps", "", "ε", translatable("epsilon added to the denominator"), &Hyperparameters::eps, 0,
                  kInf, SliderScale::log,
                  bits({K::adagrad, K::rmsprop, K::adam, K::adamw, K::adadelta, K::adamax, K::nadam})},
    RealParameter{"momentum", "momentum", "", "μ", translatable("momentum coefficient mu"), &Hyperparameters::momentum,
                  0, 1, SliderScale::one_minus_log, bits({K::momentum, K::nesterov, K::rmsprop})},
    RealParameter{"dampening", "dampening", "", "τ", translatable("dampening of the momentum buffer"),
                  &Hyperparameters::dampening, 0, 1, SliderScale::linear, bits({K::momentum})},
    RealParameter{"beta1", "beta1", "", "β₁", translatable("decay of the first moment m"), &Hyperparameters::beta1, 0,
                  1, SliderScale::one_minus_log, kAdamFamily},
    RealParameter{"beta2", "beta2", "", "β₂", translatable("decay of the second moment v (lion: of m)"),
                  &Hyperparameters::beta2, 0, 1, SliderScale::one_minus_log, kAdamFamily},
    RealParameter{"weight_decay", "weight-decay", "", "λ",
                  translatable("weight decay (L2; decoupled in adamw and lion)"), &Hyperparameters::weight_decay, 0,
                  kInf, SliderScale::log, kAll},
    RealParameter{"lr_decay", "lr-decay", "", "κ", translatable("learning-rate decay"), &Hyperparameters::lr_decay, 0,
                  kInf, SliderScale::log, bits({K::adagrad})},
    RealParameter{"initial_accumulator", "initial-accumulator", "", "G₀", translatable("initial value of G"),
                  &Hyperparameters::initial_accumulator, 0, kInf, SliderScale::log, bits({K::adagrad})},
    RealParameter{"momentum_decay", "momentum-decay", "", "ψ", translatable("momentum decay psi"),
                  &Hyperparameters::momentum_decay, 0, kInf, SliderScale::log, bits({K::nadam})},
};

const std::array kFlags = {
    FlagParameter{"centered", "centered", translatable("centered"),
                  translatable("divide by the variance estimate G - gavg^2"), &Hyperparameters::centered, true,
                  bits({K::rmsprop})},
    FlagParameter{"amsgrad", "amsgrad", "AMSGrad", translatable("use the running maximum of v"),
                  &Hyperparameters::amsgrad, true, bits({K::adam, K::adamw})},
    FlagParameter{"eps_inside_sqrt", "eps-inside-sqrt", "ε inside √",
                  translatable("epsilon inside the square root instead of outside"), &Hyperparameters::eps_inside_sqrt,
                  true, bits({K::adagrad, K::rmsprop, K::adam})},
    FlagParameter{"bias_correction", "no-bias-correction", translatable("bias correction"),
                  translatable("drop Adam's 1 - beta^t factors"), &Hyperparameters::bias_correction, false,
                  bits({K::adam})},
};

}  // namespace

std::span<const RealParameter> real_parameters() { return kReal; }
std::span<const FlagParameter> flag_parameters() { return kFlags; }

std::string optimizer_names(unsigned kinds) {
  std::string out;
  for (OptimizerKind k : optimizer_kinds()) {
    if (!((kinds >> static_cast<unsigned>(k)) & 1u)) continue;
    if (!out.empty()) out += ", ";
    out += name(k);
  }
  return out;
}

std::string parameter_symbol(std::string_view name) {
  for (const RealParameter& p : kReal)
    if (p.name == name) return std::string(p.symbol);
  return std::string(name);
}

std::optional<ParameterProblem> find_problem(const Hyperparameters& h) {
  for (const RealParameter& p : real_parameters())
    if (p.applies_to(h.kind))
      if (auto problem = find_value_problem(p, h.*p.member)) return problem;
  return std::nullopt;
}

std::optional<ParameterProblem> find_value_problem(const RealParameter& p, double value) {
  if (!std::isfinite(value)) return ParameterProblem{std::string(p.name), format_number(value), tr("a finite number")};
  if (value >= p.min && value <= p.max) return std::nullopt;
  std::string range = std::isinf(p.max) ? ">= " + format_number(p.min)
                                        : tr_format("in [{0}, {1}]", {format_number(p.min), format_number(p.max)});
  return ParameterProblem{std::string(p.name), format_number(value), std::move(range)};
}

std::string validate(const Hyperparameters& h) {
  const auto problem = find_problem(h);
  return problem ? problem->message() : std::string();
}

}  // namespace optviz
