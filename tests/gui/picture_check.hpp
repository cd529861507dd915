// What the screenshot checks (screenshot_check.cpp, surface_screenshot_check.cpp) share: a PNG read
// into RGBA pixels, colour distances, and checks that print one line each and are counted.
#pragma once

#include <png.h>

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "scenario.hpp"

namespace optviz::gui::test {

struct Picture {
  int width = 0;
  int height = 0;
  std::vector<png_byte> rgba;

  Rgb at(int x, int y) const {
    const std::size_t i =
        4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x));
    return {rgba[i], rgba[i + 1], rgba[i + 2]};
  }
};

inline bool read_png(const char* path, Picture& out) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path)) return false;
  image.format = PNG_FORMAT_RGBA;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.rgba.resize(PNG_IMAGE_SIZE(image));
  return png_image_finish_read(&image, nullptr, out.rgba.data(), 0, nullptr) != 0;
}

inline int distance(Rgb a, Rgb b) { return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b); }
inline double luma(Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

// Prints "ok  : what" or "FAIL: what" and counts the failures (the exit code).
class Checks {
 public:
  void operator()(bool ok, const std::string& what) {
    std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures_;
  }
  int exit_code() const { return failures_ == 0 ? 0 : 1; }

 private:
  int failures_ = 0;
};

}  // namespace optviz::gui::test
