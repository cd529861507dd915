// Compiled once per instruction set by Highway, as the map kernels are (maps/lane_kernels.cpp), and
// chosen when the program runs: the loop below is what g++ vectorises at each target's width.
#include "activation.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "simd_targets.hpp"  // before Highway's headers

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "activation.cpp"
#include <hwy/foreach_target.h>  // NOLINT: includes this file once per target
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace optviz {
namespace HWY_NAMESPACE {
namespace {

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // ln 2's leading bits: k * kLn2Hi is exact
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kShifter = 0x1.8p52;  // y + kShifter rounds y to an integer, kept in the low bits

double tanh_of(double x) {
  const double magnitude = std::fabs(x);
  const double clamped = magnitude > 20.0 ? 20.0 : magnitude;  // NaN stays NaN
  const double y = -2 * clamped;                               // -40 .. 0
  const double shifted = y * kInvLn2 + kShifter;
  const double k = shifted - kShifter;
  const double r = (y - k * kLn2Hi) - k * kLn2Lo;
  double q = 1.0 / 6227020800.0;  // 1/13!, then down to 1/2!: expm1(r) = r + r^2 q(r)
  q = q * r + 1.0 / 479001600.0;
  q = q * r + 1.0 / 39916800.0;
  q = q * r + 1.0 / 3628800.0;
  q = q * r + 1.0 / 362880.0;
  q = q * r + 1.0 / 40320.0;
  q = q * r + 1.0 / 5040.0;
  q = q * r + 1.0 / 720.0;
  q = q * r + 1.0 / 120.0;
  q = q * r + 1.0 / 24.0;
  q = q * r + 1.0 / 6.0;
  q = q * r + 0.5;
  const double expm1_r = r + (r * r) * q;
  // 2^k from k's bits in `shifted` (k in -58 .. 0): the exponent field k + 1023.
  std::uint64_t bits;
  std::memcpy(&bits, &shifted, sizeof bits);
  bits = (bits + 1023) << 52;
  double two_k;
  std::memcpy(&two_k, &bits, sizeof two_k);  // (not std::bit_cast: the page's libc++ has none)
  const double e = two_k * expm1_r + (two_k - 1);
  return std::copysign(-e / (2 + e), x);
}

}  // namespace

void TanhInPlace(double* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) v[i] = tanh_of(v[i]);
}

}  // namespace HWY_NAMESPACE
}  // namespace optviz
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace optviz {

HWY_EXPORT(TanhInPlace);

void tanh_in_place(std::span<double> values) { HWY_DYNAMIC_DISPATCH(TanhInPlace)(values.data(), values.size()); }

}  // namespace optviz
#endif  // HWY_ONCE
