// What draws figures: a lesson's slide (its chapter, title and text, the canvas and the plots that
// carry its point), the question slide (the question, the canvas without the paths), or the canvas
// alone (heatmap, contours, trajectories up to a step and faint beyond it, start point, minima,
// legend, colour bar, the function's name), at any size, into an Image. The exports take one;
// render/ implements it in a GL context (make_figure_renderer_in_context) and platform/ in a hidden
// window of its own (make_hidden_figure_renderer).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "image.hpp"
#include "network_setup.hpp"
#include "scenario.hpp"
#include "trajectory.hpp"

namespace optviz {

inline constexpr int kMaxFigureSide = 7680;  // 8K

enum class FigureComposition { slide, question, canvas };

// A network scenario's trainings, for its figures: what every run started from, and each run's
// training (null: not trained).
struct NetFigureRuns {
  const NetStart* start = nullptr;
  std::vector<const NetRun*> runs;
};

struct FigureRequest {
  long step = 0;     // every run's trajectory up to this step (clamped to each run's length)
  int width = 1920;  // in [1, kMaxFigureSide]
  int height = 1080;
  FigureComposition composition = FigureComposition::slide;
  bool dark = false;  // the dark theme; figures are light by default, as slides are printed
  // A network figure's run shown under its decision boundary (none: preferred_run).
  std::optional<std::size_t> shown_run;
};

class FigureRenderer {
 public:
  virtual ~FigureRenderer() = default;
  virtual Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, const FigureRequest& request) = 0;
  // A network scenario's figure: its slide (the title; the data under the shown run's decision
  // boundary at the step, beside the network; every run's loss and accuracy), or (canvas) the data
  // and boundary alone.
  virtual Image render_network(const Scenario& scenario, const NetFigureRuns& runs, const FigureRequest& request) = 0;
};

}  // namespace optviz
