// The keyboard: what a user would guess, listed in the help window (F1). Nothing fires while a
// text field has the keyboard.
#include <imgui.h>
#include <imgui_internal.h>  // the hovered window and the active item, for a click on the canvas

#include <algorithm>
#include <cstring>

#include "document.hpp"
#include "keys.hpp"
#include "panels.hpp"

namespace optviz::gui {
namespace {

bool pressed(int key, bool repeat = true) { return ImGui::IsKeyPressed(key, repeat); }

void step_by(AppState& state, long delta) {
  state.model.playback.playing = false;
  set_step(state, current_step(state) + delta);
}

void zoom_canvas(AppState& state, double factor) {
  const Box& b = state.view.settings.wanted;
  state.view.settings.wanted = zoom_box(b, 0.5 * (b.min + b.max), factor);
}

// While explaining an update: E closes, Space pauses, Left and Right go through the sub-steps
// (the other shortcuts still work).
void explaining_keys(AppState& state) {
  if (pressed(keys::kE, false)) stop_explaining(state);
  if (pressed(keys::kSpace, false)) state.view.explain.playing = !state.view.explain.playing;
  if (state.view.slider_hovered) return;
  if (pressed(keys::kLeft)) explain_previous(state);
  if (pressed(keys::kRight)) explain_next(state);
}

// A click on the canvas (any button) takes the keyboard from a text field before anything reads
// the frame's keys: a key pressed with it or after it is a shortcut, not a letter in the formula.
// Returns whether it did.
bool release_text_on_canvas_click() {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const bool clicked = ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right) ||
                       ImGui::IsMouseClicked(ImGuiMouseButton_Middle);
  if (!clicked || g.HoveredWindow == nullptr || std::strcmp(g.HoveredWindow->Name, "Canvas") != 0) return false;
  if (g.ActiveId != 0 && ImGui::GetIO().WantTextInput) ImGui::ClearActiveID();
  return true;
}

// Escape closes one thing at a time: the question "Save changes?" (as Cancel), the explained
// update, the help, a dialog, the lesson's text; with nothing open, it leaves presentation mode.
void close_one_thing(AppState& state) {
  if (state.view.document.asking.kind != Replacement::none) {
    answer_unsaved(state, UnsavedAnswer::cancel);
    return;
  }
  Dialogs& d = state.view.dialogs;
  bool* const open[] = {&state.view.explain.open,
                        &state.view.settings.show_help,
                        &d.open_file,
                        &d.open_data,
                        &d.save_file,
                        &d.export_png,
                        &d.export_csv,
                        &d.export_gif,
                        &d.about,
                        &d.lesson_info};
  for (bool* const thing : open) {
    if (!*thing || (thing == &d.export_gif && state.view.gif.running)) continue;
    *thing = false;
    return;
  }
  state.view.settings.presenting = false;
}

}  // namespace

void handle_shortcuts(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (pressed(keys::kEscape, false)) close_one_thing(state);
  if (pressed(keys::kF11, false)) state.view.settings.presenting = !state.view.settings.presenting;
  if (io.WantTextInput && !release_text_on_canvas_click()) return;
  const bool ctrl = io.KeyCtrl;
  // Right on an explanation's last sub-step moves the playhead and closes it: not a second step.
  const bool explaining = state.view.explain.open;
  const long stride = ctrl ? 100 : io.KeyShift ? 10 : 1;

  if (ctrl) {
    if (pressed(keys::kEqual, false) || pressed(keys::kKeypadAdd, false)) change_ui_scale(state, +1);
    if (pressed(keys::kMinus, false) || pressed(keys::kKeypadSubtract, false)) change_ui_scale(state, -1);
    if (pressed(keys::kZero, false)) change_ui_scale(state, 0);
    if (pressed(keys::kO, false)) state.view.dialogs.open_file = true;
    if (pressed(keys::kS, false)) state.view.dialogs.save_file = true;
    if (pressed(keys::kE, false)) state.view.dialogs.export_png = true;
    if (pressed(keys::kD, false) && state.model.selected) duplicate_run(state, *state.model.selected);
    if (pressed(keys::kZ)) io.KeyShift ? redo(state) : undo(state);
    if (pressed(keys::kY)) redo(state);
  } else {
    if (state.view.explain.open) {
      explaining_keys(state);
    } else {
      if (pressed(keys::kE, false)) start_explaining(state);
      if (pressed(keys::kSpace, false)) toggle_playing(state);
    }
    if (pressed(keys::kF, false)) fit_view(state);
    if (pressed(keys::kG, false)) state.view.settings.presentation.plots = !state.view.settings.presentation.plots;
    if (pressed(keys::kL, false)) state.model.playback.loop = !state.model.playback.loop;
    if (pressed(keys::kA, false)) state.view.settings.show_arrows = !state.view.settings.show_arrows;
    if (pressed(keys::kW, false)) state.view.settings.show_ahead = !state.view.settings.show_ahead;
    if (pressed(keys::kQ, false)) toggle_question(state);
    if (pressed(keys::kV, false)) toggle_surface_view(state);
    if (pressed(keys::kT, false)) {
      state.view.settings.theme = state.view.settings.theme == Theme::dark ? Theme::light : Theme::dark;
      state.view.requests.rebuild_fonts = true;
    }
    if (pressed(keys::kR, false)) {
      set_step(state, 0);
      state.model.playback.playing = true;
    }
    if (pressed(keys::kP, false)) state.view.requests.export_png = true;
    if (pressed(keys::kH, false) || pressed(keys::kF1, false))
      state.view.settings.show_help = !state.view.settings.show_help;
    if (pressed(keys::kEqual) || pressed(keys::kKeypadAdd)) zoom_canvas(state, 0.8);
    if (pressed(keys::kMinus) || pressed(keys::kKeypadSubtract)) zoom_canvas(state, 1.25);
    if (pressed(keys::kDelete, false) && state.model.selected) remove_run(state, *state.model.selected);
    const std::size_t runs = state.model.scenario.course.runs.size();
    for (int k = keys::kOne; k <= keys::kNine; ++k)
      if (pressed(k, false) && static_cast<std::size_t>(k - keys::kOne) < runs)
        state.model.selected = static_cast<std::size_t>(k - keys::kOne);
    if (runs > 0 && pressed(keys::kLeftBracket))
      state.model.selected = state.model.selected && *state.model.selected > 0 ? *state.model.selected - 1 : runs - 1;
    if (runs > 0 && pressed(keys::kRightBracket))
      state.model.selected = state.model.selected && *state.model.selected + 1 < runs ? *state.model.selected + 1 : 0;
  }
  if (!state.view.slider_hovered && !explaining) {
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_by(state, -stride);
    if (pressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_by(state, stride);
  }
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) set_step(state, 0);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) set_step(state, last_step(state));
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow)))
    state.model.playback.speed = std::min(kMaxSpeed, state.model.playback.speed * 2);
  if (pressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow)))
    state.model.playback.speed = std::max(kMinSpeed, state.model.playback.speed / 2);
}

}  // namespace optviz::gui
