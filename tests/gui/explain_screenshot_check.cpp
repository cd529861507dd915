// Checks the window's screenshots of an explained update (optviz --explain N --screenshot):
//   gui_explain_check WITH.png WITHOUT.png R G B MIN
// counts the pixels of exactly the colour R G B (the squares of the accumulator, or the
// gradient's arrow, which explain_draw.cpp paints in solid colours) in the screenshot with the
// explained update and in the same window without it: at least MIN with it, fewer than MIN / 10
// without. Prints what it counted; exits 1 on a failed check.
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

long count_colour(const char* path, int r, int g, int b) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path)) return -1;
  image.format = PNG_FORMAT_RGB;
  std::vector<png_byte> rgb(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, rgb.data(), 0, nullptr)) return -1;
  long n = 0;
  for (std::size_t i = 0; i + 2 < rgb.size(); i += 3) n += rgb[i] == r && rgb[i + 1] == g && rgb[i + 2] == b;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: gui_explain_check WITH.png WITHOUT.png R G B MIN\n");
    return 2;
  }
  const int r = std::atoi(argv[3]), g = std::atoi(argv[4]), b = std::atoi(argv[5]);
  const long min = std::atol(argv[6]);
  const long with = count_colour(argv[1], r, g, b), without = count_colour(argv[2], r, g, b);
  if (with < 0 || without < 0) {
    std::fprintf(stderr, "cannot read %s or %s\n", argv[1], argv[2]);
    return 1;
  }
  std::printf("pixels of (%d, %d, %d): %ld explained, %ld without\n", r, g, b, with, without);
  const bool ok = with >= min && without * 10 < min;
  std::printf("%s\n", ok ? "ok" : "FAIL");
  return ok ? 0 : 1;
}
