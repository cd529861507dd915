#include "slider_scale.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {
namespace {

// Log sliders span these decades: eta, eps and the decays from 1e-10 to 10. Typed values may go
// beyond (anything the parameter's range allows).
constexpr double kLowDecade = -10, kHighDecade = 1;
// one_minus_log sliders: 1 - value from 1 (value 0) down to 1e-8 (value 0.99999999).
constexpr double kNearOneDecades = -8;

double round_significant(double v, int digits) {
  if (v == 0 || !std::isfinite(v)) return v;
  const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
  return std::round(v * scale) / scale;
}

}  // namespace

SliderMapping slider_mapping(const RealParameter& p) {
  SliderMapping m;
  m.scale = p.scale;
  m.min = p.min;
  m.max = std::isfinite(p.max) ? p.max : p.min + 1;
  switch (p.scale) {
    case SliderScale::log:
      m.low_decade = kLowDecade;
      m.high_decade = std::isfinite(p.max) && p.max > 0 ? std::min(kHighDecade, std::log10(p.max)) : kHighDecade;
      m.max = std::pow(10.0, m.high_decade);
      m.zero_end = p.min <= 0;
      break;
    case SliderScale::one_minus_log:
      m.low_decade = kNearOneDecades;
      m.high_decade = 0;
      m.zero_end = p.max >= 1;
      break;
    case SliderScale::linear:
      break;
  }
  return m;
}

double slider_position(const SliderMapping& m, double value) {
  if (std::isnan(value)) return 0;
  switch (m.scale) {
    case SliderScale::linear:
      return m.max > m.min ? std::clamp((value - m.min) / (m.max - m.min), 0.0, 1.0) : 0.0;
    case SliderScale::log: {
      const double start = m.zero_end ? kSliderEndZone : 0.0;
      if (value <= 0) return 0;
      const double e = std::log10(value);
      const double f = (e - m.low_decade) / (m.high_decade - m.low_decade);
      return std::clamp(start + (1 - start) * f, start, 1.0);
    }
    case SliderScale::one_minus_log: {
      const double end = m.zero_end ? 1 - kSliderEndZone : 1.0;
      if (value >= 1) return 1;
      const double e = std::log10(1 - value);  // 0 at value 0, -8 near 1
      const double f = (e - m.high_decade) / (m.low_decade - m.high_decade);
      return std::clamp(end * f, 0.0, end);
    }
  }
  return 0;
}

double slider_value(const SliderMapping& m, double position) {
  position = std::isnan(position) ? 0.0 : std::clamp(position, 0.0, 1.0);
  switch (m.scale) {
    case SliderScale::linear:
      return std::clamp(round_significant(m.min + position * (m.max - m.min), 3), m.min, m.max);
    case SliderScale::log: {
      const double start = m.zero_end ? kSliderEndZone : 0.0;
      if (m.zero_end && position < start) return 0;
      const double f = (position - start) / (1 - start);
      const double v = std::pow(10.0, m.low_decade + f * (m.high_decade - m.low_decade));
      return std::clamp(round_significant(v, 3), std::max(m.min, 0.0), m.max);
    }
    case SliderScale::one_minus_log: {
      const double end = m.zero_end ? 1 - kSliderEndZone : 1.0;
      if (m.zero_end && position > end) return 1;
      const double f = position / end;
      const double gap = std::pow(10.0, m.high_decade + f * (m.low_decade - m.high_decade));
      return std::clamp(1 - round_significant(gap, 3), m.min, m.max);
    }
  }
  return m.min;
}

namespace {

// Slider positions per decade of the value (log) or of 1 - value (one_minus_log); for a linear
// slider, per "decade" of aim as defined by kLinearFractionPerDecade.
double positions_per_decade(const SliderMapping& m) {
  if (m.scale == SliderScale::linear) return kLinearFractionPerDecade;
  return (1 - (m.zero_end ? kSliderEndZone : 0.0)) / (m.high_decade - m.low_decade);
}

double clamped(double position) { return std::isfinite(position) ? std::clamp(position, 0.0, 1.0) : 0.0; }

}  // namespace

double dragged_position(const SliderMapping& m, double position, double pixels, double width, bool fine) {
  if (!std::isfinite(pixels)) return clamped(position);
  const double per_pixel = fine ? kFineDecadesPerPixel * positions_per_decade(m) : 1 / std::max(width, 1.0);
  return clamped(position + pixels * per_pixel);
}

double nudged_position(const SliderMapping& m, double position, double notches) {
  position = clamped(position);
  if (!std::isfinite(notches)) return position;
  // Out of an end zone (exactly 0 or exactly 1) into the nearest decade.
  const double zone = m.zero_end ? kSliderEndZone : 0.0;
  if (m.scale == SliderScale::log && notches > 0 && position < zone) return zone;
  if (m.scale == SliderScale::one_minus_log && notches < 0 && position > 1 - zone) return 1 - zone;
  return clamped(position + notches * kNudgeDecades * positions_per_decade(m));
}

}  // namespace optviz::gui
