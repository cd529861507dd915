// What the canvas wants drawn as its heatmap: the panels fill it in each frame, the GL renderer
// (render/heatmap_renderer.hpp) redraws its texture only when it changes.
#pragma once

#include "objective.hpp"
#include "scenario.hpp"
#include "test_function.hpp"

namespace optviz::gui {

struct HeatmapRequest {
  Objective objective;
  ColourScale colour_scale = ColourScale::log;
  int contour_count = 0;  // 0: no contour lines
  Box shown;
  int width = 0;
  int height = 0;
  float line_width = 1;
  friend bool operator==(const HeatmapRequest&, const HeatmapRequest&) = default;
};

}  // namespace optviz::gui
