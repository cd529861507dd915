// Each optimizer's whole algorithm, written once in the rule language (rule.hpp) as PyTorch 2.x
// documents it: its statements with the options that switch them on or off, the meaning of its
// symbols, the reference it follows and where its epsilon goes. `optviz list`, `optviz run --help`,
// the man page and the inspector show these texts (with proper symbols where they can), and
// tests/formula_tests.cpp runs each of them as a typed rule against step() for every option.
//
// Conventions of every algorithm: g is the gradient at theta_{t-1}, t = 1, 2, ... the update's
// number, `a = b` assigns per coordinate (shown a ← b) and every name that is neither g, theta, t
// nor a hyperparameter is per-coordinate state that starts at 0.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "notation.hpp"
#include "optimizer.hpp"

namespace optviz {

// When a line of an algorithm applies: always, or for one setting of one option.
enum class Option : unsigned char {
  always,
  weight_decay,        // weight_decay != 0
  momentum,            // momentum > 0
  no_momentum,         // momentum == 0
  centered,            // centered
  not_centered,        // !centered
  amsgrad,             // amsgrad
  not_amsgrad,         // !amsgrad
  eps_inside,          // eps_inside_sqrt
  eps_outside,         // !eps_inside_sqrt
  bias_correction,     // bias_correction
  no_bias_correction,  // !bias_correction
};

bool applies(Option option, const Hyperparameters& h);

// One line: statements of the rule language (';' between two), and when they apply.
struct AlgorithmLine {
  std::string_view statements;
  Option when = Option::always;
};

// A name the statements assign, and what it is.
struct AlgorithmSymbol {
  std::string_view name;
  std::string_view meaning;
};

struct Algorithm {
  OptimizerKind kind;
  std::string_view reference;  // "PyTorch 2.x torch.optim.RMSprop"
  std::span<const AlgorithmLine> lines;
  std::span<const AlgorithmSymbol> symbols;
  std::string_view epsilon;     // where eps goes by default, and whose convention that is
  std::string_view eps_inside;  // with eps_inside_sqrt: whose convention that is ("" when not taken)
};

const Algorithm& algorithm(OptimizerKind kind);

// The lines of h.kind's algorithm that apply to h, in the rule language: a Rule of this text
// updates as step(h, ...) does.
std::string rule_text(const Hyperparameters& h);

// The condition of an option: "if λ ≠ 0", "if centered"; "" for Option::always.
std::string render_condition(Option option, Notation notation);

// The whole algorithm, one line per line of the table with its condition in a column, each line
// starting with `indent`; or, given hyperparameters, only the lines that apply to them.
std::string algorithm_text(OptimizerKind kind, Notation notation, std::string_view indent = "");
std::string algorithm_text(const Hyperparameters& h, Notation notation, std::string_view indent = "");

// "m: first moment ...; β₁: decay of the first moment m (--beta1); ...": the symbols of the
// algorithm, then the hyperparameters it reads, with their flags.
std::string symbols_text(OptimizerKind kind, Notation notation);

// What the lines that an option switches on say, for each optimizer that takes it:
// "adam: d = sqrt(s/c2 + eps); ..." for eps_inside_sqrt; "" for an option that switches no line.
std::string option_formulas(std::string_view parameter_name, Notation notation);
// The same for one optimizer, without its name: "d = sqrt(s/c2 + eps) (as optax's ...)".
std::string option_formulas(std::string_view parameter_name, OptimizerKind kind, Notation notation);

// The lines of an optimizer whose condition is on an option, with their conditions: both sides of
// a flag ("c₁ ← 1 − β₁ᵗ; ...   if bias correction", "c₁ ← 1; c₂ ← 1   if no bias correction").
std::string option_lines(std::string_view parameter_name, OptimizerKind kind, Notation notation);

// The man page's OPTIMIZERS section body, as groff (tests check that assets/man/optviz.1 holds it).
std::string man_page_algorithms();

}  // namespace optviz
