#include "random.hpp"

#include <algorithm>
#include <cmath>

namespace optviz {
namespace {

std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;

}  // namespace

std::uint64_t random_bits(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter, std::uint64_t index) {
  std::uint64_t h = mix(seed + kGolden);
  h = mix(h ^ (stream + 2 * kGolden));
  h = mix(h ^ (counter + 3 * kGolden));
  return mix(h ^ (index + 4 * kGolden));
}

double random_uniform(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter, std::uint64_t index) {
  return static_cast<double>(random_bits(seed, stream, counter, index) >> 11) * 0x1.0p-53;
}

double portable_log(double x) {
  // x = m 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(u), u = (m - 1) / (m + 1), |u| < 0.172.
  int e = 0;
  double m = std::frexp(x, &e);  // exact: m in [0.5, 1)
  if (m < 0.7071067811865476) {
    m *= 2;
    --e;
  }
  const double u = (m - 1) / (m + 1);
  const double u2 = u * u;
  // atanh(u) = u (1 + u^2/3 + u^4/5 + ...); 12 terms reach below 1e-17 for |u| < 0.172.
  double sum = 0;
  for (int k = 23; k >= 1; k -= 2) sum = sum * u2 + 1.0 / k;
  constexpr double kLn2 = 0.6931471805599453;
  return 2 * u * sum + e * kLn2;
}

Vec2 random_normal_pair(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter) {
  for (std::uint64_t attempt = 0;; attempt += 2) {
    const double u = 2 * random_uniform(seed, stream, counter, attempt) - 1;
    const double v = 2 * random_uniform(seed, stream, counter, attempt + 1) - 1;
    const double s = u * u + v * v;
    if (s >= 1 || s == 0) continue;  // accepted with probability pi/4: the loop ends
    const double f = std::sqrt(-2 * portable_log(s) / s);
    return {u * f, v * f};
  }
}

std::vector<std::size_t> random_permutation(std::size_t n, std::uint64_t seed, std::uint64_t stream,
                                            std::uint64_t counter) {
  std::vector<std::size_t> p(n);
  for (std::size_t i = 0; i < n; ++i) p[i] = i;
  for (std::size_t i = n; i > 1; --i) {
    // j uniform in [0, i) (53 random bits scaled; the product is correctly rounded IEEE arithmetic).
    const auto j =
        std::min(i - 1, static_cast<std::size_t>(random_uniform(seed, stream, counter, i) * static_cast<double>(i)));
    std::swap(p[i - 1], p[j]);
  }
  return p;
}

}  // namespace optviz
