// One frame of the interface, without GL: one update of what the last frame's edits changed, then
// the panels in order (they draw and edit, never recompute), and the file work the panels asked for.
#pragma once

#include <string>

#include "state.hpp"

namespace optviz::gui {

// Loads the fonts at the scale's size into the current ImGui context's atlas, with the glyphs of the
// language's catalog and of the scenario's own text, and applies the theme. The caller (the
// renderer) uploads the atlas texture afterwards.
void apply_ui_scale(AppState& state, float scale, std::string& warning);
// Whether the scenario's own text (a run's name, a lesson's text) has a character the fonts were
// loaded without: the renderer then loads them again.
bool fonts_miss_characters(const AppState& state);

// Translates from now on into the language chosen in View > Language (settings.language), else into
// `environment`'s (the desktop's variables, the browser's languages), and asks for the fonts again.
void use_language(AppState& state, const std::string& environment);

// The frame's one update, before the panels draw: the trajectories, the spread and the heatmap's
// scale when the scenario changed, the 3D view's mesh, the map jobs started, cancelled or taken.
// What the panels edit while drawing is picked up by the next frame's update; a test or an export
// that needs it at once calls this. `now` is the clock of the map jobs' debounce, in seconds.
void update(AppState& state, double now);

// Between ImGui::NewFrame and ImGui::Render: advances the playhead by dt seconds, handles the
// shortcuts, updates (above) and draws every panel.
void draw_ui(AppState& state, double dt);

// Opens or saves scenarios and exports CSV as requested by the panels; failures become notices.
void process_file_requests(AppState& state);

}  // namespace optviz::gui
