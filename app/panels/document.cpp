#include "document.hpp"

#include <imgui.h>

#include <filesystem>
#include <optional>
#include <utility>

#include "panels.hpp"
#include "recent_files.hpp"

namespace optviz::gui {
namespace {

// The scenario of an undo entry, as loading a file would put it but keeping what only the view
// decides: the 2D or 3D view and the camera, the zoom (unless the function changes), the playhead.
void restore(AppState& state, Snapshot snapshot) {
  Model& m = state.model;
  snapshot.scenario.display.view = m.scenario.display.view;
  snapshot.scenario.display.surface = m.scenario.display.surface;
  const bool new_function = !(snapshot.scenario.course.objective == m.scenario.course.objective);
  m.scenario = std::move(snapshot.scenario);
  m.generated = std::move(snapshot.generated);
  reset_text_fields(state);
  if (new_function) state.view.settings.wanted = m.scenario.view;
  const std::size_t runs = m.scenario.course.runs.size();
  if (m.selected && *m.selected >= runs) m.selected = runs == 0 ? std::nullopt : std::optional(runs - 1);
  if (!m.selected) m.selected = preferred_run(m.scenario);
  state.view.settings.hide_answer = state.view.settings.hide_answer && !m.scenario.lesson.question.empty();
  update_simulation(state);
}

// Asks again for what waited, now that it may go ahead.
void request(AppState& state, const Replacement& what) {
  switch (what.kind) {
    case Replacement::open_file:
      state.view.dialogs.scenario_path = what.path;
      state.view.requests.open_scenario = true;
      break;
    case Replacement::new_scenario:
      state.view.requests.new_scenario = true;
      break;
    case Replacement::lesson:
      state.view.requests.load_preset = what.preset;
      break;
    case Replacement::quit:
      state.view.requests.quit = true;
      break;
    case Replacement::none:
      break;
  }
}

std::string asking_why(const Replacement& what) {
  switch (what.kind) {
    case Replacement::open_file:
      return "before opening " + std::filesystem::path(what.path).filename().string();
    case Replacement::new_scenario:
      return "before starting a new scenario";
    case Replacement::lesson:
      return "before opening the lesson";
    case Replacement::quit:
      return "before closing optviz";
    case Replacement::none:
      break;
  }
  return {};
}

// Undo or redo (`step`), then a notice naming the change, as the other list now calls it (`name`).
bool go_back_or_forth(AppState& state, std::optional<Snapshot> (History::*step)(const Scenario&, const GeneratedData&),
                      std::string (History::*name)() const, const char* notice) {
  History& history = state.model.history;
  std::optional<Snapshot> snapshot = (history.*step)(state.model.scenario, state.model.generated);
  if (!snapshot) return false;
  restore(state, std::move(*snapshot));
  set_notice(state, notice + (history.*name)());
  return true;
}

}  // namespace

void record_history(AppState& state, bool editing) {
  Document& d = state.view.document;
  if (editing) {
    d.edited = true;
    return;
  }
  // The wheel or the arrow keys over a slider nudge it a notch a frame: while the pointer stays on
  // it, the notches are one entry.
  const bool nudged = !std::exchange(d.edited, false) && state.view.slider_hovered;
  if (!state.view.slider_hovered) state.model.history.stop_merging();
  state.model.history.record(state.model.scenario, state.model.generated, std::exchange(d.change_name, {}), nudged);
}

bool undo(AppState& state) { return go_back_or_forth(state, &History::undo, &History::redo_name, "Undone: "); }

bool redo(AppState& state) { return go_back_or_forth(state, &History::redo, &History::undo_name, "Redone: "); }

bool is_modified(const AppState& state) { return state.model.history.modified(state.model.scenario); }

std::string document_name(const AppState& state) {
  if (!state.view.document.path.empty()) return std::filesystem::path(state.view.document.path).filename().string();
  return state.model.scenario.title;
}

std::string window_title(const AppState& state) {
  const std::string name = document_name(state);
  return (name.empty() ? std::string("optviz") : "optviz — " + name) + (is_modified(state) ? " *" : "");
}

void opened_document(AppState& state, const std::string& path, std::string change) {
  Document& d = state.view.document;
  d.path = path;
  d.change_name = std::move(change);
  state.model.history.mark_saved(state.model.scenario);
  if (!path.empty()) add_recent_file(state.view.settings.recent_files, std::filesystem::absolute(path).string());
}

void saved_document(AppState& state, const std::string& path) {
  state.view.document.path = path;
  state.model.history.mark_saved(state.model.scenario);
  add_recent_file(state.view.settings.recent_files, std::filesystem::absolute(path).string());
  request(state, std::exchange(state.view.document.after_save, {}));
}

bool may_replace(AppState& state, Replacement what) {
  Document& d = state.view.document;
  if (std::exchange(d.confirmed, false) || !is_modified(state)) return true;
  d.asking = std::move(what);
  return false;
}

void answer_unsaved(AppState& state, UnsavedAnswer answer) {
  Document& d = state.view.document;
  const Replacement what = std::exchange(d.asking, {});
  if (what.kind == Replacement::none || answer == UnsavedAnswer::cancel) return;
  if (answer == UnsavedAnswer::dont_save) {
    d.confirmed = what.kind != Replacement::quit;  // quitting asks nothing more
    request(state, what);
    return;
  }
  d.after_save = what;
  std::filesystem::path file = d.path;
  if (file.extension() == ".json") {
    state.view.dialogs.scenario_path = d.path;
    state.view.requests.save_scenario = true;
  } else {
    // No file yet, or a PNG the scenario was opened from (never overwritten): ask where first.
    if (!file.empty()) state.view.dialogs.scenario_path = file.replace_extension(".optviz.json").string();
    state.view.dialogs.save_file = true;
  }
}

void open_recent(AppState& state, const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    remove_recent_file(state.view.settings.recent_files, path);
    set_notice(state, path + " no longer exists: removed from Open Recent", true);
    return;
  }
  state.view.dialogs.scenario_path = path;
  state.view.requests.open_scenario = true;
}

void draw_edit_menu(AppState& state) {
  if (!ImGui::BeginMenu("Edit")) return;
  const History& h = state.model.history;
  // The label names the change; "###" keeps the item's id whatever it says.
  const std::string undo_label = (h.can_undo() ? "Undo " + h.undo_name() : std::string("Undo")) + "###undo";
  const std::string redo_label = (h.can_redo() ? "Redo " + h.redo_name() : std::string("Redo")) + "###redo";
  if (ImGui::MenuItem(undo_label.c_str(), "Ctrl+Z", false, h.can_undo())) undo(state);
  if (ImGui::MenuItem(redo_label.c_str(), "Ctrl+Shift+Z", false, h.can_redo())) redo(state);
  ImGui::EndMenu();
}

void draw_recent_menu(AppState& state) {
  const std::vector<std::string>& files = state.view.settings.recent_files;
  if (!ImGui::BeginMenu("Open Recent", !files.empty())) return;
  std::optional<std::string> chosen;
  for (std::size_t i = 0; i < files.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::MenuItem(files[i].c_str())) chosen = files[i];
    ImGui::PopID();
  }
  ImGui::EndMenu();
  if (chosen) open_recent(state, *chosen);
}

void draw_unsaved_question(AppState& state) {
  Document& d = state.view.document;
  // The Save dialog that "Save" opened was closed without saving: what waited is dropped.
  if (d.after_save.kind != Replacement::none && !state.view.dialogs.save_file && !state.view.requests.save_scenario)
    d.after_save = {};
  if (d.asking.kind == Replacement::none) return;
  constexpr const char* kId = "Unsaved changes";
  if (!ImGui::IsPopupOpen(kId)) ImGui::OpenPopup(kId);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kId, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  const std::string name = document_name(state);
  ImGui::Text("Save changes to %s?", name.empty() ? "this scenario" : name.c_str());
  ImGui::TextDisabled("%s", asking_why(d.asking).c_str());
  std::optional<UnsavedAnswer> answer;
  if (ImGui::Button("Save")) answer = UnsavedAnswer::save;
  ImGui::SameLine();
  if (ImGui::Button("Don't save")) answer = UnsavedAnswer::dont_save;
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) answer = UnsavedAnswer::cancel;
  if (answer) {
    answer_unsaved(state, *answer);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace optviz::gui
