// Where the panels go in the window: a menu bar, a time bar under it, the controls on the left
// with the inspector below them, the canvas in the middle and the plots on the right (or under
// the canvas when the window is narrow for its UI scale). A pure function of the window size,
// the UI scale and the splitters, so that screenshot tests can find the canvas.
#pragma once

#include "geometry.hpp"

namespace optviz::gui {

// Sizes that follow the UI scale; the style and the fonts use the same numbers.
struct UiMetrics {
  float scale = 1;
  float font_size = 17;  // pixels
  float frame_padding_x = 6;
  float frame_padding_y = 4;
  float frame_height = 25;  // font_size + 2 frame_padding_y: a menu bar, a button
  float spacing = 8;        // window padding and item spacing
};

inline constexpr float kBaseFontSize = 17;
inline constexpr float kMinUiScale = 0.5f;
inline constexpr float kMaxUiScale = 4.0f;

// Metrics for a UI scale (clamped to [kMinUiScale, kMaxUiScale]); pixel sizes are whole numbers.
UiMetrics ui_metrics(float scale);

// Sizes the user drags: widths in unscaled pixels (multiplied by the UI scale when used), heights
// as fractions of the height below the time bar.
struct Splitters {
  float controls_width = 330;
  float side_width = 380;        // the plots' column (wide layout)
  float plots_fraction = 0.42f;  // the plots' strip (narrow layout)
  float inspector_fraction = 0.4f;
  friend bool operator==(const Splitters&, const Splitters&) = default;
};

struct Layout {
  PixelRect menu_bar;
  PixelRect time_bar;
  PixelRect controls;
  PixelRect inspector;
  PixelRect canvas;
  PixelRect plots;
  bool plots_beside = true;  // a column right of the canvas, else a strip under it
};

// Below this width (in unscaled pixels) the plots go under the canvas.
inline constexpr float kWideLayoutWidth = 1200;

float time_bar_height(const UiMetrics& m);

Layout compute_layout(float width, float height, const UiMetrics& metrics, const Splitters& splitters);

}  // namespace optviz::gui
