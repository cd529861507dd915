// "Explain the next update" on the canvas (state.view.explain, explain_mode.hpp): a ring at the
// explained run's point, and an inset window in the corner away from it with the sub-step
// (explain_draw.hpp) and its buttons: previous, pause or play, next, close.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "canvas_draw.hpp"
#include "explain_draw.hpp"
#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// The buttons' labels: in words, or their symbols when the inset is too narrow for the words.
struct ButtonLabels {
  const char* previous;
  const char* pause;
  const char* play;
  const char* next;
  const char* done;
};
ButtonLabels words() { return {tr("◀ Previous"), tr("❚❚ Pause"), tr("▶ Play"), tr("Next ▶"), tr("Done: next step ▶")}; }
ButtonLabels symbols() { return {"◀##previous", "❚❚##pause", "▶##play", tr("Next ▶"), tr("Done ▶")}; }

// Each button's width ("Next" as wide as "Done" so that the row keeps its place), and the row's.
float button_widths(const ButtonLabels& l, float (&widths)[4]) {
  const ImGuiStyle& g = ImGui::GetStyle();
  const auto width = [&](const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * g.FramePadding.x;
  };
  widths[0] = width(l.previous);
  widths[1] = std::max(width(l.pause), width(l.play));
  widths[2] = std::max(width(l.next), width(l.done));
  widths[3] = width(tr("Close"));
  return widths[0] + widths[1] + widths[2] + widths[3] + 3 * g.ItemSpacing.x;
}

// The ring around the point and a line from it to the inset: the inset enlarges this spot. (Drawn
// in the inset's list, clipped to the plot: over the canvas, under any dialog.)
void draw_ring(ImDrawList& dl, PixelRect plot, PixelRect inset, Point2 point, ImU32 run, const CanvasStyle& canvas) {
  const float scale = canvas.scale;
  dl.PushClipRect(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), false);
  const float r = 16 * scale;
  const ImVec2 c(point.x, point.y);
  const ImVec2 corner(std::clamp(point.x, inset.x0, inset.x1), std::clamp(point.y, inset.y0, inset.y1));
  const float dx = corner.x - c.x, dy = corner.y - c.y, n = std::max(1.0f, std::hypot(dx, dy));
  dl.AddLine(ImVec2(c.x + dx / n * r, c.y + dy / n * r), corner, canvas.shadow, 4 * scale);
  dl.AddLine(ImVec2(c.x + dx / n * r, c.y + dy / n * r), corner, run, 2 * scale);
  dl.AddCircle(c, r, canvas.shadow, 0, 5 * scale);
  dl.AddCircle(c, r, run, 0, 3 * scale);
  dl.PopClipRect();
}

// Previous, play and next from the inset's bottom left; close at the right, after next at least.
void lay_out_buttons(ExplainLayout& layout, float pad, const float (&widths)[4], float height, float spacing) {
  float left = layout.inset.x0 + pad;
  const float top = layout.inset.y1 - pad - height;
  for (int i = 0; i < 3; ++i) {
    layout.buttons[i] = {left, top, left + widths[i], top + height};
    left += widths[i] + spacing;
  }
  const float close_x = std::max(left, layout.inset.x1 - pad - widths[3]);
  layout.buttons[3] = {close_x, top, close_x + widths[3], top + height};
}

}  // namespace

void draw_explain_overlay(AppState& state, PixelRect plot, const CanvasTransform& t) {
  ExplainMode& x = state.view.explain;
  // A network parameter's update has no point on the canvas: the inspector draws it.
  if (!x.open || x.run >= state.model.simulated.course.runs.size() || x.explanation.coordinates == 1) return;
  const CanvasStyle canvas = ui_canvas_style(state);
  const float scale = canvas.scale;
  const ImU32 run = run_colour(state.model.simulated.looks[x.run].colour);
  const Point2 point = t.to_pixels(x.explanation.theta_before);
  const bool point_shown = std::isfinite(point.x) && std::isfinite(point.y) && plot.contains(point);
  // Presentation mode's text is already a 32nd of the window's height: the inset asks for less
  // room per unit of scale there, and its captions are only a little larger than the text.
  const bool presenting = state.view.settings.presenting;
  ExplainStyle style;
  style.canvas = canvas;
  style.large = state.view.fonts.large;
  style.large_size = canvas.font_size * (presenting ? 1.1f : kLargeFontFactor);
  style.mono = state.view.fonts.mono;
  style.light = state.view.settings.theme == Theme::light;
  style.run = run;
  const ImGuiStyle& g = ImGui::GetStyle();
  const float pad = explain_padding(style);
  const float controls = ImGui::GetFrameHeight();
  ButtonLabels labels = words();
  float widths[4];
  float row = button_widths(labels, widths);
  const auto inset_for = [&](float controls_width) {
    return explain_inset(plot, point_shown ? point : Point2{plot.x1, plot.y1}, x.explanation, style,
                         presenting ? 0.7f * scale : scale, controls, controls_width);
  };
  PixelRect inset = inset_for(row);
  if (inset.width() < row + 2 * pad) {
    labels = symbols();
    row = button_widths(labels, widths);
    inset = inset_for(row);
  }
  x.layout.inset = inset;
  lay_out_buttons(x.layout, pad, widths, controls, g.ItemSpacing.x);
  const auto place = [&](int i) {
    ImGui::SetCursorScreenPos(ImVec2(x.layout.buttons[i].x0, x.layout.buttons[i].y0));
    return ImVec2(widths[i], 0);
  };

  ImGui::SetNextWindowPos(ImVec2(inset.x0, inset.y0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(inset.width(), inset.height()), ImGuiCond_Always);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                                      ImGuiWindowFlags_NoFocusOnAppearing;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const bool open = ImGui::Begin("Explained update", nullptr, kFlags);
  ImGui::PopStyleVar();
  if (open) {
    if (point_shown) draw_ring(*ImGui::GetWindowDrawList(), plot, inset, point, run, canvas);
    x.layout.text_bottom = draw_explanation(*ImGui::GetWindowDrawList(), inset, x.explanation, x.part, style, controls);

    const bool has_parts = !x.explanation.parts.empty();
    ImGui::BeginDisabled(!has_parts || x.part == 0);
    if (ImGui::Button(labels.previous, place(0))) explain_previous(state);
    tooltip(tr("The previous sub-step (←)"));
    ImGui::EndDisabled();
    ImGui::BeginDisabled(!has_parts);
    if (ImGui::Button(x.playing ? labels.pause : labels.play, place(1))) x.playing = !x.playing;
    tooltip(x.playing ? tr("Pause (Space)") : tr("Play (Space)"));
    const bool last = x.part + 1 >= x.explanation.parts.size();
    if (ImGui::Button(last ? labels.done : labels.next, place(2))) explain_next(state);
    ImGui::EndDisabled();
    tooltip(tr("The next sub-step; after the last one the playhead moves one step"));
    if (ImGui::Button(tr("Close"), place(3))) stop_explaining(state);
    tooltip(tr("Leave the explained update (E or Escape)"));
    if (x.open && x.playing && has_parts) {
      // How long the sub-step has left, as a bar along the inset's bottom edge.
      const float f = static_cast<float>(std::clamp(x.shown / kExplainPartSeconds, 0.0, 1.0));
      ImGui::GetWindowDrawList()->AddRectFilled(
          ImVec2(inset.x0 + 8 * scale, inset.y1 - 5 * scale),
          ImVec2(inset.x0 + 8 * scale + f * (inset.width() - 16 * scale), inset.y1 - 2 * scale), run);
    }
  }
  ImGui::End();
}

}  // namespace optviz::gui
