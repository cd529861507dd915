// The heatmap's colour map: perceptually ordered from dark blue-violet through teal and green to
// light yellow (viridis-like), built here from a path in the OKLab colour space with lightness
// rising linearly, so equal steps of the scale look like equal steps of colour, it stays readable
// in grey and for colour-blind viewers. The shader reads a table of it; the colour bar the same.
#pragma once

#include <array>
#include <cstdint>

namespace optviz::gui {

struct Colour {
  float r = 0, g = 0, b = 0, a = 1;  // sRGB, each in [0, 1]
};

// The colour at t in [0, 1] (clamped; NaN gives the colour at 1).
Colour colour_map(double t);

// colour_map sampled at 256 evenly spaced points, as RGBA bytes, for a 1D texture.
inline constexpr int kColourTableSize = 256;
std::array<std::uint8_t, 4 * kColourTableSize> colour_table();

}  // namespace optviz::gui
