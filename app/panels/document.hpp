// The scenario as a document: undo and redo (the model's History), the modified mark in the
// window's title, "Save changes to X?" before anything replaces a modified scenario, and File >
// Open Recent. The Edit menu and the question's window are drawn here too.
#pragma once

#include <string>

#include "state.hpp"

namespace optviz::gui {

// The frame's one record of the scenario's changes, skipped while a widget is being edited (a
// slider dragged, a field typed in, the start point dragged), so that one gesture is one entry;
// the notches of a slider nudged while the pointer stays on it are one entry too.
void record_history(AppState& state, bool editing);
// Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y): restores the scenario before (after) the last change, as
// opening a file replaces it but keeping the view (zoom, playhead, theme, 2D or 3D); the view box
// follows only a change of function. False when there is nothing to undo (redo).
bool undo(AppState& state);
bool redo(AppState& state);

// The scenario differs from what was last opened or saved.
bool is_modified(const AppState& state);
// The file's name, else the lesson's title, else "".
std::string document_name(const AppState& state);
// "optviz — lesson.optviz.json *": the mark while modified.
std::string window_title(const AppState& state);

// After the scenario was replaced by a file at `path` (or by a lesson or New: path ""): it is the
// unmodified document, the file first in Open Recent, and the next undo entry is called `change`.
void opened_document(AppState& state, const std::string& path, std::string change);
// After the scenario was saved to `path`; goes on with what waited for the save.
void saved_document(AppState& state, const std::string& path);

// Whether `what` may replace the scenario now: true when it is not modified (or the answer was
// "Don't save"); otherwise the question opens and `what` waits for its answer.
bool may_replace(AppState& state, Replacement what);
enum class UnsavedAnswer { save, dont_save, cancel };
// Save: saves to the document's file (or opens the Save dialog), then goes on; Don't save: goes
// on; Cancel: forgets what waited.
void answer_unsaved(AppState& state, UnsavedAnswer answer);

// A file of Open Recent: opened (asking first) when it exists, else removed with a notice.
void open_recent(AppState& state, const std::string& path);

void draw_edit_menu(AppState& state);
void draw_recent_menu(AppState& state);  // inside the File menu
void draw_unsaved_question(AppState& state);

}  // namespace optviz::gui
