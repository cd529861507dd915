// How a sweep or basin map (core/maps/sweep.hpp) turns into colours and ticks, written once for the
// PNG figures (map_figure.cpp) and the window's sweep panel and basin overlay: the colour of
// every cell, the colour bar's range and ticks, and the ticks of a sweep's axes. No GL, no ImGui.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"
#include "sweep.hpp"

namespace optviz {

// What a map's cells are coloured by.
enum class MapColouring {
  loss,     // the final loss on a log scale: f - f* (f* the known minimum, or the lowest final value)
  steps,    // the step at which f - f* first reached the target's tolerance (a known minimum only)
  minimum,  // a basin map: the minimum each start ends within kBasinRadius of
};

// "loss", "steps", "minimum"; parse_map_colouring is its inverse (nullopt for another text).
std::string_view map_colouring_name(MapColouring colouring);
std::optional<MapColouring> parse_map_colouring(std::string_view name);

inline constexpr Rgb kDivergedColour{214, 39, 40};      // red: the run left the plane
inline constexpr Rgb kNotReachedColour{160, 160, 160};  // grey: steps never reached, or no minimum
inline constexpr Rgb kBasinDivergedColour{0, 0, 0};     // black in a basin map, whose palette has a red

struct MapTick {
  double value;
  double position;  // 0 at one end of the axis or bar, 1 at the other
  std::string label;
};

// The continuous scale of a map coloured by loss or steps: each cell's place on the colour map.
struct MapScale {
  MapColouring colouring = MapColouring::loss;
  double floor = 0;         // loss: subtracted before the log
  bool known_floor = true;  // loss: the floor is the function's minimum (else the lowest final value)
  double lo = 0, hi = 1;    // loss: log10(f - floor) at the ends; steps: the steps at the ends
  double tolerance = 1e-6;  // steps

  // The cell's place in [0, 1], or NaN when it has none (diverged, or the target never reached).
  double position(const RunSummary& cell) const;
  // The colour bar's ticks: whole decades (loss), round numbers of steps (steps).
  std::vector<MapTick> ticks() const;
  // What the colour bar counts: "final f − f*", "steps to f − f* ≤ 1e-6".
  std::string title() const;
};

// The scale over the map's cells. For MapColouring::steps, `target` is the map's target (its
// value must be finite); for loss, f's minimum decides the floor.
MapScale map_scale(const Map& map, const Objective& f, MapColouring colouring, const Target& target);

// A cell's colour under a continuous scale: the colour map, red when diverged, grey when the
// target was never reached.
Rgb cell_colour(const MapScale& scale, const RunSummary& cell);
// A basin cell's colour by its minimum: the run palette (Okabe and Ito) by the minimum's index,
// grey when it ends in none, black when diverged.
Rgb basin_colour(const BasinMap& map, std::size_t cell);
Rgb minimum_colour(std::size_t minimum);

// The map as RGBA bytes, one pixel per cell, row 0 first (the bottom), for a texture: by `scale`,
// or (basin_pixels) by minimum. `alpha` for every cell.
std::vector<std::uint8_t> map_pixels(const Map& map, const MapScale& scale, std::uint8_t alpha = 255);
std::vector<std::uint8_t> basin_pixels(const BasinMap& map, std::uint8_t alpha = 255);

// The ticks of a sweep axis, at round values (powers of ten on a log axis); value(i) is at the
// centre of cell i, so a tick's position is (i + 0.5) / count for the value of cell i.
std::vector<MapTick> sweep_axis_ticks(const Axis& axis);
// The position of a hyperparameter's value along a sweep axis, as the ticks place it (outside
// [0, 1] when outside the axis).
double sweep_axis_position(const Axis& axis, double value);
// Ticks at round values in [lo, hi].
std::vector<MapTick> linear_ticks(double lo, double hi);

// "0.001", "1e-05" -> "1e-5", "2.5": a short label with `digits` significant digits.
std::string map_number(double v, int digits = 3);

}  // namespace optviz
