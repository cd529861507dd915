// Drawing one sub-step of an explained update (core/run/explain.hpp) in an inset over the canvas: a
// header, the sub-step's title and caption in large type, a typed rule's statement, the arrows
// around the point (one update is far too small to see on the whole surface, so the inset
// enlarges it) and the accumulator per coordinate as squares whose area is its value.
#pragma once

#include <imgui.h>

#include <cstddef>

#include "explain.hpp"
#include "geometry.hpp"
#include "theme.hpp"

namespace optviz::gui {

struct ExplainStyle {
  CanvasStyle canvas;       // the canvas's colours, font and scale
  ImFont* large = nullptr;  // titles and captions (the canvas font when null)
  float large_size = 22;
  ImFont* mono = nullptr;      // a typed rule's statement (the canvas font when null)
  bool light = false;          // the light theme's colours
  ImU32 run = IM_COL32_WHITE;  // the explained run's colour
};

// The inset's rectangle in `plot`: in a corner away from `point` (the explained run's position),
// about half the plot wide (at least 560 pixels times `size_scale`, and wide enough for a row of
// buttons `controls_width` wide with its padding), as tall as the longest text of the sub-steps
// needs with pictures below it and `controls_height` for the buttons.
PixelRect explain_inset(PixelRect plot, Point2 point, const Explanation& e, const ExplainStyle& style, float size_scale,
                        float controls_height, float controls_width);

// The inset's padding: the buttons' row sits this far inside its bottom left and right corners.
float explain_padding(const ExplainStyle& style);

// Sub-step `part` of `e` in `box` (the message when `e` has no parts), leaving `controls_height`
// pixels at the bottom free for the buttons: nothing is drawn there (a text too long is cut).
// Returns the bottom of its text (beyond the cut when cut).
float draw_explanation(ImDrawList& dl, PixelRect box, const Explanation& e, std::size_t part, const ExplainStyle& style,
                       float controls_height);

// The colour of the accumulator's squares (the screenshot test looks for it).
ImU32 explain_accumulator_colour(bool light);
// The colour of the gradient's arrow and of the g^2 squares.
ImU32 explain_gradient_colour(bool light);

}  // namespace optviz::gui
