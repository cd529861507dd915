// The inspector: the selected run's next update at the playhead, part by part (the gradient, the
// accumulator, the division, the momentum, the step; a typed rule's statements one by one), with
// the numbers of each coordinate, under the run's whole algorithm (folded). Every number comes from
// core's explain_update, which takes them from the run's own state and rules; nothing about an
// optimizer is derived here.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "algorithms.hpp"
#include "explain.hpp"
#include "net_explain.hpp"
#include "net_inspection.hpp"
#include "panels.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {

std::vector<InspectorRow> inspector_rows(const Explanation& e) {
  std::vector<InspectorRow> rows;
  for (std::size_t p = 0; p < e.parts.size(); ++p)
    for (const ExplainValue& v : e.parts[p].values) {
      InspectorRow row{p, v.name, explain_number(v.value.x), explain_number(v.value.y)};
      // A value that an earlier part showed already (g in every part) is not repeated.
      const bool shown = std::any_of(rows.begin(), rows.end(), [&](const InspectorRow& r) {
        return r.name == row.name && r.x == row.x && r.y == row.y;
      });
      if (!shown) rows.push_back(std::move(row));
    }
  return rows;
}

namespace {

void run_picker(AppState& state) {
  const std::vector<std::string> runs = run_names(state.model.simulated);
  const std::string preview =
      state.model.selected && *state.model.selected < runs.size() ? runs[*state.model.selected] : tr("none");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##inspected", preview.c_str())) {
    for (std::size_t i = 0; i < runs.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(runs[i].c_str(), state.model.selected && *state.model.selected == i))
        state.model.selected = i;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  tooltip(tr("The run to inspect (also: click a run in the list, or keys 1-9)"));
}

// "RMSprop, update 3 → 4" (a typed rule's: "Typed rule, ...").
std::string update_heading(const RunSpec& run, const Explanation& e) {
  return tr_format("{0}, update {1} → {2}",
                   {run.rule ? tr("Typed rule") : e.optimizer, std::to_string(e.step), std::to_string(e.update)});
}

// The learning rate of a scheduled run's update.
void eta_line(const Explanation& e) {
  ImGui::TextDisabled("%s", tr_format("η of this update: {0}", {explain_number(e.eta)}).c_str());
}

// One part's values as a table of the two coordinates (of one, a network's parameter: names.y
// null); the tables of all parts share their column proportions, so the numbers line up from part to
// part.
void part_table(const ExplainPart& part, std::size_t index, const std::vector<InspectorRow>& rows,
                CoordinateNames names, bool header) {
  const bool two = names.y != nullptr;
  ImGui::PushID(static_cast<int>(index));
  if (ImGui::BeginTable("values", two ? 3 : 2, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(names.x, ImGuiTableColumnFlags_WidthStretch, 1.2f);
    if (two) ImGui::TableSetupColumn(names.y, ImGuiTableColumnFlags_WidthStretch, 1.2f);
    if (header) ImGui::TableHeadersRow();
    for (const InspectorRow& row : rows) {
      if (row.part != index) continue;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.name.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.x.c_str());
      if (!two) continue;
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.y.c_str());
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", part.caption.c_str());
}

// The run's whole algorithm as the table of core/optim/algorithms.hpp writes it, with the lines that
// apply to its settings, the meaning of every symbol, the reference and the epsilon's convention.
void algorithm_section(const AppState& state, const Hyperparameters& h) {
  if (!ImGui::TreeNode(tr("Algorithm"))) {
    tooltip(tr("The update's every line, as in optviz list and the man page"));
    return;
  }
  const Algorithm& a = algorithm(h.kind);
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", std::string(a.reference).c_str());
  ImGui::PushFont(state.view.fonts.mono);
  ImGui::TextUnformatted(algorithm_text(h, Notation::unicode).c_str());
  ImGui::PopFont();
  ImGui::TextUnformatted(tr_format("where {0}.", {symbols_text(h.kind, Notation::unicode)}).c_str());
  ImGui::TextDisabled("%s", tr(std::string(a.epsilon).c_str()));
  ImGui::PopTextWrapPos();
  ImGui::TreePop();
}

// Each part's title, statement and values.
void draw_parts(const AppState& state, const Explanation& e, CoordinateNames names) {
  const std::vector<InspectorRow> rows = inspector_rows(e);
  for (std::size_t p = 0; p < e.parts.size(); ++p) {
    const ExplainPart& part = e.parts[p];
    ImGui::TextColored(ImGui::GetStyle().Colors[ImGuiCol_CheckMark], "%s", part.title.c_str());
    if (!part.statement.empty()) {
      ImGui::PushFont(state.view.fonts.mono);
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(part.statement.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopFont();
    }
    part_table(part, p, rows, names, p == 0);
  }
}

// A network scenario's inspector: the weight or bias chosen in the network view, named with its
// value, and its next update part by part; or the explained update's sub-step when it plays.
void network_inspector(AppState& state) {
  ImGui::PushTextWrapPos(0);
  const NetStart* start = state.model.training->start();
  const auto& parameter = state.view.selected_parameter;
  if (!start || !parameter || *parameter >= start->net.parameter_count()) {
    ImGui::TextDisabled("%s", tr("Click an edge in the network view to choose a weight (a unit's small corner square: "
                                 "its bias); its next update shows here, part by part."));
    ImGui::PopTextWrapPos();
    return;
  }
  const std::string symbol(parameter_symbol(start->net, *parameter));
  const std::string name = parameter_name(start->net, start->sets.features, *parameter);
  const Explanation* e = inspected_parameter_update(state);
  const NetRun* run = state.model.selected ? state.model.training->run(*state.model.selected) : nullptr;
  std::string value;
  if (e && !e->parts.empty())
    value = ": " + symbol + " = " + explain_number(e->theta_before.x);
  else if (run && current_step(state) >= run->step.back())
    value = ": " + symbol + " = " + explain_number(run->theta[*parameter]);
  ImGui::TextUnformatted((name + value).c_str());
  if (!e) {
    ImGui::TextDisabled("%s", run ? tr("Select a run to see its update") : tr("The run is training…"));
    ImGui::PopTextWrapPos();
    return;
  }
  if (!e->message.empty()) {
    ImGui::TextUnformatted(e->message.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::PopTextWrapPos();
  const RunSpec& spec = state.model.training->trained().course.runs[*state.model.selected];
  ImGui::TextUnformatted(update_heading(spec, *e).c_str());
  const bool explaining = state.view.explain.open && state.view.explain.parameter;
  ImGui::SameLine();
  if (ImGui::SmallButton(explaining ? tr("Close##explain") : tr("Explain ▶##explain"))) toggle_explaining(state);
  tooltip(explaining ? tr("Back to the table of the update's parts (E)")
                     : tr("Play this update sub-step by sub-step (E)"));
  if (explaining) {
    draw_explained_parameter(state);
    return;
  }
  if (!spec.rule) algorithm_section(state, spec.hyper);
  if (!spec.schedule.is_constant()) eta_line(*e);
  draw_parts(state, *e, {symbol.c_str(), nullptr});
}

}  // namespace

void draw_inspector_panel(AppState& state) {
  if (!begin_panel(tr("Inspector"), state.view.layout.inspector)) {
    ImGui::End();
    return;
  }
  run_picker(state);
  if (state.model.scenario.network) {
    network_inspector(state);
    ImGui::End();
    return;
  }
  if (!state.model.selected || *state.model.selected >= state.model.runs.size() ||
      *state.model.selected >= state.model.simulated.course.runs.size()) {
    ImGui::TextDisabled("%s", tr("Select a run to see its update"));
    ImGui::End();
    return;
  }
  const std::size_t index = *state.model.selected;
  const RunSpec& run = state.model.simulated.course.runs[index];
  const Trajectory& t = state.model.runs[index];
  const long step = std::min<long>(current_step(state), static_cast<long>(t.rows()) - 1);
  const Explanation e = explain_update(run, state.model.simulated.looks[index].accumulator, t, step);
  const CoordinateNames names = coordinate_names(current_function(state));
  if (!e.message.empty()) {
    ImGui::PushTextWrapPos(0);
    if (t.diverged_at && step >= *t.diverged_at)
      ImGui::TextColored(error_colour(state), "%s", e.message.c_str());
    else
      ImGui::TextUnformatted(e.message.c_str());
    ImGui::PopTextWrapPos();
    if (step >= 0 && static_cast<std::size_t>(step) < t.rows())
      ImGui::Text("θ = (%s, %s), f = %s", explain_number(t.position[static_cast<std::size_t>(step)].x).c_str(),
                  explain_number(t.position[static_cast<std::size_t>(step)].y).c_str(),
                  explain_number(t.value[static_cast<std::size_t>(step)]).c_str());
    ImGui::End();
    return;
  }
  ImGui::TextUnformatted(update_heading(run, e).c_str());
  if (!run.rule) algorithm_section(state, run.hyper);
  if (!run.schedule.is_constant()) eta_line(e);
  draw_parts(state, e, names);
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled(
      "%s", tr_format("Hover a part for its equation with these numbers. On the canvas: {0} and the momentum (yellow) "
                      "show directions; Δθ, in the run's colour, the step (drawn at least 40 px long).",
                      {sees_noisy_gradients(run) ? tr("−g (white: the gradient this update used)") : tr("−∇f (white)")})
                .c_str());
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace optviz::gui
