// Presentation mode (F11, View menu, optviz --present): the lesson as its slide above a compact
// time bar (its title, the canvas, its plots unless G hides them, its text or question); the menu
// bar and the controls appear while the pointer is at the top or the left edge.
#include <imgui.h>
#include <imgui_internal.h>  // BringWindowToDisplayFront: revealed panels go over the canvas

#include <algorithm>
#include <string>

#include "canvas_draw.hpp"
#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

void bring_to_front(const char* window) {
  if (ImGuiWindow* w = ImGui::FindWindowByName(window)) ImGui::BringWindowToDisplayFront(w);
}

}  // namespace

void draw_presentation(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  const UiMetrics metrics = ui_metrics(state.view.settings.ui_scale);
  const float w = io.DisplaySize.x, h = io.DisplaySize.y;
  Presentation& p = state.view.settings.presentation;
  p = revealed_panels(p, {io.MousePos.x, io.MousePos.y}, w, h, state.view.layout, 2 * metrics.spacing,
                      ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
  // The lesson as its slide: its title, its text (or question), its plots.
  const ImGuiStyle& style = ImGui::GetStyle();
  ImFont* large = state.view.fonts.large != nullptr ? state.view.fonts.large : ImGui::GetFont();
  const std::string title = lesson_heading(state);
  static const std::string no_text;
  const std::string text = state.view.dialogs.lesson_info ? lesson_text(state) : no_text;  // Escape hides it
  const float padding = 2 * style.WindowPadding.x;
  const SlideContent slide{
      !state.model.scenario.lesson.chapter.empty(),
      [&](float wrap, float size) {
        return large->CalcTextSizeA(size, 1e9f, 0, wrap_at_spaces(large, size, std::max(1.0f, wrap), title).c_str()).y;
      },
      [&](float wrap, float size) {
        if (text.empty()) return 0.0f;
        const float inner = std::max(1.0f, wrap - padding);
        ImFont* font = ImGui::GetFont();
        return font->CalcTextSizeA(size, 1e9f, 0, wrap_at_spaces(font, size, inner, text).c_str()).y + padding;
      },
      shown_plots(state.model.scenario).size()};
  state.view.layout = presentation_layout(w, h, metrics, state.view.settings.splitters, p, slide);

  draw_lesson_header(state);
  draw_canvas_panel(state);
  if (state.view.layout.plots.height() > 0) draw_plots_panel(state);
  draw_lesson_strip(state);
  draw_time_bar(state);
  if (p.controls) {
    draw_controls_panel(state);
    draw_inspector_panel(state);
    // The panels' names are their titles, in the reader's language.
    bring_to_front(tr("Controls"));
    bring_to_front(tr("Inspector"));
  }
  if (p.menu) {
    draw_menu_bar(state);
    bring_to_front("##MainMenuBar");
  }
}

}  // namespace optviz::gui
