// The splitters between the panels: thin handles the user drags to resize the columns and the
// inspector. Sizes are stored unscaled, so they survive a change of UI scale.
#include <imgui.h>

#include <algorithm>

#include "panels.hpp"

namespace optviz::gui {
namespace {

// A handle over `rect`; returns the mouse movement along the axis while dragged.
float splitter(const char* id, PixelRect rect, bool vertical) {
  ImGui::SetNextWindowPos(ImVec2(rect.x0, rect.y0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(std::max(rect.width(), 1.0f), std::max(rect.height(), 1.0f)), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground |
                                      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoMove;
  float delta = 0;
  if (ImGui::Begin(id, nullptr, kFlags)) {
    ImGui::InvisibleButton("##handle", ImVec2(std::max(rect.width(), 1.0f), std::max(rect.height(), 1.0f)));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive())
      ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
    if (ImGui::IsItemActive()) {
      delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(rect.x0, rect.y0), ImVec2(rect.x1, rect.y1),
                                                ImGui::GetColorU32(ImGuiCol_SeparatorActive));
    }
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  return delta;
}

}  // namespace

void draw_splitters(AppState& state) {
  const Layout& l = state.view.layout;
  Splitters& s = state.view.settings.splitters;
  const float scale = std::max(state.view.settings.ui_scale, kMinUiScale);
  const float half = 3 * scale;

  const float dx =
      splitter("##split controls", {l.controls.x1 - half, l.controls.y0, l.controls.x1 + half, l.inspector.y1}, true);
  s.controls_width = std::clamp(s.controls_width + dx / scale, 200.0f, 1200.0f);
  const float body = std::max(1.0f, l.inspector.y1 - l.controls.y0);
  const float dy = splitter("##split inspector",
                            {l.inspector.x0, l.inspector.y0 - half, l.inspector.x1, l.inspector.y0 + half}, false);
  s.inspector_fraction = std::clamp(s.inspector_fraction - dy / body, 0.15f, 0.8f);
  if (l.plots_beside) {
    const float d = splitter("##split plots", {l.plots.x0 - half, l.plots.y0, l.plots.x0 + half, l.plots.y1}, true);
    s.side_width = std::clamp(s.side_width - d / scale, 200.0f, 1200.0f);
  } else {
    const float d = splitter("##split plots", {l.plots.x0, l.plots.y0 - half, l.plots.x1, l.plots.y0 + half}, false);
    s.plots_fraction = std::clamp(s.plots_fraction - d / std::max(1.0f, l.plots.y1 - l.canvas.y0), 0.15f, 0.8f);
  }
}

}  // namespace optviz::gui
