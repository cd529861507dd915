// An image of cells (a map's, a heatmap's), one RGBA pixel per cell, row 0 at the bottom. The
// application uploads it as a texture when `generation` changes (render/map_texture.hpp, sampled
// without filtering so that the cells stay sharp) and leaves the texture's id here; without one
// (headless, or before the upload) the plots draw its cells as rectangles (plots/image_draw.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace optviz::gui {

struct CellImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;
  std::uint64_t generation = 0;
  void* texture = nullptr;  // the renderer's (an ImTextureID), null without GL

  // Cell (i, j), row 0 at the bottom.
  std::array<std::uint8_t, 4> at(int i, int j) const;
  void set(int i, int j, std::array<std::uint8_t, 4> colour);
  // Every cell transparent at a new size, as a new generation.
  void reset(int columns, int rows);
};

}  // namespace optviz::gui
