// Sliders a teacher can aim (app/panels/slider_scale.hpp): a fine drag moves a log slider by a
// tenth of a decade per 10 pixels whatever its width, a nudge by a fixed factor, both clamped to
// the range. Pure maths: no ImGui, no GL.
#include <catch2/catch.hpp>
#include <cmath>
#include <string_view>

#include "parameters.hpp"
#include "slider_scale.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

const RealParameter& parameter(std::string_view name) {
  for (const RealParameter& p : real_parameters())
    if (p.name == name) return p;
  FAIL("no parameter " << name);
  return real_parameters()[0];
}

// The value after dragging the slider that shows `value` by `pixels`.
double dragged(const SliderMapping& m, double value, double pixels, double width, bool fine) {
  return slider_value(m, dragged_position(m, slider_position(m, value), pixels, width, fine));
}

// The eta slider's width in the controls panel at UI scale 1 (330 px wide, less the label, the
// typed field, the indent and the padding).
constexpr double kDefaultWidth = 140;

}  // namespace

TEST_CASE("a fine drag moves a log slider by a tenth of a decade per 10 pixels at any width") {
  const SliderMapping eta = slider_mapping(parameter("eta"));
  for (const double width : {kDefaultWidth, 60.0, 600.0}) {
    REQUIRE(dragged(eta, 0.01, 10, width, true) == Approx(0.0126));  // 0.01 * 10^0.1, 3 digits
    REQUIRE(dragged(eta, 0.01, -10, width, true) == Approx(0.00794));
    REQUIRE(dragged(eta, 0.01, 30, width, true) == Approx(0.02));  // 0.01 * 10^0.3 = 0.01995
    // A factor of two in 30 pixels: what a teacher wants to show.
    REQUIRE(dragged(eta, 0.1, 30, width, true) / 0.1 == Approx(2).epsilon(0.01));
  }
  // Without fine mode the whole range spans the width: 30 pixels at the default width are more than
  // two decades (the 0.01 -> 9.09 came from a narrower slider).
  REQUIRE(dragged(eta, 0.01, 30, kDefaultWidth, false) > 1);
  // The same holds near 1: 10 fine pixels move 1 - rho by a tenth of a decade.
  const SliderMapping rho = slider_mapping(parameter("rho"));
  REQUIRE(1 - dragged(rho, 0.99, 10, kDefaultWidth, true) == Approx(0.01 / std::pow(10, 0.1)).epsilon(0.01));
  REQUIRE(1 - dragged(rho, 0.99, -10, kDefaultWidth, true) == Approx(0.01 * std::pow(10, 0.1)).epsilon(0.01));
}

TEST_CASE("a nudge multiplies a log value by a fixed factor and steps a linear one by a fixed fraction") {
  const SliderMapping eta = slider_mapping(parameter("eta"));
  const auto nudged = [](const SliderMapping& m, double value, double notches) {
    return slider_value(m, nudged_position(m, slider_position(m, value), notches));
  };
  const double factor = std::pow(10, kNudgeDecades);
  for (const double v : {1e-4, 0.01, 0.5}) {
    REQUIRE(nudged(eta, v, 1) / v == Approx(factor).epsilon(0.01));
    REQUIRE(v / nudged(eta, v, -1) == Approx(factor).epsilon(0.01));
    REQUIRE(nudged(eta, nudged(eta, v, 1), -1) == Approx(v).epsilon(0.01));  // and back
  }
  // From exactly 0 the first nudge reaches the lowest decade; at the top the value stays put.
  REQUIRE(nudged(eta, 0, 1) == Approx(1e-10));
  REQUIRE(nudged(eta, 0, -1) == 0);
  REQUIRE(nudged(eta, 10, 1) == 10);
  const SliderMapping rho = slider_mapping(parameter("rho"));
  REQUIRE(nudged(rho, 1, -1) == Approx(1 - 1e-8));  // out of "exactly 1"
  REQUIRE(nudged(rho, 1, 1) == 1);
  const SliderMapping linear{SliderScale::linear, 0, 10};
  REQUIRE(nudged(linear, 5, 1) == Approx(5 + 10 * kNudgeDecades * kLinearFractionPerDecade));
}

TEST_CASE("drags and nudges stay within the slider's range for any input") {
  for (const RealParameter& p : real_parameters()) {
    const SliderMapping m = slider_mapping(p);
    for (const double position : {0.0, 0.02, 0.5, 0.99, 1.0}) {
      for (const double pixels : {-1e9, -300.0, -1.0, 0.0, 1.0, 300.0, 1e9, std::nan(""), HUGE_VAL}) {
        for (const bool fine : {false, true}) {
          const double d = dragged_position(m, position, pixels, kDefaultWidth, fine);
          REQUIRE(d >= 0);
          REQUIRE(d <= 1);
        }
        const double n = nudged_position(m, position, pixels);
        REQUIRE(n >= 0);
        REQUIRE(n <= 1);
      }
    }
    REQUIRE(dragged_position(m, 0.5, 1e9, kDefaultWidth, false) == 1);
    REQUIRE(dragged_position(m, 0.5, -1e9, kDefaultWidth, true) == 0);
    REQUIRE(dragged_position(m, 0.5, 10, 0, false) <= 1);  // a slider of no width
  }
}
