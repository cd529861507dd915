// Drawing on the CPU, for figures written without GL (the sweep and basin maps): filled
// rectangles, discs and rings with antialiased edges, and UTF-8 text in DejaVu Sans rasterised with
// stb_truetype, the characters it lacks (Chinese) from the window's CJK font (font_files.hpp), or,
// when DejaVu is not installed, in stb_easy_font's plain strokes (ASCII only).
#pragma once

#include <memory>
#include <string_view>

#include "image.hpp"
#include "scenario.hpp"

namespace optviz {

// Coordinates and sizes are in units of the figure; `scale` pixels to a unit draws the same figure
// larger and as sharp (a slide's map is drawn at its size on the screen).
class Canvas {
 public:
  Canvas(int width, int height, Rgb background, double scale = 1);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  // Units x0 <= x < x1, y0 <= y < y1 (clipped to the canvas); y grows downwards.
  void fill(int x0, int y0, int x1, int y1, Rgb colour);
  void disc(double cx, double cy, double radius, Rgb colour);
  void ring(double cx, double cy, double radius, double thickness, Rgb colour);

  // Text of height `size` pixels (the em), its baseline at y, its left edge at x when align is 0,
  // its centre when 0.5, its right edge when 1.
  void text(double x, double y, std::string_view text, double size, Rgb colour, double align = 0);
  double text_width(std::string_view text, double size) const;

  const Image& image() const { return image_; }

 private:
  struct Font;
  // Mixes the colour into one pixel (not a unit) with weight alpha in [0, 1].
  void blend(int x, int y, Rgb colour, double alpha);
  void fill_pixels(int x0, int y0, int x1, int y1, Rgb colour);

  double scale_ = 1;
  Image image_;
  std::unique_ptr<Font> font_;
};

}  // namespace optviz
