#include "map_texture.hpp"

namespace optviz::gui {

MapTexture::MapTexture() : texture_(make_texture()) {
  glBindTexture(GL_TEXTURE_2D, texture_.get());
  set_texture_parameters(GL_NEAREST);
  const unsigned char clear[4] = {0, 0, 0, 0};
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, clear);
  glBindTexture(GL_TEXTURE_2D, 0);
}

void MapTexture::update(const std::vector<std::uint8_t>& rgba, int width, int height, std::uint64_t generation) {
  if (generation == shown_ || width <= 0 || height <= 0 || rgba.size() != 4u * width * height) return;
  shown_ = generation;
  glBindTexture(GL_TEXTURE_2D, texture_.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
  glBindTexture(GL_TEXTURE_2D, 0);
}

}  // namespace optviz::gui
