// A scenario: everything a figure or a lesson needs to be reproduced. The app edits one, the
// scenario files store one, and `simulate(scenario.course)` turns it into trajectories.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "course.hpp"
#include "grid.hpp"
#include "layer_stats.hpp"
#include "network_setup.hpp"
#include "plane.hpp"
#include "sweep.hpp"

namespace optviz {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// How a run is shown: its name, colour, visibility, and the state variable the app plots as G_t.
// It never changes a trajectory (a run's maths is its RunSpec, course.hpp).
struct RunLook {
  std::string label;  // the name the user typed; empty: automatic (run_name.hpp)
  // The label in other languages than the file's own, by language code ("zh_CN": "根号在上：√G·g").
  std::map<std::string, std::string> translated_labels;
  Rgb colour;
  bool visible = true;
  std::string accumulator = "G";  // a typed rule's state variable plotted as G_t
  friend bool operator==(const RunLook&, const RunLook&) = default;
};

// How the canvas shows the function: the plane from above as a heatmap ("2d"), or the surface
// z = f(x, y) in perspective ("3d").
enum class CanvasView { flat, surface };

// The 3D view: where the camera orbits (degrees) and how high the surface rises. Yaw turns around
// the vertical axis (0 looks from the side of low y towards high y, positive turns the camera
// towards high x); pitch is the camera's elevation above the base.
struct SurfaceView {
  double yaw = -35;
  double pitch = 35;
  double zoom = 1;                           // 1 fits the whole surface; larger comes closer
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

// What a network lesson shows in the canvas's place: the data under the decision boundary beside the
// network, the layers' statistics over time (of LessonInfo::quantity, every run's median and 5-95%
// band per layer), or the loss over a plane of weight space (of LessonInfo::plane) with the path.
enum class NetView { data, layers, plane };
std::string_view name(NetView view);  // "layers"
std::optional<NetView> find_net_view(std::string_view name);

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
  // A network lesson's view (the window opens on it; its slide draws it), the quantity of the layers
  // view and the plane's kind.
  NetView view = NetView::data;
  LayerQuantity quantity = LayerQuantity::step_size;
  PlaneKind plane = PlaneKind::pca;
  bool empty() const { return *this == LessonInfo{}; }
  friend bool operator==(const LessonInfo&, const LessonInfo&) = default;
};

std::string_view name(LessonPlot plot);  // "step_size"
std::optional<LessonPlot> find_lesson_plot(std::string_view name);
std::string_view name(CoordinateChoice coordinate);  // "x"

// A lesson's words in another language than its file's own, as its translator wrote them. An
// empty field keeps the file's own text.
struct LessonText {
  std::string title;
  std::string description;
  std::string chapter;
  std::string question;
  friend bool operator==(const LessonText&, const LessonText&) = default;
};

// A scenario: its course (what the trajectories depend on) and how it is shown: each run's look
// (looks[i] is that of course.runs[i]), the plane's view, the display and the lesson.
struct Scenario {
  Course course;
  std::vector<RunLook> looks;
  Box view = {{-2, -1}, {2, 3}};
  Display display;
  std::string title;        // shown for lesson presets; may be empty
  std::string description;  // the lesson's explanation; may be empty
  LessonInfo lesson;        // empty for a scenario that is not a lesson
  // The words in other languages, by language code ("zh_CN"): a lesson of the course carries its
  // Chinese; a user's own scenario may have one language only.
  std::map<std::string, LessonText> translations;
  // A network lesson: its runs train this network (network_setup.hpp) and the course's objective,
  // start and view are unused.
  std::optional<NetworkSetup> network;
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

// The plots a figure or the window shows beside the canvas: the lesson's, or for a scenario that
// is no lesson the loss, the accumulator and the step size (after the data, for a loss from data).
std::vector<LessonPlot> shown_plots(const Scenario& s);
// The step a lesson is looked at: its own, else the last.
long lesson_step(const Scenario& s);
// The scenario's words in the current language (translate.hpp): each field of its translation
// into that language, else the file's own.
LessonText shown_text(const Scenario& s);
// A run's label in the current language: its translation, else the label. What the user edits as
// the run's name is the same field (a translated label is edited in its language).
const std::string& shown_label(const RunLook& look);
std::string& shown_label(RunLook& look);
// Every word of the scenario a user may have written in any language, as shown in the current one:
// its title, text, chapter, question and runs' labels. What a font must draw besides the catalog.
std::string shown_words(const Scenario& s);
// A slide's title: the lesson's (in the current language), or the function's for a scenario without one.
std::string slide_title(const Scenario& s);

// The colour-blind-safe palette (Okabe & Ito 2008) that new runs take in turn.
std::span<const Rgb> run_palette();

// The run the inspector (and a network's figure) starts on: the first RMSprop, else the first with
// an accumulator G_t, else the first.
std::optional<std::size_t> preferred_run(const Scenario& scenario);

// What `optviz` opens with: Rosenbrock with SGD-momentum, AdaGrad, RMSprop and Adam.
Scenario default_scenario();
// A network on data as TensorFlow Playground starts (the circle's 500 points, half for testing,
// 2-4-2-1 tanh, batches of 10), trained for 2000 steps by SGD at Playground's rate 0.03, SGD with
// momentum, RMSprop and Adam.
Scenario default_network_scenario();

// The look of run `index` of a scenario, named `label` (empty: automatically): the palette's colour
// in turn; for a typed rule, its state variable G plotted (else its first).
RunLook make_look(std::string label, std::size_t index, const RunSpec& run = {});
// Appends a run with its look; removes run i with its look.
void add_run(Scenario& s, RunSpec run, RunLook look);
void remove_run(Scenario& s, std::size_t i);
// A built-in optimizer's run with its defaults, named automatically and coloured as the
// scenario's next run.
void add_run(Scenario& s, OptimizerKind kind);

// The sweep a lesson shows (Scenario::lesson.sweep): its run over the two axes, cells x cells,
// from the course's start over its steps, the target the function's minimum value within 1e-6.
// Throws std::invalid_argument for a lesson without a sweep or with an invalid one.
Sweep lesson_sweep(const Scenario& scenario);

}  // namespace optviz
