// Typed formulas: a small expression language, compiled once to a flat program and evaluated in
// double (values) or in dual numbers (values and exact gradients by forward-mode automatic
// differentiation). The same language writes typed functions f(x, y) and the statements of typed
// update rules (rule.hpp).
//
// Grammar (lowest precedence first):
//   statements  := statement { (';' | newline) statement }      (rules only)
//   statement   := NAME '=' expression
//   expression  := sum [ ('<' | '<=' | '>' | '>=' | '==' | '!=') sum ]
//   sum         := product { ('+' | '-') product }
//   product     := unary { ('*' | '/') unary }
//   unary       := ('-' | '+') unary | power
//   power       := primary [ '^' unary ]                        (right-associative: -x^2 = -(x^2))
//   primary     := NUMBER | NAME | NAME '(' expression { ',' expression } ')' | '(' expression ')'
// Numbers are decimal with an optional exponent (1, 0.5, .5, 1e-3); the constants are pi and e; the
// functions sin cos tan exp log sqrt abs tanh sinh cosh atan sign take one argument, min max two
// and if(condition, then, else) three. Comparisons give 1 or 0; `if` takes `then` where the
// condition is not 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "program.hpp"

namespace optviz {

inline constexpr std::size_t kMaxExpressionLength = 100'000;  // characters
inline constexpr int kMaxExpressionDepth = 200;               // nested parentheses and operators

// What is wrong with a formula, at a 1-based column (a character position of the text).
class ExpressionError : public std::invalid_argument {
 public:
  ExpressionError(std::string problem, std::size_t column);
  const std::string& problem() const { return problem_; }  // "unknown name \"z\""
  std::size_t column() const { return column_; }

 private:
  std::string problem_;
  std::size_t column_;
};

// Where a 1-based column of a whole text (an ExpressionError's) is: its line and its column in
// that line, both 1-based.
struct TextPlace {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPlace text_place(std::string_view text, std::size_t column);
// "column 7" in a text of one line, "line 2, column 17" in a text of several.
std::string place_text(std::string_view text, std::size_t column);

// Compiles one expression that reads the named variables. Throws ExpressionError.
Program compile_expression(std::string_view text, std::span<const std::string_view> variables);

// One statement of a rule: NAME = EXPRESSION.
struct Statement {
  std::string target;
  std::size_t column = 0;  // of the target
  std::string text;        // the statement as typed, trimmed: "G = rho*G + (1-rho)*g^2"
};

// Splits a rule's text into statements (';' or new lines); empty ones are skipped. Throws
// ExpressionError for a statement that is not NAME = EXPRESSION.
std::vector<Statement> split_statements(std::string_view text);

// Compiles statements, in order, into one program that stores each value into the register of
// its target; every target and every name read must be among `variables`. Throws ExpressionError
// with columns of the whole text.
Program compile_statements(std::string_view text, std::span<const std::string_view> variables);

}  // namespace optviz
