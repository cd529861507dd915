#include "raster.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb/stb_easy_font.h>
#include <stb/stb_truetype.h>

#include "font_files.hpp"
#include "utf8.hpp"

namespace optviz {
namespace {

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr double kEasyFontHeight = 7;  // stb_easy_font's capitals are 7 units tall

std::vector<unsigned char> read_bytes(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The Chinese font's sans face (font_files.hpp), parsed on the first character that needs it and kept
// for the process, as its file is; null without one.
const stbtt_fontinfo* cjk_face() {
  static const std::optional<stbtt_fontinfo> face = []() -> std::optional<stbtt_fontinfo> {
    const CjkFont& cjk = cjk_font();
    if (cjk.file == nullptr) return std::nullopt;
    const int offset = stbtt_GetFontOffsetForIndex(cjk.bytes.data(), cjk.file->sans);
    stbtt_fontinfo info{};
    if (offset < 0 || stbtt_InitFont(&info, cjk.bytes.data(), offset) == 0) return std::nullopt;
    return info;
  }();
  return face ? &*face : nullptr;
}

// A glyph, the font it comes from and that font's scale and baseline at the text's size.
struct Glyph {
  const stbtt_fontinfo* font = nullptr;
  int index = 0;
  float scale = 0;
  double lower = 0;  // pixels below the text's baseline
};

// Each code point's glyph at `size` pixels from DejaVu Sans; what it lacks from the Chinese font,
// larger and lower as in the window (font_files.hpp); what neither has as DejaVu's missing glyph.
// `place(glyph, pen)` is called with the pen at the glyph's origin, starting from `pen`; returns
// the pen after the last glyph. Measuring and drawing both go through it, so that they agree.
template <class Place>
double lay_out(const stbtt_fontinfo& latin, std::string_view text, double size, double pen, Place place) {
  const float latin_scale = stbtt_ScaleForPixelHeight(&latin, static_cast<float>(size));
  Glyph previous;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    Glyph glyph{&latin, stbtt_FindGlyphIndex(&latin, static_cast<int>(c)), latin_scale, 0};
    // The ASCII that DejaVu lacks are control characters: no reason to read 19 MB.
    if (glyph.index == 0 && c >= 0x80) {
      if (const stbtt_fontinfo* cjk = cjk_face()) {
        if (const int index = stbtt_FindGlyphIndex(cjk, static_cast<int>(c)); index != 0)
          glyph = {cjk, index, stbtt_ScaleForPixelHeight(cjk, static_cast<float>(size) * kCjkScale),
                   size * static_cast<double>(kCjkLower)};
      }
    }
    // Kerning pairs belong to one font.
    if (previous.font == glyph.font)
      pen += stbtt_GetGlyphKernAdvance(glyph.font, previous.index, glyph.index) * static_cast<double>(glyph.scale);
    place(glyph, pen);
    int advance = 0, bearing = 0;
    stbtt_GetGlyphHMetrics(glyph.font, glyph.index, &advance, &bearing);
    pen += advance * static_cast<double>(glyph.scale);
    previous = glyph;
  }
  return pen;
}

}  // namespace

struct Canvas::Font {
  std::vector<unsigned char> data;
  stbtt_fontinfo info{};
  bool loaded = false;
};

Canvas::Canvas(int width, int height, Rgb background, double scale)
    : scale_(scale > 0 ? scale : 1), font_(std::make_unique<Font>()) {
  image_.width = static_cast<int>(std::lround(width * scale_));
  image_.height = static_cast<int>(std::lround(height * scale_));
  image_.rgba.resize(static_cast<std::size_t>(image_.width) * static_cast<std::size_t>(image_.height) * 4);
  fill_pixels(0, 0, image_.width, image_.height, background);
  font_->data = read_bytes(kFontPath);
  font_->loaded = !font_->data.empty() && stbtt_InitFont(&font_->info, font_->data.data(), 0) != 0;
}

Canvas::~Canvas() = default;

void Canvas::fill(int x0, int y0, int x1, int y1, Rgb colour) {
  const auto pixel = [this](int unit) { return static_cast<int>(std::lround(unit * scale_)); };
  fill_pixels(pixel(x0), pixel(y0), pixel(x1), pixel(y1), colour);
}

void Canvas::fill_pixels(int x0, int y0, int x1, int y1, Rgb colour) {
  x0 = std::max(x0, 0), y0 = std::max(y0, 0);
  x1 = std::min(x1, image_.width), y1 = std::min(y1, image_.height);
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      std::uint8_t* p = &image_.rgba[(static_cast<std::size_t>(y) * image_.width + x) * 4];
      p[0] = colour.r, p[1] = colour.g, p[2] = colour.b, p[3] = 255;
    }
  }
}

void Canvas::blend(int x, int y, Rgb colour, double alpha) {
  if (x < 0 || y < 0 || x >= image_.width || y >= image_.height || !(alpha > 0)) return;
  alpha = std::min(alpha, 1.0);
  std::uint8_t* p = &image_.rgba[(static_cast<std::size_t>(y) * image_.width + x) * 4];
  const auto mix = [alpha](std::uint8_t under, std::uint8_t over) {
    return static_cast<std::uint8_t>(std::lround(under + alpha * (over - under)));
  };
  p[0] = mix(p[0], colour.r), p[1] = mix(p[1], colour.g), p[2] = mix(p[2], colour.b);
}

void Canvas::disc(double cx, double cy, double radius, Rgb colour) { ring(cx, cy, radius / 2, radius, colour); }

void Canvas::ring(double cx, double cy, double radius, double thickness, Rgb colour) {
  cx *= scale_, cy *= scale_, radius *= scale_, thickness *= scale_;
  const double inner = radius - thickness / 2, outer = radius + thickness / 2;
  for (int y = static_cast<int>(std::floor(cy - outer - 1)); y <= static_cast<int>(std::ceil(cy + outer + 1)); ++y) {
    for (int x = static_cast<int>(std::floor(cx - outer - 1)); x <= static_cast<int>(std::ceil(cx + outer + 1)); ++x) {
      const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
      // Coverage of the pixel by the annulus, with a one-pixel ramp at each edge; a disc (inner 0)
      // has no inner edge, or the pixel at its centre would be half covered.
      const double inside = inner > 0 ? std::clamp(d - inner + 0.5, 0.0, 1.0) : 1.0;
      const double coverage = std::clamp(outer - d + 0.5, 0.0, 1.0) * inside;
      blend(x, y, colour, coverage);
    }
  }
}

double Canvas::text_width(std::string_view text, double size) const {
  if (!font_->loaded) {
    std::string copy(text);
    return stb_easy_font_width(copy.data()) * size / 10;
  }
  return lay_out(font_->info, text, size, 0, [](const Glyph&, double) {});
}

void Canvas::text(double x, double y, std::string_view text, double size, Rgb colour, double align) {
  x = (x - align * text_width(text, size)) * scale_;
  y *= scale_;
  size *= scale_;
  if (!font_->loaded) {
    // stb_easy_font's quads, scaled so that capitals are about 0.7 em tall.
    std::string copy(text);
    std::vector<char> buffer(copy.size() * 270 + 64);
    const int quads = stb_easy_font_print(0, 0, copy.data(), nullptr, buffer.data(), static_cast<int>(buffer.size()));
    const double s = 0.7 * size / kEasyFontHeight;
    for (int q = 0; q < quads; ++q) {
      double corner[2][2];
      for (int v = 0; v < 2; ++v) {  // vertices 0 and 2: opposite corners; 16 bytes a vertex, x and y first
        float xy[2];
        std::memcpy(xy, buffer.data() + (q * 4 + v * 2) * 16, sizeof xy);
        corner[v][0] = static_cast<double>(xy[0]);
        corner[v][1] = static_cast<double>(xy[1]);
      }
      fill(static_cast<int>(std::lround(x + corner[0][0] * s)),
           static_cast<int>(std::lround(y - kEasyFontHeight * s + corner[0][1] * s)),
           static_cast<int>(std::lround(x + corner[1][0] * s)),
           static_cast<int>(std::lround(y - kEasyFontHeight * s + corner[1][1] * s)), colour);
    }
    return;
  }
  std::vector<unsigned char> bitmap;
  lay_out(font_->info, text, size, x, [&](const Glyph& g, double pen) {
    // Rendered at its subpixel offset, so that spacing stays even at small sizes.
    const float shift = static_cast<float>(pen - std::floor(pen));
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBoxSubpixel(g.font, g.index, g.scale, g.scale, shift, 0, &x0, &y0, &x1, &y1);
    const int w = x1 - x0, h = y1 - y0;
    if (w <= 0 || h <= 0) return;
    bitmap.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
    stbtt_MakeGlyphBitmapSubpixel(g.font, bitmap.data(), w, h, w, g.scale, g.scale, shift, 0, g.index);
    const int left = static_cast<int>(std::floor(pen)) + x0, top = static_cast<int>(std::lround(y + g.lower)) + y0;
    for (int gy = 0; gy < h; ++gy)
      for (int gx = 0; gx < w; ++gx)
        blend(left + gx, top + gy, colour, bitmap[static_cast<std::size_t>(gy) * w + gx] / 255.0);
  });
}

}  // namespace optviz
