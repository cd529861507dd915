#include "algorithms.hpp"

#include <array>

#include "parameters.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using K = OptimizerKind;
using O = Option;

// The statements are written in the order of operations of rules:: in optimizer.hpp, so that a
// Rule of them rounds as step() does: eta/c1*(m/d) is (eta/c1)*(m/d), as PyTorch computes it.

constexpr AlgorithmLine kL2 = {"g = g + weight_decay*theta", O::weight_decay};
constexpr AlgorithmLine kDecoupled = {"theta = theta*(1 - eta*weight_decay)", O::weight_decay};

constexpr std::array kSgd = {kL2, AlgorithmLine{"theta = theta - eta*g"}};

constexpr std::array kMomentum = {
    kL2,
    AlgorithmLine{"buf = if(t == 1, g, momentum*buf + (1 - dampening)*g)", O::momentum},
    AlgorithmLine{"theta = theta - eta*buf", O::momentum},
    AlgorithmLine{"theta = theta - eta*g", O::no_momentum},
};

constexpr std::array kNesterov = {
    kL2,
    AlgorithmLine{"buf = if(t == 1, g, momentum*buf + g)"},
    AlgorithmLine{"theta = theta - eta*(g + momentum*buf)"},
};

constexpr std::array kAdagrad = {
    kL2,
    AlgorithmLine{"G = if(t == 1, initial_accumulator, G) + g^2"},
    AlgorithmLine{"c = eta/(1 + (t - 1)*lr_decay)"},
    AlgorithmLine{"d = sqrt(G) + eps", O::eps_outside},
    AlgorithmLine{"d = sqrt(G + eps)", O::eps_inside},
    AlgorithmLine{"theta = theta - c*(g/d)"},
};

constexpr std::array kRmsprop = {
    kL2,
    AlgorithmLine{"G = rho*G + (1 - rho)*g^2"},
    AlgorithmLine{"s = G", O::not_centered},
    AlgorithmLine{"gavg = rho*gavg + (1 - rho)*g", O::centered},
    AlgorithmLine{"s = G - gavg^2", O::centered},
    AlgorithmLine{"d = sqrt(s) + eps", O::eps_outside},
    AlgorithmLine{"d = sqrt(s + eps)", O::eps_inside},
    AlgorithmLine{"buf = momentum*buf + g/d", O::momentum},
    AlgorithmLine{"theta = theta - eta*buf", O::momentum},
    AlgorithmLine{"theta = theta - eta*(g/d)", O::no_momentum},
};

constexpr AlgorithmLine kFirstMoment = {"m = beta1*m + (1 - beta1)*g"};
constexpr AlgorithmLine kSecondMoment = {"v = beta2*v + (1 - beta2)*g^2"};
constexpr AlgorithmLine kAdamStep = {"theta = theta - eta/c1*(m/d)"};

constexpr std::array kAdam = {
    kL2,
    kFirstMoment,
    kSecondMoment,
    AlgorithmLine{"s = v", O::not_amsgrad},
    AlgorithmLine{"s = max(s, v)", O::amsgrad},
    AlgorithmLine{"c1 = 1 - beta1^t; c2 = 1 - beta2^t", O::bias_correction},
    AlgorithmLine{"c1 = 1; c2 = 1", O::no_bias_correction},
    AlgorithmLine{"d = sqrt(s)/sqrt(c2) + eps", O::eps_outside},
    AlgorithmLine{"d = sqrt(s/c2 + eps)", O::eps_inside},
    kAdamStep,
};

constexpr std::array kAdamw = {
    kDecoupled,
    kFirstMoment,
    kSecondMoment,
    AlgorithmLine{"s = v", O::not_amsgrad},
    AlgorithmLine{"s = max(s, v)", O::amsgrad},
    AlgorithmLine{"c1 = 1 - beta1^t; c2 = 1 - beta2^t"},
    AlgorithmLine{"d = sqrt(s)/sqrt(c2) + eps"},
    kAdamStep,
};

constexpr std::array kAdadelta = {
    kL2,
    AlgorithmLine{"G = rho*G + (1 - rho)*g^2"},
    AlgorithmLine{"delta = sqrt(D + eps)/sqrt(G + eps)*g"},
    AlgorithmLine{"D = rho*D + (1 - rho)*delta^2"},
    AlgorithmLine{"theta = theta - eta*delta"},
};

constexpr std::array kAdamax = {
    kL2,
    kFirstMoment,
    AlgorithmLine{"u = max(beta2*u, abs(g) + eps)"},
    AlgorithmLine{"theta = theta - eta/(1 - beta1^t)*(m/u)"},
};

constexpr std::array kNadam = {
    kL2,
    AlgorithmLine{"mu = beta1*(1 - 0.5*0.96^(t*momentum_decay))"},
    AlgorithmLine{"mu_next = beta1*(1 - 0.5*0.96^((t + 1)*momentum_decay))"},
    AlgorithmLine{"P = if(t == 1, mu, P*mu)"},
    kFirstMoment,
    kSecondMoment,
    AlgorithmLine{"d = sqrt(v/(1 - beta2^t)) + eps"},
    AlgorithmLine{"theta = theta - eta*(1 - mu)/(1 - P)*(g/d) - eta*mu_next/(1 - P*mu_next)*(m/d)"},
};

constexpr std::array kLion = {
    kDecoupled,
    AlgorithmLine{"c = beta1*m + (1 - beta1)*g"},
    AlgorithmLine{"theta = theta - eta*sign(c)"},
    AlgorithmLine{"m = beta2*m + (1 - beta2)*g"},
};

constexpr std::array<AlgorithmSymbol, 0> kNoSymbols = {};
constexpr std::array kMomentumSymbols = {
    AlgorithmSymbol{"buf", translatable("the momentum buffer, g at the first update (PyTorch's b)")}};
constexpr std::array kAdagradSymbols = {
    AlgorithmSymbol{"G", translatable("the sum of squared gradients, from G₀")},
    AlgorithmSymbol{"c", translatable("the learning rate of update t")},
    AlgorithmSymbol{"d", translatable("the denominator")},
};
constexpr std::array kRmspropSymbols = {
    AlgorithmSymbol{"G", translatable("the average of g² (PyTorch's v)")},
    AlgorithmSymbol{"gavg", translatable("the average of g (centered)")},
    AlgorithmSymbol{"s", translatable("the second moment divided by: G, or the variance G − gavg² when centered")},
    AlgorithmSymbol{"d", translatable("the denominator")},
    AlgorithmSymbol{"buf", translatable("the momentum buffer of the scaled gradient")},
};
constexpr std::array kAdamSymbols = {
    AlgorithmSymbol{"m", translatable("the first moment, the average of g")},
    AlgorithmSymbol{"v", translatable("the second moment, the average of g²")},
    AlgorithmSymbol{"s", translatable("v, or with AMSGrad the running maximum of v (PyTorch's max_exp_avg_sq)")},
    AlgorithmSymbol{"c1", translatable("the bias correction of m: m̂ = m/c₁")},
    AlgorithmSymbol{"c2", translatable("the bias correction of s: v̂ = s/c₂")},
    AlgorithmSymbol{"d", translatable("the denominator √v̂ + ε, computed as PyTorch does")},
};
constexpr std::array kAdadeltaSymbols = {
    AlgorithmSymbol{"G", translatable("the average of g² (PyTorch's square_avg)")},
    AlgorithmSymbol{"delta", translatable("the update before η")},
    AlgorithmSymbol{"D", translatable("the average of Δ² (PyTorch's acc_delta)")},
};
constexpr std::array kAdamaxSymbols = {
    AlgorithmSymbol{"m", translatable("the first moment, the average of g")},
    AlgorithmSymbol{"u", translatable("the infinity norm, a decaying maximum of |g| + ε")},
};
constexpr std::array kNadamSymbols = {
    AlgorithmSymbol{"mu", translatable("the momentum coefficient of update t")},
    AlgorithmSymbol{"mu_next", translatable("that of update t + 1")},
    AlgorithmSymbol{"P", translatable("the product μ₁μ₂…μₜ (PyTorch's mu_product)")},
    AlgorithmSymbol{"m", translatable("the first moment, the average of g")},
    AlgorithmSymbol{"v", translatable("the second moment, the average of g²")},
    AlgorithmSymbol{"d", translatable("the denominator")},
};
constexpr std::array kLionSymbols = {
    AlgorithmSymbol{"c", translatable("the interpolation whose sign is the step")},
    AlgorithmSymbol{"m", translatable("the momentum, the average of g")},
};

constexpr std::string_view kNoEps = translatable("no ε");

const std::array kAlgorithms = {
    Algorithm{K::sgd, "PyTorch 2.x torch.optim.SGD (momentum 0)", kSgd, kNoSymbols, kNoEps, ""},
    Algorithm{K::momentum, "PyTorch 2.x torch.optim.SGD", kMomentum, kMomentumSymbols, kNoEps, ""},
    Algorithm{K::nesterov, "PyTorch 2.x torch.optim.SGD with nesterov=True (dampening 0)", kNesterov, kMomentumSymbols,
              kNoEps, ""},
    Algorithm{K::adagrad, "PyTorch 2.x torch.optim.Adagrad", kAdagrad, kAdagradSymbols,
              translatable("ε outside the root, √G + ε, as PyTorch adds it"), "Keras 3's keras.optimizers.Adagrad"},
    Algorithm{K::rmsprop, "PyTorch 2.x torch.optim.RMSprop (ρ is its alpha)", kRmsprop, kRmspropSymbols,
              translatable("ε outside the root, √s + ε, as PyTorch adds it"),
              "TF1's tf.train.RMSPropOptimizer and Keras 3's keras.optimizers.RMSprop"},
    Algorithm{K::adam, "PyTorch 2.x torch.optim.Adam (Kingma and Ba 2015)", kAdam, kAdamSymbols,
              translatable("ε outside the root, after the bias correction of s: √s/√c₂ + ε, as PyTorch computes it"),
              "optax's scale_by_adam with eps = 0 and eps_root = ε"},
    Algorithm{K::adamw, "PyTorch 2.x torch.optim.AdamW (Loshchilov and Hutter 2019)", kAdamw, kAdamSymbols,
              translatable("ε outside the root, after the bias correction of s: √s/√c₂ + ε, as PyTorch computes it"),
              ""},
    Algorithm{K::adadelta, "PyTorch 2.x torch.optim.Adadelta (Zeiler 2012)", kAdadelta, kAdadeltaSymbols,
              translatable("ε inside both roots, √(D + ε)/√(G + ε), as PyTorch and Zeiler 2012 add it"), ""},
    Algorithm{K::adamax, "PyTorch 2.x torch.optim.Adamax", kAdamax, kAdamaxSymbols,
              translatable("ε added to |g| inside the maximum, as PyTorch adds it"), ""},
    Algorithm{K::nadam, "PyTorch 2.x torch.optim.NAdam (Dozat 2016; PyTorch 1.13 differs in P)", kNadam, kNadamSymbols,
              translatable("ε outside the root, √(v/(1 − β₂ᵗ)) + ε, as PyTorch adds it"), ""},
    Algorithm{K::lion, "Chen et al. 2023, Symbolic Discovery of Optimization Algorithms (not in torch.optim)", kLion,
              kLionSymbols, kNoEps, ""},
};

}  // namespace

bool applies(Option option, const Hyperparameters& h) {
  switch (option) {
    case O::always:
      return true;
    case O::weight_decay:
      return h.weight_decay != 0;
    case O::momentum:
      return h.momentum > 0;
    case O::no_momentum:
      return !(h.momentum > 0);
    case O::centered:
      return h.centered;
    case O::not_centered:
      return !h.centered;
    case O::amsgrad:
      return h.amsgrad;
    case O::not_amsgrad:
      return !h.amsgrad;
    case O::eps_inside:
      return h.eps_inside_sqrt;
    case O::eps_outside:
      return !h.eps_inside_sqrt;
    case O::bias_correction:
      return h.bias_correction;
    case O::no_bias_correction:
      return !h.bias_correction;
  }
  return false;
}

const Algorithm& algorithm(OptimizerKind kind) { return kAlgorithms[static_cast<std::size_t>(kind)]; }

std::string rule_text(const Hyperparameters& h) {
  std::string out;
  for (const AlgorithmLine& line : algorithm(h.kind).lines)
    if (applies(line.when, h)) out += std::string(line.statements) + "\n";
  return out;
}

}  // namespace optviz
