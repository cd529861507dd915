// Model and view apart: only what a run computes re-simulates it; names, colours, visibility,
// contours and the colour scale never do, and the plots measure again only the runs that changed.
#include <catch2/catch.hpp>

#include "headless_ui.hpp"
#include "scenario.hpp"
#include "state.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;

namespace {

std::size_t measured(const AppState& s) {
  std::size_t n = 0;
  for (const PlotColumnsCache& c : s.view.plot_axes.columns) n += c.measured();
  return n;
}

}  // namespace

TEST_CASE("presentation edits never re-simulate; the plots keep what they measured") {
  HeadlessUi ui(default_scenario());
  ui.frames(3);
  const std::uint64_t generation = ui.state.model.generation;
  const std::vector<std::uint64_t> versions = ui.state.model.run_versions;
  const std::vector<Trajectory> runs = ui.state.model.runs;
  const std::size_t plots_measured = measured(ui.state);
  REQUIRE(plots_measured > 0);

  SECTION("a new name") { ui.state.model.scenario.looks[1].label = "AdaGrad, renamed"; }
  SECTION("a new colour") { ui.state.model.scenario.looks[2].colour = {200, 10, 10}; }
  SECTION("the contour count") { ui.state.model.scenario.display.contour_count = 5; }
  SECTION("the colour scale") { ui.state.model.scenario.display.colour_scale = ColourScale::linear; }
  SECTION("the title and the lesson's text") {
    ui.state.model.scenario.title = "A lesson";
    ui.state.model.scenario.description = "Watch the valley.";
  }
  SECTION("the view box") { ui.state.model.scenario.view = {{-3, -2}, {3, 4}}; }
  ui.frames(3);
  CHECK(ui.state.model.generation == generation);
  CHECK(ui.state.model.run_versions == versions);
  CHECK(ui.state.model.simulated == ui.state.model.scenario);  // the view did take the edit
  for (std::size_t i = 0; i < runs.size(); ++i) CHECK(ui.state.model.runs[i].position == runs[i].position);
  CHECK(measured(ui.state) == plots_measured);
}

TEST_CASE("hiding a run re-simulates nothing, and showing it again measures only its series") {
  HeadlessUi ui(default_scenario());
  ui.frames(3);
  const std::uint64_t generation = ui.state.model.generation;
  const std::size_t before = measured(ui.state);
  ui.state.model.scenario.looks[3].visible = false;
  ui.frames(3);
  CHECK(ui.state.model.generation == generation);
  CHECK(measured(ui.state) == before);  // fewer series: nothing to measure
  ui.state.model.scenario.looks[3].visible = true;
  ui.frames(3);
  CHECK(ui.state.model.generation == generation);
  // Adam's loss, its v in x and y, its step size in x and y: a range and the columns of each.
  CHECK(measured(ui.state) == before + 2 * 5);
}

TEST_CASE("a slider change re-simulates only its run, which then equals a fresh simulation") {
  HeadlessUi ui(default_scenario());
  ui.frames(3);
  const std::uint64_t generation = ui.state.model.generation;
  const std::vector<std::uint64_t> versions = ui.state.model.run_versions;
  const std::vector<Trajectory> runs = ui.state.model.runs;
  const std::size_t before = measured(ui.state);
  ui.state.model.scenario.course.runs[2].hyper.rho = 0.95;  // RMSprop
  ui.frames(2);
  CHECK(ui.state.model.generation == generation + 1);
  REQUIRE(ui.state.model.run_versions.size() == 4);
  for (std::size_t i : {0u, 1u, 3u}) {
    CHECK(ui.state.model.run_versions[i] == versions[i]);
    CHECK(ui.state.model.runs[i].position == runs[i].position);
  }
  CHECK(ui.state.model.run_versions[2] == generation + 1);
  CHECK(ui.state.model.runs[2].position != runs[2].position);
  const std::vector<Trajectory> fresh = simulate(ui.state.model.scenario.course);
  for (std::size_t i = 0; i < fresh.size(); ++i) {
    CHECK(ui.state.model.runs[i].position == fresh[i].position);
    CHECK(ui.state.model.runs[i].accumulator == fresh[i].accumulator);
    CHECK(ui.state.model.runs[i].step_size == fresh[i].step_size);
  }
  // RMSprop's five series again; the other runs' are kept.
  CHECK(measured(ui.state) == before + 2 * 5);

  SECTION("a change of the function, start, steps or seed re-simulates every run") {
    ui.state.model.scenario.course.steps = 300;
    ui.frames(2);
    CHECK(ui.state.model.generation == generation + 2);
    for (const std::uint64_t v : ui.state.model.run_versions) CHECK(v == generation + 2);
    const std::vector<Trajectory> again = simulate(ui.state.model.scenario.course);
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(ui.state.model.runs[i].position == again[i].position);
  }
  SECTION("removing a run re-simulates the rest, which keep their own paths") {
    remove_run(ui.state, 0);
    ui.frames(2);
    REQUIRE(ui.state.model.runs.size() == 3);
    const std::vector<Trajectory> again = simulate(ui.state.model.scenario.course);
    for (std::size_t i = 0; i < again.size(); ++i) CHECK(ui.state.model.runs[i].position == again[i].position);
  }
}

TEST_CASE("the course: what a trajectory depends on") {
  const Scenario a = default_scenario();
  Scenario b = a;
  b.looks[0].label = "x";
  b.looks[0].colour = {1, 2, 3};
  b.looks[0].visible = false;
  b.looks[0].accumulator = "m";
  b.display.contour_count = 3;
  b.view = {{-9, -9}, {9, 9}};
  b.title = "t";
  b.lesson.question = "?";
  CHECK(a.course == b.course);
  CHECK(changed_runs(a.course, b.course).empty());
  b.course.runs[1].hyper.eta *= 2;
  CHECK_FALSE(a.course == b.course);
  CHECK(changed_runs(a.course, b.course) == std::vector<std::size_t>{1});
  b = a;
  b.course.seed = 7;
  CHECK(changed_runs(a.course, b.course).size() == a.course.runs.size());
  b = a;
  b.course.runs[2].noise = 0.1;
  CHECK(changed_runs(a.course, b.course) == std::vector<std::size_t>{2});
  b.course.runs.pop_back();
  CHECK(changed_runs(a.course, b.course).size() == b.course.runs.size());
}
