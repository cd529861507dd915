// The explained update of a network's parameter, inside the inspector (explain mode, E): a network
// parameter has no point on the canvas to ring, so its sub-steps are drawn where its numbers are,
// with explain_draw's pictures (one square, arrows along one axis) and the mode's buttons.
#include <imgui.h>

#include <algorithm>

#include "explain_draw.hpp"
#include "panels.hpp"
#include "translate.hpp"

namespace optviz::gui {

void draw_explained_parameter(AppState& state) {
  ExplainMode& x = state.view.explain;
  const CanvasStyle canvas = ui_canvas_style(state);
  ExplainStyle style;
  style.canvas = canvas;
  style.large = state.view.fonts.large;
  style.large_size = canvas.font_size * 1.15f;  // the inspector is narrow: a little larger than its text
  style.mono = state.view.fonts.mono;
  style.light = state.view.settings.theme == Theme::light;
  const auto& looks = state.model.scenario.looks;
  if (x.run < looks.size()) style.run = run_colour(looks[x.run].colour);
  const float controls = ImGui::GetFrameHeight();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  // As tall as explain_inset makes it for a plot of the inspector's width (at least 22 lines tall,
  // scrolled when the inspector is shorter).
  const float room = std::max(avail.y, 22 * ImGui::GetFontSize());
  const PixelRect area{origin.x, origin.y, origin.x + avail.x, origin.y + room};
  const float height =
      explain_inset(area, {area.x1, area.y1}, x.explanation, style, 0.6f * canvas.scale, controls, 0).height();
  const PixelRect box{origin.x, origin.y, origin.x + avail.x, origin.y + height};
  draw_explanation(*ImGui::GetWindowDrawList(), box, x.explanation, x.part, style, controls);

  const float pad = explain_padding(style);
  ImGui::SetCursorScreenPos(ImVec2(box.x0 + pad, box.y1 - pad - controls));
  const bool has_parts = !x.explanation.parts.empty();
  ImGui::BeginDisabled(!has_parts || x.part == 0);
  if (ImGui::Button("◀##previous part")) explain_previous(state);
  tooltip(tr("The previous sub-step (←)"));
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!has_parts);
  if (ImGui::Button(x.playing ? "❚❚##pause part" : "▶##play parts")) x.playing = !x.playing;
  tooltip(x.playing ? tr("Pause (Space)") : tr("Play (Space)"));
  ImGui::SameLine();
  const bool last = x.part + 1 >= x.explanation.parts.size();
  if (ImGui::Button(last ? tr("Done ▶##next part") : tr("Next ▶##next part"))) explain_next(state);
  tooltip(tr("The next sub-step; after the last one the playhead moves one step"));
  ImGui::EndDisabled();
  ImGui::SetCursorScreenPos(ImVec2(box.x0, box.y1));
  ImGui::Dummy(ImVec2(avail.x, ImGui::GetStyle().ItemSpacing.y));
}

}  // namespace optviz::gui
