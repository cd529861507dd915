// The window: the interactive visualizer.
#pragma once

#include <string>
#include <vector>

namespace optviz {

struct GuiOptions {
  std::string scenario;    // a scenario file to open instead of the default ("" for none)
  std::string screenshot;  // when set: render `frames` frames, save the window as PNG, exit
  int frames = 3;
  std::string size;               // "WIDTHxHEIGHT" or "" for the default
  float scale = 0;                // UI scale; 0: text a 60th of the window's height (screen_fit.hpp)
  std::vector<std::string> open;  // views to open at start: "sweep", "basins"
  bool present = false;           // start in presentation mode
  std::string theme;              // "dark", "light" or "" for the remembered one
  std::string language;           // "en", "zh_CN" or "" for the remembered one (else the environment's)
  long step = -1;                 // the playhead's step at start (clamped to the runs); -1: the default
  int explain = -1;               // >= 0: open "explain the next update" paused at this sub-step
  std::string view;               // "2d", "3d" or "" for the scenario's
};

// Runs the window until it is closed. Returns 0, or 1 when there is no display or no OpenGL 3.3.
int run_gui(const GuiOptions& options);

}  // namespace optviz
