// An RGBA image in memory: what the renderer produces and the exporters write.
#pragma once

#include <cstdint>
#include <vector>

namespace optviz {

// The largest figure optviz writes (8K), and the largest PNG it reads.
inline constexpr int kMaxFigureWidth = 7680;
inline constexpr int kMaxFigureHeight = 4320;

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // rows top to bottom, 4 bytes a pixel
};

}  // namespace optviz
