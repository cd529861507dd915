// An RGBA image in memory: what the renderer produces and the exporters write.
#pragma once

#include <cstdint>
#include <vector>

namespace optviz {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // rows top to bottom, 4 bytes a pixel
};

}  // namespace optviz
