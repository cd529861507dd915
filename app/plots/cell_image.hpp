// An image of cells (a heatmap of a plot), one RGBA pixel per cell, row 0 at the bottom, stretched
// over a rectangle. The application uploads it as a texture when `generation` changes (as the maps'
// MapImage: render/map_texture.hpp, sampled without filtering) and leaves the texture's id here;
// without one (headless tests, a figure drawn before its upload) the cells are drawn as
// rectangles, a row's neighbours of one colour merged. Transparent cells are not drawn: what lies
// under them shows.
#pragma once

#include <imgui.h>

#include <array>
#include <cstdint>
#include <vector>

#include "geometry.hpp"

namespace optviz::gui {

struct CellImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
  std::uint64_t generation = 0;
  void* texture = nullptr;  // an ImTextureID, null without GL

  // Cell (i, j), row 0 at the bottom.
  std::array<std::uint8_t, 4> at(int i, int j) const;
  void set(int i, int j, std::array<std::uint8_t, 4> colour);
  // Empty (every cell transparent) at a size.
  void reset(int columns, int rows);
};

void draw_cell_image(ImDrawList& dl, const CellImage& image, PixelRect rect);

// The sequential colour map (colour_map.hpp) from `from` to `to` as a ramp in `rect`: from the
// bottom to the top, or from left to right when `horizontal`.
void draw_colour_ramp(ImDrawList& dl, PixelRect rect, bool horizontal = false, double from = 0, double to = 1);

}  // namespace optviz::gui
