// One widget drawn alone in an ImGui context without GL (a window filling the display, the theme's
// style and fonts), and the frame's pixels rasterised on the CPU from its draw data, so that a test
// can write a PNG of a view to look at (the font atlas sampled; other textures drawn white).
#pragma once

#include <imgui.h>

#include <functional>

#include "image.hpp"
#include "theme.hpp"

namespace optviz::gui::test {

class WidgetFrame {
 public:
  WidgetFrame(float width, float height, Theme theme = Theme::light, float font_pixels = 17);
  ~WidgetFrame();
  WidgetFrame(const WidgetFrame&) = delete;
  WidgetFrame& operator=(const WidgetFrame&) = delete;

  // One frame: `input` before NewFrame (mouse, keys), `draw` inside the window.
  void frame(const std::function<void()>& draw, const std::function<void(ImGuiIO&)>& input = {});
  // The last frame rasterised: the window's background, then every triangle in order.
  Image pixels() const;

  CanvasStyle style;

 private:
  ImGuiContext* context_;
};

}  // namespace optviz::gui::test
