// Internal to the expression floor (expression.cpp and program.cpp): how the parser builds a
// Program, folding operations on constants as it goes.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "program.hpp"

namespace optviz {

// x^k with a whole constant k in [2, kMaxProductPower] compiles to powi, repeated products.
inline constexpr double kMaxProductPower = 8;

// The operation on doubles, as Program::run applies it (program.cpp).
double apply_operation(Program::Op op, double a, double b, double c);

// A value while building: a variable's register, a constant, or an instruction's result.
struct ExpressionOperand {
  enum Kind : std::uint8_t { variable, constant, result } kind = constant;
  std::uint32_t index = 0;
};

class ProgramBuilder {
 public:
  using Operand = ExpressionOperand;
  using Op = Program::Op;

  explicit ProgramBuilder(std::size_t variable_count) { program_.variables_ = variable_count; }

  Operand constant(double value) {
    constants_.push_back(value);
    return {Operand::constant, static_cast<std::uint32_t>(constants_.size() - 1)};
  }
  Operand variable(std::uint32_t index) {
    bool seen = false;
    for (std::uint32_t r : program_.read_) seen = seen || r == index;
    if (!seen) program_.read_.push_back(index);
    return {Operand::variable, index};
  }

  // An operation; folded into a constant when every operand is one.
  Operand emit(Op op, Operand a, Operand b = {}, Operand c = {}) {
    const int arity = op == Op::select ? 3 : (is_binary(op) ? 2 : 1);
    const bool folds = a.kind == Operand::constant && (arity < 2 || b.kind == Operand::constant) &&
                       (arity < 3 || c.kind == Operand::constant);
    if (folds) return constant(apply_operation(op, value(a), arity > 1 ? value(b) : 0.0, arity > 2 ? value(c) : 0.0));
    code_.push_back({op, a, arity > 1 ? b : a, arity > 2 ? c : a});
    return {Operand::result, static_cast<std::uint32_t>(code_.size() - 1)};
  }

  std::optional<double> constant_value(Operand o) const {
    if (o.kind != Operand::constant) return std::nullopt;
    return constants_[o.index];
  }

  void store(Operand value, std::uint32_t variable) {
    code_.push_back({Op::store, value, Operand{Operand::variable, variable}, value});
  }

  Program finish(Operand result) {
    const auto reg = [&](Operand o) -> std::uint32_t {
      switch (o.kind) {
        case Operand::variable:
          return o.index;
        case Operand::constant:
          return static_cast<std::uint32_t>(program_.variables_) + o.index;
        case Operand::result:
          break;
      }
      return static_cast<std::uint32_t>(program_.variables_ + constants_.size()) + o.index;
    };
    program_.constants_ = constants_;
    for (const Pending& p : code_) program_.code_.push_back({p.op, reg(p.a), reg(p.b), reg(p.c)});
    program_.result_ = reg(result);
    return std::move(program_);
  }

 private:
  struct Pending {
    Op op;
    Operand a, b, c;
  };
  // The binary operations as one list.
  // clang-format off
  static bool is_binary(Op op) {
    switch (op) {
      case Op::add: case Op::sub: case Op::mul: case Op::div: case Op::pow: case Op::powi: case Op::min: case Op::max:
      case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne: return true;
      default: return false;
    }
  }
  // clang-format on
  double value(Operand o) const { return constants_[o.index]; }

  Program program_;
  std::vector<double> constants_;
  std::vector<Pending> code_;
};

}  // namespace optviz
