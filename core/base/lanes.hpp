// Several runs at once, one per lane: a Pack holds a double of each run and a PackVec2 a Vec2 of
// each. They have the arithmetic and the `ew` functions of double and Vec2, so the update rules of
// optimizer.hpp and the built-in functions of formulas.hpp run on them unchanged, and each
// operation is a short loop over the lanes that g++ turns into vector instructions (the lanes of
// a SIMD register are different runs). Comparisons give a Mask, one answer per lane; `ew::where`
// chooses per lane, where one run would branch.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "vec2.hpp"

// A vector of four doubles passed by value has another ABI with AVX than without, which g++ and clang note
// (-Wpsabi) for every inline function here; none of them is ever called across that boundary:
// the kernel that uses them inlines them all (sweep.cpp).
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace optviz {

// Sixteen lanes in four parts of four doubles, each part an AVX2 register (two SSE2 ones):
// enough independent lanes to keep the square roots and divisions busy while each lane waits for
// its previous step. A part is one of g++'s vector types, so each operation on it stays one
// operation; the loops over the parts are unrolled.
inline constexpr int kPartWidth = 4;
inline constexpr int kParts = 4;  // the members p0 .. p3
inline constexpr int kLanes = kPartWidth * kParts;

using PartDoubles = double __attribute__((vector_size(8 * kPartWidth)));
using PartBits = std::int64_t __attribute__((vector_size(8 * kPartWidth)));

// Neither type initialises its lanes when default-initialised (the results of every operation
// are written whole); value-initialised, as in Pack{} or the state's V{}, they are zeros.
struct Mask {
  PartBits p0, p1, p2, p3;  // per lane 0 or -1 (all bits), as vector comparisons give

  bool lane(int i) const {
    const PartBits parts[kParts] = {p0, p1, p2, p3};
    return parts[i / kPartWidth][i % kPartWidth] != 0;
  }
};

struct Pack {
  PartDoubles p0, p1, p2, p3;  // named, not an array, so that each stays in a register

  Pack() = default;
  // A constant of the rules, or a hyperparameter that every run shares, is every lane's.
  Pack(double value)  // NOLINT: implicit, as double converts to a run's scalar
      : p0(value - PartDoubles{}), p1(p0), p2(p0), p3(p0) {}
  double lane(int i) const {
    const PartDoubles parts[kParts] = {p0, p1, p2, p3};
    return parts[i / kPartWidth][i % kPartWidth];
  }
  void set_lane(int i, double value) {
    PartDoubles* parts[kParts] = {&p0, &p1, &p2, &p3};
    (*parts[i / kPartWidth])[i % kPartWidth] = value;
  }
};

struct PackVec2 {
  Pack x;
  Pack y;
};

template <>
struct Scalar<Pack> {
  using type = Pack;
};
template <>
struct Scalar<PackVec2> {
  using type = Pack;
};

namespace lanes {

template <class F>
Pack map_parts(Pack a, F f) {
  Pack r;
  r.p0 = f(a.p0), r.p1 = f(a.p1), r.p2 = f(a.p2), r.p3 = f(a.p3);
  return r;
}

template <class F>
Pack map_parts(Pack a, Pack b, F f) {
  Pack r;
  r.p0 = f(a.p0, b.p0), r.p1 = f(a.p1, b.p1), r.p2 = f(a.p2, b.p2), r.p3 = f(a.p3, b.p3);
  return r;
}

template <class F>
Mask compare_parts(Pack a, Pack b, F f) {
  return {f(a.p0, b.p0), f(a.p1, b.p1), f(a.p2, b.p2), f(a.p3, b.p3)};
}

template <class F>
Mask combine_parts(Mask a, Mask b, F f) {
  return {f(a.p0, b.p0), f(a.p1, b.p1), f(a.p2, b.p2), f(a.p3, b.p3)};
}

// f on each lane, for what has no vector instruction (cos, exp, pow).
template <class F>
Pack map_lanes(Pack a, F f) {
  double in[kLanes], out[kLanes];
  std::memcpy(in, &a, sizeof in);
  for (int i = 0; i < kLanes; ++i) out[i] = f(in[i]);
  Pack r;
  std::memcpy(&r, out, sizeof out);
  return r;
}

inline bool uniform(Pack a) {
  for (int i = 1; i < kLanes; ++i)
    if (!(a.lane(i) == a.lane(0))) return false;
  return true;
}

// |a| per lane, by clearing the sign bit as std::fabs does.
template <class Doubles>
Doubles magnitude(Doubles a) {
  return reinterpret_cast<Doubles>(reinterpret_cast<PartBits>(a) & std::numeric_limits<std::int64_t>::max());
}

// a where the mask's lane is set, else b, by and/or on the bits (g++ expands a vector ?: lane by
// lane).
template <class Bits, class Doubles>
Doubles blend(Bits mask, Doubles a, Doubles b) {
  return reinterpret_cast<Doubles>((reinterpret_cast<Bits>(a) & mask) | (reinterpret_cast<Bits>(b) & ~mask));
}

}  // namespace lanes

inline Pack operator+(Pack a, Pack b) {
  return lanes::map_parts(a, b, [](auto u, auto v) { return u + v; });
}
inline Pack operator-(Pack a, Pack b) {
  return lanes::map_parts(a, b, [](auto u, auto v) { return u - v; });
}
inline Pack operator*(Pack a, Pack b) {
  return lanes::map_parts(a, b, [](auto u, auto v) { return u * v; });
}
inline Pack operator/(Pack a, Pack b) {
  return lanes::map_parts(a, b, [](auto u, auto v) { return u / v; });
}
inline Pack operator-(Pack a) {
  return lanes::map_parts(a, [](auto u) { return -u; });
}

inline Mask operator<(Pack a, Pack b) {
  return lanes::compare_parts(a, b, [](auto u, auto v) { return u < v; });
}
inline Mask operator>(Pack a, Pack b) {
  return lanes::compare_parts(a, b, [](auto u, auto v) { return u > v; });
}
inline Mask operator<=(Pack a, Pack b) {
  return lanes::compare_parts(a, b, [](auto u, auto v) { return u <= v; });
}
inline Mask operator>=(Pack a, Pack b) {
  return lanes::compare_parts(a, b, [](auto u, auto v) { return u >= v; });
}
inline Mask operator==(Pack a, Pack b) {
  return lanes::compare_parts(a, b, [](auto u, auto v) { return u == v; });
}
inline Mask operator!=(Pack a, Pack b) {
  return lanes::compare_parts(a, b, [](auto u, auto v) { return u != v; });
}

inline Mask operator|(Mask a, Mask b) {
  return lanes::combine_parts(a, b, [](auto u, auto v) { return u | v; });
}
inline Mask operator&(Mask a, Mask b) {
  return lanes::combine_parts(a, b, [](auto u, auto v) { return u & v; });
}
inline Mask operator!(Mask a) { return {~a.p0, ~a.p1, ~a.p2, ~a.p3}; }

inline PackVec2 operator+(PackVec2 a, PackVec2 b) { return {a.x + b.x, a.y + b.y}; }
inline PackVec2 operator-(PackVec2 a, PackVec2 b) { return {a.x - b.x, a.y - b.y}; }
inline PackVec2 operator*(PackVec2 a, PackVec2 b) { return {a.x * b.x, a.y * b.y}; }
inline PackVec2 operator/(PackVec2 a, PackVec2 b) { return {a.x / b.x, a.y / b.y}; }
inline PackVec2 operator+(PackVec2 a, Pack s) { return {a.x + s, a.y + s}; }
inline PackVec2 operator-(PackVec2 a, Pack s) { return {a.x - s, a.y - s}; }
inline PackVec2 operator*(PackVec2 a, Pack s) { return {a.x * s, a.y * s}; }
inline PackVec2 operator/(PackVec2 a, Pack s) { return {a.x / s, a.y / s}; }
inline PackVec2 operator+(Pack s, PackVec2 a) { return {s + a.x, s + a.y}; }
inline PackVec2 operator-(Pack s, PackVec2 a) { return {s - a.x, s - a.y}; }
inline PackVec2 operator*(Pack s, PackVec2 a) { return {s * a.x, s * a.y}; }
inline PackVec2 operator/(Pack s, PackVec2 a) { return {s / a.x, s / a.y}; }
inline PackVec2 operator-(PackVec2 a) { return {-a.x, -a.y}; }

namespace ew {

// The same results per lane as for one double, so that every lane gets the bits of its own run.
inline Pack sqrt(Pack a) {
  return lanes::map_parts(a, [](auto u) {
#if defined(__wasm_simd128__)
    // clang leaves these roots scalar on WebAssembly; f64x2.sqrt is the same IEEE root, two at a time.
    using Half = double __attribute__((vector_size(16)));
    const Half low = __builtin_wasm_sqrt_f64x2(Half{u[0], u[1]});
    const Half high = __builtin_wasm_sqrt_f64x2(Half{u[2], u[3]});
    return PartDoubles{low[0], low[1], high[0], high[1]};
#else
    PartDoubles r;
    for (int i = 0; i < kPartWidth; ++i) r[i] = ew::sqrt(u[i]);  // one vsqrtpd with -fno-math-errno
    return r;
#endif
  });
}
inline Pack abs(Pack a) {
  return lanes::map_parts(a, [](auto u) { return lanes::magnitude(u); });
}
inline Pack max(Pack a, Pack b) {  // NaN wins
  return lanes::map_parts(a, b, [](auto u, auto v) { return lanes::blend((u < v) | (v != v), v, u); });
}
inline Pack sign(Pack a) {
  return lanes::map_parts(a, [](auto u) {
    const PartDoubles one = 1 - PartDoubles{};
    return lanes::blend(u > 0, one, lanes::blend(u < 0, -one, u));
  });
}
inline Pack exp(Pack a) {
  return lanes::map_lanes(a, [](double u) { return ew::exp(u); });
}
inline Pack cos(Pack a) {
  return lanes::map_lanes(a, [](double u) { return ew::cos(u); });
}
inline Pack sin(Pack a) {
  return lanes::map_lanes(a, [](double u) { return ew::sin(u); });
}
// A power that every lane shares (beta^t with beta not swept) is computed once.
inline Pack pow(Pack a, Pack b) {
  if (lanes::uniform(a) && lanes::uniform(b)) return ew::pow(a.lane(0), b.lane(0));
  Pack r;
  for (int i = 0; i < kLanes; ++i) r.set_lane(i, ew::pow(a.lane(i), b.lane(i)));
  return r;
}
inline Mask is_finite(Pack a) {
  return lanes::compare_parts(a, std::numeric_limits<double>::max(),
                              [](auto u, auto m) { return lanes::magnitude(u) <= m; });
}
inline Mask beyond(Pack a, double bound) {
  return lanes::compare_parts(a, bound, [](auto u, auto b) { return !(lanes::magnitude(u) <= b); });
}
inline bool any(Mask m) {
  const PartBits bits = m.p0 | m.p1 | m.p2 | m.p3;
  return (bits[0] | bits[1] | bits[2] | bits[3]) != 0;
}
inline bool all(Mask m) {
  const PartBits bits = m.p0 & m.p1 & m.p2 & m.p3;
  return (bits[0] & bits[1] & bits[2] & bits[3]) == -1;
}
template <class... Masks>
Mask either(Mask a, Masks... rest) {
  return (a | ... | rest);
}
inline Pack where(Mask m, Pack a, Pack b) {
  Pack r;
  r.p0 = lanes::blend(m.p0, a.p0, b.p0), r.p1 = lanes::blend(m.p1, a.p1, b.p1);
  r.p2 = lanes::blend(m.p2, a.p2, b.p2), r.p3 = lanes::blend(m.p3, a.p3, b.p3);
  return r;
}

inline PackVec2 sqrt(PackVec2 a) { return {sqrt(a.x), sqrt(a.y)}; }
inline PackVec2 abs(PackVec2 a) { return {abs(a.x), abs(a.y)}; }
inline PackVec2 max(PackVec2 a, PackVec2 b) { return {max(a.x, b.x), max(a.y, b.y)}; }
inline PackVec2 sign(PackVec2 a) { return {sign(a.x), sign(a.y)}; }
inline PackVec2 where(Mask m, PackVec2 a, PackVec2 b) { return {where(m, a.x, b.x), where(m, a.y, b.y)}; }

}  // namespace ew
}  // namespace optviz

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
