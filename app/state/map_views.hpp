// The window's maps of many runs: the sweep panel (a grid over two hyperparameters of the selected
// run) and the basin overlay of the canvas (every cell of the view a start). What each computes
// is derived from the scenario and its settings; how it is coloured is presentation and never
// starts a job. No ImGui, no GL: the panels (panel_sweep.cpp, basin_overlay.cpp) draw these and the
// application uploads their images as textures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cell_image.hpp"
#include "map_job.hpp"
#include "map_scale.hpp"
#include "scenario.hpp"
#include "sweep.hpp"

namespace optviz::gui {

// A map's colours, one RGBA pixel per cell, uploaded by the application when `generation` changes.
using MapImage = CellImage;

// One axis of the sweep panel: a hyperparameter by name and its range.
struct SweepAxisChoice {
  std::string name;
  double from = 0;
  double to = 1;
  bool log = false;
  friend bool operator==(const SweepAxisChoice&, const SweepAxisChoice&) = default;
};

inline constexpr int kSweepSides[] = {32, 64, 128, 256, 512, 1024};

struct SweepSettings {
  SweepAxisChoice x, y;
  int side = 128;  // cells along each axis
  long steps = 0;  // 0: the scenario's
  double tolerance = 1e-6;
  MapColouring colouring = MapColouring::loss;  // presentation: loss or steps
};

struct SweepView {
  bool show = false;
  SweepSettings settings;
  MapJob<Sweep, Map> job;
  MapImage image;
  std::uint64_t coloured = 0;  // the job's generation the image shows
  MapColouring image_colouring = MapColouring::loss;
  MapScale scale;       // of the image
  std::string problem;  // why no map can be computed ("" when one can)
};

// The part of the plane the basin overlay covers and its cells, as the canvas last drew it.
struct BasinRegion {
  Box shown;
  int columns = 0;
  int rows = 0;
};

struct BasinView {
  bool show = false;
  std::optional<BasinRegion> region;               // left by the canvas each frame it draws; the next update takes it
  MapColouring colouring = MapColouring::minimum;  // presentation: minimum or loss
  MapJob<Basin, BasinMap> job;
  MapImage image;
  std::uint64_t coloured = 0;
  MapColouring image_colouring = MapColouring::minimum;
  MapScale scale;
  std::string problem;
};

struct MapViews {
  SweepView sweep;
  BasinView basin;
  // A job runs or waits: the window keeps drawing, and a screenshot waits for it.
  bool busy() const { return sweep.job.busy() || basin.job.busy(); }
};

// The default range of a hyperparameter on a sweep axis around the run's value: decades around it
// for a learning rate or epsilon (log), [0, 0.999] for a decay or momentum, the range otherwise.
SweepAxisChoice default_axis(const RealParameter& p, double value);
// Keeps the settings' axes on hyperparameters the run takes: an axis on another becomes the
// default (x: the run's first parameter, the learning rate; y: its first decay or momentum, else
// the next). False when the run takes fewer than two.
bool fit_sweep_axes(SweepSettings& settings, const RunSpec& run);

// The sweep the panel computes for run `index` of the scenario, with the run's own values of the two
// swept hyperparameters left out (moving them moves only the mark), or nullopt and `problem`.
std::optional<Sweep> wanted_sweep(const Scenario& scenario, std::size_t index, const SweepSettings& settings,
                                  std::string& problem);
// The run's own values of the two swept hyperparameters.
Vec2 swept_values(const RunSpec& run, const Sweep& sweep);
// Clicking cell (i, j): run `index` takes the cell's values of the two hyperparameters as they are
// shown (round_shown: 0.302, not 0.302214265517), still inside the cell.
void load_sweep_cell(Scenario& scenario, std::size_t index, const Sweep& sweep, int i, int j);

// The basin map of run `index` over `view` in columns x rows cells, or nullopt and `problem`. The
// scenario's start point does not enter it.
std::optional<Basin> wanted_basin(const Scenario& scenario, std::size_t index, Box view, int columns, int rows,
                                  std::string& problem);

// Takes a finished map and colours the image again when the map or its colouring changed.
void refresh_sweep_image(SweepView& view);
void refresh_basin_image(BasinView& view);

// The maps' part of the frame's update: each job is started, cancelled or finished for what the scenario
// and the panels ask now (the basin's only after the canvas drew its overlay), and its image coloured.
// `scenario` is the one edited, `simulated` the one the runs show, `problem` why it cannot be simulated.
void update_maps(MapViews& maps, const Scenario& scenario, const Scenario& simulated,
                 std::optional<std::size_t> selected, const std::string& problem, double now);

inline constexpr std::uint8_t kBasinAlpha = 150;  // the overlay over the heatmap

}  // namespace optviz::gui
