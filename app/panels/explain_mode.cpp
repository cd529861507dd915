#include "explain_mode.hpp"

#include <algorithm>

#include "net_inspection.hpp"
#include "state.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// A network scenario explains the parameter chosen in the network view (net_inspection.hpp).
bool explainable(AppState& state) {
  if (state.model.scenario.network) return inspected_parameter_update(state) != nullptr;
  return state.model.selected && *state.model.selected < state.model.runs.size() &&
         *state.model.selected < state.model.simulated.course.runs.size();
}

// What the explanation was made from: the simulation, or a network's inspected update (whose
// explanations the inspection counts).
std::uint64_t generation(AppState& state) {
  if (!state.model.scenario.network) return state.model.generation;
  inspected_parameter_update(state);
  return state.view.net_inspection.replays;
}

void explain_at_playhead(AppState& state) {
  ExplainMode& x = state.view.explain;
  x.run = *state.model.selected;
  x.step = current_step(state);
  x.generation = generation(state);
  x.parameter.reset();
  if (const Explanation* e = state.model.scenario.network ? inspected_parameter_update(state) : nullptr) {
    x.parameter = state.view.selected_parameter;
    x.explanation = *e;
  } else {
    x.explanation = explain_update(state.model.simulated.course.runs[x.run],
                                   state.model.simulated.looks[x.run].accumulator, state.model.runs[x.run], x.step);
  }
  x.part = std::min(x.part, x.explanation.parts.empty() ? 0 : x.explanation.parts.size() - 1);
  x.shown = 0;
}

}  // namespace

void start_explaining(AppState& state) {
  if (!explainable(state)) {
    set_notice(state, state.model.scenario.network && !state.view.selected_parameter
                          ? tr("Click an edge in the network view to choose a weight to explain")
                          : tr("Select a run to explain its next update"));
    return;
  }
  state.model.playback.playing = false;
  state.view.explain.open = true;
  state.view.explain.playing = true;
  state.view.explain.part = 0;
  explain_at_playhead(state);
}

void stop_explaining(AppState& state) { state.view.explain.open = false; }

void toggle_explaining(AppState& state) {
  if (state.view.explain.open)
    stop_explaining(state);
  else
    start_explaining(state);
}

void explain_next(AppState& state) {
  ExplainMode& x = state.view.explain;
  if (!x.open) return;
  x.shown = 0;
  if (x.part + 1 < x.explanation.parts.size()) {
    ++x.part;
    return;
  }
  // Past the last sub-step: the update is done, the playhead takes it.
  if (!x.explanation.parts.empty()) set_step(state, x.step + 1);
  stop_explaining(state);
}

void explain_previous(AppState& state) {
  ExplainMode& x = state.view.explain;
  if (!x.open) return;
  x.shown = 0;
  if (x.part > 0) --x.part;
}

void advance_explaining(AppState& state, double dt) {
  ExplainMode& x = state.view.explain;
  if (!x.open) return;
  if (!explainable(state)) {
    stop_explaining(state);
    return;
  }
  state.model.playback.playing = false;
  const bool other_parameter = state.model.scenario.network && x.parameter != state.view.selected_parameter;
  if (x.run != *state.model.selected || x.step != current_step(state) || x.generation != generation(state) ||
      other_parameter) {
    if (x.run != *state.model.selected || x.step != current_step(state) || other_parameter) x.part = 0;
    explain_at_playhead(state);
  }
  // A step with nothing to explain waits for the user: its message stays until closed.
  if (!x.playing || x.explanation.parts.empty()) return;
  x.shown += dt;
  if (x.shown >= kExplainPartSeconds) explain_next(state);
}

}  // namespace optviz::gui
