// How a hyperparameter slider moves through its range (core/optim/parameters.hpp gives each
// parameter's range and SliderScale): the useful decades of eta and eps with 0 at the left end,
// fine control near 1 for rho, the betas and momentum, linear for the rest. Positions are in
// [0, 1]. The slider spans the useful values; the typed field beside it takes the whole range.
#pragma once

#include "parameters.hpp"

namespace optviz::gui {

struct SliderMapping {
  SliderScale scale = SliderScale::linear;
  double min = 0;  // the slider's ends (within the parameter's bounds)
  double max = 1;
  double low_decade = -10;  // log: 10^low_decade .. 10^high_decade; one_minus_log: 1 - 10^...
  double high_decade = 1;
  bool zero_end = false;  // log: the left end gives exactly 0
};

// The left end that gives exactly 0 (log) takes this fraction of the slider.
inline constexpr double kSliderEndZone = 0.03;

// The slider of a parameter: eta from 1e-5 to 1, eps from 1e-10 to 1, the other log parameters
// from 1e-5 to 1 (G0 to 10); one_minus_log from 0 to 1 - 1e-5, never exactly 1 (rho = 1 never
// forgets and diverges: only typed).
SliderMapping slider_mapping(const RealParameter& parameter);

// The slider position of a value: in [0, 1] for any value, NaN included.
double slider_position(const SliderMapping& mapping, double value);
// The value at a slider position (clamped to [0, 1]), rounded to 3 significant digits (of 1 - value
// for one_minus_log) so that dragged values read cleanly; always within the slider's ends.
double slider_value(const SliderMapping& mapping, double position);

// Aiming: a drag moves a log slider by kDragDecadesPerPixel of its value (of 1 - value for
// one_minus_log) per pixel, ten times less with Shift held, whatever the slider's width: 10
// pixels are a tenth of a decade, a factor of 1.26 (eta doubles in 30 pixels). A linear slider
// moves its range over its width, or kLinearFractionPerDecade of its range per "decade" with
// Shift. A nudge (one wheel notch or arrow key press) is a twentieth of a decade, a factor of 1.12.
inline constexpr double kDragDecadesPerPixel = 0.01;
inline constexpr double kFineDecadesPerPixel = 0.001;
inline constexpr double kNudgeDecades = 0.05;
inline constexpr double kLinearFractionPerDecade = 0.1;

// Slider positions per pixel of a drag on a slider `width` pixels wide (Shift held: `fine`).
double drag_rate(const SliderMapping& mapping, double width, bool fine);
// The value a drag reaches that started on the value `start` and has moved `offset` positions
// (pixels times drag_rate): relative to where it started, so that a click never jumps (offset 0
// gives `start` exactly). It stops at the slider's ends, or where it started when that was beyond
// them (a typed value).
double dragged_value(const SliderMapping& mapping, double start, double offset);
// The position after `notches` nudges (negative to the left); from the end that gives exactly 0
// (log), a nudge to the right reaches the lowest decade. Clamped to [0, 1].
double nudged_position(const SliderMapping& mapping, double position, double notches);

}  // namespace optviz::gui
