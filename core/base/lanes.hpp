// Several runs at once, one per lane: a BasicPack<W> holds a double of each run and a
// BasicPackVec2<W> a Vec2 of each. They have the arithmetic and the `ew` functions of double and
// Vec2, so the update rules of optimizer.hpp and the built-in functions of formulas.hpp run on them
// unchanged, and each operation is a short loop over the lanes that the compiler turns into vector
// instructions (the lanes of a SIMD register are different runs). Comparisons give a BasicMask<W>,
// one answer per lane; `ew::where` chooses per lane, where one run would branch.
//
// W is the width of one vector register in doubles: 8 with AVX-512, 4 with AVX2, 2 with SSE2, NEON
// or WebAssembly SIMD. The kernels that use packs (maps/lane_kernels.cpp) are compiled once per
// instruction set with that set's W and chosen when the program runs.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "vec2.hpp"

// A vector passed by value has another ABI with AVX than without, which g++ and clang note
// (-Wpsabi) for every inline function here; none of them is ever called across that boundary:
// the kernels that use them inline them all (lane_kernels.cpp).
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace optviz {

// One part: W doubles, and W masks of 64 bits, as g++'s and clang's vector types.
template <int W>
struct PartTypes;
template <>
struct PartTypes<2> {
  using Doubles = double __attribute__((vector_size(16)));
  using Bits = std::int64_t __attribute__((vector_size(16)));
};
template <>
struct PartTypes<4> {
  using Doubles = double __attribute__((vector_size(32)));
  using Bits = std::int64_t __attribute__((vector_size(32)));
};
template <>
struct PartTypes<8> {
  using Doubles = double __attribute__((vector_size(64)));
  using Bits = std::int64_t __attribute__((vector_size(64)));
};

// Two parts, each one register, so that each operation on a part stays one instruction. The kernels
// keep several packs in flight (lane_kernels.hpp's kPacks), each stepped whole before the next, so
// that the processor overlaps one pack's chain of dependent operations with the others' square
// roots and divisions: one pack of eight registers, each operation done for all eight in turn, took
// the RMSprop sweep of the benchmark 40 ms where four packs of two take 33. (A pack of one register
// would be a struct of one vector, whose mode g++ 12 mixes up between Highway's targets: an internal
// compiler error.)
inline constexpr int kParts = 2;  // the members p0, p1

template <int W>
inline constexpr int kLanesOf = W* kParts;

// Neither type initialises its lanes when default-initialised (the results of every operation
// are written whole); value-initialised, as in Pack{} or the state's V{}, they are zeros.
template <int W>
struct BasicMask {
  using Bits = typename PartTypes<W>::Bits;
  Bits p0, p1;  // per lane 0 or -1 (all bits), as vector comparisons give

  bool lane(int i) const { return (i < W ? p0[i] : p1[i - W]) != 0; }
  friend BasicMask operator|(BasicMask a, BasicMask b) { return {a.p0 | b.p0, a.p1 | b.p1}; }
  friend BasicMask operator&(BasicMask a, BasicMask b) { return {a.p0 & b.p0, a.p1 & b.p1}; }
  friend BasicMask operator!(BasicMask a) { return {~a.p0, ~a.p1}; }
};

template <int W>
struct BasicPack {
  using Doubles = typename PartTypes<W>::Doubles;
  using Mask = BasicMask<W>;
  Doubles p0, p1;  // named, not an array, so that each stays in a register

  BasicPack() = default;
  // A constant of the rules, or a hyperparameter that every run shares, is every lane's.
  BasicPack(double value)  // NOLINT: implicit, as double converts to a run's scalar
      : p0(value - Doubles{}), p1(p0) {}
  double lane(int i) const { return i < W ? p0[i] : p1[i - W]; }
  void set_lane(int i, double value) {
    if (i < W)
      p0[i] = value;
    else
      p1[i - W] = value;
  }
  // Lanes 0 .. kParts * W - 1 from memory.
  static BasicPack load(const double* lanes) {
    BasicPack r;
    std::memcpy(&r.p0, lanes, sizeof r.p0);
    std::memcpy(&r.p1, lanes + W, sizeof r.p1);
    return r;
  }

  template <class F>
  static BasicPack map(BasicPack a, F f) {
    BasicPack r;
    r.p0 = f(a.p0), r.p1 = f(a.p1);
    return r;
  }
  template <class F>
  static BasicPack map(BasicPack a, BasicPack b, F f) {
    BasicPack r;
    r.p0 = f(a.p0, b.p0), r.p1 = f(a.p1, b.p1);
    return r;
  }
  template <class F>
  static Mask compare(BasicPack a, BasicPack b, F f) {
    return {f(a.p0, b.p0), f(a.p1, b.p1)};
  }

  // Friends, so that a double converts to a pack on either side (1 - p.x).
  friend BasicPack operator+(BasicPack a, BasicPack b) {
    return map(a, b, [](auto u, auto v) { return u + v; });
  }
  friend BasicPack operator-(BasicPack a, BasicPack b) {
    return map(a, b, [](auto u, auto v) { return u - v; });
  }
  friend BasicPack operator*(BasicPack a, BasicPack b) {
    return map(a, b, [](auto u, auto v) { return u * v; });
  }
  friend BasicPack operator/(BasicPack a, BasicPack b) {
    return map(a, b, [](auto u, auto v) { return u / v; });
  }
  friend BasicPack operator-(BasicPack a) {
    return map(a, [](auto u) { return -u; });
  }
  friend Mask operator<(BasicPack a, BasicPack b) {
    return compare(a, b, [](auto u, auto v) { return u < v; });
  }
  friend Mask operator>(BasicPack a, BasicPack b) {
    return compare(a, b, [](auto u, auto v) { return u > v; });
  }
  friend Mask operator<=(BasicPack a, BasicPack b) {
    return compare(a, b, [](auto u, auto v) { return u <= v; });
  }
  friend Mask operator>=(BasicPack a, BasicPack b) {
    return compare(a, b, [](auto u, auto v) { return u >= v; });
  }
  friend Mask operator==(BasicPack a, BasicPack b) {
    return compare(a, b, [](auto u, auto v) { return u == v; });
  }
  friend Mask operator!=(BasicPack a, BasicPack b) {
    return compare(a, b, [](auto u, auto v) { return u != v; });
  }
};

template <int W>
struct BasicPackVec2 {
  using Pack = BasicPack<W>;
  Pack x;
  Pack y;

  friend BasicPackVec2 operator+(BasicPackVec2 a, BasicPackVec2 b) { return {a.x + b.x, a.y + b.y}; }
  friend BasicPackVec2 operator-(BasicPackVec2 a, BasicPackVec2 b) { return {a.x - b.x, a.y - b.y}; }
  friend BasicPackVec2 operator*(BasicPackVec2 a, BasicPackVec2 b) { return {a.x * b.x, a.y * b.y}; }
  friend BasicPackVec2 operator/(BasicPackVec2 a, BasicPackVec2 b) { return {a.x / b.x, a.y / b.y}; }
  friend BasicPackVec2 operator+(BasicPackVec2 a, Pack s) { return {a.x + s, a.y + s}; }
  friend BasicPackVec2 operator-(BasicPackVec2 a, Pack s) { return {a.x - s, a.y - s}; }
  friend BasicPackVec2 operator*(BasicPackVec2 a, Pack s) { return {a.x * s, a.y * s}; }
  friend BasicPackVec2 operator/(BasicPackVec2 a, Pack s) { return {a.x / s, a.y / s}; }
  friend BasicPackVec2 operator+(Pack s, BasicPackVec2 a) { return {s + a.x, s + a.y}; }
  friend BasicPackVec2 operator-(Pack s, BasicPackVec2 a) { return {s - a.x, s - a.y}; }
  friend BasicPackVec2 operator*(Pack s, BasicPackVec2 a) { return {s * a.x, s * a.y}; }
  friend BasicPackVec2 operator/(Pack s, BasicPackVec2 a) { return {s / a.x, s / a.y}; }
  friend BasicPackVec2 operator-(BasicPackVec2 a) { return {-a.x, -a.y}; }
};

template <int W>
struct Scalar<BasicPack<W>> {
  using type = BasicPack<W>;
};
template <int W>
struct Scalar<BasicPackVec2<W>> {
  using type = BasicPack<W>;
};

// A step size that is not kept: assigning it does nothing, and the computation of the value is dead.
struct Unrecorded {
  template <class T>
  Unrecorded& operator=(const T&) {
    return *this;
  }
  friend bool operator==(Unrecorded, Unrecorded) = default;
};
template <int W>
struct StepSizeRecord<BasicPackVec2<W>> {
  using type = Unrecorded;
};

namespace lanes {

template <class T>
struct PackWidth : std::integral_constant<int, 0> {};
template <int W>
struct PackWidth<BasicPack<W>> : std::integral_constant<int, W> {};

// The pack type of a call that mixes packs and doubles (ew::pow(0.96, t), ew::where(m, a, 0.0)).
template <class... T>
using PackOf = BasicPack<(PackWidth<T>::value | ...)>;
template <class... T>
concept AnyPack = ((PackWidth<T>::value > 0) || ...);

// f on each lane, for what has no vector instruction (cos, exp, pow).
template <int W, class F>
BasicPack<W> map_lanes(BasicPack<W> a, F f) {
  constexpr int n = kLanesOf<W>;
  double in[n], out[n];
  std::memcpy(in, &a, sizeof in);
  for (int i = 0; i < n; ++i) out[i] = f(in[i]);
  BasicPack<W> r;
  std::memcpy(&r, out, sizeof out);
  return r;
}

template <int W>
bool uniform(BasicPack<W> a) {
  for (int i = 1; i < kLanesOf<W>; ++i)
    if (!(a.lane(i) == a.lane(0))) return false;
  return true;
}

// |a| per lane, by clearing the sign bit as std::fabs does.
template <class Bits, class Doubles>
Doubles magnitude(Doubles a) {
  return reinterpret_cast<Doubles>(reinterpret_cast<Bits>(a) & std::numeric_limits<std::int64_t>::max());
}

// a where the mask's lane is set, else b, by and/or on the bits (g++ expands a vector ?: lane by
// lane).
template <class Bits, class Doubles>
Doubles blend(Bits mask, Doubles a, Doubles b) {
  return reinterpret_cast<Doubles>((reinterpret_cast<Bits>(a) & mask) | (reinterpret_cast<Bits>(b) & ~mask));
}

}  // namespace lanes

namespace ew {

// The same results per lane as for one double, so that every lane gets the bits of its own run.
template <int W>
BasicPack<W> sqrt(BasicPack<W> a) {
  return BasicPack<W>::map(a, [](auto u) {
#if defined(__wasm_simd128__)
    // clang leaves these roots scalar on WebAssembly; f64x2.sqrt is the same IEEE root, two at once.
    if constexpr (W == 2)
      return decltype(u)(__builtin_wasm_sqrt_f64x2(u));
    else
#endif
    {
      decltype(u) r;
      for (int i = 0; i < W; ++i) r[i] = ew::sqrt(u[i]);  // one vsqrtpd with -fno-math-errno
      return r;
    }
  });
}
template <int W>
BasicPack<W> abs(BasicPack<W> a) {
  return BasicPack<W>::map(a, [](auto u) { return lanes::magnitude<typename PartTypes<W>::Bits>(u); });
}
template <class A, class B>
requires lanes::AnyPack<A, B> lanes::PackOf<A, B> max(A a, B b) {  // NaN wins
  using P = lanes::PackOf<A, B>;
  return P::map(P(a), P(b), [](auto u, auto v) { return lanes::blend((u < v) | (v != v), v, u); });
}
template <int W>
BasicPack<W> sign(BasicPack<W> a) {
  return BasicPack<W>::map(a, [](auto u) {
    const decltype(u) one = 1 - decltype(u){};
    return lanes::blend(u > 0, one, lanes::blend(u < 0, -one, u));
  });
}
template <int W>
BasicPack<W> exp(BasicPack<W> a) {
  return lanes::map_lanes(a, [](double u) { return ew::exp(u); });
}
template <int W>
BasicPack<W> cos(BasicPack<W> a) {
  return lanes::map_lanes(a, [](double u) { return ew::cos(u); });
}
template <int W>
BasicPack<W> sin(BasicPack<W> a) {
  return lanes::map_lanes(a, [](double u) { return ew::sin(u); });
}
// A power that every lane shares (beta^t with beta not swept) is computed once.
template <class A, class B>
requires lanes::AnyPack<A, B> lanes::PackOf<A, B> pow(A base, B exponent) {
  using P = lanes::PackOf<A, B>;
  const P a(base), b(exponent);
  if (lanes::uniform(a) && lanes::uniform(b)) return ew::pow(a.lane(0), b.lane(0));
  constexpr int n = kLanesOf<lanes::PackWidth<P>::value>;
  double out[n];
  for (int i = 0; i < n; ++i) out[i] = ew::pow(a.lane(i), b.lane(i));
  P r;
  std::memcpy(&r, out, sizeof out);
  return r;
}
// Whether |a| > bound (or a is NaN), for bound >= 0. With 8 doubles to a register (AVX-512), on the
// bits: g++ turns AVX-512 comparisons combined with | (as divergence() does) into one test per lane,
// while arithmetic stays vectors. With the sign cleared, doubles order as their bits do as
// integers, and NaN's bits lie above infinity's: the sign of bits(bound) - bits(|a|), spread over
// the lane by an arithmetic shift, is the answer. Narrower registers have no 64-bit arithmetic
// shift, and compare.
template <int W>
BasicMask<W> beyond(BasicPack<W> a, double bound) {
  using Bits = typename PartTypes<W>::Bits;
  if constexpr (W == 8) {
    std::int64_t limit;
    std::memcpy(&limit, &bound, sizeof limit);
    const auto check = [limit](auto u) -> Bits {
      return (limit - (reinterpret_cast<Bits>(u) & std::numeric_limits<std::int64_t>::max())) >> 63;
    };
    return {check(a.p0), check(a.p1)};
  } else {
    return BasicPack<W>::compare(a, bound, [](auto u, auto b) { return !(lanes::magnitude<Bits>(u) <= b); });
  }
}
template <int W>
BasicMask<W> is_finite(BasicPack<W> a) {
  return !beyond(a, std::numeric_limits<double>::max());
}
// Without a branch per lane, which would keep the mask in memory.
template <int W>
bool any(BasicMask<W> m) {
  const auto bits = m.p0 | m.p1;
  std::int64_t folded = 0;
  for (int i = 0; i < W; ++i) folded |= bits[i];
  return folded != 0;
}
template <int W>
bool all(BasicMask<W> m) {
  const auto bits = m.p0 & m.p1;
  std::int64_t folded = -1;
  for (int i = 0; i < W; ++i) folded &= bits[i];
  return folded == -1;
}
template <int W, class... Masks>
BasicMask<W> either(BasicMask<W> a, Masks... rest) {
  return (a | ... | rest);
}
template <int W, class A, class B>
requires lanes::AnyPack<A, B> lanes::PackOf<A, B> where(BasicMask<W> m, A if_set, B otherwise) {
  using P = lanes::PackOf<A, B>;
  const P a(if_set), b(otherwise);
  P r;
  r.p0 = lanes::blend(m.p0, a.p0, b.p0), r.p1 = lanes::blend(m.p1, a.p1, b.p1);
  return r;
}

template <int W>
BasicPackVec2<W> sqrt(BasicPackVec2<W> a) {
  return {sqrt(a.x), sqrt(a.y)};
}
template <int W>
BasicPackVec2<W> abs(BasicPackVec2<W> a) {
  return {abs(a.x), abs(a.y)};
}
template <int W>
BasicPackVec2<W> max(BasicPackVec2<W> a, BasicPackVec2<W> b) {
  return {max(a.x, b.x), max(a.y, b.y)};
}
template <int W>
BasicPackVec2<W> sign(BasicPackVec2<W> a) {
  return {sign(a.x), sign(a.y)};
}
template <int W>
BasicPackVec2<W> where(BasicMask<W> m, BasicPackVec2<W> a, BasicPackVec2<W> b) {
  return {where(m, a.x, b.x), where(m, a.y, b.y)};
}

}  // namespace ew
}  // namespace optviz

#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
