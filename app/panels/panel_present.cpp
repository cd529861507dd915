// Presentation mode (F11, View menu, optviz --present): the canvas fills the window above a
// compact time bar, the lesson's text in a strip under it, the plots beside it when asked (G);
// the menu bar and the controls appear while the pointer is at the top or the left edge.
#include <imgui.h>
#include <imgui_internal.h>  // BringWindowToDisplayFront: revealed panels go over the canvas

#include <algorithm>
#include <string>

#include "panels.hpp"

namespace optviz::gui {
namespace {

bool lesson_shown(const AppState& state) { return state.dialogs.lesson_info && !state.scenario.description.empty(); }

// The lesson's title and text wrapped to `width`, with the panel's padding: the strip's height.
float lesson_height(const AppState& state, float width) {
  if (!lesson_shown(state)) return 0;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = std::max(1.0f, width - 2 * style.WindowPadding.x);
  const float text = ImGui::CalcTextSize(state.scenario.description.c_str(), nullptr, false, wrap).y;
  return text + ImGui::GetTextLineHeightWithSpacing() + 2 * style.WindowPadding.y;
}

void draw_lesson_strip(const AppState& state) {
  if (state.layout.lesson.height() <= 0) return;
  if (begin_panel("Lesson", state.layout.lesson, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
    const Scenario& s = state.scenario;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_CheckMark]);
    ImGui::TextUnformatted(s.title.empty() ? "Lesson" : s.title.c_str());
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(s.description.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void bring_to_front(const char* window) {
  if (ImGuiWindow* w = ImGui::FindWindowByName(window)) ImGui::BringWindowToDisplayFront(w);
}

}  // namespace

void draw_presentation(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  const UiMetrics metrics = ui_metrics(state.view.ui_scale);
  const float w = io.DisplaySize.x, h = io.DisplaySize.y;
  Presentation& p = state.view.presentation;
  p = revealed_panels(p, {io.MousePos.x, io.MousePos.y}, w, h, state.layout, 2 * metrics.spacing,
                      ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
  p.lesson_height = 0;
  p.lesson_height = lesson_height(state, presentation_layout(w, h, metrics, state.view.splitters, p).canvas.width());
  state.layout = presentation_layout(w, h, metrics, state.view.splitters, p);

  draw_canvas_panel(state);
  update_simulation(state);
  if (p.plots) draw_plots_panel(state);
  draw_lesson_strip(state);
  draw_time_bar(state);
  if (p.controls) {
    draw_controls_panel(state);
    update_simulation(state);
    draw_inspector_panel(state);
    bring_to_front("Controls");
    bring_to_front("Inspector");
  }
  if (p.menu) {
    draw_menu_bar(state);
    bring_to_front("##MainMenuBar");
  }
}

}  // namespace optviz::gui
