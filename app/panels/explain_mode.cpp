#include "explain_mode.hpp"

#include <algorithm>

#include "state.hpp"

namespace optviz::gui {
namespace {

bool explainable(const AppState& state) {
  return state.model.selected && *state.model.selected < state.model.runs.size() &&
         *state.model.selected < state.model.simulated.course.runs.size();
}

void explain_at_playhead(AppState& state) {
  ExplainMode& x = state.view.explain;
  x.run = *state.model.selected;
  x.step = current_step(state);
  x.generation = state.model.generation;
  x.explanation = explain_update(state.model.simulated.course.runs[x.run],
                                 state.model.simulated.looks[x.run].accumulator, state.model.runs[x.run], x.step);
  x.part = std::min(x.part, x.explanation.parts.empty() ? 0 : x.explanation.parts.size() - 1);
  x.shown = 0;
}

}  // namespace

void start_explaining(AppState& state) {
  if (!explainable(state)) {
    set_notice(state, "Select a run to explain its next update");
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
  if (x.run != *state.model.selected || x.step != current_step(state) || x.generation != state.model.generation) {
    if (x.run != *state.model.selected || x.step != current_step(state)) x.part = 0;
    explain_at_playhead(state);
  }
  // A step with nothing to explain waits for the user: its message stays until closed.
  if (!x.playing || x.explanation.parts.empty()) return;
  x.shown += dt;
  if (x.shown >= kExplainPartSeconds) explain_next(state);
}

}  // namespace optviz::gui
