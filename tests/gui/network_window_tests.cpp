// A network scenario in the window (issue 25): its runs train in the background (app/state/
// net_training), each exactly as train_scenario_run trains it (and so as `optviz train` does);
// presentation edits never train again, a slider trains again exactly its run, a change of the
// network, its data or the seed trains every run, and a stale training is dropped. Its GIF export
// draws the trainings the window had when it started.
#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "../support/small_network.hpp"
#include "drawn_text.hpp"
#include "figure_export.hpp"
#include "figure_renderer.hpp"
#include "headless_ui.hpp"
#include "network_setup.hpp"
#include "process.hpp"
#include "scenario.hpp"
#include "state.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::gui::test::HeadlessUi;
using optviz::gui::test::small_network;

namespace {

// Frames until no training runs (a minute at most).
void settle(HeadlessUi& ui) { REQUIRE(gui::test::settle_training(ui)); }

// Records what each frame of an animation asks to draw, and draws a flat frame.
class RecordingRenderer : public FigureRenderer {
 public:
  struct Frame {
    long step = 0;
    std::optional<std::size_t> shown_run;
    std::size_t parameters = 0;  // the start's network's
    std::vector<std::vector<double>> losses;
  };
  std::vector<Frame> frames;

  Image render(const Scenario&, const std::vector<Trajectory>&, const FigureRequest&) override {
    throw std::logic_error("a network scenario's frame drawn as a 2D figure");
  }
  Image render_network(const Scenario&, const NetFigureRuns& runs, const FigureRequest& request) override {
    Frame f{request.step, request.shown_run, runs.start ? runs.start->theta.size() : 0, {}};
    for (const NetRun* run : runs.runs) f.losses.push_back(run ? run->loss : std::vector<double>{});
    frames.push_back(std::move(f));
    const auto shade = static_cast<std::uint8_t>(request.step % 256);
    return {request.width, request.height,
            std::vector<std::uint8_t>(static_cast<std::size_t>(request.width * request.height) * 4, shade)};
  }
};

std::vector<std::uint64_t> versions(const AppState& s) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i < s.model.training->size(); ++i) out.push_back(s.model.training->version(i));
  return out;
}

}  // namespace

TEST_CASE("a network scenario's runs train in the background, each as train_scenario_run trains it") {
  HeadlessUi ui(small_network());
  settle(ui);
  const Scenario& s = ui.state.model.scenario;
  REQUIRE(ui.state.model.problem.empty());
  REQUIRE(ui.state.model.training->size() == 4);
  CHECK(ui.state.model.training->started() == 4);
  CHECK(last_step(ui.state) == 150);
  const NetStart start = network_start(s);
  for (std::size_t i = 0; i < 4; ++i) {
    const NetRun expected = train_scenario_run(s, start, i, window_recording(start, s.course.steps));
    const NetRun* run = ui.state.model.training->run(i);
    REQUIRE(run != nullptr);
    CHECK(run->loss == expected.loss);
    CHECK(run->test_accuracy == expected.test_accuracy);
    CHECK(run->theta == expected.theta);
    CHECK(run->snapshots.size() == expected.snapshots.size());
    CHECK(run->layer_stats.size() == expected.layer_stats.size());
  }
}

TEST_CASE("presentation edits never train a network's runs again") {
  HeadlessUi ui(small_network());
  settle(ui);
  const std::vector<std::uint64_t> before = versions(ui.state);
  SECTION("a name") { ui.state.model.scenario.looks[1].label = "plain SGD"; }
  SECTION("a colour") { ui.state.model.scenario.looks[2].colour = {200, 10, 10}; }
  SECTION("visibility") { ui.state.model.scenario.looks[0].visible = false; }
  SECTION("the title") { ui.state.model.scenario.title = "Circles"; }
  SECTION("the display") { ui.state.model.scenario.display.colour_scale = ColourScale::linear; }
  ui.frames(3);
  CHECK(ui.state.model.training->started() == 4);
  CHECK_FALSE(ui.state.model.training->busy());
  CHECK(versions(ui.state) == before);
}

TEST_CASE("a slider trains again exactly its run; a change of the network, the data or the seed every run") {
  HeadlessUi ui(small_network());
  settle(ui);
  const std::vector<std::uint64_t> before = versions(ui.state);
  const NetRun* trained = ui.state.model.training->run(2);
  REQUIRE(trained != nullptr);
  const std::vector<double> rmsprop_loss = trained->loss;
  SECTION("one run's learning rate") {
    ui.state.model.scenario.course.runs[2].hyper.eta = 0.02;
    ui.frame();
    CHECK(ui.state.model.training->started() == 5);
    // Until the new training ends, the run's last one is shown: no flicker while a slider moves.
    if (ui.state.model.training->busy()) CHECK(ui.state.model.training->run(2)->loss == rmsprop_loss);
    settle(ui);
    const std::vector<std::uint64_t> after = versions(ui.state);
    CHECK(after[0] == before[0]);
    CHECK(after[1] == before[1]);
    CHECK(after[2] > before[2]);
    CHECK(after[3] == before[3]);
    CHECK(ui.state.model.training->run(2)->loss != rmsprop_loss);
  }
  SECTION("the layers") {
    ui.state.model.scenario.network->hidden = {3};
    ui.frame();
    CHECK(ui.state.model.training->started() == 8);
    CHECK(ui.state.model.training->run(0) == nullptr);  // another network's weights are never shown
    settle(ui);
    CHECK(ui.state.model.training->run(0)->theta.size() == 2 * 3 + 3 + 3 + 1);
  }
  SECTION("New points") {
    new_network_points(ui.state);
    ui.frame();
    CHECK(ui.state.model.training->started() == 8);
  }
  SECTION("the seed") {
    new_seed(ui.state);
    ui.frame();
    CHECK(ui.state.model.training->started() == 8);
  }
}

TEST_CASE("a drag trains at every value and the last one wins; the stale trainings are dropped") {
  HeadlessUi ui(small_network());
  settle(ui);
  for (double eta : {0.011, 0.012, 0.013, 0.014}) {
    ui.state.model.scenario.course.runs[2].hyper.eta = eta;
    ui.frame();
  }
  CHECK(ui.state.model.training->started() == 8);
  settle(ui);
  Scenario expected = ui.state.model.scenario;
  const NetStart start = network_start(expected);
  CHECK(ui.state.model.training->run(2)->loss ==
        train_scenario_run(expected, start, 2, window_recording(start, expected.course.steps)).loss);
}

TEST_CASE("an invalid network keeps the last runs and names its problem") {
  HeadlessUi ui(small_network());
  settle(ui);
  ui.state.model.scenario.course.runs[1].batch = 1000;
  ui.frames(2);
  CHECK(ui.state.model.problem == "runs[1].batch: must be at most the 60 training rows, got 1000");
  CHECK(ui.state.model.training->started() == 4);
  CHECK(ui.state.model.training->run(1) != nullptr);
}

TEST_CASE("Network on data, and back to a function") {
  HeadlessUi ui(default_scenario());
  ui.frames(2);
  choose_network(ui.state);
  ui.frame();
  REQUIRE(ui.state.model.scenario.network);
  CHECK(ui.state.model.scenario.course.runs.size() == 4);
  CHECK(ui.state.model.training->started() == 4);
  select_function(ui.state, "rosenbrock");
  ui.frame();
  CHECK_FALSE(ui.state.model.scenario.network);
  CHECK(ui.state.model.training->size() == 0);
  CHECK(ui.state.model.runs.front().rows() > 1);  // simulated again (SGD at 0.03 soon diverges on Rosenbrock)
}

TEST_CASE("the network views: the shown run at the playhead, the curves, and a click on an edge chooses its weight") {
  HeadlessUi ui(small_network(), 1280, 720);
  settle(ui);
  set_step(ui.state, 150);
  ui.frame();
  const std::string text = optviz::gui::test::drawn_text();
  CHECK(text.find("RMSprop at step 150") != std::string::npos);  // the selected run, its last snapshot
  CHECK(text.find("Data and network") != std::string::npos);
  CHECK(text.find("layer 1") != std::string::npos);
  CHECK(text.find("Accuracy") != std::string::npos);
  set_step(ui.state, 47);
  ui.frame();
  CHECK(optviz::gui::test::drawn_text().find("RMSprop at step 47") !=
        std::string::npos);  // a snapshot every step of 150

  const DiagramEdge edge{1, 2, 1};
  const std::vector<Point2> curve = ui.state.view.net_views.diagram.edge_curve(edge);
  REQUIRE(curve.size() > 2);
  const Point2 middle = curve[curve.size() / 2];
  ui.frame([&](ImGuiIO& io) { io.MousePos = ImVec2(middle.x, middle.y); });
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
  const Network& net = ui.state.model.training->start()->net;
  REQUIRE(ui.state.view.selected_parameter);
  CHECK(*ui.state.view.selected_parameter == *parameter_of(net, edge));
  CHECK(*ui.state.view.selected_parameter == net.layers()[1].offset + 1 * 4 + 2);  // W[to][from], row-major
}

TEST_CASE("Export CSV writes every network run's rows and layers as optviz run does") {
  HeadlessUi ui(small_network());
  settle(ui);
  const auto dir = optviz::gui::test::temp_dir("network-csv");
  ui.state.view.dialogs.csv_directory = dir.string();
  ui.state.view.requests.export_csv = true;
  ui.frame();
  CHECK_FALSE(ui.state.view.notice.error);
  const Scenario& s = ui.state.model.simulated;
  const NetStart start = network_start(s);
  const NetRun expected = train_scenario_run(s, start, 3, window_recording(start, s.course.steps));
  std::ostringstream csv;
  write_net_csv(csv, expected);
  CHECK(optviz::testing::read_file(dir / "03-adam.csv") == csv.str());
  CHECK(std::filesystem::exists(dir / "03-adam-layers.csv"));
  CHECK(std::filesystem::exists(dir / "summary.json"));
}

TEST_CASE("the window's GIF of a network: the slide at each frame's step, of the runs as they were at its start") {
  HeadlessUi ui(small_network());
  settle(ui);
  ui.state.model.selected = 2;
  const Scenario s = ui.state.model.simulated;
  std::vector<std::vector<double>> losses;
  for (std::size_t i = 0; i < 4; ++i) losses.push_back(ui.state.model.training->run(i)->loss);
  const auto path = optviz::gui::test::temp_dir("network-gif") / "net.gif";
  GifSettings settings{64, 36, 6, 1.5, FigureComposition::slide, false, ui.state.model.selected};
  GifExport gif(s, ui.state.model.training->figure_runs(), settings, path);
  REQUIRE(gif.frames() == 9);
  // The network changes while the animation is written: the window trains every run again, on
  // another network; the animation keeps drawing the trainings it started with.
  ui.state.model.scenario.network->hidden = {3};
  ui.frame();
  settle(ui);
  REQUIRE(ui.state.model.training->start()->theta.size() == 2 * 3 + 3 + 3 + 1);
  RecordingRenderer renderer;
  while (!gif.done()) gif.render_next(renderer);
  REQUIRE(renderer.frames.size() == 9);
  for (int k = 0; k < 9; ++k) {
    const RecordingRenderer::Frame& f = renderer.frames[static_cast<std::size_t>(k)];
    CHECK(f.step == gif_frame_step(k, 9, s.course.steps));
    CHECK(f.shown_run == std::optional<std::size_t>(2));
    CHECK(f.parameters == 2 * 4 + 4 + 4 * 2 + 2 + 2 + 1);  // Playground's 2-4-2-1
    CHECK(f.losses == losses);
  }
  CHECK(renderer.frames.front().step == 0);
  CHECK(renderer.frames.back().step == s.course.steps);
  CHECK(std::filesystem::file_size(path) > 0);
}

TEST_CASE("the sweep map asks nothing of a network scenario and says why") {
  HeadlessUi ui(small_network());
  ui.state.model.maps->sweep.show = true;
  ui.frames(3);
  CHECK(ui.state.model.maps->sweep.problem == "Sweep maps are of runs on a 2D function; a network scenario has none.");
  CHECK(ui.state.model.maps->sweep.job.started() == 0);
}

TEST_CASE("a network lesson opens on its view: the layers of its quantity, or its plane") {
  Scenario s = small_network();
  s.lesson.chapter = "10. Networks";
  SECTION("layers") {
    s.lesson.view = NetView::layers;
    s.lesson.quantity = LayerQuantity::update_ratio;
    HeadlessUi ui(s, 1280, 720);
    settle(ui);
    ui.frame();
    ui.frame();
    CHECK(ui.state.view.net_views.shown == NetView::layers);
    CHECK(ui.state.view.net_views.quantity == LayerQuantity::update_ratio);
    CHECK(optviz::gui::test::drawn_text().find("|update|/|weight|") != std::string::npos);
    ui.frame();
    CHECK(ui.state.view.net_views.shown == NetView::layers);  // and stays there
  }
  SECTION("plane") {
    s.lesson.view = NetView::plane;
    s.lesson.plane = PlaneKind::random;
    HeadlessUi ui(s, 1280, 720);
    settle(ui);
    ui.frame();
    ui.frame();
    CHECK(ui.state.view.net_views.shown == NetView::plane);
    CHECK(ui.state.view.plane.kind == PlaneKind::random);
  }
  SECTION("a scenario that is no lesson opens on the data") {
    HeadlessUi ui(small_network(), 1280, 720);
    settle(ui);
    ui.frame();
    CHECK(ui.state.view.net_views.shown == NetView::data);
  }
}
