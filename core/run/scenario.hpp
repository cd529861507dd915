// A scenario: everything a figure or a lesson needs to be reproduced. The app edits one, the
// scenario files store one, and `simulate` turns it into trajectories.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "optimizer.hpp"
#include "objective.hpp"
#include "rule.hpp"
#include "trajectory.hpp"

namespace optviz {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// One optimizer run of a scenario: a built-in optimizer (hyper.kind), or a typed rule that reads
// its hyperparameters from `hyper`.
struct RunSpec {
  std::string label;  // "RMSprop rho=0.9"
  Hyperparameters hyper;
  std::optional<Rule> rule;
  std::string accumulator = "G";  // the rule's state variable that the app plots as G_t
  Schedule schedule;
  long batch = 0;  // rows of a mini-batch of a data loss; 0: every row
  bool shuffle = false;
  double noise = 0;  // standard deviation of the noise added to every gradient
  Rgb colour;
  bool visible = true;
  friend bool operator==(const RunSpec&, const RunSpec&) = default;
};

enum class ColourScale { log, linear };

// How the canvas shows the function: the plane from above as a heatmap ("2d"), or the surface
// z = f(x, y) in perspective ("3d").
enum class CanvasView { flat, surface };

// The 3D view: where the camera orbits (degrees) and how high the surface rises. Yaw turns around
// the vertical axis (0 looks from the side of low y towards high y, positive turns the camera
// towards high x); pitch is the camera's elevation above the base.
struct SurfaceView {
  double yaw = -35;
  double pitch = 35;
  double zoom = 1;                        // 1 fits the whole surface; larger comes closer
  ColourScale height = ColourScale::linear;  // f on this scale; log lifts the valleys as the log colours do
  friend bool operator==(const SurfaceView&, const SurfaceView&) = default;
};
inline constexpr double kMinSurfacePitch = 5;
inline constexpr double kMaxSurfacePitch = 89;
inline constexpr double kMinSurfaceZoom = 0.25;
inline constexpr double kMaxSurfaceZoom = 4;

// The display settings that matter for a figure (the rest of the view lives in the app).
struct Display {
  ColourScale colour_scale = ColourScale::log;
  int contour_count = 24;
  CanvasView view = CanvasView::flat;
  SurfaceView surface;
  friend bool operator==(const Display&, const Display&) = default;
};

// The plots a lesson shows beside its canvas: the loss, the accumulator G_t (Adam's v, a typed
// rule's chosen state variable), the step size eta/(sqrt(G_t)+eps), the data with each run's model
// (a loss from data only), or the lesson's sweep map.
enum class LessonPlot { loss, accumulator, step_size, data, sweep };
inline constexpr std::size_t kMaxLessonPlots = 3;

// Which coordinate the per-coordinate plots (accumulator, step size) show.
enum class CoordinateChoice { both, x, y };

// A lesson's map of one run over two of its hyperparameters, the axes written as `optviz sweep`
// takes them ("eta:1e-4:1:log"), from the scenario's start over its steps.
struct LessonSweep {
  std::size_t run = 0;
  std::string x;
  std::string y;
  int cells = 128;
  friend bool operator==(const LessonSweep&, const LessonSweep&) = default;
};
inline constexpr int kMinLessonSweepCells = 8;
inline constexpr int kMaxLessonSweepCells = 512;

// What carries a lesson's point: its chapter, the plots beside the canvas and the coordinate they
// show, the step at which to look, and a question for the class to answer before the paths are
// shown. The window, presentation mode and the slides show this composition; it never changes a
// trajectory.
struct LessonInfo {
  std::string chapter;  // "2. AdaGrad's growing sum"
  std::vector<LessonPlot> plots;
  CoordinateChoice coordinate = CoordinateChoice::both;
  std::optional<long> step;  // the last step when not given
  std::string question;
  std::optional<LessonSweep> sweep;
  bool empty() const { return *this == LessonInfo{}; }
  friend bool operator==(const LessonInfo&, const LessonInfo&) = default;
};

std::string_view name(LessonPlot plot);                // "step_size"
std::optional<LessonPlot> find_lesson_plot(std::string_view name);
std::string_view name(CoordinateChoice coordinate);    // "x"

struct Scenario {
  Objective objective;
  Box view = {{-2, -1}, {2, 3}};
  Vec2 start = {-1.5, 2};
  long steps = 500;
  std::vector<RunSpec> runs;
  Display display;
  std::uint64_t seed = 0;   // of the noise and the shuffled batches
  std::string title;        // shown for lesson presets; may be empty
  std::string description;  // the lesson's explanation; may be empty
  LessonInfo lesson;        // empty for a scenario that is not a lesson
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

// The plots a figure or the window shows beside the canvas: the lesson's, or for a scenario that
// is no lesson the loss, the accumulator and the step size (after the data, for a loss from data).
std::vector<LessonPlot> shown_plots(const Scenario& s);
// The step a lesson is looked at: its own, else the last.
long lesson_step(const Scenario& s);
// A slide's title: the lesson's, or the function's for a scenario without one.
std::string slide_title(const Scenario& s);

// The colour-blind-safe palette (Okabe & Ito 2008) that new runs take in turn.
std::span<const Rgb> run_palette();

// What `optviz` opens with: Rosenbrock with SGD-momentum, AdaGrad, RMSprop and Adam.
Scenario default_scenario();

// A run of the kind with its defaults, labelled and coloured as the index-th run.
RunSpec make_run(OptimizerKind kind, std::size_t index);
// A run of a typed rule with the hyperparameters of `defaults_from` (RMSprop's, say).
RunSpec make_rule_run(Rule rule, std::string label, std::size_t index,
                      const Hyperparameters& defaults_from = defaults(OptimizerKind::rmsprop));

// The first problem of one run's configuration with the scenario's start and steps; the field is
// prefixed "runs[i]." for the run's own fields.
std::optional<std::string> find_run_spec_problem(const RunSpec& run, std::size_t index, const Objective& f, Vec2 start,
                                                 long steps);

// The hyperparameters that a run takes: those that apply to its optimizer, or those its rule reads.
std::vector<const RealParameter*> parameters_of(const RunSpec& run);

// "η = 0.01, ρ = 0.9, ε = 1e-08": the run's parameters for legends (every one that applies,
// except those at 0 that switch something off), then its conventions that differ from the
// defaults.
std::string parameter_summary(const RunSpec& run);

// How run `index` of a scenario with this seed sees its objective.
Training training_of(const RunSpec& run, std::uint64_t seed, std::size_t index);

// One run's trajectory into `out`.
void simulate_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training,
                  Trajectory& out);

// What a trajectory depends on, and nothing else: names, colours, visibility and the display
// never count.
// True when run a and run b of the same scenario record the same trajectory: the same optimizer
// or rule, hyperparameters, schedule, batches and noise.
bool same_run_maths(const RunSpec& a, const RunSpec& b);
// True when the runs of both scenarios have the same objective, start, steps and seed: then
// a run's trajectory changes exactly when same_run_maths says so.
bool same_course(const Scenario& a, const Scenario& b);
// True when the two scenarios give the same trajectories.
bool same_maths(const Scenario& a, const Scenario& b);

// The trajectories of every run (hidden ones too), in order. An invalid scenario throws
// std::invalid_argument with a message that names the field: "runs[2].eta: must be >= 0, got -1".
std::vector<Trajectory> simulate(const Scenario& s);

// The same into `runs`, reusing the storage of the trajectories it already holds. On an invalid
// scenario it throws before changing `runs`.
void simulate(const Scenario& s, std::vector<Trajectory>& runs);

// Only the runs `which` (indices of s.runs) into `runs`, which takes one trajectory per run of s;
// the others keep what they hold.
void simulate(const Scenario& s, std::vector<Trajectory>& runs, std::span<const std::size_t> which);

}  // namespace optviz
