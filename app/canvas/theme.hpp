// Dark and light themes, scaled for the UI scale, and the colours drawn over the canvas.
#pragma once

#include <imgui.h>

#include "layout.hpp"
#include "scenario.hpp"
#include "theme_choice.hpp"

namespace optviz::gui {

// Sets ImGui's style for the theme at the metrics' scale (from a fresh style, so scaling never
// accumulates).
void apply_theme(Theme theme, const UiMetrics& metrics);

// Colours and sizes of what is drawn over the heatmap: the same on screen and in figures.
struct CanvasStyle {
  float scale = 1;  // multiplies line widths, markers and margins
  ImFont* font = nullptr;
  float font_size = 17;
  ImU32 background = IM_COL32(30, 30, 34, 255);  // around the heatmap (figures, empty canvas)
  ImU32 text = IM_COL32(235, 235, 235, 255);     // on the background
  ImU32 text_on_heatmap = IM_COL32(255, 255, 255, 255);
  ImU32 shadow = IM_COL32(0, 0, 0, 200);  // behind text and lines on the heatmap
  ImU32 box = IM_COL32(20, 20, 24, 200);  // legend boxes
  ImU32 box_text = IM_COL32(240, 240, 240, 255);
  ImU32 axis = IM_COL32(200, 200, 200, 255);
};

CanvasStyle canvas_style(Theme theme, float scale, ImFont* font, float font_size);
// The style's font, or ImGui's current one when it has none.
inline ImFont* canvas_font(const CanvasStyle& s) { return s.font != nullptr ? s.font : ImGui::GetFont(); }

ImU32 run_colour(const Rgb& c, float alpha = 1.0f);

// WCAG 2's contrast ratio of two colours (1 to 21) from their relative luminance; alpha is ignored.
double contrast_ratio(ImU32 a, ImU32 b);
// WCAG 2's least contrast for graphics and large text, which a run's line or name keeps against
// what it is drawn on.
inline constexpr double kMinRunContrast = 3;
// A run's colour as drawn on `background`: itself when their contrast is at least kMinRunContrast,
// else mixed towards black (on a light background) or white (on a dark one) until it is, so that
// the light theme's yellow (#f0e442) is drawn olive on the white plots. Keeps the alpha.
ImU32 readable_on(ImU32 colour, ImU32 background);
// `a` blended towards `b` by t in [0, 1], channel by channel in sRGB, with the alpha of `alpha`.
ImU32 mix(ImU32 a, ImU32 b, double t, ImU32 alpha);
// What the plots draw their lines on: the current style's frame colour over its window colour.
ImU32 plot_background();

}  // namespace optviz::gui
