// The texture of a map's image (the sweep panel's, the basin overlay's): one RGBA texel per cell,
// sampled without filtering so that the cells stay sharp. Lives inside the GL context, owned by
// the application.
#pragma once

#include <glad/gl.h>

#include <cstdint>
#include <vector>

#include "gl_handles.hpp"

namespace optviz::gui {

class MapTexture {
 public:
  MapTexture();
  // Uploads width x height RGBA pixels, row 0 first, when `generation` changed since the last upload.
  void update(const std::vector<std::uint8_t>& rgba, int width, int height, std::uint64_t generation);
  GLuint id() const { return texture_.get(); }

 private:
  GlTexture texture_;
  std::uint64_t shown_ = 0;
};

}  // namespace optviz::gui
