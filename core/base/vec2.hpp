// A 2D vector with elementwise arithmetic: the position, gradient and per-coordinate optimizer
// state are all Vec2. The `ew` functions also accept double, so the update rules in optimizer.hpp
// are written once for any value type that provides them (lanes.hpp adds packs of several runs).
#pragma once

#include <cmath>

namespace optviz {

struct Vec2 {
  double x = 0.0;
  double y = 0.0;

  friend constexpr bool operator==(const Vec2&, const Vec2&) = default;
};

constexpr Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
constexpr Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
constexpr Vec2 operator*(Vec2 a, Vec2 b) { return {a.x * b.x, a.y * b.y}; }
constexpr Vec2 operator/(Vec2 a, Vec2 b) { return {a.x / b.x, a.y / b.y}; }
constexpr Vec2 operator*(double s, Vec2 a) { return {s * a.x, s * a.y}; }
constexpr Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
constexpr Vec2 operator/(Vec2 a, double s) { return {a.x / s, a.y / s}; }
constexpr Vec2 operator/(double s, Vec2 a) { return {s / a.x, s / a.y}; }
constexpr Vec2 operator+(Vec2 a, double s) { return {a.x + s, a.y + s}; }
constexpr Vec2 operator-(Vec2 a) { return {-a.x, -a.y}; }

inline bool is_finite(Vec2 a) { return std::isfinite(a.x) && std::isfinite(a.y); }

// The scalar of a value type: what multiplies it and what a run's hyperparameters are. double for
// double and Vec2 (one run); lanes.hpp gives a pack of runs a pack of doubles.
template <class V>
struct Scalar {
  using type = double;
};
template <class V>
using ScalarOf = typename Scalar<V>::type;

// What an optimizer's state records as its step size (`lr`): a V, except for packs of runs, which
// the maps step without looking at it (lanes.hpp), so that its division is never done.
template <class V>
struct StepSizeRecord {
  using type = V;
};

// Elementwise functions, overloaded for double and Vec2.
namespace ew {
inline double sqrt(double a) { return std::sqrt(a); }
inline double abs(double a) { return std::fabs(a); }
inline double max(double a, double b) { return (a < b || std::isnan(b)) ? b : a; }  // NaN wins, as torch.maximum
inline double sign(double a) { return a > 0 ? 1.0 : (a < 0 ? -1.0 : a); }           // sign(0) = 0, sign(NaN) = NaN
inline double pow(double a, double b) { return std::pow(a, b); }
inline double exp(double a) { return std::exp(a); }
inline double cos(double a) { return std::cos(a); }
inline double sin(double a) { return std::sin(a); }
inline bool is_finite(double a) { return std::isfinite(a); }
// Not within [-bound, bound]: beyond it, infinite or NaN.
inline bool beyond(double a, double bound) { return !(std::fabs(a) <= bound); }
// Whether any of the conditions holds (a pack of runs answers per lane).
template <class... Bools>
bool either(bool a, Bools... rest) {
  return (a || ... || rest);
}
// a where the condition holds, else b (a pack of runs chooses per lane).
template <class T>
T where(bool condition, T a, T b) {
  return condition ? a : b;
}

inline Vec2 sqrt(Vec2 a) { return {sqrt(a.x), sqrt(a.y)}; }
inline Vec2 abs(Vec2 a) { return {abs(a.x), abs(a.y)}; }
inline Vec2 max(Vec2 a, Vec2 b) { return {max(a.x, b.x), max(a.y, b.y)}; }
inline Vec2 sign(Vec2 a) { return {sign(a.x), sign(a.y)}; }
}  // namespace ew

}  // namespace optviz
