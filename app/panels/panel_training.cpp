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

namespace optviz::gui {
namespace {

using K = ScheduleKind;

// Ranges of the sliders that core's parameter table does not describe (it lists the optimizers'
// hyperparameters); find_schedule_problem and find_training_problem hold the rules.
constexpr RealParameter kGamma{
    "gamma", "",   "", "the decay factor: per step_size updates (step), per update (exponential)",
    nullptr, 1e-3, 1,  SliderScale::one_minus_log,
    0};
constexpr RealParameter kEtaMin{"eta_min",        "", "", "the lowest rate of the cosine", nullptr, 0, 10,
                                SliderScale::log, 0};
constexpr RealParameter kWarmupStart{
    "warmup_start", "", "", "the fraction of η the warm-up starts from", nullptr, 0, 1, SliderScale::linear, 0};
constexpr RealParameter kNoise{
    "noise", "", "",        "the standard deviation of the Gaussian noise added to each coordinate of every gradient",
    nullptr, 0,  kMaxNoise, SliderScale::log,
    0};

const char* schedule_title(K kind) {
  switch (kind) {
    case K::constant:
      return "constant";
    case K::step:
      return "step decay";
    case K::exponential:
      return "exponential";
    case K::cosine:
      return "cosine";
    case K::inverse_sqrt:
      return "1/√t";
  }
  return "";
}

const char* schedule_help(K kind) {
  switch (kind) {
    case K::constant:
      return "η_t = η (times the warm-up)";
    case K::step:
      return "η_t = η·γ^floor((t−1)/K): γ times smaller every K updates (torch's StepLR)";
    case K::exponential:
      return "η_t = η·γ^(t−1) (torch's ExponentialLR)";
    case K::cosine:
      return "η_t = η_min + (η − η_min)·(1 + cos(π(t−1)/T))/2 (torch's CosineAnnealingLR)";
    case K::inverse_sqrt:
      return "η_t = η·√(W/max(t−1, W)), W = max(warm-up, 1)";
  }
  return "";
}

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

void schedule_fields(AppState& state, Schedule& s) {
  const long steps = std::max(1L, state.scenario.course.steps);
  switch (s.kind) {
    case K::step:
      int_row("K", "##step_size", s.step_size, 1, steps, "every %d updates", "",
              "step_size K: updates between two decays (Ctrl+click to type)");
      value_row(state, "γ", kGamma, slider_mapping(kGamma), s.gamma);
      break;
    case K::exponential:
      value_row(state, "γ", kGamma, slider_mapping(kGamma), s.gamma);
      break;
    case K::cosine:
      int_row("T", "##t_max", s.t_max, 0, 2 * steps, "T = %d updates", "T = the run's steps",
              "t_max T: the half period; past it the rate rises again (0: the run's steps; Ctrl+click to type)");
      ImGui::PushID("eta_min");
      value_row(state, "η_min", kEtaMin, slider_mapping(kEtaMin), s.eta_min);
      ImGui::PopID();
      break;
    case K::constant:
    case K::inverse_sqrt:
      break;
  }
  int_row("W", "##warmup", s.warmup, 0, steps, "warm-up %d updates", "no warm-up",
          "warmup W: updates of linear warm-up from a fraction of η (Ctrl+click to type)");
  if (s.warmup > 0) {
    ImGui::PushID("warmup_start");
    value_row(state, "from", kWarmupStart, slider_mapping(kWarmupStart), s.warmup_start);
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
  const long steps = std::max(1L, state.scenario.course.steps);
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
  const std::string peak = "max " + short_number(high);
  const std::string now =
      "η_" + std::to_string(update) + " = " + short_number(run.schedule.eta(update, run.hyper.eta, steps));
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl.AddText(ImVec2(r.x0 + pad, r.y0 + pad * 0.5f), faint, peak.c_str());
  dl.AddText(ImVec2(r.x1 - pad - ImGui::CalcTextSize(now.c_str()).x, r.y0 + pad * 0.5f),
             ImGui::GetColorU32(ImGuiCol_Text), now.c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("η_t over updates 1 to %ld: %s\nThe vertical line is the playhead's next update.", steps,
                      schedule_help(run.schedule.kind));
}

void batch_row(AppState& state, std::size_t index, const Dataset& data) {
  RunSpec& run = state.scenario.course.runs[index];
  const int rows = static_cast<int>(std::min<std::size_t>(data.size(), kMaxDataRows));
  label_column("batch");
  const char* shuffle_label = "shuffle";
  const float shuffle_width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                              ImGui::CalcTextSize(shuffle_label).x + ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - shuffle_width));
  int batch = static_cast<int>(std::clamp(run.batch, 0L, static_cast<long>(rows)));
  const std::string format = batch == 0 ? "full: all " + std::to_string(rows) : "%d of " + std::to_string(rows);
  if (ImGui::SliderInt("##batch", &batch, 0, rows, format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp | (rows > 64 ? ImGuiSliderFlags_Logarithmic : 0)))
    set_batch(state, index, batch);
  tooltip(
      "Rows per mini-batch: update t uses rows (t−1)·B to t·B − 1, wrapping around (0: every row, the exact "
      "gradient). Ctrl+click to type.");
  ImGui::SameLine();
  ImGui::BeginDisabled(run.batch == 0);
  ImGui::Checkbox(shuffle_label, &run.shuffle);
  ImGui::EndDisabled();
  tooltip("Reorder the rows every epoch (by the scenario's seed); needs mini-batches");
}

}  // namespace

void draw_training_fields(AppState& state, std::size_t index) {
  if (index >= state.scenario.course.runs.size()) return;
  ImGui::PushID("training");
  RunSpec& run = state.scenario.course.runs[index];
  schedule_combo(run.schedule);
  schedule_fields(state, run.schedule);
  if (!run.schedule.is_constant()) schedule_curve(state, run, state.scenario.looks[index].colour);
  if (const Dataset* data = state.scenario.course.objective.data()) batch_row(state, index, *data);
  SliderMapping noise = slider_mapping(kNoise);
  noise.low_decade = -3;  // 0.001 to 10 on the slider; typed values up to kMaxNoise
  noise.high_decade = 1;
  noise.max = 10;
  ImGui::PushID("noise");
  value_row(state, "noise", kNoise, noise, run.noise);
  ImGui::PopID();
  ImGui::PopID();
}

}  // namespace optviz::gui
