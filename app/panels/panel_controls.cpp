// The controls panel: the runs (panel_runs.cpp), the selected one open, then the function (with its
// formula), the start point, the step count and the colour scale.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "panels.hpp"
#include "parameters.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

void minima_line(const Objective& f) {
  if (f.minima().empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", f.is_typed() ? tr("No minimum found in the view")
                              : f.is_data()
                                  ? tr("No unique minimum: a line separates the classes, or every x is the same")
                                  : tr("No minimum (unbounded below)"));
    ImGui::PopTextWrapPos();
    return;
  }
  const Vec2 m = f.minima().front();
  const std::string minimum = format_number(std::round(f.minimum_value() * 1e6) / 1e6 + 0.0);
  const std::string value =
      f.minima_are_found() ? tr_format("lowest found: f = {0}", {minimum}) : tr_format("min f = {0}", {minimum});
  const std::string x = format_number(std::round(m.x * 1e4) / 1e4 + 0.0);
  const std::string y = format_number(std::round(m.y * 1e4) / 1e4 + 0.0);
  const std::string where =
      f.minima().size() > 1 ? tr_format("at ({0}, {1}) and others", {x, y}) : tr_format("at ({0}, {1})", {x, y});
  // On two lines when one is too narrow: a number is never broken.
  const std::string line = value + " " + where;
  if (ImGui::CalcTextSize(line.c_str()).x <= ImGui::GetContentRegionAvail().x) {
    ImGui::TextDisabled("%s", line.c_str());
  } else {
    ImGui::TextDisabled("%s", value.c_str());
    ImGui::TextDisabled("%s", where.c_str());
  }
}

// A field pair typed as two numbers, applied with Enter.
bool pair_field(const char* label, const char* id, double& a, double& b, const char* help) {
  label_column(label);
  ImGui::SetNextItemWidth(-1);
  double values[2] = {a, b};
  if (!ImGui::InputScalarN(id, ImGuiDataType_Double, values, 2, nullptr, nullptr, "%.4g",
                           ImGuiInputTextFlags_EnterReturnsTrue)) {
    tooltip(help);
    return false;
  }
  if (!std::isfinite(values[0]) || !std::isfinite(values[1])) return false;
  a = values[0];
  b = values[1];
  return true;
}

// The recipe of the data the app draws (each change draws the points again), or the loss of a
// data file.
void data_fields(AppState& state) {
  const Objective& current = state.model.scenario.course.objective;
  if (!function_is_generated(state)) {
    label_column(tr("Loss"));
    int loss = current.loss() == DataLoss::linear ? 0 : 1;
    const bool linear = ImGui::RadioButton(tr("linear"), &loss, 0);
    ImGui::SameLine();
    const bool logistic = ImGui::RadioButton(tr("logistic"), &loss, 1);
    if (linear || logistic) change_data_loss(state, loss == 0 ? DataLoss::linear : DataLoss::logistic);
    tooltip(tr("The loss over the file's rows: least squares, or logistic (labels y of 0 and 1)"));
    ImGui::TextDisabled(
        "%s", tr_format("{0} rows from {1}", {std::to_string(current.data()->size()), current.source()}).c_str());
    return;
  }
  DataRecipe& r = state.model.generated.recipe;
  bool changed = false;
  label_column(tr("Points"));
  ImGui::SetNextItemWidth(-1);
  int points = static_cast<int>(std::min<std::size_t>(r.points, 1000));
  if (ImGui::SliderInt("##points", &points, 2, 1000, tr_printf("{0} points", {"%d"}).c_str(),
                       ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic))
    r.points = static_cast<std::size_t>(points);
  changed |= ImGui::IsItemDeactivatedAfterEdit();
  tooltip(tr("How many points to draw (Ctrl+click to type)"));
  label_column(tr("Noise"));
  ImGui::SetNextItemWidth(-1);
  float noise = static_cast<float>(r.noise);
  if (ImGui::SliderFloat("##data noise", &noise, 0, 5, "σ = %.2f", ImGuiSliderFlags_AlwaysClamp))
    r.noise = static_cast<double>(noise);
  changed |= ImGui::IsItemDeactivatedAfterEdit();
  tooltip(r.loss == DataLoss::linear ? tr("Noise of y around the true line: y = w·x + b + σ·N(0, 1)")
                                     : tr("Noise inside the sigmoid: P(y = 1) = σ(w·x + b + σ·N(0, 1))"));
  changed |=
      pair_field(tr("True"), "##true", r.w, r.b, tr("The true w and b the points are drawn from (Enter to apply)"));
  double x_min = r.x_min, x_max = r.x_max;
  if (pair_field(tr("x from"), "##x range", x_min, x_max, tr("The range of x, lowest and highest (Enter to apply)"))) {
    if (x_max > x_min && std::fabs(x_min) <= 1e6 && std::fabs(x_max) <= 1e6) {
      r.x_min = x_min;
      r.x_max = x_max;
      changed = true;
    } else {
      set_notice(state, tr("invalid x range: from a lower to a higher value, within 1e6"), true);
    }
  }
  label_column(tr("Data seed"), 5);  // not the noise's seed (seed_row)
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
  std::uint64_t seed = r.seed;
  if (ImGui::InputScalar("##data seed", ImGuiDataType_U64, &seed, nullptr, nullptr, nullptr,
                         ImGuiInputTextFlags_EnterReturnsTrue)) {
    r.seed = seed;
    changed = true;
  }
  tooltip(tr("The seed the points are drawn with (Enter to apply)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("New points"))) new_data_points(state);
  tooltip(tr("Draw other points from the same recipe (another seed)"));
  if (changed) regenerate_data(state);
}

void function_section(AppState& state) {
  const Objective& current = state.model.scenario.course.objective;
  // A data set is named in the fields below the combo, and on the canvas.
  const bool network = state.model.scenario.network.has_value();
  const std::string preview =
      network              ? tr("Network on data")
      : current.is_typed() ? tr("Typed formula")
      : current.is_data()  ? (current.loss() == DataLoss::linear ? tr("Linear regression") : tr("Logistic regression"))
                           : current.title();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##function", preview.c_str())) {
    for (const TestFunction& f : test_functions()) {
      const bool selected = !network && current.builtin() == &f;
      if (ImGui::Selectable(tr(std::string(f.title).c_str()), selected)) select_function(state, std::string(f.name));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(f.formula).c_str());
      if (selected) ImGui::SetItemDefaultFocus();
    }
    ImGui::Separator();
    for (const DataLoss loss : {DataLoss::linear, DataLoss::logistic}) {
      const bool selected = current.is_data() && current.loss() == loss && function_is_generated(state);
      if (ImGui::Selectable(loss == DataLoss::linear ? tr("Linear regression") : tr("Logistic regression"), selected))
        choose_generated_data(state, loss);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "%s", loss == DataLoss::linear
                      ? tr("Least squares of the line w·x + b over points the app draws; the plane is (w, b)")
                      : tr("The logistic loss of σ(w·x + b) over labelled points the app draws; the plane is (w, b)"));
    }
    if (ImGui::Selectable(tr("Data from a CSV file…"))) state.view.dialogs.open_data = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("A file with columns x and y (File > Open data)"));
    ImGui::Separator();
    if (ImGui::Selectable(tr("Typed formula..."), !network && current.is_typed()))
      type_formula(state, std::string(current.formula()));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Your own f(x, y), starting from the current formula"));
    ImGui::Separator();
    if (ImGui::Selectable(tr("Network on data"), network)) choose_network(state);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s", tr("A small network trained on TensorFlow Playground's data by the same optimizers"));
    ImGui::EndCombo();
  }
  tooltip(tr("The loss surface"));
  if (network) {
    draw_network_section(state);
    return;
  }
  ImGui::PushFont(state.view.fonts.mono);
  if (current.is_typed()) {
    ImGui::SetNextItemWidth(-1);
    // Applied once complete: with Enter, or a pause in typing (typing.cpp).
    FormulaEdit& edit = state.model.formula;
    if (ImGui::InputTextMultiline("##formula", &edit.text, ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f)))
      edit_formula(state, edit.text, ImGui::GetTime());
    if (edit.typed_at && (ImGui::IsItemDeactivated() ||
                          (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))))
      type_formula(state, edit.text);
    formula_problem(state, state.model.formula);
    tooltip(
        tr("f(x, y): numbers, x, y, + - * / ^, pi, e, sin cos tan exp log sqrt abs tanh sinh cosh atan sign, "
           "min(a, b), max(a, b), if(c, a, b), comparisons"));
  } else {
    ImGui::TextWrapped("f = %s", std::string(current.formula()).c_str());
  }
  ImGui::PopFont();
  minima_line(state.model.simulated.course.objective == current ? state.model.simulated.course.objective : current);
  if (current.is_data()) data_fields(state);
}

// The scenario's seed (of the noise and the shuffled batches) and the spread of the noisy runs.
void seed_row(AppState& state) {
  Scenario& s = state.model.scenario;
  label_column(tr("Noise seed"), 5);  // not the data's seed (data_fields)
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.5f);
  std::uint64_t seed = s.course.seed;
  if (ImGui::InputScalar("##seed", ImGuiDataType_U64, &seed, nullptr, nullptr, nullptr,
                         ImGuiInputTextFlags_EnterReturnsTrue))
    s.course.seed = seed;
  tooltip(tr("The seed of the gradient noise and of the shuffled batches (Enter to apply)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("New seed"))) new_seed(state);
  tooltip(tr("Draw the noise and the shuffles again"));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 3.2f * ImGui::GetFontSize());
  ImGui::Checkbox(tr("Spread: 8 other seeds"), &state.view.settings.show_spread);
  tooltip(
      tr("Each noisy run again under the seeds seed+1 to seed+8 (thin), and without noise on the full batch "
         "(dashed)"));
  if (state.view.settings.show_spread && !state.model.spread.problem.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", state.model.spread.problem.c_str());
    ImGui::PopTextWrapPos();
  }
}

void start_and_steps(AppState& state) {
  Scenario& s = state.model.scenario;
  label_column(tr("Start"));
  ImGui::SetNextItemWidth(-1);
  double start[2] = {s.course.start.x, s.course.start.y};
  if (ImGui::InputScalarN("##start", ImGuiDataType_Double, start, 2, nullptr, nullptr, "%.4g",
                          ImGuiInputTextFlags_EnterReturnsTrue)) {
    const Vec2 p{start[0], start[1]};
    if (is_finite(p) && std::fabs(p.x) <= kDivergenceBound && std::fabs(p.y) <= kDivergenceBound) {
      s.course.start = p;
    } else {
      set_notice(state, tr("invalid start: must be finite and within 1e12"), true);
    }
  }
  tooltip(tr("The start point of every run (Enter to apply), or drag the ⊕ handle on the canvas"));
  label_column(tr("Steps"));
  ImGui::SetNextItemWidth(-1);
  int steps = static_cast<int>(std::min<long>(s.course.steps, 1'000'000'000));
  const int limit = static_cast<int>(max_steps(state));
  if (ImGui::InputInt("##steps", &steps, 100, 1000, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (steps < 1 || steps > limit) {
      set_notice(state,
                 tr_format("invalid steps: must be in [1, {0}] for {1} runs",
                           {std::to_string(limit), std::to_string(s.course.runs.size())}),
                 true);
    } else {
      s.course.steps = steps;
    }
  }
  tooltip(tr("Updates per run (Enter to apply)"));

  if (s.course.objective.is_data() ||
      std::any_of(s.course.runs.begin(), s.course.runs.end(), [](const RunSpec& r) { return r.noise > 0; }))
    seed_row(state);

  label_column(tr("Scale"));
  int scale = s.display.colour_scale == ColourScale::log ? 0 : 1;
  if (ImGui::RadioButton(tr("log"), &scale, 0)) s.display.colour_scale = ColourScale::log;
  tooltip(tr("Colour by log(f - min f): shows the floor of narrow valleys"));
  ImGui::SameLine();
  if (ImGui::RadioButton(tr("linear"), &scale, 1)) s.display.colour_scale = ColourScale::linear;
  label_column(tr("Lines"));
  ImGui::SetNextItemWidth(-1);
  int contours = s.display.contour_count;
  if (ImGui::SliderInt("##contours", &contours, 0, 60, tr_printf("{0} contour lines", {"%d"}).c_str(),
                       ImGuiSliderFlags_AlwaysClamp))
    s.display.contour_count = std::clamp(contours, 0, kMaxContourCount);
}

}  // namespace

void draw_controls_panel(AppState& state) {
  if (begin_panel(tr("Controls"), state.view.layout.controls)) {
    // The runs first: the selected run's sliders are what a lesson changes, and they stay above the
    // fold at 1280x720; the function and the course, set once, follow.
    draw_runs_section(state);
    ImGui::Separator();
    function_section(state);
    ImGui::Spacing();
    if (!state.model.scenario.network) start_and_steps(state);
    if (!state.model.problem.empty()) ImGui::TextColored(error_colour(state), "%s", state.model.problem.c_str());
  }
  ImGui::End();
}

}  // namespace optviz::gui
