#include "settings.hpp"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "atomic_file.hpp"

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
  std::string theme;
  read(j, "theme", theme);
  s.theme = theme == "light" ? Theme::light : Theme::dark;
  read(j, "ui_scale", s.ui_scale);
  read(j, "scale_follows_monitor", s.scale_follows_monitor);
  if (const auto p = j.find("panels"); p != j.end() && p->is_object()) {
    read(*p, "controls_width", s.splitters.controls_width);
    read(*p, "side_width", s.splitters.side_width);
    read(*p, "plots_fraction", s.splitters.plots_fraction);
    read(*p, "inspector_fraction", s.splitters.inspector_fraction);
  }
  read(j, "speed", s.speed);
  read(j, "loop", s.loop);
  read(j, "show_arrows", s.show_arrows);
  read(j, "show_ahead", s.show_ahead);
  read(j, "show_contours", s.show_contours);
  read(j, "show_minima", s.show_minima);
  read(j, "show_spread", s.show_spread);
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
  j["theme"] = s.theme == Theme::light ? "light" : "dark";
  j["ui_scale"] = s.ui_scale;
  j["scale_follows_monitor"] = s.scale_follows_monitor;
  j["panels"] = {{"controls_width", s.splitters.controls_width},
                 {"side_width", s.splitters.side_width},
                 {"plots_fraction", s.splitters.plots_fraction},
                 {"inspector_fraction", s.splitters.inspector_fraction}};
  j["speed"] = s.speed;
  j["loop"] = s.loop;
  j["show_arrows"] = s.show_arrows;
  j["show_ahead"] = s.show_ahead;
  j["show_contours"] = s.show_contours;
  j["show_minima"] = s.show_minima;
  j["show_spread"] = s.show_spread;
  write_file_atomically(directory / "settings.json", j.dump(2) + "\n");
}

Settings settings_of(const AppState& state, const WindowPlacement& window) {
  Settings s;
  s.window = window;
  s.theme = state.view.theme;
  s.ui_scale = state.view.ui_scale;
  s.scale_follows_monitor = state.view.scale_follows_monitor;
  s.splitters = state.view.splitters;
  s.speed = state.playback.speed;
  s.loop = state.playback.loop;
  s.show_arrows = state.view.show_arrows;
  s.show_ahead = state.view.show_ahead;
  s.show_contours = state.view.show_contours;
  s.show_minima = state.view.show_minima;
  s.show_spread = state.view.show_spread;
  return s;
}

void apply_settings(AppState& state, const Settings& s) {
  state.view.theme = s.theme;
  state.view.ui_scale = std::clamp(s.ui_scale, kMinUiScale, kMaxUiScale);
  state.view.scale_follows_monitor = s.scale_follows_monitor;
  state.view.splitters = s.splitters;
  state.playback.speed = std::clamp(s.speed, kMinSpeed, kMaxSpeed);
  state.playback.loop = s.loop;
  state.view.show_arrows = s.show_arrows;
  state.view.show_ahead = s.show_ahead;
  state.view.show_contours = s.show_contours;
  state.view.show_minima = s.show_minima;
  state.view.show_spread = s.show_spread;
}

}  // namespace optviz::gui
