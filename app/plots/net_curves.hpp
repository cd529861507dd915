// The curves of networks' trainings against the step: every run's training loss (solid) and test
// loss (dashed) in the run's colour, and, for a logistic loss, the accuracies the same way. The
// series read the NetRun's columns in place; row i lies at step run.step[i] (rows every k steps and
// the last). The marker stands at the playhead's step, and each series is drawn up to it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "line_plot.hpp"
#include "scenario.hpp"
#include "train.hpp"

namespace optviz::gui {

// One run of the plots: its recording, colour and name ("RMSprop").
struct NetRunLine {
  const NetRun* run = nullptr;
  ImU32 colour = 0;
  std::string name;
  std::uint64_t version = 0;  // changes whenever the run is trained again (the plots' caches)
};

struct NetCurves {
  LinePlot loss;
  std::optional<LinePlot> accuracy;  // when a run has accuracies (a logistic loss)
};

// The lines of a network scenario's visible runs that have a training (runs[i], null: none), each in
// its colour made readable on `background`, named as run_names names it; versions[i] (when given)
// the training's version, for the plots' caches.
std::vector<NetRunLine> net_run_lines(const Scenario& scenario, std::span<const NetRun* const> runs, ImU32 background,
                                      std::span<const std::uint64_t> versions = {});

// The rows of `run` recorded at or before `step`: how many of its values a plot shows.
std::size_t rows_up_to(std::span<const long> steps, long step);

// The plots of the runs at the playhead's `step`. The x axis spans 0 to the last recorded step of
// any run; the loss's y axis is logarithmic when the losses span a decade or more; the accuracy's
// is [0, 1].
NetCurves net_curves(std::span<const NetRunLine> runs, long step);

}  // namespace optviz::gui
