// The data plot (data_plot.hpp), at the top of the inner-state panel while the function is a loss
// from data: the points and, at the playhead, each visible run's model in its colour. With the
// spread shown, the models of the other seeds are drawn thin and faint, and the noiseless run
// dashed. Hovering reads every model out at the pointer's x.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "canvas_draw.hpp"
#include "data_plot.hpp"
#include "line_plot.hpp"
#include "panels.hpp"
#include "plot_scale.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

void hover_readout(const AppState& state, DataLoss loss, double x, long step) {
  const CoordinateNames names = coordinate_names(current_function(state));
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(tr_format("x = {0}, at step {1}", {short_number(x), std::to_string(step)}).c_str());
  for (std::size_t i = 0; i < state.model.simulated.course.runs.size() && i < state.model.runs.size(); ++i) {
    const auto theta = parameters_at(state.model.runs[i], step);
    if (!state.model.simulated.looks[i].visible || !theta) continue;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(readable_on(run_colour(state.model.simulated.looks[i].colour),
                                                                  ImGui::GetColorU32(ImGuiCol_WindowBg))),
                       "%s",
                       tr_format("{0}: {1} = {2}, {3} = {4}, model {5}",
                                 {run_name(state.model.simulated, i), names.x, short_number(theta->x), names.y,
                                  short_number(theta->y), short_number(data_model(loss, *theta, x))})
                           .c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace

void draw_data_plot(const AppState& state, ImVec2 size) {
  const Objective& f = current_function(state);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 10.0f);
  size.y = std::max(size.y, 10.0f);
  ImGui::InvisibleButton("##data", size);
  if (!f.is_data()) return;
  const bool hovered = ImGui::IsItemHovered();
  const DataLoss loss = f.loss();
  const float scale = ui_canvas_style(state).scale;
  const long step = current_step(state);

  // The selected run last, on top; a question hides every model.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < state.model.simulated.course.runs.size() && i < state.model.runs.size(); ++i)
    if (state.model.simulated.looks[i].visible && (!state.model.selected || *state.model.selected != i))
      order.push_back(i);
  if (state.model.selected &&
      *state.model.selected < std::min(state.model.simulated.course.runs.size(), state.model.runs.size()) &&
      state.model.simulated.looks[*state.model.selected].visible)
    order.push_back(*state.model.selected);
  if (state.view.settings.hide_answer) order.clear();
  std::vector<DataModelLine> models;
  const Spread& spread = state.model.spread;
  if (state.view.settings.show_spread && spread.runs.size() == state.model.simulated.course.runs.size() &&
      spread.course == state.model.simulated.course) {
    for (const std::size_t i : order) {
      const ImU32 colour = run_colour(state.model.simulated.looks[i].colour);
      for (const Trajectory& t : spread.runs[i].seeds)
        if (const auto theta = parameters_at(t, step))
          models.push_back({*theta, {with_alpha(colour, 0.35f), 1.2f * scale, false}});
      if (const auto theta = parameters_at(spread.runs[i].reference, step))
        models.push_back({*theta, {colour, 1.6f * scale, true}});
    }
  }
  for (const std::size_t i : order) {
    if (const auto theta = parameters_at(state.model.runs[i], step)) {
      const bool selected = state.model.selected && *state.model.selected == i;
      models.push_back(
          {*theta, {run_colour(state.model.simulated.looks[i].colour), (selected ? 3.0f : 2.4f) * scale, false}});
    }
  }
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const auto area = draw_data(dl, origin, size, *f.data(), loss, models, scale);
  if (!area) return;
  const DataPlotArea& a = *area;

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (hovered && mouse.x >= a.rect.x0 && mouse.x <= a.rect.x1) {
    const double fx =
        (static_cast<double>(mouse.x) - static_cast<double>(a.rect.x0)) / static_cast<double>(a.rect.width());
    dl.AddLine(ImVec2(mouse.x, a.rect.y0), ImVec2(mouse.x, a.rect.y1),
               with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.4f));
    hover_readout(state, loss, a.x.value(fx), step);
  }
}

}  // namespace optviz::gui
