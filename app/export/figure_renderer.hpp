// What draws figures: the canvas of a scenario (heatmap, contours, trajectories up to a step,
// start point, minima, legend, colour bar, the function's name) at any size, into an Image. The
// exports take one; render/ implements it in a GL context (make_figure_renderer_in_context) and
// platform/ in a hidden window of its own (make_hidden_figure_renderer).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "image.hpp"
#include "scenario.hpp"
#include "trajectory.hpp"

namespace optviz {

inline constexpr int kMaxFigureSide = 7680;  // 8K

class FigureRenderer {
 public:
  virtual ~FigureRenderer() = default;

  // Draws the figure with every run's trajectory up to `step` (clamped to each run's length).
  // width and height are in [1, kMaxFigureSide].
  virtual Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, long step, int width,
                       int height) = 0;
};

}  // namespace optviz
