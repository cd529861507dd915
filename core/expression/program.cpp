// Running a program: the arithmetic of each operation on double and on Dual, applied
// instruction by instruction over the registers.
#include "program.hpp"

#include <cmath>

#include "program_builder.hpp"

namespace optviz {
namespace {

using Op = Program::Op;

double nan_min(double a, double b) { return (a < b || std::isnan(a)) ? a : b; }
double nan_max(double a, double b) { return (a > b || std::isnan(a)) ? a : b; }
double sign_of(double a) { return a > 0 ? 1.0 : (a < 0 ? -1.0 : a); }

// a^k for a whole k >= 1 as the product a*a*...*a, left to right.
double product_power(double a, double k) {
  double p = a;
  for (double i = 1; i < k; ++i) p *= a;
  return p;
}

// The derivative of g(a) is g'(a) da; where da is 0 the term is 0 even if g'(a) is not finite
// (sqrt at 0, for example), so that a constant direction stays constant.
double times(double da, double derivative) { return da == 0 ? 0.0 : da * derivative; }
Dual chain(const Dual& a, double value, double derivative) {
  return {value, times(a.dx, derivative), times(a.dy, derivative)};
}
Dual constant(double v) { return {v, 0, 0}; }

[[gnu::always_inline]] inline double apply(Op op, double a, double b, double c) {
  switch (op) {
    case Op::neg:
      return -a;
    case Op::add:
      return a + b;
    case Op::sub:
      return a - b;
    case Op::mul:
      return a * b;
    case Op::div:
      return a / b;
    case Op::pow:
      return std::pow(a, b);
    case Op::powi:
      return product_power(a, b);
    case Op::sin:
      return std::sin(a);
    case Op::cos:
      return std::cos(a);
    case Op::tan:
      return std::tan(a);
    case Op::exp:
      return std::exp(a);
    case Op::log:
      return std::log(a);
    case Op::sqrt:
      return std::sqrt(a);
    case Op::abs:
      return std::fabs(a);
    case Op::tanh:
      return std::tanh(a);
    case Op::sinh:
      return std::sinh(a);
    case Op::cosh:
      return std::cosh(a);
    case Op::atan:
      return std::atan(a);
    case Op::sign:
      return sign_of(a);
    case Op::min:
      return nan_min(a, b);
    case Op::max:
      return nan_max(a, b);
    case Op::lt:
      return a < b ? 1.0 : 0.0;
    case Op::le:
      return a <= b ? 1.0 : 0.0;
    case Op::gt:
      return a > b ? 1.0 : 0.0;
    case Op::ge:
      return a >= b ? 1.0 : 0.0;
    case Op::eq:
      return a == b ? 1.0 : 0.0;
    case Op::ne:
      return a != b ? 1.0 : 0.0;
    case Op::select:
      return a != 0 ? b : c;
    case Op::store:
      return a;
  }
  return a;
}

[[gnu::always_inline]] inline Dual apply(Op op, const Dual& a, const Dual& b, const Dual& c) {
  switch (op) {
    case Op::neg:
      return {-a.v, -a.dx, -a.dy};
    case Op::add:
      return {a.v + b.v, a.dx + b.dx, a.dy + b.dy};
    case Op::sub:
      return {a.v - b.v, a.dx - b.dx, a.dy - b.dy};
    case Op::mul:
      return {a.v * b.v, a.dx * b.v + a.v * b.dx, a.dy * b.v + a.v * b.dy};
    case Op::div: {
      const double q = a.v / b.v;
      return {q, (a.dx - q * b.dx) / b.v, (a.dy - q * b.dy) / b.v};
    }
    case Op::pow: {
      const double v = std::pow(a.v, b.v);
      const Dual base = chain(a, v, b.v * std::pow(a.v, b.v - 1));
      // The exponent's term v log(a) db only where the exponent varies: x^2 stays defined for x < 0.
      const Dual exponent = chain(b, v, v * std::log(a.v));
      return {v, base.dx + exponent.dx, base.dy + exponent.dy};
    }
    case Op::powi:
      return chain(a, product_power(a.v, b.v), b.v * product_power(a.v, b.v - 1));
    case Op::sin:
      return chain(a, std::sin(a.v), std::cos(a.v));
    case Op::cos:
      return chain(a, std::cos(a.v), -std::sin(a.v));
    case Op::tan: {
      const double cos = std::cos(a.v);
      return chain(a, std::tan(a.v), 1 / (cos * cos));
    }
    case Op::exp: {
      const double e = std::exp(a.v);
      return chain(a, e, e);
    }
    case Op::log:
      return chain(a, std::log(a.v), 1 / a.v);
    case Op::sqrt: {
      const double s = std::sqrt(a.v);
      return chain(a, s, 0.5 / s);
    }
    case Op::abs:
      return chain(a, std::fabs(a.v), sign_of(a.v));
    case Op::tanh: {
      const double t = std::tanh(a.v);
      return chain(a, t, 1 - t * t);
    }
    case Op::sinh:
      return chain(a, std::sinh(a.v), std::cosh(a.v));
    case Op::cosh:
      return chain(a, std::cosh(a.v), std::sinh(a.v));
    case Op::atan:
      return chain(a, std::atan(a.v), 1 / (1 + a.v * a.v));
    case Op::sign:
      return constant(sign_of(a.v));
    case Op::min:
      return (a.v < b.v || std::isnan(a.v)) ? a : b;
    case Op::max:
      return (a.v > b.v || std::isnan(a.v)) ? a : b;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::eq:
    case Op::ne:
      return constant(apply(op, a.v, b.v, 0));
    case Op::select:
      return a.v != 0 ? b : c;
    case Op::store:
      return a;
  }
  return a;
}

template <class T>
void run_program(const Program& p, std::span<T> r) {
  const std::size_t first_constant = p.variable_count();
  const auto constants = p.constants();
  for (std::size_t i = 0; i < constants.size(); ++i) r[first_constant + i] = T{constants[i]};
  T* const reg = r.data();
  T* out = reg + first_constant + constants.size();
  for (const Program::Instruction& in : p.instructions()) {
    *out = apply(in.op, reg[in.a], reg[in.b], reg[in.c]);
    if (in.op == Op::store) reg[in.b] = *out;
    ++out;
  }
}

}  // namespace

double apply_operation(Program::Op op, double a, double b, double c) { return apply(op, a, b, c); }

void Program::run(std::span<double> registers) const { run_program(*this, registers); }
void Program::run(std::span<Dual> registers) const { run_program(*this, registers); }

}  // namespace optviz
