// The formulas of the built-in test functions (test_functions.cpp adds their names, view boxes and
// minima), each a value and an analytic gradient written once as templates over the point type P:
// Vec2 for one point, PackVec2 (lanes.hpp) for one point per lane, which the sweeps evaluate.
//
// Each also states `finite_in_bound`: whether its value and gradient, computed as written, are
// finite wherever x and y are finite with |x|, |y| <= kFiniteBound (1e12, a run's divergence bound:
// trajectory.hpp). Where it holds, a sweep proves that no row of a run diverged from the positions
// alone, and computes f only on the rows that need it (maps/lane_kernels.cpp). The proof beside
// each bounds every intermediate of the evaluation by putting B = 1e12 for |x| and |y| into the
// magnitudes of its terms (the largest double is 1.8e308); sin and cos of a finite number are
// finite. A formula with exp, log or a division does not claim it. function_tests.cpp evaluates
// every formula that claims it at the corners and edges of the bound.
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

inline constexpr double kFiniteBound = 1e12;

template <class T>
T sq(T a) {
  return a * a;
}

struct Rosenbrock {
  // |y - x^2| <= 1.01e24, 100 (y - x^2)^2 <= 1.1e50; the gradient's 400 |x| |r| <= 4.1e38.
  static constexpr bool finite_in_bound = true;
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
  // |x y^3| <= 1e48, each square <= 1.1e96; the gradient's terms (6 |c| |x| y^2) <= 6.1e84.
  static constexpr bool finite_in_bound = true;
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
  // |x^2 + y - 11| <= 1.1e24, its square <= 1.3e48; the gradient's 4 |x| |a| <= 4.4e36.
  static constexpr bool finite_in_bound = true;
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
  // |x + 2 y - 7| <= 3.1e12, its square <= 9.7e24; the gradient <= 1.9e13.
  static constexpr bool finite_in_bound = true;
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
  // x^2 <= 1e24, 2 pi |x| <= 6.3e12 (finite, so cos and sin are in [-1, 1]); the gradient <= 2.1e12.
  static constexpr bool finite_in_bound = true;
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
  // exp, and a division by r: not claimed.
  static constexpr bool finite_in_bound = false;
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
  // (x + y + 1)^2 <= 9.1e24, the factor after it <= 1.3e25, a <= 1.2e50; (2x - 3y)^2 <= 2.6e25, its
  // factor <= 7.6e25, b <= 2e51; a b <= 2.4e101. The gradient: da <= 2e38, db <= 3.1e39, each product <= 4e89.
  static constexpr bool finite_in_bound = true;
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
  // x^2 - y^2: each square <= 1e24.
  static constexpr bool finite_in_bound = true;
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
  // 0.5 (x^2 + 25 y^2) <= 1.3e25.
  static constexpr bool finite_in_bound = true;
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
  // x^4 / 3 <= 3.4e47, times x^2 <= 3.4e71; (4 y^2 - 4) y^2 <= 4e48; the gradient's 2 x^5 <= 2e60.
  static constexpr bool finite_in_bound = true;
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
  // x^4 <= 1e48, 16 x^2 <= 1.6e25; the gradient's 2 x^3 <= 2e36.
  static constexpr bool finite_in_bound = true;
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
  // 0.26 (x^2 + y^2) + 0.48 |x y| <= 1e24.
  static constexpr bool finite_in_bound = true;
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
