// The controls panel: the function (with its formula), the start point, the step count and the
// colour scale, then the runs (panel_runs.cpp).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include <imgui_stdlib.h>

#include "panels.hpp"
#include "parameters.hpp"
#include "scenario_file.hpp"

namespace optviz::gui {
namespace {

void minima_line(const Objective& f) {
  if (f.minima().empty()) {
    ImGui::TextDisabled(f.is_typed() ? "No minimum found in the view" : "No minimum (unbounded below)");
    return;
  }
  const Vec2 m = f.minima().front();
  ImGui::TextDisabled("%s f = %s at (%s, %s)%s", f.minima_are_found() ? "lowest found:" : "min", 
                      format_number(std::round(f.minimum_value() * 1e6) / 1e6 + 0.0).c_str(),
                      format_number(std::round(m.x * 1e4) / 1e4 + 0.0).c_str(),
                      format_number(std::round(m.y * 1e4) / 1e4 + 0.0).c_str(),
                      f.minima().size() > 1 ? " and others" : "");
}

void function_section(AppState& state) {
  const Objective& current = state.scenario.objective;
  const std::string preview = current.is_typed() ? "Typed formula" : current.title();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##function", preview.c_str())) {
    for (const TestFunction& f : test_functions()) {
      const bool selected = current.builtin() == &f;
      if (ImGui::Selectable(std::string(f.title).c_str(), selected)) select_function(state, std::string(f.name));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(f.formula).c_str());
      if (selected) ImGui::SetItemDefaultFocus();
    }
    if (ImGui::Selectable("Typed formula...", current.is_typed())) type_formula(state, std::string(current.formula()));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Your own f(x, y), starting from the current formula");
    ImGui::EndCombo();
  }
  tooltip("The loss surface");
  ImGui::PushFont(state.fonts.mono);
  if (current.is_typed()) {
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextMultiline("##formula", &state.formula.text,
                                  ImVec2(-1, ImGui::GetTextLineHeight() * 2.6f)))
      type_formula(state, state.formula.text);
    formula_problem(state, state.formula);
    tooltip("f(x, y): numbers, x, y, + - * / ^, pi, e, sin cos tan exp log sqrt abs tanh sinh cosh atan sign, "
            "min(a, b), max(a, b), if(c, a, b), comparisons");
  } else {
    ImGui::TextWrapped("f = %s", std::string(current.formula()).c_str());
  }
  ImGui::PopFont();
  minima_line(state.simulated.objective == current ? state.simulated.objective : current);
}

void start_and_steps(AppState& state) {
  Scenario& s = state.scenario;
  label_column("Start");
  ImGui::SetNextItemWidth(-1);
  double start[2] = {s.start.x, s.start.y};
  if (ImGui::InputScalarN("##start", ImGuiDataType_Double, start, 2, nullptr, nullptr, "%.4g",
                          ImGuiInputTextFlags_EnterReturnsTrue)) {
    const Vec2 p{start[0], start[1]};
    if (is_finite(p) && std::fabs(p.x) <= kDivergenceBound && std::fabs(p.y) <= kDivergenceBound) {
      s.start = p;
    } else {
      set_notice(state, "invalid start: must be finite and within 1e12", true);
    }
  }
  tooltip("The start point of every run (Enter to apply), or drag the ⊕ handle on the canvas");
  label_column("Steps");
  ImGui::SetNextItemWidth(-1);
  int steps = static_cast<int>(std::min<long>(s.steps, 1'000'000'000));
  const int limit = static_cast<int>(max_steps(state));
  if (ImGui::InputInt("##steps", &steps, 100, 1000, ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (steps < 1 || steps > limit) {
      set_notice(
          state,
          "invalid steps: must be in [1, " + std::to_string(limit) + "] for " + std::to_string(s.runs.size()) + " runs",
          true);
    } else {
      s.steps = steps;
    }
  }
  tooltip("Updates per run (Enter to apply)");

  label_column("Scale");
  int scale = s.display.colour_scale == ColourScale::log ? 0 : 1;
  if (ImGui::RadioButton("log", &scale, 0)) s.display.colour_scale = ColourScale::log;
  tooltip("Colour by log(f - min f): shows the floor of narrow valleys");
  ImGui::SameLine();
  if (ImGui::RadioButton("linear", &scale, 1)) s.display.colour_scale = ColourScale::linear;
  label_column("Lines");
  ImGui::SetNextItemWidth(-1);
  int contours = s.display.contour_count;
  if (ImGui::SliderInt("##contours", &contours, 0, 60, "%d contour lines", ImGuiSliderFlags_AlwaysClamp))
    s.display.contour_count = std::clamp(contours, 0, kMaxContourCount);
}

}  // namespace

void draw_controls_panel(AppState& state) {
  if (begin_panel("Controls", state.layout.controls)) {
    function_section(state);
    ImGui::Spacing();
    start_and_steps(state);
    if (!state.problem.empty()) ImGui::TextColored(error_colour(state), "%s", state.problem.c_str());
    ImGui::Separator();
    draw_runs_section(state);
  }
  ImGui::End();
}

}  // namespace optviz::gui
