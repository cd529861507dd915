// A compiled formula: a flat program of instructions over registers, run in double (values) or in
// dual numbers (values and exact gradients). Made by the compiler of expression.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace optviz {

// A number with its derivatives along x and y.
struct Dual {
  double v = 0;
  double dx = 0;
  double dy = 0;
};

// A compiled formula. Registers hold the variables first (in the order given to the compiler),
// then the constants, then one register per instruction; an instruction reads registers and writes
// its own, except a store, which writes a variable's register (rules assign their variables so).
class Program {
 public:
  // clang-format off
  enum class Op : std::uint8_t {
    neg, add, sub, mul, div, pow, powi, sin, cos, tan, exp, log, sqrt, abs, tanh, sinh, cosh, atan,
    sign, min, max, lt, le, gt, ge, eq, ne, select, store
  };
  // clang-format on
  // powi: a power with a small whole exponent (the constant register b), as repeated products.
  struct Instruction {
    Op op;
    std::uint32_t a = 0, b = 0, c = 0;  // operand registers (store: a is the value, b the variable)
  };

  std::size_t variable_count() const { return variables_; }
  std::span<const double> constants() const { return constants_; }
  std::span<const Instruction> instructions() const { return code_; }
  std::size_t register_count() const { return variables_ + constants_.size() + code_.size(); }
  // The register that holds the value of the whole expression (for a single expression).
  std::uint32_t result() const { return result_; }
  // The variables that the program reads, in order of first appearance.
  std::span<const std::uint32_t> variables_read() const { return read_; }

  // Runs the program on `registers` (register_count() long, the variables filled in); fills the
  // constants and every instruction's register. T is double or Dual.
  void run(std::span<double> registers) const;
  void run(std::span<Dual> registers) const;

 private:
  friend class ProgramBuilder;
  std::size_t variables_ = 0;
  std::vector<double> constants_;
  std::vector<Instruction> code_;
  std::uint32_t result_ = 0;
  std::vector<std::uint32_t> read_;
};

}  // namespace optviz
