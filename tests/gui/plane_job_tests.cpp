// The weight-space plane's job (app/state/plane_job): coarse first, then refined; what `optviz plane`
// computes for the same runs, bit for bit; cancelled and restarted when the run's training or the
// plane's kind changes, never for a presentation edit or another run's training.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <utility>
#include <vector>

#include "headless_ui.hpp"
#include "network_setup.hpp"
#include "plane_job.hpp"
#include "scenario.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;
using optviz::gui::test::small_network;

namespace {

// The first two runs of small_network(), trained as the window trains them.
struct Trained {
  Scenario scenario = small_network();
  NetStart start = network_start(scenario);
  std::vector<NetRun> runs;
};
const Trained& trained() {
  static const Trained t = [] {
    Trained r;
    for (std::size_t i = 0; i < 2; ++i)
      r.runs.push_back(train_scenario_run(r.scenario, r.start, i, window_recording(r.start, r.scenario.course.steps)));
    return r;
  }();
  return t;
}

PlaneSource source_of(const PlaneKey& key) {
  const Trained& t = trained();
  return plane_source(key, t.start, t.runs[0], &t.runs[1], t.scenario.course.seed);
}

// What command_plane.cpp's compute_plane does with the runs: the plane and the paths, the range at
// --span 0.25, the loss over a grid of `side` points a side.
struct CliPlane {
  PlanePaths plane;
  PlaneGrid grid;
};
CliPlane cli_plane(PlaneKind kind, std::size_t side) {
  const Trained& t = trained();
  const Eigen::MatrixXd x = input_matrix(t.start.sets.train, t.start.sets.features);
  const Eigen::VectorXd y = target_vector(t.start.sets.train);
  CliPlane c{plane_paths(kind, t.start.net, t.start.theta, t.runs[0],
                         kind == PlaneKind::three_point ? &t.runs[1] : nullptr, x, y, t.scenario.course.seed),
             {}};
  const PlaneRange range = plane_range(kind, c.plane.paths, 0.25);
  c.grid = plane_loss(t.start.net, c.plane.plane, x, y, grid_values(range.a_lo, range.a_hi, side),
                      grid_values(range.b_lo, range.b_hi, side));
  return c;
}

// Polls until the job is done; each result's grid side and whether it was refined, in order.
std::vector<std::pair<std::size_t, bool>> finish(PlaneJob& job) {
  std::vector<std::pair<std::size_t, bool>> seen;
  for (int i = 0; i < 60'000 && job.busy(); ++i) {
    if (job.poll()) {
      const PlaneResult* r = job.result();
      REQUIRE(r != nullptr);
      seen.emplace_back(r->grid.a.size(), r->refined);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  REQUIRE_FALSE(job.busy());
  return seen;
}

void same_paths(const std::vector<std::vector<PathPoint>>& a, const std::vector<std::vector<PathPoint>>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    REQUIRE(a[k].size() == b[k].size());
    for (std::size_t i = 0; i < a[k].size(); ++i) {
      CHECK(a[k][i].step == b[k][i].step);
      CHECK(a[k][i].at.a == b[k][i].at.a);
      CHECK(a[k][i].at.b == b[k][i].at.b);
      CHECK(a[k][i].loss == b[k][i].loss);
      CHECK(a[k][i].plane_loss == b[k][i].plane_loss);
      CHECK(a[k][i].off_plane == b[k][i].off_plane);
    }
  }
}

}  // namespace

TEST_CASE("plane_paths makes pca's plane as its pieces do: the snapshots' components, the walk, the paths",
          "[plane_job]") {
  const Trained& t = trained();
  const Eigen::MatrixXd x = input_matrix(t.start.sets.train, t.start.sets.features);
  const Eigen::VectorXd y = target_vector(t.start.sets.train);
  const PlanePaths p = plane_paths(PlaneKind::pca, t.start.net, t.start.theta, t.runs[0], nullptr, x, y, 7);
  const Plane expected = pca_plane(snapshot_matrix(t.runs[0].snapshots));
  CHECK(p.plane.u == expected.u);
  CHECK(p.plane.v == expected.v);
  CHECK(p.plane.explained == expected.explained);
  CHECK(*p.walk == random_walk_explained(t.runs[0].snapshot_steps, t.start.net.parameter_count(), 7));
  same_paths(p.paths, {project_path(t.start.net, expected, t.runs[0].snapshot_steps, t.runs[0].snapshots, x, y)});
  CHECK_THROWS_WITH(plane_paths(PlaneKind::three_point, t.start.net, t.start.theta, t.runs[0], nullptr, x, y, 7),
                    "the plane through three points needs a second run");
}

TEST_CASE("the plane job gives the coarse grid, then the refined one, each what optviz plane computes", "[plane_job]") {
  const PlaneKind kind = GENERATE(PlaneKind::pca, PlaneKind::random, PlaneKind::three_point, PlaneKind::line);
  const MapThreads threads = GENERATE(MapThreads::own_thread, MapThreads::between_frames);
  CAPTURE(name(kind), threads == MapThreads::own_thread);
  PlaneJob job(threads);
  const PlaneKey key{kind, 0, 1, 1, 1, 41};
  job.update(key, [&] { return source_of(key); });
  const auto seen = finish(job);
  // Between frames every result is taken; a thread may publish the refined grid before a poll sees
  // the coarse one.
  if (threads == MapThreads::between_frames) {
    REQUIRE(seen.size() == 2);
    CHECK(seen[0] == std::pair{kCoarsePlaneGrid, false});
  }
  CHECK(seen.back() == std::pair{std::size_t{41}, true});
  CHECK(job.error().empty());
  CHECK(job.current());
  const PlaneKey* got = job.result_key();
  REQUIRE(got != nullptr);
  CHECK(*got == key);
  const CliPlane cli = cli_plane(kind, 41);
  const PlaneResult& r = *job.result();
  CHECK(r.grid.a == cli.grid.a);
  CHECK(r.grid.b == cli.grid.b);
  CHECK(r.grid.loss == cli.grid.loss);
  CHECK(r.plane.plane.u == cli.plane.plane.u);
  CHECK(r.plane.plane.explained == cli.plane.plane.explained);
  CHECK(r.plane.walk == cli.plane.walk);
  same_paths(r.plane.paths, cli.plane.paths);
  CHECK(r.plane.paths.size() == (kind == PlaneKind::three_point ? 2u : 1u));
}

TEST_CASE("the coarse grid is optviz plane's at 17 points, over the same range", "[plane_job]") {
  PlaneJob job(MapThreads::between_frames);
  const PlaneKey key{PlaneKind::random, 0, 1, 0, 0, kDefaultPlaneGrid};
  job.update(key, [&] { return source_of(key); });
  for (int i = 0; i < 10'000 && !(job.result() != nullptr); ++i) job.poll();
  REQUIRE(job.result() != nullptr);
  CHECK_FALSE(job.result()->refined);
  CHECK_FALSE(job.current());
  CHECK(job.result()->grid.loss == cli_plane(PlaneKind::random, kCoarsePlaneGrid).grid.loss);
}

TEST_CASE("another key cancels the running plane at once and starts the new one; the same key changes nothing",
          "[plane_job]") {
  PlaneJob job(MapThreads::between_frames);
  PlaneKey key{PlaneKind::pca, 0, 1, 0, 0, 31};
  int sources = 0;
  const auto source = [&] {
    ++sources;
    return source_of(key);
  };
  job.update(key, source);
  job.poll();  // a frame's part of it
  REQUIRE(job.busy());
  job.update(key, source);
  CHECK(job.started() == 1);
  CHECK(sources == 1);
  SECTION("a new training of the run") { key.run_version = 2; }
  SECTION("another kind") { key.kind = PlaneKind::line; }
  SECTION("another grid") { key.grid = 21; }
  job.update(key, source);
  CHECK(job.started() == 2);
  CHECK(sources == 2);
  finish(job);
  const PlaneKey* got = job.result_key();
  REQUIRE(got != nullptr);
  CHECK(*got == key);
  CHECK(job.result()->grid.a.size() == key.grid);
  CHECK(job.current());
  job.update(std::nullopt, source);  // nothing wanted: the last plane stays, nothing runs
  CHECK_FALSE(job.busy());
  CHECK(job.result() != nullptr);
}

TEST_CASE("a plane that cannot be had says why", "[plane_job]") {
  PlaneJob job(MapThreads::between_frames);
  const PlaneKey key{PlaneKind::pca, 0, 1, 0, 0, 21};
  PlaneSource source = source_of(key);
  SECTION("a diverged run") {
    source.run.diverged_at = 40;
    job.update(key, [&] { return source; });
    finish(job);
    CHECK(job.error() == "the run diverged at step 40: a plane needs finite weights");
  }
  SECTION("a path that never moved") {
    for (auto& snapshot : source.run.snapshots) snapshot = source.start;
    job.update(key, [&] { return source; });
    finish(job);
    CHECK(job.error() == "the snapshots are all the same point: no path to see");
  }
  CHECK(job.result() == nullptr);
  CHECK_FALSE(job.current());
}

namespace {

// Frames with the plane view drawn (as the panel marks it) until no training and no plane runs.
void settle(HeadlessUi& ui) {
  const auto shown = [&](ImGuiIO&) { ui.state.view.plane_shown = true; };
  ui.frame(shown);  // takes what changed since the last frame
  for (int i = 0; i < 60'000 && (ui.state.model.training->busy() || ui.state.model.plane->busy() ||
                                 ui.state.model.plane->result() == nullptr);
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ui.frame(shown);
  }
  ui.frame(shown);
  REQUIRE_FALSE(ui.state.model.training->busy());
  REQUIRE_FALSE(ui.state.model.plane->busy());
}

}  // namespace

TEST_CASE("in the window, the plane follows the selected run's training and the chosen kind", "[plane_job]") {
  HeadlessUi ui(small_network());
  settle(ui);
  AppState& s = ui.state;
  REQUIRE(s.model.selected);
  const std::size_t selected = *s.model.selected;
  const PlaneJob& job = *s.model.plane;
  CHECK(job.started() == 1);
  CHECK(job.current());
  CHECK(job.result_key()->run == selected);
  CHECK(job.result_key()->run_version == s.model.training->version(selected));
  CHECK(job.result()->grid.a.size() == kDefaultPlaneGrid);

  SECTION("a presentation edit, or another run's training, computes nothing") {
    s.model.scenario.looks[selected].label = "renamed";
    s.model.scenario.course.runs[(selected + 1) % 4].hyper.eta *= 0.5;
    settle(ui);
    CHECK(job.started() == 1);
  }
  SECTION("the selected run's new training computes its plane again") {
    s.model.scenario.course.runs[selected].hyper.eta *= 0.5;
    settle(ui);
    CHECK(job.started() == 2);
    CHECK(job.result_key()->run_version == s.model.training->version(selected));
  }
  SECTION("another kind of plane; three-point through another run") {
    s.view.plane.kind = PlaneKind::three_point;
    settle(ui);
    CHECK(job.started() == 2);
    CHECK(job.result()->plane.paths.size() == 2);
    CHECK(job.result_key()->second != selected);
    const PlaneKey* first = job.result_key();
    REQUIRE(first != nullptr);
    std::size_t other = 0;
    while (other == selected || other == first->second) ++other;
    s.view.plane.second = other;
    settle(ui);
    CHECK(job.started() == 3);
    CHECK(job.result_key()->second == other);
  }
  SECTION("while the view is not drawn, nothing starts") {
    s.view.plane.kind = PlaneKind::random;
    ui.frames(3);
    CHECK(job.started() == 1);
  }
}
