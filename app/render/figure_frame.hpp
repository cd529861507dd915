// What the figure drawer's files share (figure_drawer.cpp, figure_network.cpp): the ImGui context
// made current for a figure, and the height of wrapped text. Internal to render/.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <string>

#include "canvas_draw.hpp"

namespace optviz::gui {

// Makes `context` current for a scope and restores the previous one.
class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  ImGuiContext* previous_;
};

inline float wrapped_height(ImFont* font, float size, float width, const std::string& text) {
  if (text.empty()) return 0;
  const std::string lines = wrap_at_spaces(font, size, std::max(1.0f, width), text);
  return font->CalcTextSizeA(size, 1e9f, 0, lines.c_str()).y;
}

}  // namespace optviz::gui
