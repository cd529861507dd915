// Where the panels go in the window: a menu bar, a time bar under it, the controls on the left
// with the inspector below them, the canvas in the middle and the plots on the right (or under
// the canvas when the window is narrow for its UI scale). A pure function of the window size,
// the UI scale and the splitters, so that screenshot tests can find the canvas.
#pragma once

#include "geometry.hpp"
#include "slide_layout.hpp"

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
  // A third of the height: the selected run's sliders stay above the fold at 1280x720.
  float inspector_fraction = 0.35f;
  friend bool operator==(const Splitters&, const Splitters&) = default;
};

struct Layout {
  PixelRect menu_bar;
  PixelRect time_bar;
  PixelRect controls;
  PixelRect inspector;
  PixelRect canvas;
  PixelRect plots;
  PixelRect lesson;          // the lesson's text (or its question): under the canvas, or as its slide puts it
  PixelRect header;          // presentation mode: the lesson's chapter and title across the top (else empty)
  bool plots_beside = true;  // a column right of the canvas, else a strip under it
};

// Below this width (in unscaled pixels) the plots go under the canvas.
inline constexpr float kWideLayoutWidth = 1200;

float time_bar_height(const UiMetrics& m);

// `lesson_height`: the lesson's text in a strip (it scrolls beyond), at most kMaxLessonShare of the
// height under the time bar: under the canvas, which keeps at least kMinCanvasShare of that
// height, or, when the plots lie under the canvas, beside them (the right kNarrowLessonShare of
// their strip, its whole height).
Layout compute_layout(float width, float height, const UiMetrics& metrics, const Splitters& splitters,
                      float lesson_height = 0);
inline constexpr float kMaxLessonShare = 0.3f;
inline constexpr float kNarrowLessonShare = 0.4f;
inline constexpr float kMinCanvasShare = 0.5f;  // of the height under the time bar, beside the lesson's strip

// Presentation mode: the lesson as its slide (slide_layout.hpp) above a compact time bar, at the
// UI's text size: the chapter and title across the top, the canvas, the lesson's plots (unless G
// hides them) and its text; the menu bar and the controls with the inspector appear over it only
// while the pointer is at their edge of the window.
struct Presentation {
  bool plots = false;     // the lesson's plots beside the canvas
  bool menu = false;      // revealed: the menu bar along the top
  bool controls = false;  // revealed: the controls and the inspector along the left
  friend bool operator==(const Presentation&, const Presentation&) = default;
};

float compact_time_bar_height(const UiMetrics& m);

// `slide` measures the lesson's title and text (its plots count is ignored when presentation.plots
// is off; its font size is the UI's). A text too tall for the window takes at most kMaxLessonShare
// of it (it scrolls beyond). Empty rectangles (at the window's corner) for what presentation mode hides.
Layout presentation_layout(float width, float height, const UiMetrics& metrics, const Splitters& splitters,
                           const Presentation& presentation, SlideContent slide);

// What the pointer reveals: a panel appears when the pointer comes within `edge` pixels of its
// side of the window and stays while the pointer is over it or a popup (a menu) is open. A
// pointer outside the window hides both.
Presentation revealed_panels(Presentation now, Point2 pointer, float width, float height, const Layout& shown,
                             float edge, bool popup_open);

// The UI scale in presentation mode: text a 32nd of the window's height (22 px at 720, 34 at
// 1080), read from the back of a room, or the user's scale when that is larger.
float presentation_ui_scale(float user_scale, float window_height);

}  // namespace optviz::gui
