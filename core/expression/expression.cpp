// Compiling formulas: the names they may call, a recursive-descent parser that emits into a
// ProgramBuilder (program_builder.hpp), and rules split into statements.
#include "expression.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <optional>

#include "number_text.hpp"
#include "program_builder.hpp"
#include "translate.hpp"

namespace optviz {

ExpressionError::ExpressionError(std::string problem, std::size_t column)
    : std::invalid_argument(tr_format("column {0}", {std::to_string(column)}) + ": " + problem),
      problem_(std::move(problem)),
      column_(column) {}

TextPlace text_place(std::string_view text, std::size_t column) {
  const std::size_t at = std::min(column == 0 ? 0 : column - 1, text.size());
  const std::string_view before = text.substr(0, at);
  const std::size_t line_start = before.rfind('\n');
  const auto newlines = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  return {newlines + 1, line_start == std::string_view::npos ? at + 1 : at - line_start};
}

std::string place_text(std::string_view text, std::size_t column) {
  if (text.find('\n') == std::string_view::npos) return tr_format("column {0}", {std::to_string(column)});
  const TextPlace p = text_place(text, column);
  return tr_format("line {0}, column {1}", {std::to_string(p.line), std::to_string(p.column)});
}

namespace {

using Op = Program::Op;

// ---- Names ------------------------------------------------------------------------------------

struct FunctionInfo {
  std::string_view name;
  Op op;
  int arity;
};

constexpr std::array<FunctionInfo, 16> kFunctions = {{
    {"sin", Op::sin, 1},
    {"cos", Op::cos, 1},
    {"tan", Op::tan, 1},
    {"exp", Op::exp, 1},
    {"log", Op::log, 1},
    {"sqrt", Op::sqrt, 1},
    {"abs", Op::abs, 1},
    {"tanh", Op::tanh, 1},
    {"sinh", Op::sinh, 1},
    {"cosh", Op::cosh, 1},
    {"atan", Op::atan, 1},
    {"sign", Op::sign, 1},
    {"min", Op::min, 2},
    {"max", Op::max, 2},
    {"if", Op::select, 3},
    {"", Op::neg, 0},
}};

const FunctionInfo* find_function_named(std::string_view name) {
  for (const FunctionInfo& f : kFunctions)
    if (!f.name.empty() && f.name == name) return &f;
  return nullptr;
}

std::optional<double> find_constant(std::string_view name) {
  if (name == "pi") return std::numbers::pi;
  if (name == "e") return std::numbers::e;
  return std::nullopt;
}

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// "'x'", or "the end of the formula"
std::string describe(std::string_view token) {
  return token.empty() ? std::string(tr("the end of the formula")) : "'" + std::string(token) + "'";
}

}  // namespace

namespace {

using Operand = ProgramBuilder::Operand;

// A recursive-descent parser over one expression, text[begin, end), emitting into a builder.
// Columns are 1-based positions in the whole text.
class Parser {
 public:
  Parser(std::string_view text, std::size_t begin, std::size_t end, std::span<const std::string_view> variables,
         ProgramBuilder& out)
      : text_(text), pos_(begin), end_(end), variables_(variables), out_(out) {}

  Operand parse_all() {
    const Operand value = expression();
    skip_space();
    if (pos_ < end_) {
      const std::string_view next = peek_token();
      if (next == ")") fail(tr("unmatched ')'"), pos_);
      if (!is_name_char(text_[pos_]) && std::string_view("(.+-*/^,<>=!;").find(text_[pos_]) == std::string_view::npos)
        fail(tr_format("unexpected character {0}", {describe(text_.substr(pos_, 1))}), pos_);
      fail(is_name_char(text_[pos_]) || text_[pos_] == '('
               ? tr_format("expected an operator before {0} (write 2*x, not 2x)", {describe(next)})
               : tr_format("expected an operator before {0}", {describe(next)}),
           pos_);
    }
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& problem, std::size_t at) const { throw ExpressionError(problem, at + 1); }

  void skip_space() {
    while (pos_ < end_ && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\r' || text_[pos_] == '\n'))
      ++pos_;
  }

  // The next token as text, without consuming it ("" at the end).
  std::string_view peek_token() {
    skip_space();
    if (pos_ >= end_) return {};
    std::size_t n = 1;
    if (is_name_char(text_[pos_]) || text_[pos_] == '.') {
      while (pos_ + n < end_ && (is_name_char(text_[pos_ + n]) || text_[pos_ + n] == '.')) ++n;
    } else if (pos_ + 1 < end_ && text_[pos_ + 1] == '=' &&
               std::string_view("<>=!").find(text_[pos_]) != std::string_view::npos) {
      n = 2;
    }
    return text_.substr(pos_, n);
  }

  bool accept(std::string_view token) {
    if (peek_token() != token) return false;
    pos_ += token.size();
    return true;
  }

  struct Depth {
    explicit Depth(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxExpressionDepth)
        parser.fail(tr_format("nested too deeply (more than {0} levels)", {std::to_string(kMaxExpressionDepth)}),
                    parser.pos_);
    }
    ~Depth() { --parser.depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    Parser& parser;
  };

  Operand expression() {
    const Operand left = sum();
    static constexpr std::array<std::pair<std::string_view, Op>, 6> kComparisons = {
        {{"<=", Op::le}, {">=", Op::ge}, {"==", Op::eq}, {"!=", Op::ne}, {"<", Op::lt}, {">", Op::gt}}};
    for (const auto& [token, op] : kComparisons) {
      if (!accept(token)) continue;
      const Operand right = sum();
      for (const auto& [next, unused] : kComparisons)
        if (peek_token() == next) fail(tr("comparisons do not chain: write if(a < b, ...) around one of them"), pos_);
      return out_.emit(op, left, right);
    }
    if (peek_token() == "=") fail(tr("'=' assigns, and only at the start of a statement; compare with '=='"), pos_);
    return left;
  }

  Operand sum() {
    Operand left = product();
    for (;;) {
      if (accept("+"))
        left = out_.emit(Op::add, left, product());
      else if (accept("-"))
        left = out_.emit(Op::sub, left, product());
      else
        return left;
    }
  }

  Operand product() {
    Operand left = unary();
    for (;;) {
      if (accept("*"))
        left = out_.emit(Op::mul, left, unary());
      else if (accept("/"))
        left = out_.emit(Op::div, left, unary());
      else
        return left;
    }
  }

  // Each level of nesting (a parenthesis, a prefix sign, an exponent) counts once towards
  // kMaxExpressionDepth, which bounds the recursion.
  Operand unary() {
    if (accept("-")) {
      const Depth depth(*this);
      return out_.emit(Op::neg, unary());
    }
    if (accept("+")) {
      const Depth depth(*this);
      return unary();
    }
    return power();
  }

  Operand power() {
    const Operand base = primary();
    if (!accept("^")) return base;
    const Depth depth(*this);
    const Operand exponent = unary();
    // x^2 as x*x, x^3 as x*x*x, ...: fast, and the rounding of formulas written out by hand.
    if (const auto k = out_.constant_value(exponent); k && *k >= 2 && *k <= kMaxProductPower && *k == std::floor(*k))
      return out_.emit(Op::powi, base, exponent);
    return out_.emit(Op::pow, base, exponent);
  }

  Operand number() {
    const std::size_t start = pos_;
    std::size_t n = pos_;
    while (n < end_ && is_digit(text_[n])) ++n;
    if (n < end_ && text_[n] == '.') {
      ++n;
      while (n < end_ && is_digit(text_[n])) ++n;
    }
    if (n < end_ && (text_[n] == 'e' || text_[n] == 'E')) {
      std::size_t e = n + 1;
      if (e < end_ && (text_[e] == '+' || text_[e] == '-')) ++e;
      if (e < end_ && is_digit(text_[e])) {
        while (e < end_ && is_digit(text_[e])) ++e;
        n = e;
      }
    }
    const std::string_view digits = text_.substr(start, n - start);
    if (digits == ".") fail(tr("expected a number, got '.'"), start);
    const std::optional<double> value = parse_number(digits);
    if (!value) {
      const bool huge = std::isinf(std::strtod(std::string(digits).c_str(), nullptr));
      fail(huge ? tr_format("number out of range: {0}", {digits}) : tr_format("malformed number {0}", {digits}), start);
    }
    pos_ = n;
    if (pos_ < end_ && text_[pos_] == '.') fail(tr("malformed number: a second '.'"), pos_);
    return out_.constant(*value);
  }

  Operand primary() {
    skip_space();
    if (pos_ >= end_) fail(tr_format("expected a number, a name or '(', got {0}", {describe({})}), pos_);
    const char c = text_[pos_];
    if (is_digit(c) || c == '.') return number();
    if (c == '(') {
      const Depth depth(*this);
      const std::size_t open = pos_++;
      const Operand inside = expression();
      if (!accept(")")) {
        skip_space();
        if (pos_ >= end_) fail(tr("'(' is not closed"), open);
        fail(tr_format("expected ')' or an operator, got {0}", {describe(peek_token())}), pos_);
      }
      return inside;
    }
    if (!is_name_start(c)) {
      const std::string_view token = peek_token();
      if (token == ")") fail(tr("expected a number, a name or '(' before ')'"), pos_);
      if (std::string_view("+-*/^,<>=!;").find(c) != std::string_view::npos)
        fail(tr_format("expected a number, a name or '(', got {0}", {describe(token)}), pos_);
      fail(tr_format("unexpected character {0}", {describe(text_.substr(pos_, 1))}), pos_);
    }
    const std::size_t start = pos_;
    while (pos_ < end_ && is_name_char(text_[pos_])) ++pos_;
    const std::string_view name = text_.substr(start, pos_ - start);
    const bool call = peek_token() == "(";
    if (const FunctionInfo* f = find_function_named(name)) {
      if (!call)
        fail(f->arity == 1   ? tr_format("\"{0}\" is a function: write {0}(x)", {name})
             : f->arity == 2 ? tr_format("\"{0}\" is a function: write {0}(a, b)", {name})
                             : tr_format("\"{0}\" is a function: write {0}(condition, a, b)", {name}),
             start);
      return call_function(*f, start);
    }
    if (call) fail(tr_format("unknown function \"{0}\"", {name}), start);
    if (const auto k = find_constant(name)) return out_.constant(*k);
    for (std::size_t i = 0; i < variables_.size(); ++i)
      if (variables_[i] == name) return out_.variable(static_cast<std::uint32_t>(i));
    std::string known;
    for (const std::string_view v : variables_)
      if (!v.empty()) known += std::string(known.empty() ? "" : ", ") + std::string(v);
    known += std::string(known.empty() ? "" : ", ") + "pi, e";
    fail(tr_format("unknown name \"{0}\" (known: {1})", {name, known}), start);
  }

  Operand call_function(const FunctionInfo& f, std::size_t start) {
    const Depth depth(*this);
    accept("(");
    std::array<Operand, 3> args{};
    int count = 0;
    if (peek_token() != ")") {
      do {
        const Operand arg = expression();
        if (count < 3) args[static_cast<std::size_t>(count)] = arg;
        ++count;
      } while (accept(","));
    }
    if (!accept(")")) {
      skip_space();
      if (pos_ >= end_) fail(tr_format("'(' of {0} is not closed", {f.name}), start + f.name.size());
      fail(tr_format("expected ',' or ')' in {0}(...), got {1}", {f.name, describe(peek_token())}), pos_);
    }
    if (count != f.arity)
      fail(
          f.arity == 1
              ? tr_format("{0} takes {1} argument, got {2}", {f.name, std::to_string(f.arity), std::to_string(count)})
              : tr_format("{0} takes {1} arguments, got {2}", {f.name, std::to_string(f.arity), std::to_string(count)}),
          start);
    return out_.emit(f.op, args[0], args[1], args[2]);
  }

  std::string_view text_;
  std::size_t pos_;
  std::size_t end_;
  std::span<const std::string_view> variables_;
  ProgramBuilder& out_;
  int depth_ = 0;
};

void check_length(std::string_view text) {
  if (text.size() > kMaxExpressionLength)
    throw ExpressionError(tr_format("too long: {0} characters (at most {1})",
                                    {std::to_string(text.size()), std::to_string(kMaxExpressionLength)}),
                          kMaxExpressionLength + 1);
}

}  // namespace

Program compile_expression(std::string_view text, std::span<const std::string_view> variables) {
  check_length(text);
  ProgramBuilder builder(variables.size());
  Parser parser(text, 0, text.size(), variables, builder);
  const Operand result = parser.parse_all();
  return builder.finish(result);
}

std::vector<Statement> split_statements(std::string_view text) {
  check_length(text);
  std::vector<Statement> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find_first_of(";\n", begin);
    if (end == std::string_view::npos) end = text.size();
    std::size_t first = begin;
    while (first < end && std::string_view(" \t\r").find(text[first]) != std::string_view::npos) ++first;
    std::size_t last = end;
    while (last > first && std::string_view(" \t\r").find(text[last - 1]) != std::string_view::npos) --last;
    if (first < last) {
      std::size_t name_end = first;
      while (name_end < last && is_name_char(text[name_end])) ++name_end;
      if (name_end == first || !is_name_start(text[first]))
        throw ExpressionError(
            tr_format("expected a statement NAME = EXPRESSION, got {0}", {describe(text.substr(first, 1))}), first + 1);
      std::size_t eq = name_end;
      while (eq < last && (text[eq] == ' ' || text[eq] == '\t')) ++eq;
      if (eq >= last || text[eq] != '=' || (eq + 1 < last && text[eq + 1] == '='))
        throw ExpressionError(tr_format("expected '=' after \"{0}\"", {text.substr(first, name_end - first)}), eq + 1);
      out.push_back({std::string(text.substr(first, name_end - first)), first + 1,
                     std::string(text.substr(first, last - first))});
    }
    begin = end + 1;
  }
  return out;
}

Program compile_statements(std::string_view text, std::span<const std::string_view> variables) {
  const std::vector<Statement> statements = split_statements(text);
  ProgramBuilder builder(variables.size());
  Operand last{};
  for (const Statement& s : statements) {
    std::uint32_t target = 0;
    while (target < variables.size() && variables[target] != s.target) ++target;
    if (target == variables.size()) throw ExpressionError(tr_format("cannot assign to \"{0}\"", {s.target}), s.column);
    const std::size_t begin = text.find('=', s.column - 1 + s.target.size()) + 1;
    const std::size_t end = s.column - 1 + s.text.size();
    Parser parser(text, begin, end, variables, builder);
    last = parser.parse_all();
    builder.store(last, target);
  }
  return builder.finish(last);
}

}  // namespace optviz
