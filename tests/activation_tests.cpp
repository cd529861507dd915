// The networks' vectorised tanh (core/network/activation.hpp) against glibc's.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "activation.hpp"
#include "simd.hpp"
#include "simd_target.hpp"

using optviz::tanh_in_place;

namespace {

// |a - b| in units of b's last place.
double ulps(double a, double b) {
  if (a == b) return 0;
  const double b_ulp = std::nextafter(std::fabs(b), std::numeric_limits<double>::infinity()) - std::fabs(b);
  return std::fabs(a - b) / b_ulp;
}

}  // namespace

TEST_CASE("tanh_in_place is within 3 ulp of libm's tanh, from 1e-300 to beyond 20, both signs") {
  std::vector<double> x;
  for (int i = -400000; i <= 400000; ++i) x.push_back(i * 6e-5);  // -24 .. 24, the activations' range
  for (double e = -300; e < 2; e += 0.01) x.push_back(std::pow(10.0, e)), x.push_back(-std::pow(10.0, e));
  std::vector<double> t = x;
  tanh_in_place(t);
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, ulps(t[i], std::tanh(x[i])));
  CHECK(worst <= 3);
  CHECK(worst > 0);  // not libm's own: the bound is what is measured
}

TEST_CASE("tanh_in_place keeps NaN, signs and the limits") {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v{std::nan(""), inf, -inf, 0.0, -0.0, 19.5, 20.0, 700.0, -1e-310};
  tanh_in_place(v);
  CHECK(std::isnan(v[0]));
  CHECK(v[1] == 1.0);
  CHECK(v[2] == -1.0);
  CHECK((v[3] == 0.0 && !std::signbit(v[3])));
  CHECK((v[4] == 0.0 && std::signbit(v[4])));
  CHECK(v[5] == std::tanh(19.5));
  CHECK(v[6] == 1.0);
  CHECK(v[7] == 1.0);
  CHECK(v[8] == -1e-310);
}

TEST_CASE("tanh_in_place gives the same bits on every SIMD target the CPU runs") {
  std::vector<double> x;
  for (int i = -20000; i <= 20000; ++i) x.push_back(i * 1.3e-3 + 1e-9 * i * i);
  std::vector<double> widest = x;
  tanh_in_place(widest);
  for (const std::string& target : optviz::simd_targets()) {
    const optviz::UseSimdTarget use(target);
    std::vector<double> t = x;
    tanh_in_place(t);
    INFO("SIMD target " << target);
    CHECK(t == widest);
  }
}
