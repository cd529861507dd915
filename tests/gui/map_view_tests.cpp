// The sweep panel and the basin overlay: the model (map_views.hpp, map_job.hpp) driven with a
// clock of the test's own, and the panels drawn headless. The jobs run on real threads; the tests
// wait for them to finish, never for a time.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "headless_ui.hpp"
#include "map_scale.hpp"
#include "map_views.hpp"
#include "parameters.hpp"
#include "test_function.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;

namespace {

constexpr std::size_t kRmsprop = 2;  // the default scenario's RMSprop run

template <class Job>
void wait_for(Job& job) {
  for (int i = 0; i < 100000 && job.running(); ++i) {
    if (job.poll()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  job.poll();
  REQUIRE_FALSE(job.running());
}

// Frames until no map job runs or waits (the first two see the change: a view the canvas draws
// reaches the basin's job in the next frame's update).
void settle(HeadlessUi& ui) {
  ui.frames(2);
  for (int i = 0; i < 20000 && ui.state.model.maps->busy(); ++i) {
    ui.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ui.frame();
  const MapViews& m = *ui.state.model.maps;
  INFO("sweep " << m.sweep.job.running() << m.sweep.job.waiting() << m.sweep.job.started() << " " << m.sweep.problem
                << "; scenario problem " << ui.state.model.problem << "; basin " << m.basin.job.running()
                << m.basin.job.waiting() << m.basin.job.started());
  REQUIRE_FALSE(ui.state.model.maps->busy());
}

SweepSettings small_settings(const RunSpec& run) {
  SweepSettings s;
  REQUIRE(fit_sweep_axes(s, run));
  s.side = 16;
  s.steps = 200;
  return s;
}

}  // namespace

TEST_CASE("the sweep axes default to the run's first two hyperparameters, eta on a log scale") {
  const Scenario s = default_scenario();
  SweepSettings settings;
  REQUIRE(fit_sweep_axes(settings, s.course.runs[kRmsprop]));
  CHECK(settings.x.name == "eta");
  CHECK(settings.x.log);
  CHECK(settings.x.from == Approx(s.course.runs[kRmsprop].hyper.eta / 100));
  CHECK(settings.x.to == Approx(s.course.runs[kRmsprop].hyper.eta * 10));
  CHECK(settings.y.name == "rho");
  CHECK_FALSE(settings.y.log);
  CHECK(settings.y.to == 0.999);
  // Another optimizer: axes on what it takes.
  RunSpec adam = make_run(OptimizerKind::adam);
  REQUIRE(fit_sweep_axes(settings, adam));
  CHECK(settings.x.name == "eta");
  CHECK(settings.y.name == "beta1");
}

namespace {

// The significant digits of a number's text: "0.000215" and "2.15e-05" have 3.
std::size_t significant_digits(const std::string& text) {
  const std::string mantissa = text.substr(0, text.find('e'));
  std::string digits;
  for (const char c : mantissa)
    if (c >= '0' && c <= '9' && !(digits.empty() && c == '0')) digits += c;
  return digits.size();
}

}  // namespace

TEST_CASE("a finished sweep's cell, clicked, sets the run's hyperparameters to cell_run's values") {
  Scenario s = default_scenario();
  const SweepSettings settings = small_settings(s.course.runs[kRmsprop]);
  std::string problem;
  const auto wanted = wanted_sweep(s, kRmsprop, settings, problem);
  REQUIRE(problem == "");
  REQUIRE(wanted);
  MapJob<Sweep, Map> job;
  job.update(wanted, 0);
  REQUIRE(job.started() == 1);
  wait_for(job);
  REQUIRE(job.current());
  REQUIRE(job.result()->complete);
  REQUIRE(job.result()->cells.size() == 16u * 16u);

  const Sweep& spec = *job.result_spec();
  const RunSpec before = s.course.runs[kRmsprop];
  load_sweep_cell(s, kRmsprop, spec, 3, 11);
  const RunSpec cell = cell_run(spec, 3, 11);
  // The run takes the cell's values as they are shown, 3 significant digits, still in the cell.
  CHECK(s.course.runs[kRmsprop].hyper.eta == round_shown(spec.x.value(3)));
  CHECK(s.course.runs[kRmsprop].hyper.rho == round_shown(spec.y.value(11)));
  CHECK(significant_digits(format_number(s.course.runs[kRmsprop].hyper.eta)) <= 3);
  CHECK(significant_digits(format_number(s.course.runs[kRmsprop].hyper.rho)) <= 4);
  CHECK(s.course.runs[kRmsprop].hyper.eta == Approx(spec.x.value(3)).epsilon(5e-3));
  CHECK(sweep_axis_position(spec.x, s.course.runs[kRmsprop].hyper.eta) * 16 == Approx(3.5).margin(0.1));
  CHECK(s.course.runs[kRmsprop].hyper.eta != before.hyper.eta);
  // The cell is a single run with its values.
  const RunSummary single =
      summarize_run(s.course.objective, cell, s.course.start, spec.steps, spec.training, spec.target);
  const RunSummary& mapped = job.result()->at(3, 11);
  CHECK(mapped.value == Approx(single.value).epsilon(1e-9));
  CHECK(mapped.position.x == Approx(single.position.x).epsilon(1e-9));
  CHECK(mapped.diverged_at == single.diverged_at);

  // Loading a cell moves only the mark: the sweep the panel wants is the same one, no job starts.
  const auto again = wanted_sweep(s, kRmsprop, settings, problem);
  REQUIRE(again);
  CHECK(*again == spec);
  job.update(again, 1);
  CHECK(job.started() == 1);
  CHECK(job.current());
}

TEST_CASE("changing the run cancels the stale job at once and starts the new one after the debounce") {
  Scenario s = default_scenario();
  SweepSettings settings = small_settings(s.course.runs[kRmsprop]);
  std::string problem;
  MapJob<Sweep, Map> job;
  job.update(wanted_sweep(s, kRmsprop, settings, problem), 0);
  REQUIRE(job.started() == 1);
  const Sweep first = *wanted_sweep(s, kRmsprop, settings, problem);

  // A slider drag of eps: a new sweep every frame for two seconds.
  double now = 0;
  for (int frame = 0; frame < 120; ++frame) {
    now += 1.0 / 60;
    s.course.runs[kRmsprop].hyper.eps = 1e-8 * (2 + frame);
    job.update(wanted_sweep(s, kRmsprop, settings, problem), now);
    CHECK_FALSE(job.running());  // the stale job was cancelled, the new one waits
    CHECK(job.waiting());
  }
  CHECK(job.started() == 1);
  // Still for less than the debounce: nothing yet; then the last value starts, once.
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + kMapDebounce / 2);
  CHECK(job.started() == 1);
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + kMapDebounce * 1.01);
  CHECK(job.started() == 2);
  wait_for(job);
  REQUIRE(job.result_spec() != nullptr);
  CHECK(job.result_spec()->run.hyper.eps == 1e-8 * 121);
  CHECK_FALSE(*job.result_spec() == first);
  CHECK(job.current());

  // Another function is another sweep too.
  s.course.objective = Objective(*find_function("himmelblau"));
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 1);
  CHECK(job.waiting());
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 2);
  CHECK(job.started() == 3);
  wait_for(job);
  CHECK(job.result_spec()->objective == s.course.objective);

  // Cancel keeps the last map and starts nothing until the sweep changes or Compute is pressed.
  settings.side = 32;
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 3);
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 4);
  CHECK(job.started() == 4);
  job.cancel();
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 5);
  CHECK(job.started() == 4);
  CHECK(job.stopped());
  CHECK(job.result_spec()->x.count == 16);
  job.restart();
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 6);
  job.update(wanted_sweep(s, kRmsprop, settings, problem), now + 7);
  CHECK(job.started() == 5);
  wait_for(job);
  CHECK(job.result_spec()->x.count == 32);
}

TEST_CASE("the sweep panel draws headless, recolours without recomputing, and recomputes when the run changes") {
  for (const float scale : {1.0f, 1.75f}) {
    INFO("UI scale " << scale);
    HeadlessUi ui(default_scenario(), 1600, 1000, scale);
    SweepView& v = ui.state.model.maps->sweep;
    v.show = true;
    ui.frames(2);
    settle(ui);
    REQUIRE(v.problem == "");
    REQUIRE(v.job.started() == 1);
    REQUIRE(v.job.current());
    REQUIRE(v.image.width == v.settings.side);
    REQUIRE(v.image.rgba.size() == 4u * v.settings.side * v.settings.side);
    CHECK(v.scale.colouring == MapColouring::loss);

    // Presentation: the colouring, the run's name, colour and visibility, the view, the playhead.
    const auto generation = v.image.generation;
    v.settings.colouring = MapColouring::steps;
    ui.state.model.scenario.looks[kRmsprop].label = "renamed";
    ui.state.model.scenario.looks[kRmsprop].colour = {1, 2, 3};
    ui.state.view.settings.wanted = pan_box(ui.state.view.settings.wanted, {0.5, 0.25});
    set_step(ui.state, 10);
    ui.frames(40);
    CHECK(v.job.started() == 1);
    CHECK(v.image.generation == generation + 1);  // recoloured by steps
    CHECK(v.scale.colouring == MapColouring::steps);
    // The run's own values of the swept eta and rho move only the mark.
    ui.state.model.scenario.course.runs[kRmsprop].hyper.eta *= 2;
    ui.frames(40);
    CHECK(v.job.started() == 1);

    // The maths: a new eps recomputes, once the change has settled.
    ui.state.model.scenario.course.runs[kRmsprop].hyper.eps = 1e-4;
    ui.frames(1);
    CHECK(v.job.waiting());
    settle(ui);
    CHECK(v.job.started() == 2);
    CHECK(v.job.result_spec()->run.hyper.eps == 1e-4);

    // Another run selected: its own axes and map.
    ui.state.model.selected = 3;  // Adam
    settle(ui);
    CHECK(v.job.started() == 3);
    CHECK(v.settings.y.name == "beta1");
    CHECK(v.job.result_spec()->run.hyper.kind == OptimizerKind::adam);

    // Closed: nothing runs.
    v.show = false;
    ui.frames(2);
    CHECK_FALSE(ui.state.model.maps->busy());
  }
}

TEST_CASE("the basin overlay draws headless and recomputes for the view and the run, not for the start") {
  Scenario s = default_scenario();
  s.course.objective = Objective(*find_function("himmelblau"));
  s.view = s.course.objective.view();
  s.course.runs = {make_run(OptimizerKind::adam)};
  s.looks = {make_look("Adam", 0)};
  s.course.runs[0].hyper.eta = 0.05;
  s.course.steps = 300;
  HeadlessUi ui(s, 1600, 1000);
  BasinView& v = ui.state.model.maps->basin;
  v.show = true;
  ui.frames(2);
  settle(ui);
  REQUIRE(v.problem == "");
  REQUIRE(v.job.started() == 1);
  const BasinMap& map = *v.job.result();
  REQUIRE(map.minima.size() == 4);
  // Each of Himmelblau's four minima has a basin, and most starts of the view end in one.
  std::vector<int> count(5, 0);
  for (const int m : map.minimum) ++count[static_cast<std::size_t>(m + 1)];
  for (std::size_t k = 1; k < count.size(); ++k) CHECK(count[k] > 0);
  CHECK(count[0] < static_cast<int>(map.minimum.size()) / 4);
  CHECK(v.job.result_spec()->view == ui.state.view.heatmap_request.shown);

  // The start point and the colouring do not enter the map.
  ui.state.model.scenario.course.start = {1, 1};
  v.colouring = MapColouring::loss;
  ui.frames(40);
  CHECK(v.job.started() == 1);
  CHECK(v.image_colouring == MapColouring::loss);
  // A pan does, once it settles.
  ui.state.view.settings.wanted = pan_box(ui.state.view.settings.wanted, {1, 0});
  settle(ui);
  CHECK(v.job.started() == 2);
  CHECK(v.job.result_spec()->view == ui.state.view.heatmap_request.shown);
  // So does the run.
  ui.state.model.scenario.course.runs[0].hyper.eta = 0.1;
  settle(ui);
  CHECK(v.job.started() == 3);
  CHECK(v.job.result_spec()->run.hyper.eta == 0.1);
}

TEST_CASE("without threads a job computes its map in blocks between frames, and stops at once on a cancel") {
  Scenario s = default_scenario();
  SweepSettings settings = small_settings(s.course.runs[kRmsprop]);
  settings.side = 64;
  settings.steps = 2000;
  std::string problem;
  const auto wanted = wanted_sweep(s, kRmsprop, settings, problem);
  REQUIRE(wanted);
  MapJob<Sweep, Map> job(MapThreads::between_frames);
  job.set_frame_budget(0);  // a block a frame, however fast the machine
  job.update(wanted, 0);
  REQUIRE(job.running());
  CHECK(job.progress() == 0);  // nothing is computed until the first frame polls
  CHECK_FALSE(job.poll());
  CHECK(job.progress() > 0);
  int frames = 1;
  while (job.running() && frames < 100000) {
    job.poll();
    ++frames;
  }
  REQUIRE(job.current());
  const Map whole = sweep(*wanted);
  const Map* result = job.result();
  REQUIRE(result != nullptr);
  CHECK(result->complete);
  CHECK(result->cells == whole.cells);

  // Another map, cancelled after its first frame: the job stops, the last map stays.
  s.course.runs[kRmsprop].hyper.eps = 1e-4;
  const auto other = wanted_sweep(s, kRmsprop, settings, problem);
  job.update(other, 10);
  job.update(other, 11);
  REQUIRE(job.running());
  job.poll();
  job.cancel();
  CHECK_FALSE(job.running());
  CHECK_FALSE(job.poll());
  REQUIRE(job.result() == result);
  CHECK(result->cells == whole.cells);
}
