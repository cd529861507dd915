// The hidden units' tanh (network.hpp's network_tanh) against std::tanh: its largest relative
// difference over a dense grid of [-40, 40] and near the switch at 1.5, its signs, limits and NaN.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "network.hpp"

using optviz::network_tanh;

namespace {

double relative_difference(double x) {
  const double expected = std::tanh(x);
  return expected == 0 ? std::fabs(network_tanh(x)) : std::fabs(network_tanh(x) - expected) / std::fabs(expected);
}

}  // namespace

TEST_CASE("network_tanh is within 5e-16 relative of std::tanh", "[network][tanh]") {
  double worst = 0;
  for (int i = -400'000; i <= 400'000; ++i) worst = std::max(worst, relative_difference(i * 1e-4));
  for (double x = 1.5 - 1e-6; x < 1.5 + 1e-6; x += 1e-9) worst = std::max(worst, relative_difference(x));
  for (double x = 1e-300; x < 1e-3; x *= 1.7) worst = std::max(worst, relative_difference(x));
  INFO("largest relative difference " << worst);
  CHECK(worst <= 5e-16);  // each within 3.4e-16 of the exact value (mpmath: network.hpp)
  CHECK(network_tanh(0.0) == 0.0);
  CHECK(std::signbit(network_tanh(-0.0)));
  CHECK(network_tanh(400.0) == 1.0);
  CHECK(network_tanh(-std::numeric_limits<double>::infinity()) == -1.0);
  CHECK(std::isnan(network_tanh(std::nan(""))));
}
