#include "cell_image.hpp"

namespace optviz::gui {
namespace {

std::size_t offset(const CellImage& image, int i, int j) {
  return (static_cast<std::size_t>(j) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(i)) * 4;
}

}  // namespace

std::array<std::uint8_t, 4> CellImage::at(int i, int j) const {
  const std::size_t k = offset(*this, i, j);
  return {rgba[k], rgba[k + 1], rgba[k + 2], rgba[k + 3]};
}

void CellImage::set(int i, int j, std::array<std::uint8_t, 4> colour) {
  const std::size_t k = offset(*this, i, j);
  for (std::size_t c = 0; c < 4; ++c) rgba[k + c] = colour[c];
}

void CellImage::reset(int columns, int rows) {
  width = columns;
  height = rows;
  rgba.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows) * 4, 0);
  ++generation;
}

}  // namespace optviz::gui
