// How a run trains, inside its section of the controls: the learning-rate schedule (a kind and
// the fields it takes, with a small curve of η_t over the run's updates and the playhead on it),
// the mini-batches of a loss from data (size and shuffling), and Gaussian noise on every gradient.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "canvas_draw.hpp"
#include "line_plot.hpp"
#include "panels.hpp"
#include "plot_scale.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

using K = ScheduleKind;

// The noise's slider; find_training_problem holds the rule.
constexpr RealParameter kNoise{
    "noise",
    "",
    "",
    "noise",
    "the standard deviation of the Gaussian noise added to each coordinate of every gradient",
    nullptr,
    0,
    kMaxNoise,
    SliderScale::log,
    0};

// Core's table holds the English; shown in the current language (a string_view of a literal: its data
// ends with the literal's NUL).
const char* schedule_title(K kind) { return tr(describe(kind).title.data()); }
const char* schedule_help(K kind) { return tr(describe(kind).formula.data()); }

// An integer field as a slider over [low, high] (Ctrl+click to type), its value written with
// `format`, or `zero_text` at 0.
bool int_row(const char* label, const char* id, long& value, long low, long high, const char* format,
             const char* zero_text, const char* help) {
  label_column(label);
  ImGui::SetNextItemWidth(-1);
  int v = static_cast<int>(std::clamp(value, low, high));
  const bool changed =
      ImGui::SliderInt(id, &v, static_cast<int>(low), static_cast<int>(high), v == 0 ? zero_text : format,
                       ImGuiSliderFlags_AlwaysClamp | (high > 200 ? ImGuiSliderFlags_Logarithmic : 0));
  tooltip(help);
  if (changed) value = std::clamp(static_cast<long>(v), low, high);
  return changed;
}

void schedule_combo(Schedule& s) {
  label_column("η_t");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##schedule", schedule_title(s.kind))) {
    for (const K kind : schedule_kinds()) {
      if (ImGui::Selectable(schedule_title(kind), kind == s.kind)) s.kind = kind;
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", schedule_help(kind));
    }
    ImGui::EndCombo();
  }
  tooltip(schedule_help(s.kind));
}

// The fields that the schedule takes, as core's table lists them: the warm-up's start only with a
// warm-up.
void schedule_rows(AppState& state, Schedule& s) {
  const long steps = std::max(1L, state.model.scenario.course.steps);
  for (const ScheduleField& f : schedule_fields()) {
    if (!f.applies_to(s.kind) || (!f.needs.empty() && s.*find_schedule_field(f.needs)->count == 0)) continue;
    const std::string id = "##" + std::string(f.name);
    // The symbol is a letter ("K", "γ") or, for the warm-up's start, a word ("from"): shown translated.
    const std::string symbol = tr(std::string(f.symbol).c_str());
    if (f.count) {
      const std::string help = std::string(tr(std::string(f.help).c_str()));
      int_row(symbol.c_str(), id.c_str(), s.*f.count, static_cast<long>(f.min), static_cast<long>(f.max) * steps,
              tr(std::string(f.format).c_str()), tr(std::string(f.zero_text).c_str()),
              tr_format("{0} {1}: {2} (Ctrl+click to type)", {f.name, symbol, help}).c_str());
      continue;
    }
    const RealParameter p{f.name, f.flag, "", f.symbol, f.help, nullptr, f.min, f.max, f.scale, 0};
    ImGui::PushID(id.c_str());
    value_row(state, symbol.c_str(), p, slider_mapping(p), s.*f.value);
    ImGui::PopID();
  }
}

// η_t over the run's updates, sampled per pixel column, with the playhead's update marked and its
// value written at the top right.
void schedule_curve(const AppState& state, const RunSpec& run, Rgb colour) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 4 * fs), std::round(3.2f * fs));
  ImGui::Dummy(size);
  const long steps = std::max(1L, state.model.scenario.course.steps);
  const auto samples = static_cast<std::size_t>(std::clamp<long>(static_cast<long>(size.x / 2), 2, steps));
  std::vector<double> eta(samples);
  double high = 0;
  for (std::size_t i = 0; i < samples; ++i) {
    const long t =
        1 + std::lround(static_cast<double>(i) * static_cast<double>(steps - 1) / static_cast<double>(samples - 1));
    eta[i] = run.schedule.eta(t, run.hyper.eta, steps);
    if (std::isfinite(eta[i])) high = std::max(high, eta[i]);
  }
  if (!(high > 0)) high = 1;

  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const float pad = 0.25f * fs;
  const PixelRect r{origin.x, origin.y, origin.x + size.x, origin.y + size.y};
  dl.AddRectFilled(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), ImGui::GetColorU32(ImGuiCol_FrameBg), 3);
  const PixelRect plot{r.x0 + pad, r.y0 + fs + pad, r.x1 - pad, r.y1 - pad};
  std::vector<ImVec2> points(samples);
  for (std::size_t i = 0; i < samples; ++i) {
    const float fx = static_cast<float>(i) / static_cast<float>(samples - 1);
    const float fy = std::isfinite(eta[i]) ? static_cast<float>(std::clamp(eta[i] / high, 0.0, 1.0)) : 0.0f;
    points[i] = ImVec2(plot.x0 + fx * plot.width(), plot.y1 - fy * plot.height());
  }
  const float scale = ui_canvas_style(state).scale;
  dl.AddPolyline(points.data(), static_cast<int>(points.size()), run_colour(colour), ImDrawFlags_None, 2 * scale);
  const long update = std::min(current_step(state) + 1, steps);
  const float mx =
      plot.x0 + static_cast<float>(update - 1) / static_cast<float>(std::max(1L, steps - 1)) * plot.width();
  dl.AddLine(ImVec2(mx, plot.y0), ImVec2(mx, plot.y1), with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.7f), scale);
  const std::string peak = tr_format("max {0}", {short_number(high)});
  const std::string now =
      "η_" + std::to_string(update) + " = " + short_number(run.schedule.eta(update, run.hyper.eta, steps));
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl.AddText(ImVec2(r.x0 + pad, r.y0 + pad * 0.5f), faint, peak.c_str());
  dl.AddText(ImVec2(r.x1 - pad - ImGui::CalcTextSize(now.c_str()).x, r.y0 + pad * 0.5f),
             ImGui::GetColorU32(ImGuiCol_Text), now.c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "%s\n%s",
        tr_format("η_t over updates 1 to {0}: {1}", {std::to_string(steps), schedule_help(run.schedule.kind)}).c_str(),
        tr("The vertical line is the playhead's next update."));
}

void batch_row(AppState& state, std::size_t index, std::size_t data_rows) {
  RunSpec& run = state.model.scenario.course.runs[index];
  const int rows = static_cast<int>(std::min<std::size_t>(data_rows, kMaxNetRows));
  label_column(tr("batch"));
  const char* shuffle_label = tr("shuffle");
  const float shuffle_width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                              ImGui::CalcTextSize(shuffle_label).x + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - shuffle_width));
  int batch = static_cast<int>(std::clamp(run.batch, 0L, static_cast<long>(rows)));
  // TRANSLATORS: {0} is the number of rows in a mini-batch (the slider's value), {1} the number of rows.
  const std::string format = batch == 0 ? tr_format("full: all {0}", {std::to_string(rows)})
                                        : tr_printf("{0} of {1}", {"%d", std::to_string(rows)});
  if (ImGui::SliderInt("##batch", &batch, 0, rows, format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp | (rows > 64 ? ImGuiSliderFlags_Logarithmic : 0)))
    set_batch(state, index, batch);
  tooltip(
      tr("Rows per mini-batch: update t uses rows (t−1)·B to t·B − 1, wrapping around (0: every row, the exact "
         "gradient). Ctrl+click to type."));
  ImGui::SameLine();
  ImGui::BeginDisabled(run.batch == 0);
  ImGui::Checkbox(shuffle_label, &run.shuffle);
  ImGui::EndDisabled();
  tooltip(tr("Reorder the rows every epoch (by the scenario's seed); needs mini-batches"));
}

}  // namespace

void draw_training_fields(AppState& state, std::size_t index) {
  if (index >= state.model.scenario.course.runs.size()) return;
  ImGui::PushID("training");
  RunSpec& run = state.model.scenario.course.runs[index];
  schedule_combo(run.schedule);
  schedule_rows(state, run.schedule);
  if (!run.schedule.is_constant()) schedule_curve(state, run, state.model.scenario.looks[index].colour);
  if (state.model.scenario.network) {
    batch_row(state, index, training_rows(state));
    ImGui::PopID();
    return;  // a network's gradients take no noise
  }
  if (const Dataset* data = state.model.scenario.course.objective.data()) batch_row(state, index, data->size());
  SliderMapping noise = slider_mapping(kNoise);
  noise.low_decade = -3;  // 0.001 to 10 on the slider; typed values up to kMaxNoise
  noise.high_decade = 1;
  noise.max = 10;
  ImGui::PushID("noise");
  value_row(state, tr("noise"), kNoise, noise, run.noise);
  ImGui::PopID();
  ImGui::PopID();
}

}  // namespace optviz::gui
