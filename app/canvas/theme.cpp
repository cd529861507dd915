#include "theme.hpp"

#include <algorithm>

namespace optviz::gui {

void apply_theme(Theme theme, const UiMetrics& m) {
  ImGuiStyle style;
  if (theme == Theme::dark) {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.10f, 0.12f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.13f, 0.15f, 1.0f);
    style.Colors[ImGuiCol_Text] = ImVec4(0.93f, 0.93f, 0.93f, 1.0f);
  } else {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.97f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.93f, 0.93f, 0.94f, 1.0f);
    style.Colors[ImGuiCol_Text] = ImVec4(0.05f, 0.05f, 0.05f, 1.0f);
  }
  // Drop-down lists and menus opaque: the text beneath would show through ImGui's translucent default.
  style.Colors[ImGuiCol_PopupBg].w = 1;
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.WindowBorderSize = 1;
  style.ScaleAllSizes(m.scale);
  // The sizes the layout computes with.
  style.FramePadding = ImVec2(m.frame_padding_x, m.frame_padding_y);
  style.WindowPadding = ImVec2(m.spacing, m.spacing);
  style.ItemSpacing = ImVec2(m.spacing, std::round(5 * m.scale));
  style.GrabMinSize = std::round(12 * m.scale);
  style.ScrollbarSize = std::round(16 * m.scale);
  ImGui::GetStyle() = style;
}

CanvasStyle canvas_style(Theme theme, float scale, ImFont* font, float font_size) {
  CanvasStyle s;
  s.scale = scale;
  s.font = font;
  s.font_size = font_size;
  if (theme == Theme::light) {
    s.background = IM_COL32(250, 250, 250, 255);
    s.text = IM_COL32(20, 20, 20, 255);
    s.box = IM_COL32(255, 255, 255, 215);
    s.box_text = IM_COL32(15, 15, 15, 255);
    s.axis = IM_COL32(60, 60, 60, 255);
  }
  return s;
}

ImU32 run_colour(const Rgb& c, float alpha) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(std::clamp(alpha, 0.0f, 1.0f) * 255));
}

}  // namespace optviz::gui
