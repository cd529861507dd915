// A cell image (geometry/cell_image.hpp) drawn stretched over a rectangle: with its texture when
// the application uploaded one, else as rectangles of its cells (headless tests, a figure drawn
// before its upload), a row's neighbours of one colour merged. Transparent cells are not drawn:
// what lies under them shows. And the sequential colour map as a ramp, for colour keys.
#pragma once

#include <imgui.h>

#include "cell_image.hpp"
#include "geometry.hpp"

namespace optviz::gui {

void draw_cell_image(ImDrawList& dl, const CellImage& image, PixelRect rect);

// The sequential colour map (colour_map.hpp) from `from` to `to` as a ramp in `rect`: from the
// bottom to the top, or from left to right when `horizontal`.
void draw_colour_ramp(ImDrawList& dl, PixelRect rect, bool horizontal = false, double from = 0, double to = 1);

}  // namespace optviz::gui
