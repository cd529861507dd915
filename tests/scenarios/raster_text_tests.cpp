// Text in the figures drawn on the CPU (app/export/raster.cpp): UTF-8, and Chinese drawn from the
// window's CJK font (font_files.hpp), each character its own glyph (not a replacement box, not a ?),
// inside the width the figure measured for it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

#include "font_files.hpp"
#include "raster.hpp"

using namespace optviz;

namespace {

constexpr double kSize = 40;
constexpr double kLeft = 10, kBaseline = 55;
constexpr Rgb kWhite{255, 255, 255}, kBlack{0, 0, 0};

// Black text at kSize on white, its left edge at kLeft on the baseline kBaseline.
struct Drawn {
  Canvas canvas{200, 80, kWhite};
  explicit Drawn(const std::string& text) { canvas.text(kLeft, kBaseline, text, kSize, kBlack); }
  // The ink of a pixel: 0 where nothing is drawn, 255 where the glyph covers it.
  int ink(int x, int y) const {
    const Image& image = canvas.image();
    return 255 - image.rgba[(static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + x) * 4];
  }
  int inked_pixels() const { return inked_in(0, 0, canvas.image().width, canvas.image().height); }
  int inked_in(int x0, int y0, int x1, int y1) const {
    int n = 0;
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) n += ink(x, y) > 128 ? 1 : 0;
    return n;
  }
  // Pixels inked in one drawing and not the other.
  int differences(const Drawn& other) const {
    int n = 0;
    for (int y = 0; y < canvas.image().height; ++y)
      for (int x = 0; x < canvas.image().width; ++x) n += (ink(x, y) > 128) != (other.ink(x, y) > 128) ? 1 : 0;
    return n;
  }
};

double width(const std::string& text) { return Drawn("").canvas.text_width(text, kSize); }

}  // namespace

TEST_CASE("Chinese in a figure is drawn from the CJK font, each character its own glyph", "[raster]") {
  if (cjk_font().file == nullptr) {
    WARN("no CJK font (install fonts-noto-cjk): Chinese in figures is not checked");
    return;
  }
  const Drawn loss("损失"), sun("损"), shi("失");
  // An unassigned code point (U+0378): neither font has it, it is DejaVu's missing-glyph box.
  const Drawn missing("\u0378"), question("?");

  // Full-width: both ideographs as wide, about an em, with no kerning between them.
  const double one = width("损");
  CHECK(width("失") == Approx(one));
  CHECK(width("损失") == Approx(2 * one));
  CHECK(one > 0.7 * kSize);
  CHECK(one < 1.1 * kSize);
  // Latin and Chinese side by side: no kerning across the two fonts.
  CHECK(width("a损") == Approx(width("a") + one));

  // All the ink lies in the measured box (a pixel of antialiasing aside), in both halves of it, and
  // reaches its right end: what is drawn is as wide as what was measured.
  const int right = static_cast<int>(kLeft + 2 * one);
  const int top = static_cast<int>(kBaseline - kSize), bottom = static_cast<int>(kBaseline + 0.25 * kSize);
  const int inked = loss.inked_pixels();
  CHECK(loss.inked_in(static_cast<int>(kLeft) - 1, top, right + 2, bottom) == inked);
  CHECK(loss.inked_in(static_cast<int>(kLeft), top, static_cast<int>(kLeft + one), bottom) > 100);
  CHECK(loss.inked_in(static_cast<int>(kLeft + one), top, right, bottom) > 100);
  CHECK(loss.inked_in(static_cast<int>(kLeft + 1.8 * one), top, right, bottom) > 0);

  // Two ideographs, the missing-glyph box and a question mark: four different pictures.
  const int least = std::min(sun.inked_pixels(), shi.inked_pixels());
  CHECK(least > 150);
  CHECK(sun.differences(shi) > least / 3);
  CHECK(sun.differences(missing) > least / 3);
  CHECK(shi.differences(missing) > least / 3);
  CHECK(sun.differences(question) > least / 3);
}

TEST_CASE("text in a figure is read as UTF-8, one glyph a character", "[raster]") {
  // A character of two bytes is one glyph (é), not two (Ã©).
  CHECK(width("é") == Approx(width("e")));
  CHECK(Drawn("é").differences(Drawn("e")) > 0);
  // A byte that starts no character is one replacement character, drawn, as wide as measured.
  CHECK(width("\xff") == Approx(width("\uFFFD")));
  CHECK(Drawn("\xff").differences(Drawn("\uFFFD")) == 0);
  CHECK(Drawn("\u0378").inked_pixels() > 0);
}
