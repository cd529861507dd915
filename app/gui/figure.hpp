// Figures drawn offscreen: the canvas of a scenario (heatmap, contours, trajectories up to a step,
// start point, minima, legend, colour bar, the function's name) at any size, without a window.
// Used by `optviz render`, the File menu's exports and the quick PNG export.
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
  // Opens a hidden OpenGL 3.3 context. Returns nullptr and sets `error` to a message that names
  // the problem (no display: points to xvfb-run) when it cannot.
  static std::unique_ptr<FigureRenderer> create(std::string& error);
  virtual ~FigureRenderer() = default;

  // Draws the figure with every run's trajectory up to `step` (clamped to each run's length).
  // width and height are in [1, kMaxFigureSide].
  virtual Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, long step, int width,
                       int height) = 0;
};

}  // namespace optviz
