#include "theme.hpp"

#include <algorithm>
#include <cmath>

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

namespace {

double channel(ImU32 c, int shift) { return static_cast<double>((c >> shift) & 0xFFu) / 255.0; }

// WCAG 2's relative luminance of the sRGB colour.
double luminance(ImU32 c) {
  const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * linear(channel(c, IM_COL32_R_SHIFT)) + 0.7152 * linear(channel(c, IM_COL32_G_SHIFT)) +
         0.0722 * linear(channel(c, IM_COL32_B_SHIFT));
}

}  // namespace

ImU32 mix(ImU32 a, ImU32 b, double t, ImU32 alpha) {
  const auto at = [&](int shift) {
    return static_cast<ImU32>(std::lround((channel(a, shift) * (1 - t) + channel(b, shift) * t) * 255)) << shift;
  };
  return at(IM_COL32_R_SHIFT) | at(IM_COL32_G_SHIFT) | at(IM_COL32_B_SHIFT) | (alpha & IM_COL32_A_MASK);
}

double contrast_ratio(ImU32 a, ImU32 b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 readable_on(ImU32 colour, ImU32 background) {
  if (contrast_ratio(colour, background) >= kMinRunContrast) return colour;
  // Black reaches at least 3:1 on a background of luminance above 0.1, white below it.
  const ImU32 towards = luminance(background) > 0.1 ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
  for (int step = 1; step <= 20; ++step) {
    const ImU32 mixed = mix(colour, towards, step / 20.0, colour);
    if (contrast_ratio(mixed, background) >= kMinRunContrast) return mixed;
  }
  return (towards & ~IM_COL32_A_MASK) | (colour & IM_COL32_A_MASK);
}

ImU32 plot_background() {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec4 frame = style.Colors[ImGuiCol_FrameBg], window = style.Colors[ImGuiCol_WindowBg];
  const auto over = [&](float f, float w) { return f * frame.w + w * (1 - frame.w); };
  return ImGui::ColorConvertFloat4ToU32(
      ImVec4(over(frame.x, window.x), over(frame.y, window.y), over(frame.z, window.z), 1.0f));
}

}  // namespace optviz::gui
