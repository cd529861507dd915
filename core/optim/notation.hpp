// How a display shows the rule language (rule.hpp): as typed (ASCII, what --rule takes), with
// Unicode symbols (η, ρ, β₁, √, ←, ...), or as groff for the man page (the Unicode form with escapes).
#pragma once

#include <string>
#include <string_view>

namespace optviz {

enum class Notation { rule, unicode, groff };

// Statements or a condition in a notation: "G = rho*G + (1-rho)*g^2" -> "G ← ρ·G + (1 − ρ)·g²".
std::string render(std::string_view statements, Notation notation);
// Text of the algorithms' prose (which uses Unicode symbols) in a notation: ASCII names for `rule`.
std::string render_prose(std::string_view text, Notation notation);

// The Unicode symbol of a name of the rule language: "θ" for theta, a hyperparameter's symbol
// (parameter_symbol), or the name itself.
std::string symbol_of(std::string_view name);
// Whether the statements use the name.
bool reads_name(std::string_view statements, std::string_view name);

}  // namespace optviz
