// Where the canvas puts its chrome: the plot (the heatmap and the paths) in the middle, the title
// and the y axis's name above it, the y tick labels left of it, the x tick labels and the x axis's
// name under it, and a column at the right with the colour bar and the legend. Every piece has
// its own rectangle inside the canvas, and none overlaps another or the plot, at any size and UI
// scale; what does not fit is shortened (text elided, legend rows folded into "+k more"), never
// drawn over the data. A pure function of numbers, so that a test can check it without a window.
#pragma once

#include "geometry.hpp"

namespace optviz::gui {

struct ChromeInput {
  PixelRect canvas;
  float font_size = 17;    // pixels
  float scale = 1;         // the UI scale: ticks, gaps, the bar's width
  float x_name_width = 0;  // the axes' names ("x" and "y", or "w" and "b"), measured in pixels
  float y_name_width = 0;
  int legend_rows = 0;  // one per visible run
  int note_rows = 0;    // lines of a note under the runs (what the spread's thin lines mean)
  // The legend's width that writes every name whole (0: the column's own width); the column widens
  // for it up to kMaxColumnShare of the canvas, so that names are elided only when there is no room.
  float legend_width = 0;
};

struct CanvasChrome {
  PixelRect plot;   // the data: depends only on the canvas, the font size and the scale
  PixelRect title;  // the function's name, elided to the width
  PixelRect y_name;
  PixelRect y_labels;  // tick marks and labels; a label that would leave it is not drawn
  PixelRect x_labels;
  PixelRect x_name;
  PixelRect bar_title;   // "f" or "f − (low)"
  PixelRect bar;         // the colour gradient
  PixelRect bar_labels;  // its values, centred on their ticks
  PixelRect legend;      // empty when not even one line fits
  int legend_rows = 0;   // the runs shown; the others are counted on a last "+k more" line
  bool legend_more = false;
  int note_rows = 0;      // the note's lines shown (all or none)
  float line_height = 0;  // of a legend line
  float tick = 0;         // the tick marks' length
  float gap = 0;          // between a tick and its label
};

// Widths reserved, in font sizes: y tick labels such as "−1.25", the right column (the colour
// bar's labels such as "1e+03", and run names such as "SGD momentum").
inline constexpr float kYLabelsWidth = 3.6f;
inline constexpr float kColumnWidth = 11.0f;
inline constexpr float kLegendSwatch = 1.3f;
inline constexpr float kMaxColumnShare = 0.4f;

CanvasChrome canvas_chrome(const ChromeInput& in);

}  // namespace optviz::gui
