// The runs: add any optimizer, remove, duplicate, show or hide, rename, recolour, and a slider
// with a typed field for every hyperparameter that applies, built from core's parameter table.
#include <imgui.h>
#include <imgui_internal.h>  // ImGuiSliderFlags_ReadOnly, SetItemUsingMouseWheel
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "algorithms.hpp"
#include "panels.hpp"
#include "parameters.hpp"
#include "run_name.hpp"
#include "slider_scale.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// The help of a typed rule, for its field and for the menus that offer one.
const char* rule_help() {
  return tr(
      "Your own update, per coordinate: statements NAME = EXPRESSION, one a line (or separated by ;). "
      "They read g, theta, t and the hyperparameters by name (eta, rho, eps, momentum, beta1, beta2, ...); "
      "g may be changed for the update (g = g + weight_decay*theta); "
      "any other name you assign is state that starts at 0. The last value of theta is the new position.");
}

// The optimizer's whole algorithm with its options (core/optim/algorithms.hpp), for a tooltip.
std::string algorithm_tooltip(OptimizerKind kind) {
  return tr_format("{0}, as {1}:", {title(kind), algorithm(kind).reference}) + "\n" +
         algorithm_text(kind, Notation::unicode);
}

void optimizer_combo(AppState& state, std::size_t index) {
  const RunSpec& run = state.model.scenario.course.runs[index];
  const OptimizerKind kind = run.hyper.kind;
  ImGui::SetNextItemWidth(-1);
  if (!ImGui::BeginCombo("##optimizer", run.rule ? tr("Typed rule") : std::string(title(kind)).c_str())) {
    tooltip(run.rule ? rule_help() : algorithm_tooltip(kind).c_str());
    return;
  }
  for (OptimizerKind k : optimizer_kinds()) {
    if (ImGui::Selectable(std::string(title(k)).c_str(), k == kind && !run.rule)) change_optimizer(state, index, k);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", algorithm_tooltip(k).c_str());
  }
  if (ImGui::Selectable(tr("Typed rule"), run.rule.has_value())) change_to_rule(state, index);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", rule_help());
  ImGui::EndCombo();
}

// The rule's text, applied once complete (Enter, or a pause in typing: typing.cpp): a text that
// does not compile shows its error's line and column below, and the last rule that compiled keeps
// running. Then the state variable plotted as G_t.
void rule_field(AppState& state, std::size_t index) {
  FormulaEdit& edit = rule_edit(state, index);
  ImGui::PushFont(state.view.fonts.mono);
  // A line more than the text has (room for the next statement), 4 to 12: a statement reads whole.
  const int lines = 2 + static_cast<int>(std::count(edit.text.begin(), edit.text.end(), '\n'));
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(std::clamp(lines, 4, 12)) +
                       2 * ImGui::GetStyle().FramePadding.y + 2;
  if (ImGui::InputTextMultiline("##rule", &edit.text, ImVec2(-1, height)))
    edit_rule(state, index, edit.text, ImGui::GetTime());
  if (edit.typed_at && (ImGui::IsItemDeactivated() ||
                        (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))))
    type_rule(state, index, edit.text);
  tooltip(rule_help());
  formula_problem(state, edit);
  ImGui::PopFont();
  RunSpec& run = state.model.scenario.course.runs[index];
  if (!run.rule || run.rule->state().empty()) return;
  label_column(tr("Plot"));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##accumulator", state.model.scenario.looks[index].accumulator.c_str())) {
    for (const std::string& name : run.rule->state())
      if (ImGui::Selectable(name.c_str(), name == state.model.scenario.looks[index].accumulator))
        state.model.scenario.looks[index].accumulator = name;
    ImGui::EndCombo();
  }
  tooltip(tr("The state variable plotted as the accumulator G_t"));
}

void parameter_row(AppState& state, std::size_t index, const RealParameter& p) {
  Hyperparameters& h = state.model.scenario.course.runs[index].hyper;
  ImGui::PushID(p.name.data(), p.name.data() + p.name.size());
  value_row(state, std::string(p.symbol).c_str(), p, slider_mapping(p), h.*p.member);
  ImGui::PopID();
}

void run_body(AppState& state, std::size_t index) {
  RunSpec& run = state.model.scenario.course.runs[index];
  label_column(tr("Type"));
  optimizer_combo(state, index);
  if (run.rule) rule_field(state, index);
  for (const RealParameter* p : parameters_of(state.model.scenario.course.runs[index])) parameter_row(state, index, *p);
  bool first_flag = true;
  for (const FlagParameter& p : flag_parameters()) {
    if (!p.applies_to(run.hyper.kind) || run.rule) continue;
    // The table's label and help (core/optim/parameters.hpp) in the reader's language.
    const std::string label(tr(std::string(p.label).c_str()));
    if (!first_flag) {
      // On the same line while the checkbox fits.
      const float width =
          ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str()).x;
      ImGui::SameLine();
      if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
    }
    first_flag = false;
    ImGui::Checkbox(label.c_str(), &(run.hyper.*p.member));
    tooltip((tr_format("{0}:", {tr(std::string(p.help).c_str())}) + "\n" +
             option_lines(p.name, run.hyper.kind, Notation::unicode))
                .c_str());
  }
  draw_training_fields(state, index);
  // The name after the values: they are what a lesson changes.
  label_column(tr("Name"));
  ImGui::SetNextItemWidth(-1);
  // Empty: the name follows the values, shown greyed as the hint.
  ImGui::InputTextWithHint("##label", run_name(state.model.scenario, index).c_str(),
                           &shown_label(state.model.scenario.looks[index]));
  tooltip(tr("A name typed here stays; empty, the name follows the run's values"));
  if (ImGui::Button(tr("Duplicate"))) duplicate_run(state, index);
  tooltip(tr("A copy of this run to compare one parameter (Ctrl+D)"));
  ImGui::SameLine();
  if (ImGui::Button(tr("Remove"))) {
    remove_run(state, index);
    return;
  }
  tooltip(tr("Remove this run (Delete)"));
  if (index < state.model.runs.size() && state.model.scenario.course.runs.size() == state.model.runs.size()) {
    const Trajectory& t = state.model.runs[index];
    ImGui::SameLine();
    if (t.diverged_at) {
      ImGui::TextColored(error_colour(state), "%s", t.shown_status().c_str());
      tooltip(t.divergence_reason().c_str());
    } else if (t.rows() > 0) {
      char value[32];
      std::snprintf(value, sizeof value, "%.4g", t.value.back());
      ImGui::TextDisabled("%s", tr_format("final f = {0}", {value}).c_str());
    }
  }
}

void add_run_button(AppState& state) {
  if (ImGui::Button(tr("+ Add run"))) ImGui::OpenPopup("add run");
  tooltip(tr("Add a run of any optimizer, from the same start point"));
  if (ImGui::BeginPopup("add run")) {
    for (OptimizerKind k : optimizer_kinds()) {
      if (ImGui::Selectable(std::string(title(k)).c_str())) add_run(state, k);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", algorithm_tooltip(k).c_str());
    }
    if (ImGui::Selectable(tr("Typed rule")) && add_run(state, OptimizerKind::rmsprop))
      change_to_rule(state, state.model.scenario.course.runs.size() - 1);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", rule_help());
    ImGui::EndPopup();
  }
}

// The slider just drawn (read-only for ImGui): a drag moves `value` relative to where it started
// (Shift: finer); the wheel nudges it only once it was clicked (or with Ctrl or Shift held), so
// that the wheel scrolls the panel under the pointer. Returns whether `value` changed.
bool slider_input(AppState& state, const SliderMapping& mapping, double& value) {
  const ImGuiIO& io = ImGui::GetIO();
  const ImGuiID id = ImGui::GetItemID();
  SliderDrag& drag = state.view.slider_drag;
  const double before = value;
  // ImGui keeps a read-only slider active after the release: the drag ends with the button. It
  // moves from the press on (the pointer's move into the press is no drag).
  if (ImGui::IsItemActive() && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    ImGui::ClearActiveID();
  } else if (ImGui::IsItemActivated()) {
    drag = {id, value, 0};
  } else if (ImGui::IsItemActive() && drag.id == id && io.MouseDelta.x != 0) {
    drag.offset += static_cast<double>(io.MouseDelta.x) *
                   drag_rate(mapping, static_cast<double>(ImGui::GetItemRectSize().x), io.KeyShift);
    value = dragged_value(mapping, drag.start, drag.offset);
  }
  if (!ImGui::IsItemHovered()) return value != before;
  state.view.slider_hovered = true;
  // ImGui scrolls the window with the wheel of a frame unless the item under the pointer claimed
  // it in the frame before: this slider nudges only the wheel it claimed (Ctrl never scrolls).
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const bool claimed = g.HoveredIdPreviousFrame == id && g.HoveredIdPreviousFrameUsingMouseWheel;
  if (ImGui::IsItemFocused() || io.KeyCtrl || io.KeyShift) ImGui::SetItemUsingMouseWheel();
  const double wheel = claimed || io.KeyCtrl ? static_cast<double>(io.MouseWheel) : 0.0;
  const double notches = wheel + (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) ? 1 : 0) -
                         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) ? 1 : 0);
  if (notches != 0) {
    const double position = slider_position(mapping, value);
    const double nudged = nudged_position(mapping, position, notches);
    if (nudged != position) value = slider_value(mapping, nudged);
  }
  return value != before;
}

}  // namespace

bool value_row(AppState& state, const char* label, const RealParameter& p, const SliderMapping& mapping,
               double& value) {
  const float x = ImGui::GetCursorPosX();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  if (ImGui::IsItemHovered()) {
    const std::string range = std::isinf(p.max)
                                  ? ">= " + format_number(p.min)
                                  : tr_format("in [{0}, {1}]", {format_number(p.min), format_number(p.max)});
    ImGui::SetTooltip("%s: %s (%s)", std::string(p.name).c_str(), tr(std::string(p.help).c_str()), range.c_str());
  }
  ImGui::SameLine(x + 3.2f * ImGui::GetFontSize());
  const float input_width = ImGui::GetFontSize() * 5.5f;
  ImGui::SetNextItemWidth(std::max(
      ImGui::GetFontSize() * 4, ImGui::GetContentRegionAvail().x - input_width - ImGui::GetStyle().ItemInnerSpacing.x));
  double position = slider_position(mapping, value);
  const double zero = 0, one = 1;
  const std::string shown = format_number(value);
  const ImGuiIO& io = ImGui::GetIO();
  // Read-only for ImGui, which would jump to the click: the drag moves the value from where it was.
  const ImGuiSliderFlags flags = ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_AlwaysClamp |
                                 ImGuiSliderFlags_NoInput | ImGuiSliderFlags_ReadOnly;
  ImGui::SliderScalar("##slider", ImGuiDataType_Double, &position, &zero, &one, shown.c_str(), flags);
  const bool changed = slider_input(state, mapping, value);
  // A double-click or Ctrl+click types into the field beside it.
  const bool type_it = ImGui::IsItemHovered() && (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) ||
                                                  (io.KeyCtrl && ImGui::IsMouseClicked(ImGuiMouseButton_Left)));
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
    const char* scale = mapping.scale == SliderScale::log             ? tr("Log scale: the left end is 0")
                        : mapping.scale == SliderScale::one_minus_log ? tr("Fine near 1 (type 1 for exactly 1)")
                                                                      : tr("Linear scale");
    const char* drag =
        mapping.scale == SliderScale::linear ? tr("the range over the slider") : tr("a decade per 100 pixels");
    ImGui::SetTooltip("%s = %s\n%s\n%s\n%s\n%s", label, shown.c_str(), scale,
                      tr_format("Drag: {0}  ·  Shift+drag: finer", {drag}).c_str(),
                      tr("Click, then wheel or ← →: nudge (or Ctrl+wheel)"),
                      tr("Double-click or Ctrl+click: type a value"));
  }
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(-1);
  double typed = value;
  bool typed_changed = false;
  if (type_it) ImGui::SetKeyboardFocusHere();
  if (ImGui::InputDouble("##typed", &typed, 0, 0, "%g", ImGuiInputTextFlags_EnterReturnsTrue)) {
    if (const auto problem = find_value_problem(p, typed)) {
      set_notice(state, problem->message(), true);
    } else {
      value = typed;
      typed_changed = true;
    }
  }
  tooltip(tr("Type an exact value, then Enter"));
  return changed || typed_changed;
}

void draw_runs_section(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr_format("Runs ({0})", {std::to_string(state.model.scenario.course.runs.size())}).c_str());
  ImGui::SameLine();
  add_run_button(state);
  for (std::size_t i = 0; i < state.model.scenario.course.runs.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const bool selected = state.model.selected && *state.model.selected == i;
    ImGuiTreeNodeFlags flags =
        ImGuiTreeNodeFlags_AllowItemOverlap | ImGuiTreeNodeFlags_SpanAvailWidth | ImGuiTreeNodeFlags_FramePadding;
    if (selected) flags |= ImGuiTreeNodeFlags_Selected;
    // At first only the inspected run shows its sliders; the others open with a click on the arrow.
    // A run selected later (here, in the inspector or on the canvas) opens, and the panel scrolls
    // to it, so that all its controls show whatever runs come before it.
    const bool newly_selected = selected && state.view.controls_run != i;
    if (newly_selected)
      ImGui::SetNextItemOpen(true);
    else
      ImGui::SetNextItemOpen(selected, ImGuiCond_Once);
    const bool open = ImGui::TreeNodeEx("##run", flags);
    if (newly_selected && (state.view.controls_run || i > 0)) ImGui::SetScrollHereY(0);
    if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) state.model.selected = i;
    tooltip(tr("Click to inspect this run"));
    ImGui::SameLine();
    float colour[3] = {state.model.scenario.looks[i].colour.r / 255.0f, state.model.scenario.looks[i].colour.g / 255.0f,
                       state.model.scenario.looks[i].colour.b / 255.0f};
    if (ImGui::ColorEdit3("##colour", colour, ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel)) {
      const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
      state.model.scenario.looks[i].colour = {byte(colour[0]), byte(colour[1]), byte(colour[2])};
    }
    ImGui::SameLine();
    ImGui::Checkbox("##visible", &state.model.scenario.looks[i].visible);
    tooltip(tr("Show or hide this run"));
    ImGui::SameLine();
    ImGui::TextUnformatted(run_name(state.model.scenario, i).c_str());
    if (open) {
      if (i < state.model.scenario.course.runs.size()) run_body(state, i);
      ImGui::TreePop();
    }
    ImGui::PopID();
    if (i + 1 < state.model.scenario.course.runs.size()) ImGui::Separator();
  }
  if (state.model.scenario.course.runs.empty()) ImGui::TextDisabled("%s", tr("No runs: add one above"));
  state.view.controls_run = state.model.selected;
}

}  // namespace optviz::gui
