// A 2D vector with elementwise arithmetic: the position, gradient and per-coordinate optimizer
// state are all Vec2. The `ew` functions also accept double, so the update rules in optimizer.hpp
// are written once for any value type that provides them.
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

// Elementwise functions, overloaded for double and Vec2.
namespace ew {
inline double sqrt(double a) { return std::sqrt(a); }
inline double abs(double a) { return std::fabs(a); }
inline double max(double a, double b) { return (a < b || std::isnan(b)) ? b : a; }  // NaN wins, as torch.maximum
inline double sign(double a) { return a > 0 ? 1.0 : (a < 0 ? -1.0 : a); }  // sign(0) = 0, sign(NaN) = NaN

inline Vec2 sqrt(Vec2 a) { return {sqrt(a.x), sqrt(a.y)}; }
inline Vec2 abs(Vec2 a) { return {abs(a.x), abs(a.y)}; }
inline Vec2 max(Vec2 a, Vec2 b) { return {max(a.x, b.x), max(a.y, b.y)}; }
inline Vec2 sign(Vec2 a) { return {sign(a.x), sign(a.y)}; }
}  // namespace ew

}  // namespace optviz
