// What the window remembers between sessions, under the user's config directory
// ($XDG_CONFIG_HOME/optviz, else ~/.config/optviz; never the working directory): the window's
// place and size, the panel sizes, the theme, the language, the UI scale, Open Recent's files and the playback settings
// in settings.json, the last scenario in last_scenario.json, ImGui's own state in imgui.ini.
#pragma once

#include <filesystem>
#include <string>

#include "state.hpp"

namespace optviz::gui {

struct WindowPlacement {
  int x = 0, y = 0;
  int width = 1280, height = 800;
  bool maximized = false;
  bool known = false;  // false: let the system place the window
};

// What persists of the view (theme, UI scale, splitters, what the canvas shows) and of the
// playback (speed, loop); the other fields of `view` and `playback` are left at their defaults.
struct Settings {
  WindowPlacement window;
  ViewSettings view;
  Playback playback;
};

// "" when neither XDG_CONFIG_HOME nor HOME is set.
std::filesystem::path config_directory();

// The settings in `directory`, defaults for whatever is missing or unreadable.
Settings load_settings(const std::filesystem::path& directory);
// Creates the directory if needed and writes atomically; throws std::runtime_error on failure.
void save_settings(const std::filesystem::path& directory, const Settings& settings);

// The state's part of the settings, and back.
Settings settings_of(const AppState& state, const WindowPlacement& window);
void apply_settings(AppState& state, const Settings& settings);

}  // namespace optviz::gui
