// An ImGui context without a renderer or GL, for driving the panels in tests: the fonts are
// built on the CPU, the display size is set by hand, and input is written into ImGuiIO.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <functional>
#include <string>

#include "state.hpp"

namespace optviz::gui::test {

class HeadlessUi {
 public:
  HeadlessUi(Scenario scenario, float width = 1280, float height = 800, float scale = 1);
  ~HeadlessUi();
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  // One frame of every panel; `input` runs before NewFrame to set mouse and keys.
  void frame(const std::function<void(ImGuiIO&)>& input = {});
  void frames(int n) {
    for (int i = 0; i < n; ++i) frame();
  }
  // A key pressed for one frame and released in the next (with Ctrl or Shift held if asked).
  void press(int key, bool ctrl = false, bool shift = false);
  void resize(float width, float height);

  AppState state;

 private:
  void rebuild_fonts();
  ImGuiContext* context_;
};

// Frames until no network training runs (a minute at most); false when one still does.
bool settle_training(HeadlessUi& ui);

// A context for drawing without a renderer: no ini or log file, the display's size, large draw lists
// split as the OpenGL 3 backend splits them (instead of overflowing 16-bit indices). Made current.
ImGuiContext* make_headless_context(float width, float height);

// The default network scenario made small (120 points, 150 steps), to train in a blink.
Scenario small_network();

// An empty directory of its own under the system's temporary one, for the files a test writes.
std::filesystem::path temp_dir(const std::string& name);

}  // namespace optviz::gui::test
