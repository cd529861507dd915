#include "algorithms.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <utility>
#include <vector>

#include "parameters.hpp"

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
    AlgorithmSymbol{"buf", "the momentum buffer, g at the first update (PyTorch's b)"}};
constexpr std::array kAdagradSymbols = {
    AlgorithmSymbol{"G", "the sum of squared gradients, from G₀"},
    AlgorithmSymbol{"c", "the learning rate of update t"},
    AlgorithmSymbol{"d", "the denominator"},
};
constexpr std::array kRmspropSymbols = {
    AlgorithmSymbol{"G", "the average of g² (PyTorch's v)"},
    AlgorithmSymbol{"gavg", "the average of g (centered)"},
    AlgorithmSymbol{"s", "the second moment divided by: G, or the variance G − gavg² when centered"},
    AlgorithmSymbol{"d", "the denominator"},
    AlgorithmSymbol{"buf", "the momentum buffer of the scaled gradient"},
};
constexpr std::array kAdamSymbols = {
    AlgorithmSymbol{"m", "the first moment, the average of g"},
    AlgorithmSymbol{"v", "the second moment, the average of g²"},
    AlgorithmSymbol{"s", "v, or with AMSGrad the running maximum of v (PyTorch's max_exp_avg_sq)"},
    AlgorithmSymbol{"c1", "the bias correction of m: m̂ = m/c₁"},
    AlgorithmSymbol{"c2", "the bias correction of s: v̂ = s/c₂"},
    AlgorithmSymbol{"d", "the denominator √v̂ + ε, computed as PyTorch does"},
};
constexpr std::array kAdadeltaSymbols = {
    AlgorithmSymbol{"G", "the average of g² (PyTorch's square_avg)"},
    AlgorithmSymbol{"delta", "the update before η"},
    AlgorithmSymbol{"D", "the average of Δ² (PyTorch's acc_delta)"},
};
constexpr std::array kAdamaxSymbols = {
    AlgorithmSymbol{"m", "the first moment, the average of g"},
    AlgorithmSymbol{"u", "the infinity norm, a decaying maximum of |g| + ε"},
};
constexpr std::array kNadamSymbols = {
    AlgorithmSymbol{"mu", "the momentum coefficient of update t"},
    AlgorithmSymbol{"mu_next", "that of update t + 1"},
    AlgorithmSymbol{"P", "the product μ₁μ₂…μₜ (PyTorch's mu_product)"},
    AlgorithmSymbol{"m", "the first moment, the average of g"},
    AlgorithmSymbol{"v", "the second moment, the average of g²"},
    AlgorithmSymbol{"d", "the denominator"},
};
constexpr std::array kLionSymbols = {
    AlgorithmSymbol{"c", "the interpolation whose sign is the step"},
    AlgorithmSymbol{"m", "the momentum, the average of g"},
};

constexpr std::string_view kNoEps = "no ε";

const std::array kAlgorithms = {
    Algorithm{K::sgd, "PyTorch 2.x torch.optim.SGD (momentum 0)", kSgd, kNoSymbols, kNoEps, ""},
    Algorithm{K::momentum, "PyTorch 2.x torch.optim.SGD", kMomentum, kMomentumSymbols, kNoEps, ""},
    Algorithm{K::nesterov, "PyTorch 2.x torch.optim.SGD with nesterov=True (dampening 0)", kNesterov, kMomentumSymbols,
              kNoEps, ""},
    Algorithm{K::adagrad, "PyTorch 2.x torch.optim.Adagrad", kAdagrad, kAdagradSymbols,
              "ε outside the root, √G + ε, as PyTorch adds it", "Keras 3's keras.optimizers.Adagrad"},
    Algorithm{K::rmsprop, "PyTorch 2.x torch.optim.RMSprop (ρ is its alpha)", kRmsprop, kRmspropSymbols,
              "ε outside the root, √s + ε, as PyTorch adds it",
              "TF1's tf.train.RMSPropOptimizer and Keras 3's keras.optimizers.RMSprop"},
    Algorithm{K::adam, "PyTorch 2.x torch.optim.Adam (Kingma and Ba 2015)", kAdam, kAdamSymbols,
              "ε outside the root, after the bias correction of s: √s/√c₂ + ε, as PyTorch computes it",
              "optax's scale_by_adam with eps = 0 and eps_root = ε"},
    Algorithm{K::adamw, "PyTorch 2.x torch.optim.AdamW (Loshchilov and Hutter 2019)", kAdamw, kAdamSymbols,
              "ε outside the root, after the bias correction of s: √s/√c₂ + ε, as PyTorch computes it", ""},
    Algorithm{K::adadelta, "PyTorch 2.x torch.optim.Adadelta (Zeiler 2012)", kAdadelta, kAdadeltaSymbols,
              "ε inside both roots, √(D + ε)/√(G + ε), as PyTorch and Zeiler 2012 add it", ""},
    Algorithm{K::adamax, "PyTorch 2.x torch.optim.Adamax", kAdamax, kAdamaxSymbols,
              "ε added to |g| inside the maximum, as PyTorch adds it", ""},
    Algorithm{K::nadam, "PyTorch 2.x torch.optim.NAdam (Dozat 2016; PyTorch 1.13 differs in P)", kNadam, kNadamSymbols,
              "ε outside the root, √(v/(1 − β₂ᵗ)) + ε, as PyTorch adds it", ""},
    Algorithm{K::lion, "Chen et al. 2023, Symbolic Discovery of Optimization Algorithms (not in torch.optim)", kLion,
              kLionSymbols, kNoEps, ""},
};

// ---- Rendering --------------------------------------------------------------------------------

struct Token {
  enum Kind { name, number, op } kind;
  std::string text;
};

std::vector<Token> tokens_of(std::string_view text) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      out.push_back({Token::name, std::string(text.substr(i, j - i))});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      std::size_t j = i;
      // 1e-3: a sign right after the exponent's e belongs to the number.
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '.' ||
                                 ((text[j] == '-' || text[j] == '+') && (text[j - 1] == 'e' || text[j - 1] == 'E'))))
        ++j;
      out.push_back({Token::number, std::string(text.substr(i, j - i))});
      i = j;
    } else {
      const std::string_view two = text.substr(i, 2);
      const bool pair = two == "==" || two == "!=" || two == "<=" || two == ">=";
      out.push_back({Token::op, std::string(text.substr(i, pair ? 2 : 1))});
      i += pair ? 2 : 1;
    }
  }
  return out;
}

struct Symbol {
  std::string_view name;
  std::string_view unicode;
};

// The symbols of the names of the table's state; hyperparameters take parameter_symbol's.
constexpr std::array kSymbols = {
    Symbol{"theta", "θ"}, Symbol{"mu", "μₜ"}, Symbol{"mu_next", "μₜ₊₁"},
    Symbol{"c1", "c₁"},   Symbol{"c2", "c₂"}, Symbol{"delta", "Δ"},
};

std::string symbol_of(std::string_view name) {
  for (const Symbol& s : kSymbols)
    if (s.name == name) return std::string(s.unicode);
  return parameter_symbol(name);
}

bool is_operand_end(const Token& t) { return t.kind != Token::op || t.text == ")"; }

// One statement list in Unicode: tokens with symbols, spaced operators, √x, |x|, x², βᵗ.
std::string unicode_of(std::string_view text) {
  const std::vector<Token> tokens = tokens_of(text);
  std::string out;
  // Closing text of open parentheses: ")" or "|" (abs) or "" (√ of a single operand).
  std::vector<std::string> closers;
  bool assigned = false;  // the statement's first '=' is its assignment
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    const bool call = i + 1 < tokens.size() && tokens[i + 1].text == "(";
    if (t.kind == Token::name && call && (t.text == "sqrt" || t.text == "abs")) {
      // √x for a lone name or number, √(...) otherwise.
      const bool lone = i + 3 < tokens.size() && tokens[i + 2].kind != Token::op && tokens[i + 3].text == ")";
      out += t.text == "sqrt" ? (lone ? "√" : "√(") : "|";
      closers.push_back(t.text == "sqrt" ? (lone ? "" : ")") : "|");
      ++i;  // the "("
      continue;
    }
    if (t.kind != Token::op) {
      out += t.kind == Token::name ? symbol_of(t.text) : t.text;
      continue;
    }
    const std::string& o = t.text;
    const bool after_operand = i > 0 && is_operand_end(tokens[i - 1]);
    if (o == "(") {
      out += "(";
      closers.push_back(")");
    } else if (o == ")") {
      out += closers.empty() ? ")" : closers.back();
      if (!closers.empty()) closers.pop_back();
    } else if (o == "^" && i + 1 < tokens.size() && (tokens[i + 1].text == "2" || tokens[i + 1].text == "t")) {
      out += tokens[i + 1].text == "2" ? "²" : "ᵗ";
      ++i;
    } else if (o == "=" && !assigned) {
      out += " ← ";
      assigned = true;
    } else if (o == ";") {
      out += ";  ";
      assigned = false;
    } else if (o == "*") {
      out += "·";
    } else if (o == "-") {
      out += after_operand ? " − " : "−";
    } else if (o == "+") {
      out += after_operand ? " + " : "+";
    } else if (o == ",") {
      out += ", ";
    } else if (o == "==") {
      out += " = ";
    } else if (o == "!=") {
      out += " ≠ ";
    } else if (o == "<=" || o == ">=") {
      out += o == "<=" ? " ≤ " : " ≥ ";
    } else if (o == "<" || o == ">") {
      out += " " + o + " ";
    } else {
      out += o;
    }
  }
  return out;
}

// ASCII names for the Unicode of the table's prose, for the rule notation.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kAscii = {{
    {"θ", "theta"},  {"η", "eta"},    {"ρ", "rho"},          {"ε", "eps"},      {"μ", "mu"},  {"τ", "dampening"},
    {"β₁", "beta1"}, {"β₂", "beta2"}, {"λ", "weight_decay"}, {"κ", "lr_decay"}, {"G₀", "G0"}, {"ψ", "psi"},
    {"√", "sqrt "},  {"²", "^2"},     {"ᵗ", "^t"},           {"₁", "1"},        {"₂", "2"},   {"ₜ", "_t"},
    {"−", "-"},      {"…", "..."},    {"≠", "!="},           {"m̂", "m^"},       {"v̂", "v^"},  {"Δ", "delta"},
}};

std::string ascii_of(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kAscii)
      if (text.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    if (!replaced) out += text[i++];
  }
  return out;
}

// Unicode as groff: every non-ASCII code point as \[uXXXX], '-' as \-, '\' as \e.
std::string groff_of(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '-')
        out += "\\-";
      else if (c == '\\')
        out += "\\e";
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    const int length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    unsigned code = c & (length == 2 ? 0x1Fu : length == 3 ? 0x0Fu : 0x07u);
    for (int k = 1; k < length && i + static_cast<std::size_t>(k) < text.size(); ++k)
      code = (code << 6) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3Fu);
    char escape[16];
    std::snprintf(escape, sizeof escape, "\\[u%04X]", code);
    out += escape;
    i += static_cast<std::size_t>(length);
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

struct OptionText {
  std::string_view parameter;  // the hyperparameter or flag it depends on ("" for always)
  std::string_view rule;       // the condition as a rule-language expression or flag
  std::string_view unicode;
};

OptionText option_text(Option o) {
  switch (o) {
    case O::always:
      return {"", "", ""};
    case O::weight_decay:
      return {"weight_decay", "weight_decay != 0", "λ ≠ 0"};
    case O::momentum:
      return {"momentum", "momentum > 0", "μ > 0"};
    case O::no_momentum:
      return {"momentum", "momentum == 0", "μ = 0"};
    case O::centered:
      return {"centered", "centered", "centered"};
    case O::not_centered:
      return {"centered", "not centered", "not centered"};
    case O::amsgrad:
      return {"amsgrad", "amsgrad", "amsgrad"};
    case O::not_amsgrad:
      return {"amsgrad", "not amsgrad", "not amsgrad"};
    case O::eps_inside:
      return {"eps_inside_sqrt", "eps_inside_sqrt", "ε inside √"};
    case O::eps_outside:
      return {"eps_inside_sqrt", "not eps_inside_sqrt", "ε outside √"};
    case O::bias_correction:
      return {"bias_correction", "bias_correction", "bias correction"};
    case O::no_bias_correction:
      return {"bias_correction", "no bias_correction", "no bias correction"};
  }
  return {};
}

// Whether the option is its parameter's non-default side (the lines a flag or value switches on).
bool switched_on(Option o) {
  return o == O::weight_decay || o == O::momentum || o == O::centered || o == O::amsgrad || o == O::eps_inside ||
         o == O::no_bias_correction;
}

bool reads_name(std::string_view statements, std::string_view name) {
  const std::vector<Token> tokens = tokens_of(statements);
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const Token& t) { return t.kind == Token::name && t.text == name; });
}

// The lines (those that apply to h, if given; those whose condition is on `parameter`, if given),
// with their conditions in a column unless h is given.
std::string lines_text(const Algorithm& a, const Hyperparameters* h, Notation notation, std::string_view indent,
                       std::string_view parameter = {}) {
  // Aligned in Unicode, where a symbol is one column, then escaped.
  if (notation == Notation::groff) return groff_of(lines_text(a, h, Notation::unicode, indent, parameter));
  std::vector<std::pair<std::string, std::string>> rows;
  for (const AlgorithmLine& line : a.lines) {
    if (h && !applies(line.when, *h)) continue;
    if (!parameter.empty() && option_text(line.when).parameter != parameter) continue;
    rows.emplace_back(render(line.statements, notation), h ? std::string() : render_condition(line.when, notation));
  }
  std::size_t width = 0;
  for (const auto& row : rows)
    if (!row.second.empty()) width = std::max(width, display_width(row.first));
  std::string out;
  for (const auto& [statements, condition] : rows) {
    out += std::string(indent) + statements;
    if (!condition.empty()) out += std::string(width - display_width(statements) + 4, ' ') + condition;
    out += "\n";
  }
  return out;
}

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

std::string render(std::string_view statements, Notation notation) {
  switch (notation) {
    case Notation::rule:
      return std::string(statements);
    case Notation::unicode:
      return unicode_of(statements);
    case Notation::groff:
      return groff_of(unicode_of(statements));
  }
  return {};
}

std::string render_prose(std::string_view text, Notation notation) {
  switch (notation) {
    case Notation::rule:
      return ascii_of(text);
    case Notation::unicode:
      return std::string(text);
    case Notation::groff:
      return groff_of(text);
  }
  return {};
}

std::string render_condition(Option option, Notation notation) {
  const OptionText t = option_text(option);
  if (t.parameter.empty()) return {};
  if (notation == Notation::rule) return "if " + std::string(t.rule);
  return render_prose("if " + std::string(t.unicode), notation);
}

std::string algorithm_text(OptimizerKind kind, Notation notation, std::string_view indent) {
  return lines_text(algorithm(kind), nullptr, notation, indent);
}

std::string algorithm_text(const Hyperparameters& h, Notation notation, std::string_view indent) {
  return lines_text(algorithm(h.kind), &h, notation, indent);
}

std::string symbols_text(OptimizerKind kind, Notation notation) {
  const Algorithm& a = algorithm(kind);
  std::string out;
  const auto add = [&](std::string_view name, const std::string& meaning) {
    if (!out.empty()) out += "; ";
    out += (notation == Notation::rule ? std::string(name) : render_prose(symbol_of(name), notation)) + ": " + meaning;
  };
  for (const AlgorithmSymbol& s : a.symbols) add(s.name, render_prose(s.meaning, notation));
  for (const RealParameter& p : real_parameters()) {
    const bool read = std::any_of(a.lines.begin(), a.lines.end(),
                                  [&](const AlgorithmLine& l) { return reads_name(l.statements, p.name); });
    if (read && p.applies_to(kind)) add(p.name, std::string(p.help) + " (--" + std::string(p.flag) + ")");
  }
  return out;
}

std::string option_formulas(std::string_view parameter_name, Notation notation) {
  // Optimizers whose lines read alike share them: "sgd, momentum, ...: g = g + weight_decay*theta".
  std::vector<std::pair<std::string, std::string>> groups;  // names, lines
  for (OptimizerKind kind : optimizer_kinds()) {
    const std::string lines = option_formulas(parameter_name, kind, notation);
    if (lines.empty()) continue;
    const auto same = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.second == lines; });
    if (same != groups.end())
      same->first += ", " + std::string(name(kind));
    else
      groups.emplace_back(std::string(name(kind)), lines);
  }
  std::string out;
  for (const auto& [names, lines] : groups) out += (out.empty() ? "" : "; ") + names + ": " + lines;
  return out;
}

std::string option_formulas(std::string_view parameter_name, OptimizerKind kind, Notation notation) {
  // The options whose lines are listed: those a line depends on, and these real hyperparameters
  // that one optimizer or two read.
  constexpr std::array<std::string_view, 4> kRead = {"dampening", "lr_decay", "initial_accumulator", "momentum_decay"};
  const bool by_reading = std::find(kRead.begin(), kRead.end(), parameter_name) != kRead.end();
  const Algorithm& a = algorithm(kind);
  std::string lines;
  for (const AlgorithmLine& line : a.lines) {
    const bool listed = by_reading ? reads_name(line.statements, parameter_name)
                                   : switched_on(line.when) && option_text(line.when).parameter == parameter_name;
    if (!listed) continue;
    if (!lines.empty()) lines += "; ";
    lines += render(line.statements, notation);
  }
  if (!lines.empty() && parameter_name == "eps_inside_sqrt" && !a.eps_inside.empty())
    lines += " (as " + render_prose(a.eps_inside, notation) + ")";
  return lines;
}

std::string option_lines(std::string_view parameter_name, OptimizerKind kind, Notation notation) {
  return lines_text(algorithm(kind), nullptr, notation, "", parameter_name);
}

std::string man_page_algorithms() {
  std::string out;
  for (OptimizerKind kind : optimizer_kinds()) {
    const Algorithm& a = algorithm(kind);
    out += ".TP\n.BR " + std::string(name(kind)) + " \" (" + std::string(title(kind)) + ")\"\n";
    out += render_prose(a.reference, Notation::groff) + ":\n";
    out += ".RS\n.EX\n" + algorithm_text(kind, Notation::groff) + ".EE\n.RE\n";
    const std::string symbols = symbols_text(kind, Notation::groff);
    if (!symbols.empty()) out += symbols + ".\n";
    out += ".br\n" + render_prose(a.epsilon, Notation::groff) + ".\n";
    if (!a.eps_inside.empty())
      out += "With\n.BR \\-\\-eps\\-inside\\-sqrt ,\nthe convention of " + render_prose(a.eps_inside, Notation::groff) +
             ".\n";
  }
  return out;
}

}  // namespace optviz
