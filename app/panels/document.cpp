#include "document.hpp"

#include <imgui.h>

#include <filesystem>
#include <optional>
#include <utility>

#include "panels.hpp"
#include "recent_files.hpp"
#include "translate.hpp"

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
      return tr_format("before opening {0}", {std::filesystem::path(what.path).filename().string()});
    case Replacement::new_scenario:
      return tr("before starting a new scenario");
    case Replacement::lesson:
      return tr("before opening the lesson");
    case Replacement::quit:
      return tr("before closing optviz");
    case Replacement::none:
      break;
  }
  return {};
}

// Undo or redo (`step`); returns the change's name, as the other list now calls it (`name`), for
// the notice; nothing when there was nothing to undo or redo.
std::optional<std::string> go_back_or_forth(AppState& state,
                                            std::optional<Snapshot> (History::*step)(const Scenario&,
                                                                                     const GeneratedData&),
                                            std::string (History::*name)() const) {
  History& history = state.model.history;
  std::optional<Snapshot> snapshot = (history.*step)(state.model.scenario, state.model.generated);
  if (!snapshot) return std::nullopt;
  restore(state, std::move(*snapshot));
  return (history.*name)();
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

bool undo(AppState& state) {
  const std::optional<std::string> change = go_back_or_forth(state, &History::undo, &History::redo_name);
  if (change) set_notice(state, tr_format("Undone: {0}", {shown_change_name(*change)}));
  return change.has_value();
}

bool redo(AppState& state) {
  const std::optional<std::string> change = go_back_or_forth(state, &History::redo, &History::undo_name);
  if (change) set_notice(state, tr_format("Redone: {0}", {shown_change_name(*change)}));
  return change.has_value();
}

bool is_modified(const AppState& state) { return state.model.history.modified(state.model.scenario); }

std::string document_name(const AppState& state) {
  if (!state.view.document.path.empty()) return std::filesystem::path(state.view.document.path).filename().string();
  return shown_text(state.model.scenario).title;
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
    set_notice(state, tr_format("{0} no longer exists: removed from Open Recent", {path}), true);
    return;
  }
  state.view.dialogs.scenario_path = path;
  state.view.requests.open_scenario = true;
}

void draw_edit_menu(AppState& state) {
  if (!ImGui::BeginMenu(tr("Edit"))) return;
  const History& h = state.model.history;
  // The label names the change; "###" keeps the item's id whatever it says.
  const std::string undo_label =
      (h.can_undo() ? tr_format("Undo {0}", {shown_change_name(h.undo_name())}) : std::string(tr("Undo"))) + "###undo";
  const std::string redo_label =
      (h.can_redo() ? tr_format("Redo {0}", {shown_change_name(h.redo_name())}) : std::string(tr("Redo"))) + "###redo";
  if (ImGui::MenuItem(undo_label.c_str(), "Ctrl+Z", false, h.can_undo())) undo(state);
  if (ImGui::MenuItem(redo_label.c_str(), "Ctrl+Shift+Z", false, h.can_redo())) redo(state);
  ImGui::EndMenu();
}

void draw_recent_menu(AppState& state) {
  const std::vector<std::string>& files = state.view.settings.recent_files;
  if (!ImGui::BeginMenu(tr("Open Recent"), !files.empty())) return;
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
  // The title in the reader's language; "###" keeps the popup's id whatever it says.
  const std::string id = std::string(tr("Unsaved changes")) + "###unsaved changes";
  if (!ImGui::IsPopupOpen(id.c_str())) ImGui::OpenPopup(id.c_str());
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(id.c_str(), nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  const std::string name = document_name(state);
  ImGui::TextUnformatted(
      tr_format("Save changes to {0}?", {name.empty() ? std::string_view(tr("this scenario")) : name}).c_str());
  ImGui::TextDisabled("%s", asking_why(d.asking).c_str());
  std::optional<UnsavedAnswer> answer;
  if (ImGui::Button(tr("Save"))) answer = UnsavedAnswer::save;
  ImGui::SameLine();
  if (ImGui::Button(tr("Don't save"))) answer = UnsavedAnswer::dont_save;
  ImGui::SameLine();
  if (ImGui::Button(tr("Cancel"))) answer = UnsavedAnswer::cancel;
  if (answer) {
    answer_unsaved(state, *answer);
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace optviz::gui
