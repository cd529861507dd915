#include "colour_map.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace optviz::gui {
namespace {

// The path through OKLab (Ottosson 2020): lightness, chroma and hue (degrees) at t = 0 and 1,
// with the chroma peaking in between. The hue turns from blue-violet to yellow.
constexpr double kLightness0 = 0.27, kLightness1 = 0.93;
constexpr double kHue0 = 290, kHue1 = 105;
constexpr double kChroma0 = 0.13, kChromaMid = 0.10, kChroma1 = 0.19;

double to_srgb(double linear) {
  linear = std::clamp(linear, 0.0, 1.0);
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1 / 2.4) - 0.055;
}

}  // namespace

Colour colour_map(double t) {
  t = std::isnan(t) ? 1.0 : std::clamp(t, 0.0, 1.0);
  const double lightness = kLightness0 + (kLightness1 - kLightness0) * t;
  // A quadratic through the three chroma values at t = 0, 0.5 and 1.
  const double chroma = kChroma0 * (1 - t) * (1 - 2 * t) + 4 * kChromaMid * t * (1 - t) + kChroma1 * t * (2 * t - 1);
  const double hue = (kHue0 + (kHue1 - kHue0) * t) * std::numbers::pi / 180;
  const double a = chroma * std::cos(hue), b = chroma * std::sin(hue);

  // OKLab to linear sRGB.
  const double l_ = lightness + 0.3963377774 * a + 0.2158037573 * b;
  const double m_ = lightness - 0.1055613458 * a - 0.0638541728 * b;
  const double s_ = lightness - 0.0894841775 * a - 1.2914855480 * b;
  const double l = l_ * l_ * l_, m = m_ * m_ * m_, s = s_ * s_ * s_;
  const double r = 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s;
  const double g = -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s;
  const double bl = -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s;
  return {static_cast<float>(to_srgb(r)), static_cast<float>(to_srgb(g)), static_cast<float>(to_srgb(bl)), 1.0f};
}

std::array<std::uint8_t, 4 * kColourTableSize> colour_table() {
  std::array<std::uint8_t, 4 * kColourTableSize> table{};
  for (int i = 0; i < kColourTableSize; ++i) {
    const Colour c = colour_map(static_cast<double>(i) / (kColourTableSize - 1));
    const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
    table[4 * i + 0] = byte(c.r);
    table[4 * i + 1] = byte(c.g);
    table[4 * i + 2] = byte(c.b);
    table[4 * i + 3] = 255;
  }
  return table;
}

}  // namespace optviz::gui
