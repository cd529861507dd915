// Sliders a teacher can aim (app/panels/slider_scale.hpp): a drag moves a log slider by a tenth
// of a decade per 10 pixels whatever its width (a hundredth with Shift), relative to where it
// started; a nudge by a fixed factor; the slider spans the useful values, the typed field the rest.
// Pure maths: no ImGui, no GL.
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
  return dragged_value(m, value, pixels * drag_rate(m, width, fine));
}

// The eta slider's width in the controls panel at UI scale 1 (330 px wide, less the label, the
// typed field, the indent and the padding).
constexpr double kDefaultWidth = 140;

}  // namespace

TEST_CASE("a drag moves a log slider by a tenth of a decade per 10 pixels at any width, Shift ten times finer") {
  const SliderMapping eta = slider_mapping(parameter("eta"));
  for (const double width : {kDefaultWidth, 60.0, 600.0}) {
    REQUIRE(dragged(eta, 0.01, 10, width, false) == Approx(0.0126));  // 0.01 * 10^0.1, 3 digits
    REQUIRE(dragged(eta, 0.01, -10, width, false) == Approx(0.00794));
    REQUIRE(dragged(eta, 0.01, 30, width, false) == Approx(0.02));  // 0.01 * 10^0.3 = 0.01995
    // A factor of two in 30 pixels: what a teacher wants to show.
    REQUIRE(dragged(eta, 0.1, 30, width, false) / 0.1 == Approx(2).epsilon(0.01));
    REQUIRE(dragged(eta, 0.01, 100, width, true) == Approx(0.0126));  // Shift: a tenth of a decade in 100
  }
  // The 38 px drag took eta from 0.1 to 0.000328 (3.5 decades): now 0.38 of a decade.
  REQUIRE(dragged(eta, 0.1, -38, kDefaultWidth, false) == Approx(0.1 / std::pow(10, 0.38)).epsilon(0.01));
  REQUIRE(dragged(eta, 0.1, -38, kDefaultWidth, false) > 0.04);
  // The same holds near 1: 10 pixels move 1 - rho by a tenth of a decade.
  const SliderMapping rho = slider_mapping(parameter("rho"));
  REQUIRE(1 - dragged(rho, 0.99, 10, kDefaultWidth, false) == Approx(0.01 / std::pow(10, 0.1)).epsilon(0.01));
  REQUIRE(1 - dragged(rho, 0.99, -10, kDefaultWidth, false) == Approx(0.01 * std::pow(10, 0.1)).epsilon(0.01));
  // A linear slider moves its range over its width.
  const SliderMapping linear{SliderScale::linear, 0, 1};
  REQUIRE(dragged(linear, 0.25, 70, kDefaultWidth, false) == Approx(0.75));
}

TEST_CASE("a press without a move never changes the value, wherever it is on the track") {
  for (const RealParameter& p : real_parameters()) {
    const SliderMapping m = slider_mapping(p);
    for (const double v : {0.0, 1e-12, 1e-4, 0.1, 0.5, 0.9, 0.999999, 1.0, 3.0, 11.7}) {
      if (v < p.min || v > p.max) continue;
      REQUIRE(dragged_value(m, v, 0) == v);
    }
  }
}

TEST_CASE("sliders span the useful values: eta from 1e-5 to 1, rho short of 1; typed values beyond stay put") {
  const SliderMapping eta = slider_mapping(parameter("eta"));
  REQUIRE(slider_value(eta, 1) == 1);
  REQUIRE(slider_value(eta, kSliderEndZone) == Approx(1e-5));
  REQUIRE(slider_value(eta, 0) == 0);
  REQUIRE(dragged(eta, 0.1, 1e6, kDefaultWidth, false) == 1);   // a long drag stops at the end
  REQUIRE(dragged(eta, 0.1, -1e6, kDefaultWidth, false) == 0);  // through 1e-5 to exactly 0
  // A typed 11.7 (lesson 02) moves down by the drag, not to the slider's end, and not further up.
  REQUIRE(dragged(eta, 11.7, -10, kDefaultWidth, false) == Approx(11.7 / std::pow(10, 0.1)).epsilon(0.01));
  REQUIRE(dragged(eta, 11.7, 10, kDefaultWidth, false) == 11.7);
  const SliderMapping eps = slider_mapping(parameter("eps"));
  REQUIRE(slider_value(eps, kSliderEndZone) == Approx(1e-10));
  REQUIRE(slider_value(eps, 1) == 1);
  // rho = 1 never forgets and diverges: no drag reaches it; from a typed 1 a drag comes down.
  const SliderMapping rho = slider_mapping(parameter("rho"));
  REQUIRE(slider_value(rho, 1) < 1);
  REQUIRE(slider_value(rho, 1) == Approx(0.99999));
  REQUIRE(dragged(rho, 0.9, 1e6, kDefaultWidth, false) < 1);
  REQUIRE(dragged(rho, 1, 5, kDefaultWidth, false) == 1);
  REQUIRE(dragged(rho, 1, -5, kDefaultWidth, false) < 1);
  for (const RealParameter& p : real_parameters())
    if (p.scale == SliderScale::one_minus_log)
      for (double position = 0; position <= 1.0001; position += 0.01)
        REQUIRE(slider_value(slider_mapping(p), position) < 1);
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
  REQUIRE(nudged(eta, 0, 1) == Approx(1e-5));
  REQUIRE(nudged(eta, 0, -1) == 0);
  REQUIRE(nudged(eta, 1, 1) == 1);
  const SliderMapping rho = slider_mapping(parameter("rho"));
  REQUIRE(nudged(rho, 0.99999, 1) == Approx(0.99999));  // never to exactly 1
  const SliderMapping linear{SliderScale::linear, 0, 10};
  REQUIRE(nudged(linear, 5, 1) == Approx(5 + 10 * kNudgeDecades * kLinearFractionPerDecade));
}

TEST_CASE("drags and nudges stay within the slider's range for any input") {
  for (const RealParameter& p : real_parameters()) {
    const SliderMapping m = slider_mapping(p);
    for (const double position : {0.0, 0.02, 0.5, 0.99, 1.0}) {
      const double start = slider_value(m, position);
      for (const double pixels : {-1e9, -300.0, -1.0, 0.0, 1.0, 300.0, 1e9, std::nan(""), HUGE_VAL}) {
        for (const bool fine : {false, true}) {
          const double d = dragged(m, start, pixels, kDefaultWidth, fine);
          REQUIRE(d >= m.min);
          REQUIRE(d <= m.max);
          REQUIRE(d >= p.min);
          REQUIRE(d <= p.max);
        }
        const double n = nudged_position(m, position, pixels);
        REQUIRE(n >= 0);
        REQUIRE(n <= 1);
      }
    }
    REQUIRE(dragged(m, slider_value(m, 0.5), 1e9, kDefaultWidth, false) == m.max);
    REQUIRE(dragged(m, slider_value(m, 0.5), -1e9, kDefaultWidth, true) == m.min);
    REQUIRE(std::isfinite(drag_rate(m, 0, false)));  // a slider of no width
  }
}
