// How a hyperparameter slider moves through its range (core/optim/parameters.hpp gives each
// parameter's range and SliderScale): many decades for eta and eps with 0 at the left end, fine
// control near 1 for rho, the betas and momentum, linear for the rest. Positions are in [0, 1].
#pragma once

#include "parameters.hpp"

namespace optviz::gui {

struct SliderMapping {
  SliderScale scale = SliderScale::linear;
  double min = 0;  // the parameter's bounds, max finite
  double max = 1;
  double low_decade = -10;  // log: 10^low_decade .. 10^high_decade; one_minus_log: 1 - 10^...
  double high_decade = 1;
  bool zero_end = false;  // log: the left end gives exactly 0; one_minus_log: the right end gives exactly 1
};

// The left and right ends that give exactly 0 (log) or exactly 1 (one_minus_log) take this
// fraction of the slider.
inline constexpr double kSliderEndZone = 0.03;

SliderMapping slider_mapping(const RealParameter& parameter);

// The slider position of a value: in [0, 1] for any value, NaN included.
double slider_position(const SliderMapping& mapping, double value);
// The value at a slider position (clamped to [0, 1]), rounded to 3 significant digits (of 1 - value
// for one_minus_log) so that dragged values read cleanly; always within [min, max].
double slider_value(const SliderMapping& mapping, double position);

// Aiming: a drag in fine mode (Shift held) and a nudge (one wheel notch or arrow key press) move
// a log slider by these decades of its value (of 1 - value for one_minus_log), a linear one by
// this fraction of its range per decade: 10 pixels in fine mode are a tenth of a decade, a factor
// of 1.26, whatever the slider's width; a nudge is a twentieth of a decade, a factor of 1.12.
inline constexpr double kFineDecadesPerPixel = 0.01;
inline constexpr double kNudgeDecades = 0.05;
inline constexpr double kLinearFractionPerDecade = 0.1;

// The position after a drag of `pixels` (positive to the right) on a slider `width` pixels wide:
// the whole range over the width, or kFineDecadesPerPixel in fine mode. Clamped to [0, 1].
double dragged_position(const SliderMapping& mapping, double position, double pixels, double width, bool fine);
// The position after `notches` nudges (negative to the left); from the end that gives exactly 0
// (log), a nudge to the right reaches the lowest decade. Clamped to [0, 1].
double nudged_position(const SliderMapping& mapping, double position, double notches);

}  // namespace optviz::gui
