// The rule language as people read it: tokens, the symbols of names, Unicode, ASCII and groff.
#include "notation.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>
#include <vector>

#include "parameters.hpp"
#include "utf8.hpp"

namespace optviz {
namespace {

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

}  // namespace

std::string symbol_of(std::string_view name) {
  for (const Symbol& s : kSymbols)
    if (s.name == name) return std::string(s.unicode);
  return parameter_symbol(name);
}

namespace {

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
    const char32_t code = next_code_point(text, i);
    char escape[16];
    std::snprintf(escape, sizeof escape, "\\[u%04X]", static_cast<unsigned>(code));
    out += escape;
  }
  return out;
}

}  // namespace

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

bool reads_name(std::string_view statements, std::string_view name) {
  const std::vector<Token> tokens = tokens_of(statements);
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const Token& t) { return t.kind == Token::name && t.text == name; });
}

}  // namespace optviz
