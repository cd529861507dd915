// The live views of every run's inner state against the step (run_plots.hpp): the loss, the
// accumulator G_t per coordinate and the step size eta / (sqrt(G_t) + eps) per coordinate (x solid,
// y dashed), with the playhead marked; a lesson shows its own plots and coordinate. Clicking a plot
// moves the playhead.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "line_plot.hpp"
#include "panels.hpp"
#include "run_name.hpp"
#include "run_plots.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

void legend(const AppState& state) {
  const float swatch = ImGui::GetFontSize() * 1.2f;
  bool first = true;
  const std::vector<std::string> run_labels = run_names(state.model.simulated);
  for (std::size_t i = 0; i < state.model.simulated.course.runs.size() && i < state.model.runs.size(); ++i) {
    if (!state.model.simulated.looks[i].visible) continue;
    const float width = swatch + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(run_labels[i].c_str()).x;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first = false;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float mid = p.y + ImGui::GetTextLineHeight() / 2;
    ImGui::GetWindowDrawList()->AddLine(
        ImVec2(p.x, mid), ImVec2(p.x + swatch, mid),
        readable_on(run_colour(state.model.simulated.looks[i].colour), ImGui::GetColorU32(ImGuiCol_WindowBg)),
        3 * ImGui::GetFontSize() / 17);
    ImGui::Dummy(ImVec2(swatch, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(run_labels[i].c_str());
  }
  // The key of the per-coordinate plots, when one is shown.
  const std::vector<LessonPlot> shown = shown_plots(state.model.scenario);
  if (std::none_of(shown.begin(), shown.end(),
                   [](LessonPlot p) { return p == LessonPlot::accumulator || p == LessonPlot::step_size; }))
    return;
  const CoordinateNames names = coordinate_names(current_function(state));
  const CoordinateChoice coordinate = state.model.scenario.lesson.coordinate;
  const std::string key =
      coordinate == CoordinateChoice::both
          ? tr_format("— {0}   - - {1}   | playhead", {names.x, names.y})
          : tr_format("— {0} only   | playhead", {coordinate == CoordinateChoice::x ? names.x : names.y});
  if (!first) {
    ImGui::SameLine(0, 2 * ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(key.c_str()).x) ImGui::NewLine();
  }
  ImGui::TextDisabled("%s", key.c_str());
  const std::string help = tr_format(
      "Solid lines: the {0} coordinate; dashed: {1}. The vertical line is the playhead; click a plot to move it.",
      {names.x, names.y});
  tooltip(help.c_str());
}

}  // namespace

void draw_plots_panel(AppState& state) {
  if (!begin_panel(tr("Inner state"), state.view.layout.plots, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  legend(state);
  if (state.model.simulated.network) {
    draw_network_plots(state);
    ImGui::End();
    return;
  }
  const long step = current_step(state);
  const Scenario& shown = state.model.simulated;
  const RunPlotsSource source{&shown,
                              &state.model.runs,
                              step,
                              state.model.scenario.lesson.coordinate,
                              state.model.run_versions,
                              !state.view.settings.hide_answer};
  // The lesson's plots (all three for a scenario that is no lesson), each with its cache.
  std::vector<LessonPlot> kinds = shown_plots(state.model.scenario);
  std::erase_if(kinds, [&](LessonPlot k) {
    return k == LessonPlot::sweep || (k == LessonPlot::data && !current_function(state).is_data());
  });
  PlotAxes& axes = state.view.plot_axes;
  std::vector<LinePlot> plots;
  std::vector<PlotColumnsCache*> caches;
  for (LessonPlot k : kinds) {
    if (k == LessonPlot::data) continue;
    const std::size_t c = k == LessonPlot::loss ? 0 : k == LessonPlot::accumulator ? 1 : 2;
    plots.push_back(run_plot(k, source));
    plots.back().ahead = state.view.settings.show_ahead;
    if (state.view.settings.hide_answer) plots.back().empty_text = tr("the curves come with the answer (Q)");
    plots.back().y = series_range(plots.back(), &axes.columns[c]);
    caches.push_back(&axes.columns[c]);
  }

  const CanvasStyle style = ui_canvas_style(state);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  // A loss from data puts its points and models first, a little larger than the other plots.
  const bool data = std::find(kinds.begin(), kinds.end(), LessonPlot::data) != kinds.end();
  const float data_share = data ? 1.35f : 0.0f;
  const float shares = static_cast<float>(plots.size()) + data_share;
  const int count = static_cast<int>(kinds.size());
  auto size_of = [&](float share) {
    if (state.view.layout.plots_beside)
      return ImVec2(avail.x, (avail.y - static_cast<float>(count - 1) * spacing.y) * share / shares);
    return ImVec2((avail.x - static_cast<float>(count - 1) * spacing.x) * share / shares, avail.y);
  };
  Polylines scratch;
  std::optional<long> clicked;
  std::size_t next = 0;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    if (k > 0 && !state.view.layout.plots_beside) ImGui::SameLine();
    ImGui::PushID(static_cast<int>(k));
    if (kinds[k] == LessonPlot::data) {
      draw_data_plot(state, size_of(data_share));
    } else if (const auto s = draw_line_plot("##plot", plots[next], size_of(1), style, scratch, *caches[next])) {
      clicked = s;
    }
    if (kinds[k] != LessonPlot::data) ++next;
    ImGui::PopID();
  }
  if (kinds.empty()) ImGui::TextDisabled("%s", tr("This lesson shows no plots."));
  for (PlotColumnsCache& cache : axes.columns) cache.forget_unused();
  if (clicked) {
    state.model.playback.playing = false;
    set_step(state, *clicked);
  }
  ImGui::End();
}

}  // namespace optviz::gui
