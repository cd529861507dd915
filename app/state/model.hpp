// The application's model, in the manner of Tracy's Worker: the scenario as edited, the runs simulated
// from it and what is derived from them (the spread, the heatmap's scale, the maps), the selected run
// and the playhead. No ImGui and no drawing: the view (ViewSettings and what the panels keep between
// frames) lives beside it in AppState.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "grid.hpp"
#include "history.hpp"
#include "map_views.hpp"
#include "net_training.hpp"
#include "plane_job.hpp"
#include "scenario.hpp"
#include "spread.hpp"
#include "trajectory.hpp"

namespace optviz::gui {

struct Playback {
  double position = 0;  // the playhead in steps; fractional while playing
  bool playing = false;
  double speed = 60;  // steps per second
  bool loop = false;
};

inline constexpr double kMinSpeed = 1;
inline constexpr double kMaxSpeed = 100000;

// A formula or rule field: its text as typed and, when the text does not compile, why and where
// (the last text that compiled stays in the scenario). A text being typed is applied once typing
// pauses (or with Enter): until then `typed_at` says when it last changed.
struct FormulaEdit {
  std::string text;
  std::string error;
  std::size_t column = 0;  // of the whole text, 1-based
  std::optional<double> typed_at;
};

struct Model {
  Scenario scenario;
  FormulaEdit formula;  // the typed function's field
  GeneratedData generated;
  std::vector<FormulaEdit> rule_edits;      // the rule field of each run (of rule runs; by run index)
  std::vector<Trajectory> runs;             // simulate(simulated): one per run of the scenario
  Scenario simulated;                       // the scenario `runs` belong to
  Spread spread;                            // of `simulated`, while the view shows it
  std::string problem;                      // why the scenario cannot be simulated ("" when it can)
  HeatmapScale heatmap;                     // for simulated.objective and its colour scale
  std::uint64_t generation = 0;             // counts the simulations (of one run or more)
  std::vector<std::uint64_t> run_versions;  // per run: the generation that simulated it, for caches
  std::optional<std::size_t> selected;
  Playback playback;
  std::unique_ptr<MapViews> maps = std::make_unique<MapViews>();  // the sweep panel and the basin overlay
  // A network scenario's runs (scenario.network): trained in the background; `runs` then holds an
  // empty trajectory per run.
  std::unique_ptr<NetTraining> training = std::make_unique<NetTraining>();
  // The weight-space plane of the selected run (the plane view), computed once it has trained.
  std::unique_ptr<PlaneJob> plane = std::make_unique<PlaneJob>();
  History history;  // undo and redo of the scenario (and the generated data's recipe)
};

// The model's part of the frame's update: recomputes the trajectories when the scenario's maths
// changed since the last call (an invalid scenario keeps the last ones and sets `problem`), the
// heatmap's scale with the function or its colour scale, and the spread while it is shown. Keeps
// the playhead's step (clamped) and the selection within the runs.
void update_model(Model& model, bool show_spread);

// The last step of the longest run (of a network scenario: its steps): the playhead's range is
// [0, last_step].
long last_step(const Model& model);

}  // namespace optviz::gui
