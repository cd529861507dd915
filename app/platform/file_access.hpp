// How files reach the person. On the desktop they stay where the dialogs' path fields put them. In
// the browser (web_files.cpp), opening a scenario or a data file shows the browser's file picker,
// and every file the app writes for the person (a saved scenario, a PNG, a GIF, CSV files) is
// downloaded, under the file name of the dialog's path.
#pragma once

#include <filesystem>

#include "state.hpp"

namespace optviz::gui {

// Before the panels of a frame: answers the open dialogs that the browser's file picker replaces,
// with the files the person picked since the last frame.
void pick_files(AppState& state);

// A file (or a folder of files) just written for the person.
void deliver_file(const std::filesystem::path& path);

}  // namespace optviz::gui
