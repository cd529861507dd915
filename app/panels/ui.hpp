// One frame of the interface, without GL: the panels in order, the simulation refreshed after
// every panel that may change the scenario, and the file work the panels asked for.
#pragma once

#include <string>

#include "state.hpp"

namespace optviz::gui {

// Loads the fonts at the scale's size into the current ImGui context's atlas and applies the
// theme. The caller (the renderer) uploads the atlas texture afterwards.
void apply_ui_scale(AppState& state, float scale, std::string& warning);

// Between ImGui::NewFrame and ImGui::Render: advances the playhead by dt seconds, handles the
// shortcuts and draws every panel.
void draw_ui(AppState& state, double dt);

// Opens or saves scenarios and exports CSV as requested by the panels; failures become notices.
void process_file_requests(AppState& state);

}  // namespace optviz::gui
