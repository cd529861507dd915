// The live views of every run's inner state against the step: the loss, the accumulator G_t per
// coordinate and the effective step size eta / (sqrt(G_t) + eps) per coordinate (x solid, y
// dashed), with the playhead marked. Clicking a plot moves the playhead.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "line_plot.hpp"
#include "panels.hpp"

namespace optviz::gui {
namespace {

// The x and y columns of n values (`stride` bytes apart from `first`), as two series from step 1.
void add_pair_series(LinePlot& plot, const Vec2* first, std::size_t stride, std::size_t n, const std::string& name,
                     ImU32 colour, std::size_t shown, CoordinateNames names) {
  if (n == 0) return;
  plot.series.push_back({name + "_" + names.x, {&first->x, stride, n}, 1, shown, colour, false});
  plot.series.push_back({name + "_" + names.y, {&first->y, stride, n}, 1, shown, colour, true});
}

// The accumulator of a run: a built-in's, or a typed rule's state variable marked as such.
void add_accumulator_series(LinePlot& plot, const RunSpec& run, const Trajectory& t, ImU32 colour, std::size_t shown,
                            CoordinateNames names) {
  if (!run.rule) {
    if (const auto field = accumulator_field(run.hyper))
      add_pair_series(plot, t.accumulator.data(), sizeof(Vec2), t.accumulator.size(),
                      run.label + " " + std::string(field->name), colour, shown, names);
    return;
  }
  const auto index = run.rule->state_index(run.accumulator);
  if (index && t.rule_width > 0 && !t.rule_state.empty())
    add_pair_series(plot, &t.rule_state[*index], sizeof(Vec2) * t.rule_width, t.rule_state.size() / t.rule_width,
                    run.label + " " + run.accumulator, colour, shown, names);
}

void legend(const AppState& state) {
  const float swatch = ImGui::GetFontSize() * 1.2f;
  bool first = true;
  for (std::size_t i = 0; i < state.simulated.runs.size() && i < state.runs.size(); ++i) {
    const RunSpec& run = state.simulated.runs[i];
    if (!run.visible) continue;
    const float width = swatch + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(run.label.c_str()).x;
    if (!first) {
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first = false;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float mid = p.y + ImGui::GetTextLineHeight() / 2;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, mid), ImVec2(p.x + swatch, mid), run_colour(run.colour),
                                        3 * ImGui::GetFontSize() / 17);
    ImGui::Dummy(ImVec2(swatch, ImGui::GetTextLineHeight()));
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(run.label.c_str());
  }
  const CoordinateNames names = coordinate_names(current_function(state));
  const std::string key = std::string("— ") + names.x + "   - - " + names.y + "   | playhead";
  if (!first) {
    ImGui::SameLine(0, 2 * ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(key.c_str()).x) ImGui::NewLine();
  }
  ImGui::TextDisabled("%s", key.c_str());
  const std::string help = std::string("Solid lines: the ") + names.x + " coordinate; dashed: " + names.y +
                           ". The vertical line is the playhead; click a plot to move it.";
  tooltip(help.c_str());
}

}  // namespace

void draw_plots_panel(AppState& state) {
  if (!begin_panel("Inner state", state.layout.plots, ImGuiWindowFlags_NoScrollbar)) {
    ImGui::End();
    return;
  }
  legend(state);
  const long step = current_step(state);
  const AxisRange x{0, static_cast<double>(std::max(1L, last_step(state))), false};
  const Objective& f = current_function(state);
  const CoordinateNames names = coordinate_names(f);
  const bool gap = std::isfinite(f.minimum_value());

  LinePlot loss{gap ? "Loss f − f*" : "Loss f", "", gap, x, std::nullopt, {}, static_cast<double>(step), {"Loss"}};
  LinePlot accumulator{"Accumulator G_t (Adam: v)",
                       "no accumulator in the visible runs",
                       true,
                       x,
                       std::nullopt,
                       {},
                       static_cast<double>(step),
                       {"G_t (Adam: v)", "G_t"}};
  // With a schedule, η is η_t, the rate of update t.
  const bool scheduled = std::any_of(state.simulated.runs.begin(), state.simulated.runs.end(),
                                     [](const RunSpec& r) { return r.visible && !r.schedule.is_constant(); });
  LinePlot step_size{scheduled ? "Step size η_t/(√G_t+ε)" : "Step size η/(√G_t+ε)",
                     "",
                     true,
                     x,
                     std::nullopt,
                     {},
                     static_cast<double>(step),
                     {"Step size"}};
  for (std::size_t i = 0; i < state.simulated.runs.size() && i < state.runs.size(); ++i) {
    const RunSpec& run = state.simulated.runs[i];
    const Trajectory& t = state.runs[i];
    if (!run.visible || t.rows() == 0) continue;
    const ImU32 colour = run_colour(run.colour);
    const std::size_t shown = static_cast<std::size_t>(step) + 1;
    const std::size_t before[3] = {loss.series.size(), accumulator.series.size(), step_size.series.size()};
    loss.series.push_back({run.label + (gap ? " f − f*" : " f"),
                           {t.value.data(), sizeof(double), t.value.size(), gap ? f.minimum_value() : 0.0},
                           0,
                           shown,
                           colour,
                           false});
    add_accumulator_series(accumulator, run, t, colour, static_cast<std::size_t>(step), names);
    add_pair_series(step_size, t.step_size.data(), sizeof(Vec2), t.step_size.size(),
                    run.label + (run.rule ? " −Δθ/g" : " lr"), colour, static_cast<std::size_t>(step), names);
    // The caches measure a run's series again only when the run was simulated again.
    const std::uint64_t version = i < state.run_versions.size() ? state.run_versions[i] : 0;
    LinePlot* of_run[3] = {&loss, &accumulator, &step_size};
    for (int k = 0; k < 3; ++k)
      for (std::size_t j = before[k]; j < of_run[k]->series.size(); ++j) of_run[k]->series[j].version = version;
  }

  PlotAxes& axes = state.plot_axes;
  axes.loss = series_range(loss, &axes.columns[0]);
  axes.accumulator = series_range(accumulator, &axes.columns[1]);
  axes.step_size = series_range(step_size, &axes.columns[2]);
  loss.y = axes.loss;
  accumulator.y = axes.accumulator;
  step_size.y = axes.step_size;

  const CanvasStyle style = ui_canvas_style(state);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  // A loss from data puts its points and models first, a little larger than the other plots.
  const bool data = f.is_data();
  const float data_share = data ? 1.35f : 0.0f;
  const float shares = 3 + data_share;
  const int count = data ? 4 : 3;
  auto size_of = [&](float share) {
    if (state.layout.plots_beside)
      return ImVec2(avail.x, (avail.y - static_cast<float>(count - 1) * spacing.y) * share / shares);
    return ImVec2((avail.x - static_cast<float>(count - 1) * spacing.x) * share / shares, avail.y);
  };
  if (data) draw_data_plot(state, size_of(data_share));
  Polylines scratch;
  std::optional<long> clicked;
  const LinePlot* plots[] = {&loss, &accumulator, &step_size};
  const char* ids[] = {"##loss", "##accumulator", "##step"};
  for (int k = 0; k < 3; ++k) {
    if ((k > 0 || data) && !state.layout.plots_beside) ImGui::SameLine();
    if (const auto s = draw_line_plot(ids[k], *plots[k], size_of(1), style, scratch, axes.columns[k])) clicked = s;
  }
  for (PlotColumnsCache& cache : axes.columns) cache.forget_unused();
  if (clicked) {
    state.playback.playing = false;
    set_step(state, *clicked);
  }
  ImGui::End();
}

}  // namespace optviz::gui
