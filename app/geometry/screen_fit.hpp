// The window on the screen: where it opens and how large its text is. Pure: the platform asks the
// monitor for its work area and its content scale, and these functions decide.
#pragma once

#include <optional>

namespace optviz::gui {

// A window's place and size in screen coordinates.
struct ScreenBox {
  int x = 0, y = 0;
  int width = 0, height = 0;
  friend bool operator==(const ScreenBox&, const ScreenBox&) = default;
};

// The window's place at start: the saved one, made no larger than the work area (the screen less
// its panels) and moved inside it, or without a saved one the whole work area. A work area of no
// size (no monitor known) leaves the saved box, else `fallback`.
ScreenBox fit_window(const std::optional<ScreenBox>& saved, const ScreenBox& work_area, const ScreenBox& fallback);

// The UI scale when the text follows the window: a 60th of its height (18 px at 1080, 36 at 2160),
// never below 13 px times the monitor's content scale (13 px at 720 on an ordinary screen), in
// steps of 1/16 and within the UI's limits.
float window_ui_scale(float monitor_scale, float window_height);
inline constexpr float kWindowTextShare = 1.0f / 60;
inline constexpr float kSmallestAutoFont = 13;  // pixels at a content scale of 1

}  // namespace optviz::gui
