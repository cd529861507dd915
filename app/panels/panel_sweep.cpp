// The sweep panel: for the selected run, a grid over two of its hyperparameters coloured by the
// final loss or by the steps to a tolerance (map_scale.hpp, as the PNG of `optviz sweep`), computed
// in the background (map_job.hpp) with a progress bar and a cancel button. The run's own values are
// ringed; clicking a cell loads its values into the run.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "image_draw.hpp"
#include "map_views.hpp"
#include "panels.hpp"
#include "parameters.hpp"
#include "plot_scale.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

ImU32 u32(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

// The hyperparameter, range and scale of one axis; true when something changed.
bool axis_row(const char* label, SweepAxisChoice& axis, const std::string& other, const RunSpec& run) {
  ImGui::PushID(label);
  bool changed = false;
  label_column(label, 1.6f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (ImGui::BeginCombo("##parameter", axis.name.c_str())) {
    for (const RealParameter* p : parameters_of(run)) {
      if (p->name == other) continue;
      if (ImGui::Selectable(std::string(p->name).c_str(), p->name == axis.name)) {
        axis = default_axis(*p, run.hyper.*p->member);
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  const float field = ImGui::GetFontSize() * 5;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  changed |= ImGui::InputDouble("##from", &axis.from, 0, 0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue);
  tooltip(tr("the first value (left or bottom edge)"));
  ImGui::SameLine();
  ImGui::TextUnformatted(tr("to"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(field);
  changed |= ImGui::InputDouble("##to", &axis.to, 0, 0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue);
  tooltip(tr("the last value (right or top edge)"));
  ImGui::SameLine();
  changed |= ImGui::Checkbox(tr("log"), &axis.log);
  tooltip(tr("values evenly spaced on a log scale (both ends > 0)"));
  ImGui::PopID();
  return changed;
}

void settings_rows(SweepSettings& s, const RunSpec& run, long scenario_steps, bool known_minimum) {
  axis_row("x", s.x, s.y.name, run);
  axis_row("y", s.y, s.x.name, run);
  label_column(tr("Cells"), 3.2f);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  const std::string side = std::to_string(s.side) + " × " + std::to_string(s.side);
  if (ImGui::BeginCombo("##cells", side.c_str())) {
    for (const int n : kSweepSides)
      if (ImGui::Selectable((std::to_string(n) + " × " + std::to_string(n)).c_str(), n == s.side)) s.side = n;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::TextUnformatted(tr("steps"));
  ImGui::SameLine();
  int steps = static_cast<int>(s.steps > 0 ? s.steps : scenario_steps);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  if (ImGui::InputInt("##steps", &steps, 0, 0, ImGuiInputTextFlags_EnterReturnsTrue))
    s.steps = std::clamp<long>(steps, 1, kMaxMapSteps);
  tooltip(tr("updates of every cell (the scenario's step count until changed)"));

  label_column(tr("Colour"), 3.2f);
  int colour = s.colouring == MapColouring::steps ? 1 : 0;
  ImGui::RadioButton(tr("final loss"), &colour, 0);
  ImGui::SameLine();
  ImGui::BeginDisabled(!known_minimum);
  ImGui::RadioButton(tr("steps to f − f* ≤"), &colour, 1);
  ImGui::EndDisabled();
  if (!known_minimum) tooltip(tr("needs a function with a known minimum value f*"));
  s.colouring = colour == 1 ? MapColouring::steps : MapColouring::loss;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  double tolerance = s.tolerance;
  if (ImGui::InputDouble("##tolerance", &tolerance, 0, 0, "%.2g", ImGuiInputTextFlags_EnterReturnsTrue) &&
      tolerance > 0 && std::isfinite(tolerance))
    s.tolerance = tolerance;
  tooltip(tr("when a run counts as converged: f − f* at most this"));
}

// The job's state: a progress bar and Cancel while it runs, Compute after a cancel, the problem.
void status_row(AppState& state, SweepView& v) {
  if (!v.problem.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, error_colour(state));
    ImGui::TextWrapped("%s", v.problem.c_str());
    ImGui::PopStyleColor();
    return;
  }
  if (v.job.running()) {
    const float button = ImGui::CalcTextSize(tr("Cancel")).x + 2 * ImGui::GetStyle().FramePadding.x;
    const int percent = static_cast<int>(v.job.progress() * 100);
    ImGui::ProgressBar(static_cast<float>(v.job.progress()),
                       ImVec2(ImGui::GetContentRegionAvail().x - button - ImGui::GetStyle().ItemSpacing.x, 0),
                       tr_format("computing {0}%", {std::to_string(percent)}).c_str());
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel"))) v.job.cancel();
    return;
  }
  if (v.job.stopped()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr("Cancelled: the map shows an earlier run."));
    ImGui::SameLine();
    if (ImGui::Button(tr("Compute"))) v.job.restart();
    return;
  }
  if (v.job.waiting()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", tr("waiting for the change to settle…"));
    return;
  }
  if (!v.job.error().empty()) {
    ImGui::TextColored(error_colour(state), "%s", v.job.error().c_str());
    return;
  }
  const Map* map = v.job.result();
  const Sweep* spec = v.job.result_spec();
  if (map != nullptr && spec != nullptr) {
    std::size_t diverged = 0;
    for (const RunSummary& c : map->cells) diverged += c.diverged_at.has_value();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("%s", tr_format("{0} × {1} runs of {2} steps; {3} diverged. Click a cell to load it.",
                                       {std::to_string(map->columns), std::to_string(map->rows),
                                        std::to_string(spec->steps), std::to_string(diverged)})
                                 .c_str());
    ImGui::PopStyleColor();
  }
}

void swatch(ImDrawList& dl, ImU32 colour, const char* label, const CanvasStyle& s) {
  const float side = ImGui::GetTextLineHeight() * 0.8f;
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float y = p.y + (ImGui::GetTextLineHeight() - side) / 2;
  dl.AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + side, y + side), colour);
  dl.AddRect(ImVec2(p.x, y), ImVec2(p.x + side, y + side), s.axis);
  ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::TextUnformatted(label);
}

void ring(ImDrawList& dl, ImVec2 at, float radius, float scale) {
  dl.AddCircle(at, radius, IM_COL32(0, 0, 0, 255), 24, 4.5f * scale);
  dl.AddCircle(at, radius, IM_COL32(255, 255, 255, 255), 24, 2.0f * scale);
}

// One line of legend: what the colours count, and the marks.
void legend_row(ImDrawList& dl, const SweepView& v, const CanvasStyle& s) {
  ImGui::TextUnformatted(tr_format("Colour: {0}", {v.scale.title()}).c_str());
  const auto next = [](float width) {
    ImGui::SameLine(0, 1.5f * ImGui::GetFontSize());
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
  };
  const float w = ImGui::GetFontSize() * 6;
  next(w);
  swatch(dl, u32(kDivergedColour), tr("diverged"), s);
  if (v.scale.colouring == MapColouring::steps) {
    next(w);
    swatch(dl, u32(kNotReachedColour), tr("not reached"), s);
  }
  next(w);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float r = ImGui::GetTextLineHeight() * 0.35f;
  ring(dl, ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() / 2), r, s.scale);
  ImGui::Dummy(ImVec2(2 * r, ImGui::GetTextLineHeight()));
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::TextUnformatted(tr("this run"));
}

// Tick labels along one edge, skipping those that would touch the previous one.
void x_ticks(ImDrawList& dl, const std::vector<MapTick>& ticks, PixelRect plot, const CanvasStyle& s) {
  float last = -1e30f;
  for (const MapTick& t : ticks) {
    const float x = plot.x0 + static_cast<float>(t.position) * plot.width();
    const float w = ImGui::CalcTextSize(t.label.c_str()).x;
    dl.AddLine(ImVec2(x, plot.y1), ImVec2(x, plot.y1 + 5 * s.scale), s.axis, s.scale);
    if (x - w / 2 < last + 0.6f * s.font_size) continue;
    dl.AddText(ImVec2(x - w / 2, plot.y1 + 6 * s.scale), s.text, t.label.c_str());
    last = x + w / 2;
  }
}

void y_ticks(ImDrawList& dl, const std::vector<MapTick>& ticks, PixelRect plot, float x, bool left,
             const CanvasStyle& s) {
  float last = 1e30f;
  for (const MapTick& t : ticks) {
    const float y = plot.y1 - static_cast<float>(t.position) * plot.height();
    const float tick = left ? -5 * s.scale : 5 * s.scale;
    dl.AddLine(ImVec2(x, y), ImVec2(x + tick, y), s.axis, s.scale);
    if (y + s.font_size / 2 > last - 0.2f * s.font_size) continue;
    const float w = ImGui::CalcTextSize(t.label.c_str()).x;
    dl.AddText(ImVec2(left ? x + tick - 3 * s.scale - w : x + tick + 3 * s.scale, y - s.font_size / 2), s.text,
               t.label.c_str());
    last = y - s.font_size / 2;
  }
}

std::string cell_text(const Sweep& sweep, const RunSummary& c, int i, int j) {
  std::string text = std::string(sweep.x.parameter->name) + " = " + format_shown(sweep.x.value(i)) + ", " +
                     std::string(sweep.y.parameter->name) + " = " + format_shown(sweep.y.value(j)) + "\n";
  const double f_star = sweep.objective.minimum_value();
  if (c.diverged_at) return text + tr_format("diverged at step {0}", {std::to_string(*c.diverged_at)});
  text += std::isfinite(f_star) ? tr_format("final f − f* = {0}", {short_number(c.value - f_star)})
                                : tr_format("final f = {0}", {short_number(c.value)});
  if (std::isfinite(sweep.target.value)) {
    const std::string tolerance = short_number(sweep.target.tolerance);
    text += "\n" + (c.reached_at ? tr_format("f − f* ≤ {0} at step {1}", {tolerance, std::to_string(*c.reached_at)})
                                 : tr_format("never within {0} of f*", {tolerance}));
  }
  return text;
}

// The map with its axes, colour bar and mark; hover for a cell's values, click to load them.
void draw_map(AppState& state, SweepView& v, std::size_t index, const CanvasStyle& s) {
  const Map* map = v.job.result();
  const Sweep* sweep = v.job.result_spec();
  if (map == nullptr || sweep == nullptr) return;
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  legend_row(dl, v, s);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float f = s.font_size;
  const float left = 4.2f * f, right = 5.5f * f, top = 1.6f * f, bottom = 2.8f * f;
  const float side = std::min(avail.x - left - right, avail.y - top - bottom);
  if (side < 4 * f) return;
  const PixelRect plot{origin.x + left, origin.y + top, origin.x + left + side, origin.y + top + side};
  ImGui::SetCursorScreenPos(ImVec2(plot.x0, plot.y0));
  ImGui::InvisibleButton("map", ImVec2(side, side));
  const bool hovered = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);

  if (v.image.texture != nullptr)
    dl.AddImage(v.image.texture, ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), ImVec2(0, 1), ImVec2(1, 0));
  else
    dl.AddRectFilled(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), s.background);
  if (!v.job.current()) dl.AddRectFilled(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), IM_COL32(0, 0, 0, 90));
  dl.AddRect(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), s.axis, 0, 0, s.scale);
  x_ticks(dl, sweep_axis_ticks(sweep->x), plot, s);
  y_ticks(dl, sweep_axis_ticks(sweep->y), plot, plot.x0, true, s);
  const auto axis_name = [](const Axis& axis) {
    const std::string name(axis.parameter->name);
    return axis.log ? tr_format("{0} (log scale)", {name}) : name;
  };
  const std::string x_name = axis_name(sweep->x), y_name = axis_name(sweep->y);
  const float x_name_w = ImGui::CalcTextSize(x_name.c_str()).x;
  dl.AddText(ImVec2((plot.x0 + plot.x1 - x_name_w) / 2, plot.y1 + 1.4f * f), s.text, x_name.c_str());
  dl.AddText(ImVec2(origin.x, origin.y), s.text, y_name.c_str());

  // The colour bar right of the map, as tall as the map.
  const PixelRect bar{plot.x1 + 1.0f * f, plot.y0, plot.x1 + 1.8f * f, plot.y1};
  draw_colour_ramp(dl, bar);
  dl.AddRect(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, bar.y1), s.axis, 0, 0, s.scale);
  y_ticks(dl, v.scale.ticks(), bar, bar.x1, false, s);

  // The run's own configuration.
  const RunSpec& run = state.model.scenario.course.runs[index];
  const Vec2 own = swept_values(run, *sweep);
  const double tx = sweep_axis_position(sweep->x, own.x), ty = sweep_axis_position(sweep->y, own.y);
  if (tx >= 0 && tx <= 1 && ty >= 0 && ty <= 1)
    ring(dl, ImVec2(plot.x0 + static_cast<float>(tx) * side, plot.y1 - static_cast<float>(ty) * side), 0.45f * f,
         s.scale);

  ImGui::SetCursorScreenPos(ImVec2(origin.x, plot.y1 + bottom));
  if (!hovered) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const auto cell = [&](float offset, int count) {
    return std::clamp(static_cast<int>(static_cast<double>(offset / side) * count), 0, count - 1);
  };
  const int i = cell(mouse.x - plot.x0, map->columns), j = cell(plot.y1 - mouse.y, map->rows);
  const bool current = v.job.current();
  ImGui::SetTooltip(
      "%s\n%s", cell_text(*sweep, map->at(i, j), i, j).c_str(),
      current ? tr("Click to load these values into the run") : tr("(recomputing: click when it is done)"));
  if (clicked && current) {
    load_sweep_cell(state.model.scenario, index, *sweep, i, j);
    const Vec2 loaded = swept_values(state.model.scenario.course.runs[index], *sweep);
    set_notice(state, run_name(state.model.scenario, index) + ": " + std::string(sweep->x.parameter->name) + " = " +
                          format_shown(loaded.x) + ", " + std::string(sweep->y.parameter->name) + " = " +
                          format_shown(loaded.y));
  }
}

}  // namespace

void draw_sweep_panel(AppState& state) {
  SweepView& v = state.model.maps->sweep;
  if (!v.show) return;
  const std::optional<std::size_t> index = state.model.selected;
  const bool has_run = index && *index < state.model.scenario.course.runs.size();
  // The frame's update fitted the axes to the run and asked the job for its map; a run edited since
  // in this frame gets its axes fitted here before its settings are drawn.
  const bool settings = has_run && fit_sweep_axes(v.settings, state.model.scenario.course.runs[*index]);

  const UiMetrics m = ui_metrics(state.view.settings.ui_scale);
  const PixelRect c = state.view.layout.canvas;
  const float width = std::min(c.width() * 0.7f, 640 * m.scale);
  // At the window's right edge, over the plots and the canvas's right part, so that the paths the
  // map changes and the basin map's legend (bottom left of the canvas) stay in sight; below the
  // canvas too when it is short (the plots under it at large scales).
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float height = std::min(display.y - c.y0 - 16 * m.scale, 760 * m.scale);
  ImGui::SetNextWindowPos(ImVec2(display.x - width - 8 * m.scale, c.y0 + 8 * m.scale), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Appearing);
  // "###": the window keeps its place and size when the language changes.
  const std::string title = std::string(tr("Sweep map of the selected run")) + "###sweep map";
  if (ImGui::Begin(title.c_str(), &v.show, ImGuiWindowFlags_NoCollapse)) {
    if (has_run) {
      const RunSpec& run = state.model.scenario.course.runs[*index];
      const Scenario& s = state.model.scenario;
      ImGui::TextUnformatted(
          tr_format("{0} on {1}, from ({2}, {3})", {run_name(state.model.scenario, *index), s.course.objective.title(),
                                                    short_number(s.course.start.x), short_number(s.course.start.y)})
              .c_str());
      if (settings) settings_rows(v.settings, run, s.course.steps, std::isfinite(s.course.objective.minimum_value()));
    }
    status_row(state, v);
    if (settings) draw_map(state, v, *index, ui_canvas_style(state));
  }
  ImGui::End();
}

}  // namespace optviz::gui
