// The formulas of the built-in test functions (test_functions.cpp adds their names, view boxes and
// minima), each a value and an analytic gradient written once as templates over the point type P:
// Vec2 for one point, PackVec2 (lanes.hpp) for one point per lane, which the sweeps evaluate.
#pragma once

#include <cstddef>
#include <numbers>
#include <tuple>
#include <type_traits>
#include <utility>

#include "lanes.hpp"
#include "vec2.hpp"

namespace optviz::formulas {

using std::numbers::pi;

template <class T>
T sq(T a) {
  return a * a;
}

struct Rosenbrock {
  template <class P>
  static ScalarOf<P> value(P p) {
    return sq(1 - p.x) + 100 * sq(p.y - p.x * p.x);
  }
  template <class P>
  static P gradient(P p) {
    const auto r = p.y - p.x * p.x;
    return {-2 * (1 - p.x) - 400 * p.x * r, 200 * r};
  }
};

struct Beale {
  template <class P>
  static ScalarOf<P> value(P p) {
    const auto [x, y] = p;
    return sq(1.5 - x + x * y) + sq(2.25 - x + x * y * y) + sq(2.625 - x + x * y * y * y);
  }
  template <class P>
  static P gradient(P p) {
    const auto [x, y] = p;
    const auto a = 1.5 - x + x * y;
    const auto b = 2.25 - x + x * y * y;
    const auto c = 2.625 - x + x * y * y * y;
    return {2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1),
            2 * a * x + 4 * b * x * y + 6 * c * x * y * y};
  }
};

struct Himmelblau {
  template <class P>
  static ScalarOf<P> value(P p) {
    return sq(p.x * p.x + p.y - 11) + sq(p.x + p.y * p.y - 7);
  }
  template <class P>
  static P gradient(P p) {
    const auto a = p.x * p.x + p.y - 11;
    const auto b = p.x + p.y * p.y - 7;
    return {4 * p.x * a + 2 * b, 2 * a + 4 * p.y * b};
  }
};

struct Booth {
  template <class P>
  static ScalarOf<P> value(P p) {
    return sq(p.x + 2 * p.y - 7) + sq(2 * p.x + p.y - 5);
  }
  template <class P>
  static P gradient(P p) {
    const auto a = p.x + 2 * p.y - 7;
    const auto b = 2 * p.x + p.y - 5;
    return {2 * a + 4 * b, 4 * a + 2 * b};
  }
};

struct Rastrigin {
  template <class P>
  static ScalarOf<P> value(P p) {
    return 20 + p.x * p.x - 10 * ew::cos(2 * pi * p.x) + p.y * p.y - 10 * ew::cos(2 * pi * p.y);
  }
  template <class P>
  static P gradient(P p) {
    return {2 * p.x + 20 * pi * ew::sin(2 * pi * p.x), 2 * p.y + 20 * pi * ew::sin(2 * pi * p.y)};
  }
};

struct Ackley {
  template <class P>
  static ScalarOf<P> value(P p) {
    const auto r = ew::sqrt(0.5 * (p.x * p.x + p.y * p.y));
    return -20 * ew::exp(-0.2 * r) - ew::exp(0.5 * (ew::cos(2 * pi * p.x) + ew::cos(2 * pi * p.y))) + std::numbers::e +
           20;
  }
  template <class P>
  static P gradient(P p) {
    const auto r = ew::sqrt(0.5 * (p.x * p.x + p.y * p.y));
    // The first term's gradient 2 p exp(-0.2 r) / r tends to a direction-dependent limit at the
    // origin; the reference defines it as 0 there.
    const auto radial = ew::where(r > 0, 2 * ew::exp(-0.2 * r) / r, 0.0);
    const auto wave = pi * ew::exp(0.5 * (ew::cos(2 * pi * p.x) + ew::cos(2 * pi * p.y)));
    return {radial * p.x + wave * ew::sin(2 * pi * p.x), radial * p.y + wave * ew::sin(2 * pi * p.y)};
  }
};

struct GoldsteinPrice {
  template <class P>
  static ScalarOf<P> value(P p) {
    const auto [x, y] = p;
    const auto a = 1 + sq(x + y + 1) * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y);
    const auto b = 30 + sq(2 * x - 3 * y) * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y);
    return a * b;
  }
  template <class P>
  static P gradient(P p) {
    const auto [x, y] = p;
    const auto s = x + y + 1;
    const auto ps = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
    const auto d = 2 * x - 3 * y;
    const auto qd = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
    const auto a = 1 + s * s * ps;
    const auto b = 30 + d * d * qd;
    const auto da = 2 * s * ps + s * s * (-14 + 6 * x + 6 * y);  // the same for x and y
    const auto db_dx = 4 * d * qd + d * d * (-32 + 24 * x - 36 * y);
    const auto db_dy = -6 * d * qd + d * d * (48 - 36 * x + 54 * y);
    return {da * b + a * db_dx, da * b + a * db_dy};
  }
};

struct Saddle {
  template <class P>
  static ScalarOf<P> value(P p) {
    return p.x * p.x - p.y * p.y;
  }
  template <class P>
  static P gradient(P p) {
    return {2 * p.x, -2 * p.y};
  }
};

struct Quadratic {
  template <class P>
  static ScalarOf<P> value(P p) {
    return 0.5 * (p.x * p.x + 25 * p.y * p.y);
  }
  template <class P>
  static P gradient(P p) {
    return {p.x, 25 * p.y};
  }
};

struct SixHumpCamel {
  template <class P>
  static ScalarOf<P> value(P p) {
    const auto [x, y] = p;
    return (4 - 2.1 * x * x + x * x * x * x / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y;
  }
  template <class P>
  static P gradient(P p) {
    const auto [x, y] = p;
    return {8 * x - 8.4 * x * x * x + 2 * x * x * x * x * x + y, x - 8 * y + 16 * y * y * y};
  }
};

struct StyblinskiTang {
  template <class P>
  static ScalarOf<P> value(P p) {
    const auto [x, y] = p;
    return 0.5 * (x * x * x * x - 16 * x * x + 5 * x + y * y * y * y - 16 * y * y + 5 * y);
  }
  template <class P>
  static P gradient(P p) {
    const auto [x, y] = p;
    return {2 * x * x * x - 16 * x + 2.5, 2 * y * y * y - 16 * y + 2.5};
  }
};

struct Matyas {
  template <class P>
  static ScalarOf<P> value(P p) {
    return 0.26 * (p.x * p.x + p.y * p.y) - 0.48 * p.x * p.y;
  }
  template <class P>
  static P gradient(P p) {
    return {0.52 * p.x - 0.48 * p.y, 0.52 * p.y - 0.48 * p.x};
  }
};

// Every formula; a built-in test function carries its index here (TestFunction::formula_index).
using All = std::tuple<Rosenbrock, Beale, Himmelblau, Booth, Rastrigin, Ackley, GoldsteinPrice, Saddle, Quadratic,
                       SixHumpCamel, StyblinskiTang, Matyas>;

inline constexpr std::size_t kCount = std::tuple_size_v<All>;

template <std::size_t I>
using At = std::tuple_element_t<I, All>;

// The index in All of Formula.
template <class Formula>
inline constexpr std::size_t kIndexOf = []<std::size_t... I>(std::index_sequence<I...>) {
  std::size_t index = kCount;
  ((std::is_same_v<Formula, At<I>> ? (index = I, 0) : 0), ...);
  return index;
}
(std::make_index_sequence<kCount>());

// Calls f.template operator()<Formula>() with the formula at `index` (< kCount) of All: a loop
// that calls it once compiles one monomorphic loop per formula.
template <class F>
void with_formula(std::size_t index, F&& f) {
  [&]<std::size_t... I>(std::index_sequence<I...>) { ((index == I ? (f.template operator()<At<I>>(), 0) : 0), ...); }
  (std::make_index_sequence<kCount>());
}

}  // namespace optviz::formulas
