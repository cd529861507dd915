#include "settings.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "atomic_file.hpp"
#include "recent_files.hpp"

namespace optviz::gui {
namespace {

using nlohmann::json;

template <class T>
void read(const json& j, const char* key, T& out) {
  const auto it = j.find(key);
  if (it == j.end()) return;
  try {
    T value = it->get<T>();
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(value)) return;
    }
    out = value;
  } catch (const json::exception&) {
    // A wrong type keeps the default.
  }
}

void read(const json& j, const char* key, Theme& out) {
  std::string name;
  read(j, key, name);
  out = name == "light" ? Theme::light : Theme::dark;
}

json value_of(Theme theme) { return theme == Theme::light ? "light" : "dark"; }
template <class T>
json value_of(const T& value) {
  return value;
}

// The fields of the view that persist, each once: its key in settings.json and its member.
template <class Visit>
void persisted_view_fields(Visit&& visit) {
  visit("theme", &ViewSettings::theme);
  visit("language", &ViewSettings::language);
  visit("ui_scale", &ViewSettings::ui_scale);
  visit("scale_follows_monitor", &ViewSettings::scale_follows_monitor);
  visit("show_arrows", &ViewSettings::show_arrows);
  visit("show_ahead", &ViewSettings::show_ahead);
  visit("show_contours", &ViewSettings::show_contours);
  visit("show_minima", &ViewSettings::show_minima);
  visit("show_spread", &ViewSettings::show_spread);
  visit("recent_files", &ViewSettings::recent_files);
}

// The splitters' sizes, under "panels".
template <class Visit>
void persisted_splitter_fields(Visit&& visit) {
  visit("controls_width", &Splitters::controls_width);
  visit("side_width", &Splitters::side_width);
  visit("plots_fraction", &Splitters::plots_fraction);
  visit("inspector_fraction", &Splitters::inspector_fraction);
}

template <class Visit>
void persisted_playback_fields(Visit&& visit) {
  visit("speed", &Playback::speed);
  visit("loop", &Playback::loop);
}

}  // namespace

std::filesystem::path config_directory() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::filesystem::path(xdg) / "optviz";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] == '/') return std::filesystem::path(home) / ".config" / "optviz";
  return {};
}

Settings load_settings(const std::filesystem::path& directory) {
  Settings s;
  if (directory.empty()) return s;
  std::ifstream in(directory / "settings.json");
  if (!in) return s;
  std::stringstream text;
  text << in.rdbuf();
  const json j = json::parse(text.str(), nullptr, false);
  if (!j.is_object()) return s;
  if (const auto w = j.find("window"); w != j.end() && w->is_object()) {
    read(*w, "x", s.window.x);
    read(*w, "y", s.window.y);
    read(*w, "width", s.window.width);
    read(*w, "height", s.window.height);
    read(*w, "maximized", s.window.maximized);
    s.window.known =
        s.window.width >= 200 && s.window.height >= 150 && s.window.width <= 16384 && s.window.height <= 16384;
  }
  persisted_view_fields([&](const char* key, auto member) { read(j, key, s.view.*member); });
  s.view.recent_files = sanitized_recent_files(s.view.recent_files);
  if (const auto p = j.find("panels"); p != j.end() && p->is_object())
    persisted_splitter_fields([&](const char* key, auto member) { read(*p, key, s.view.splitters.*member); });
  persisted_playback_fields([&](const char* key, auto member) { read(j, key, s.playback.*member); });
  return s;
}

void save_settings(const std::filesystem::path& directory, const Settings& s) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  json j;
  j["window"] = {{"x", s.window.x},
                 {"y", s.window.y},
                 {"width", s.window.width},
                 {"height", s.window.height},
                 {"maximized", s.window.maximized}};
  persisted_view_fields([&](const char* key, auto member) { j[key] = value_of(s.view.*member); });
  json panels = json::object();
  persisted_splitter_fields([&](const char* key, auto member) { panels[key] = s.view.splitters.*member; });
  j["panels"] = panels;
  persisted_playback_fields([&](const char* key, auto member) { j[key] = s.playback.*member; });
  write_file_atomically(directory / "settings.json", j.dump(2) + "\n");
}

Settings settings_of(const AppState& state, const WindowPlacement& window) {
  return {window, state.view.settings, state.model.playback};
}

void apply_settings(AppState& state, const Settings& s) {
  persisted_view_fields([&](const char*, auto member) { state.view.settings.*member = s.view.*member; });
  state.view.settings.splitters = s.view.splitters;
  persisted_playback_fields([&](const char*, auto member) { state.model.playback.*member = s.playback.*member; });
  state.view.settings.ui_scale = std::clamp(state.view.settings.ui_scale, kMinUiScale, kMaxUiScale);
  state.model.playback.speed = std::clamp(state.model.playback.speed, kMinSpeed, kMaxSpeed);
}

}  // namespace optviz::gui
