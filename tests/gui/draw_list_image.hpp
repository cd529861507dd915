// Drawing with the plots' own ImDrawList code in tests, without GL: a bare ImGui context with the
// application's fonts and theme, and the frame's draw data rasterised on the CPU (vertex colours times
// the font atlas, blended over the background, clipped as ImGui clips) into an Image, to check pixels
// and to look at (write_png).
#pragma once

#include <imgui.h>

#include "image.hpp"
#include "theme.hpp"

namespace optviz::gui::test {

class DrawingContext {
 public:
  // A width x height display, text of `font_pixels` (the window's: a 60th of its height, at least 13).
  DrawingContext(int width, int height, float font_pixels, Theme theme);
  ~DrawingContext();
  DrawingContext(const DrawingContext&) = delete;
  DrawingContext& operator=(const DrawingContext&) = delete;

  // Starts a frame: its background draw list, which covers the display.
  ImDrawList& begin();
  // Ends it and rasterises what was drawn over the style's background.
  Image end();

  CanvasStyle style;

 private:
  ImGuiContext* context_;
  int width_, height_;
};

// The colour of pixel (x, y) of an image as IM_COL32.
ImU32 pixel(const Image& image, int x, int y);

}  // namespace optviz::gui::test
