// Typing in the formula and rule fields: a text takes effect when it is complete (Enter, or a
// pause in typing), never halfway through a word; until then the last text that compiled runs.
#include <string>

#include "expression.hpp"
#include "state.hpp"

namespace optviz::gui {

void edit_formula(AppState& state, std::string text, double now) {
  state.model.formula.text = std::move(text);
  state.model.formula.typed_at = now;
}

void edit_rule(AppState& state, std::size_t index, std::string text, double now) {
  if (index >= state.model.scenario.course.runs.size()) return;
  FormulaEdit& edit = rule_edit(state, index);
  edit.text = std::move(text);
  edit.typed_at = now;
}

void settle_typing(AppState& state, double now, double pause) {
  const auto settled = [&](const FormulaEdit& edit) { return edit.typed_at && now - *edit.typed_at >= pause; };
  if (settled(state.model.formula)) type_formula(state, state.model.formula.text);
  for (std::size_t i = 0; i < state.model.rule_edits.size() && i < state.model.scenario.course.runs.size(); ++i)
    if (settled(state.model.rule_edits[i])) type_rule(state, i, state.model.rule_edits[i].text);
}

std::string problem_text(const FormulaEdit& edit) { return place_text(edit.text, edit.column) + ": " + edit.error; }

}  // namespace optviz::gui
