// The window: GLFW, the GL context, ImGui with its GLFW and OpenGL 3 backends, the heatmap
// renderer, the figure drawer for exports and the state. A thin loop drives it:
// wait_for_events(), frame(), until should_close().
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "image.hpp"
#include "scenario.hpp"
#include "state.hpp"
#include "theme_choice.hpp"

namespace optviz::gui {

struct ApplicationOptions {
  int width = 1280;  // used unless a remembered placement applies
  int height = 800;
  bool size_given = false;           // the size wins over the remembered one
  float scale = 0;                   // UI scale; 0 follows the monitor (or the remembered choice)
  bool remember = true;              // read and write the settings and the last scenario
  std::optional<Scenario> scenario;  // instead of the last or the default scenario
  std::string scenario_path;         // the file `scenario` came from ("" when none)
  bool screenshot = false;           // a still: the playhead at the end (or the lesson's step), the mouse ignored
  bool vsync = true;
  bool open_sweep = false;         // the sweep panel
  bool open_basins = false;        // the basin overlay
  bool present = false;            // start in presentation mode
  std::optional<long> step;        // the playhead at start (clamped); screenshots default to the end
  std::optional<Theme> theme;      // instead of the remembered one
  std::optional<CanvasView> view;  // instead of the scenario's
  // A language asked for (--language, the page's lang=), instead of the remembered choice; and the
  // one the environment asks for ("": the desktop's LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
  std::optional<std::string> language;
  std::string environment_language;
};

class Application {
 public:
  // Opens the window; nullptr and `error` when there is no display or no OpenGL 3.3.
  static std::unique_ptr<Application> create(const ApplicationOptions& options, std::string& error);
  ~Application();
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  bool should_close() const;
  // Waits for input while nothing moves (no CPU in front of a paused lecture), polls otherwise.
  void wait_for_events();
  // One frame: panels, the heatmap pass, drawing, presenting, then the file and export work the
  // panels asked for. dt <= 0 takes the time since the last frame. With `capture`, the frame's
  // pixels are read back before they are presented.
  void frame(double dt = 0, Image* capture = nullptr);

  AppState& state();
  // Writes the settings and the last scenario (when `remember`), as closing the window does; the
  // page calls it when it is hidden or left, since a browser never closes it.
  void remember_session();

  struct Impl;

 private:
  explicit Application(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace optviz::gui
