#include "slider_scale.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {
namespace {

// The decades a log slider spans by default; typed values may go beyond (anything the parameter's
// range allows).
constexpr double kLowDecade = -5, kHighDecade = 0;
// eps is shown from 1e-10 (PyTorch's Adagrad and RMSprop defaults are 1e-10 and 1e-8); G0 up to 10.
constexpr double kEpsLowDecade = -10;
constexpr double kAccumulatorHighDecade = 1;
// one_minus_log sliders: 1 - value from 1 (value 0) down to 1e-5 (value 0.99999).
constexpr double kNearOneDecades = -5;

double round_significant(double v, int digits) {
  if (v == 0 || !std::isfinite(v)) return v;
  const double scale = std::pow(10.0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
  return std::round(v * scale) / scale;
}

double end_zone(const SliderMapping& m) { return m.scale == SliderScale::log && m.zero_end ? kSliderEndZone : 0.0; }

// The position of a value, beyond [0, 1] for a value beyond the slider's ends.
double raw_position(const SliderMapping& m, double value) {
  switch (m.scale) {
    case SliderScale::linear:
      return m.max > m.min ? (value - m.min) / (m.max - m.min) : 0.0;
    case SliderScale::log: {
      if (value <= 0) return 0;
      const double start = end_zone(m);
      return start + (1 - start) * (std::log10(value) - m.low_decade) / (m.high_decade - m.low_decade);
    }
    case SliderScale::one_minus_log: {
      if (value >= 1) return 1;
      const double e = std::log10(1 - value);  // 0 at value 0, negative near 1
      return (e - m.high_decade) / (m.low_decade - m.high_decade);
    }
  }
  return 0;
}

// The value at any position, rounded to 3 significant digits (of 1 - value near 1).
double raw_value(const SliderMapping& m, double position) {
  switch (m.scale) {
    case SliderScale::linear:
      return round_significant(m.min + position * (m.max - m.min), 3);
    case SliderScale::log: {
      const double start = end_zone(m);
      if (m.zero_end && position < start) return 0;
      const double f = (position - start) / (1 - start);
      return round_significant(std::pow(10.0, m.low_decade + f * (m.high_decade - m.low_decade)), 3);
    }
    case SliderScale::one_minus_log:
      return 1 - round_significant(std::pow(10.0, m.high_decade + position * (m.low_decade - m.high_decade)), 3);
  }
  return m.min;
}

}  // namespace

SliderMapping slider_mapping(const RealParameter& p) {
  SliderMapping m;
  m.scale = p.scale;
  m.min = p.min;
  m.max = std::isfinite(p.max) ? p.max : p.min + 1;
  switch (p.scale) {
    case SliderScale::log: {
      m.low_decade = p.name == "eps" ? kEpsLowDecade : kLowDecade;
      const double high = p.name == "initial_accumulator" ? kAccumulatorHighDecade : kHighDecade;
      m.high_decade = std::isfinite(p.max) && p.max > 0 ? std::min(high, std::log10(p.max)) : high;
      if (p.min > 0) m.low_decade = std::max(m.low_decade, std::log10(p.min));
      m.zero_end = p.min <= 0;
      m.min = m.zero_end ? 0 : std::pow(10.0, m.low_decade);
      m.max = std::pow(10.0, m.high_decade);
      break;
    }
    case SliderScale::one_minus_log:
      m.low_decade = kNearOneDecades;
      m.high_decade = 0;
      m.max = std::min(m.max, 1 - std::pow(10.0, kNearOneDecades));
      break;
    case SliderScale::linear:
      break;
  }
  return m;
}

double slider_position(const SliderMapping& m, double value) {
  if (std::isnan(value)) return 0;
  return std::clamp(raw_position(m, value), 0.0, 1.0);
}

double slider_value(const SliderMapping& m, double position) {
  position = std::isnan(position) ? 0.0 : std::clamp(position, 0.0, 1.0);
  return std::clamp(raw_value(m, position), m.min, m.max);
}

namespace {

// Slider positions per decade of the value (log) or of 1 - value (one_minus_log); for a linear
// slider, per "decade" of aim as defined by kLinearFractionPerDecade.
double positions_per_decade(const SliderMapping& m) {
  if (m.scale == SliderScale::linear) return kLinearFractionPerDecade;
  return (1 - end_zone(m)) / (m.high_decade - m.low_decade);
}

double clamped(double position) { return std::isfinite(position) ? std::clamp(position, 0.0, 1.0) : 0.0; }

}  // namespace

double drag_rate(const SliderMapping& m, double width, bool fine) {
  if (fine) return kFineDecadesPerPixel * positions_per_decade(m);
  if (m.scale == SliderScale::linear) return 1 / std::max(width, 1.0);
  return kDragDecadesPerPixel * positions_per_decade(m);
}

double dragged_value(const SliderMapping& m, double start, double offset) {
  if (!std::isfinite(offset) || offset == 0 || std::isnan(start)) return start;
  const double from = raw_position(m, start);
  if ((from >= 1 && offset > 0) || (from <= 0 && offset < 0)) return start;  // already at or beyond that end
  const double position = std::clamp(from + offset, std::min(0.0, from), std::max(1.0, from));
  return std::clamp(raw_value(m, position), std::min(start, m.min), std::max(start, m.max));
}

double nudged_position(const SliderMapping& m, double position, double notches) {
  position = clamped(position);
  if (!std::isfinite(notches)) return position;
  // Out of the end zone (exactly 0) into the lowest decade.
  const double zone = end_zone(m);
  if (m.scale == SliderScale::log && notches > 0 && position < zone) return zone;
  return clamped(position + notches * kNudgeDecades * positions_per_decade(m));
}

}  // namespace optviz::gui
