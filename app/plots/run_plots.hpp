// The line plots of a scenario's runs against the step: the loss (f − f* when f* is known), the
// accumulator G_t and the step size η/(√G_t+ε) per coordinate (x solid, y dashed, or the one
// coordinate a lesson chooses), the playhead at the step. The window's inner-state panel and the
// slides build them here, from the same series.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "line_plot.hpp"
#include "scenario.hpp"
#include "trajectory.hpp"

namespace optviz::gui {

struct RunPlotsSource {
  const Scenario* scenario = nullptr;  // the scenario the runs were simulated from
  const std::vector<Trajectory>* runs = nullptr;
  long step = 0;
  CoordinateChoice coordinate = CoordinateChoice::both;
  std::span<const std::uint64_t> versions;  // per run, the simulation that made it (for the caches); may be empty
  bool series = true;                       // false: the axes and titles only (a question slide hides the answer)
};

// The plot of a kind: LessonPlot::loss, accumulator or step_size (data and sweep plots are drawn by
// their own code). Every visible run gives its series.
LinePlot run_plot(LessonPlot kind, const RunPlotsSource& source);

}  // namespace optviz::gui
