// The window's frame time with 8 runs of 20,000 steps each, and the time to recompute them after
// a slider change. Not a test; run it under a virtual display:
//   xvfb-run -a -s "-screen 0 1280x800x24" build/tests/gui/gui_benchmark [--json FILE]
// With --json, the medians also go to FILE as frame_still_ms, frame_playing_ms, recompute_ms,
// frame_after_change_ms, ui_still_ms and ui_after_change_ms; for the network scenario (4 runs x 2,000
// steps of a 2-8-8-1 network on 500 points) network_ui_still_ms, network_ui_playing_ms (medians),
// network_ui_slider_max_ms (the slowest frame while a slider moves) and network_training_ms.
// Each frame is timed from its start to glFinish (the drawing done), without vsync. Under xvfb the
// drawing is done by Mesa's software rasterizer (llvmpipe) on the CPU; the UI's own CPU cost (the
// panels, decimation, draw lists) is also timed alone, in a headless ImGui context.
#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "application.hpp"
#include "atomic_file.hpp"
#include "headless_ui.hpp"
#include "scenario.hpp"

using namespace optviz;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRuns = 8;
constexpr long kSteps = 20000;

Scenario benchmark_scenario() {
  Scenario s = default_scenario();
  s.course.steps = kSteps;
  const OptimizerKind kinds[kRuns] = {OptimizerKind::momentum, OptimizerKind::adagrad,  OptimizerKind::rmsprop,
                                      OptimizerKind::adam,     OptimizerKind::nesterov, OptimizerKind::rmsprop,
                                      OptimizerKind::adamw,    OptimizerKind::adadelta};
  s.course.runs.clear();
  s.looks.clear();
  for (int i = 0; i < kRuns; ++i) {
    RunSpec r = make_run(kinds[i]);
    if (kinds[i] == OptimizerKind::momentum || kinds[i] == OptimizerKind::nesterov) r.hyper.eta = 5e-4;
    if (i == 5) r.hyper.rho = 0.9;
    add_run(s, r, make_look(std::string(title(kinds[i])), static_cast<std::size_t>(i)));
  }
  return s;
}

// The network scenario: 4 runs x 2,000 steps of a 2-8-8-1 tanh network on 500 points.
Scenario network_scenario() {
  Scenario s = default_network_scenario();
  s.network->recipe->set = Playground::spiral;
  s.network->hidden = {8, 8};
  return s;
}

double milliseconds(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Stats {
  double median, p95, max;
};

Stats stats(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[v.size() * 95 / 100], v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  std::string json;
  if (argc == 3 && std::strcmp(argv[1], "--json") == 0) {
    json = argv[2];
  } else if (argc != 1) {
    std::fprintf(stderr, "usage: gui_benchmark [--json FILE]\n");
    return 2;
  }
  gui::ApplicationOptions options;
  options.size_given = true;
  options.remember = false;
  options.vsync = false;
  options.scenario = benchmark_scenario();
  std::string error;
  auto app = gui::Application::create(options, error);
  if (!app) {
    std::fprintf(stderr, "gui_benchmark: %s\n", error.c_str());
    return 1;
  }
  gui::AppState& state = app->state();
  std::size_t rows = 0;
  for (const Trajectory& t : state.model.runs) rows += t.rows();
  std::printf("gui_benchmark: %d runs, %zu rows in all, window 1280x800, Mesa llvmpipe under xvfb\n", kRuns, rows);

  auto frame_ms = [&] {
    const auto start = Clock::now();
    app->frame(1.0 / 60);
    glFinish();
    return milliseconds(Clock::now() - start);
  };
  for (int i = 0; i < 5; ++i) frame_ms();

  // Still: the playhead at the end, every run drawn in full.
  gui::set_step(state, gui::last_step(state));
  std::vector<double> still;
  for (int i = 0; i < 100; ++i) still.push_back(frame_ms());

  // Playing: the playhead moves every frame.
  gui::set_step(state, 0);
  state.model.playback.playing = true;
  state.model.playback.speed = 20000.0 / 5;  // the whole run in 5 s of frames
  std::vector<double> playing;
  for (int i = 0; i < 200; ++i) playing.push_back(frame_ms());
  state.model.playback.playing = false;

  // A slider change: the recomputation of all runs alone, then the whole frame that does it.
  std::vector<double> recompute, changed_frame;
  gui::set_step(state, gui::last_step(state));
  const double rhos[3] = {0.9, 0.93, 0.96};  // consecutive values always differ
  for (int i = 0; i < 20; ++i) {
    state.model.scenario.course.runs[2].hyper.rho = rhos[(2 * i) % 3];
    const auto start = Clock::now();
    gui::update_simulation(state);
    recompute.push_back(milliseconds(Clock::now() - start));
    state.model.scenario.course.runs[2].hyper.rho = rhos[(2 * i + 1) % 3];
    changed_frame.push_back(frame_ms());
  }

  gui::set_step(state, gui::last_step(state));
  frame_ms();
  std::printf("draw data at the last step: %d vertices, %d indices\n", ImGui::GetDrawData()->TotalVtxCount,
              ImGui::GetDrawData()->TotalIdxCount);

  const Stats s = stats(still), p = stats(playing), r = stats(recompute), c = stats(changed_frame);
  std::printf("frame, still (all 8 x 20,000 steps drawn): median %.2f ms, 95%% %.2f ms, max %.2f ms\n", s.median, s.p95,
              s.max);
  std::printf("frame, playing:                           median %.2f ms, 95%% %.2f ms, max %.2f ms\n", p.median, p.p95,
              p.max);
  std::printf("recompute all runs after a slider change: median %.2f ms, 95%% %.2f ms, max %.2f ms\n", r.median, r.p95,
              r.max);
  std::printf("frame with that recomputation:            median %.2f ms, 95%% %.2f ms, max %.2f ms\n", c.median, c.p95,
              c.max);

  // For comparison, the default scenario (4 runs of 500 steps): the rasterizer's fixed cost.
  gui::replace_scenario(state, default_scenario());
  gui::set_step(state, gui::last_step(state));
  for (int i = 0; i < 3; ++i) frame_ms();
  std::vector<double> small;
  for (int i = 0; i < 50; ++i) small.push_back(frame_ms());
  const Stats d = stats(small);
  std::printf("frame, default scenario (4 x 500 steps):  median %.2f ms, 95%% %.2f ms, max %.2f ms\n", d.median, d.p95,
              d.max);

  // The same frames without GL: what the UI costs the CPU on a machine with a real GPU.
  app.reset();
  gui::test::HeadlessUi headless(benchmark_scenario(), 1280, 800, 1);
  headless.frames(3);
  auto ui_ms = [&] {
    const auto start = Clock::now();
    headless.frame();
    return milliseconds(Clock::now() - start);
  };
  gui::set_step(headless.state, gui::last_step(headless.state));
  std::vector<double> ui_still;
  for (int i = 0; i < 100; ++i) ui_still.push_back(ui_ms());
  gui::set_step(headless.state, 0);
  headless.state.model.playback.playing = true;
  headless.state.model.playback.speed = 20000.0 / 5;
  std::vector<double> ui_playing;
  for (int i = 0; i < 200; ++i) ui_playing.push_back(ui_ms());
  headless.state.model.playback.playing = false;
  // A slider change in every frame: the frame simulates the changed run again, then draws.
  gui::set_step(headless.state, gui::last_step(headless.state));
  headless.frames(2);
  std::vector<double> ui_changed;
  for (int i = 0; i < 40; ++i) {
    headless.state.model.scenario.course.runs[2].hyper.rho = rhos[i % 3];
    ui_changed.push_back(ui_ms());
  }
  // The network scenario: its views still at the end, playing (the maps of the weights drawn again at
  // each new snapshot), and a slider change in every frame (the training starts again in the background).
  gui::test::HeadlessUi net(network_scenario(), 1280, 800, 1);
  const auto trained = [&net] {
    for (int i = 0; i < 120'000 && net.state.model.training->busy(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      net.frame();
    }
  };
  const auto net_start = Clock::now();
  net.frame();
  trained();
  const double net_training_ms = milliseconds(Clock::now() - net_start);
  auto net_ms = [&] {
    const auto start = Clock::now();
    net.frame();
    return milliseconds(Clock::now() - start);
  };
  gui::set_step(net.state, gui::last_step(net.state));
  net.frames(2);
  std::vector<double> net_still, net_playing, net_changed;
  for (int i = 0; i < 100; ++i) net_still.push_back(net_ms());
  gui::set_step(net.state, 0);
  net.state.model.playback.playing = true;
  net.state.model.playback.speed = 2000.0 / 5;
  for (int i = 0; i < 200; ++i) net_playing.push_back(net_ms());
  net.state.model.playback.playing = false;
  gui::set_step(net.state, gui::last_step(net.state));
  const double etas[3] = {0.01, 0.012, 0.014};
  for (int i = 0; i < 40; ++i) {
    net.state.model.scenario.course.runs[2].hyper.eta = etas[i % 3];
    net_changed.push_back(net_ms());
  }
  trained();
  const Stats ns = stats(net_still), np = stats(net_playing), nc = stats(net_changed);
  std::printf("network (4 x 2,000 steps, 2-8-8-1, 500 points): training all runs in the background %.0f ms\n",
              net_training_ms);
  std::printf("UI alone (no GL), network still:          median %.2f ms, 95%% %.2f ms, max %.2f ms\n", ns.median,
              ns.p95, ns.max);
  std::printf("UI alone (no GL), network playing:        median %.2f ms, 95%% %.2f ms, max %.2f ms\n", np.median,
              np.p95, np.max);
  std::printf("UI alone (no GL), network slider change:  median %.2f ms, 95%% %.2f ms, max %.2f ms\n", nc.median,
              nc.p95, nc.max);

  const Stats us = stats(ui_still), up = stats(ui_playing), uc = stats(ui_changed);
  std::printf("UI alone (no GL), still:                  median %.2f ms, 95%% %.2f ms, max %.2f ms\n", us.median,
              us.p95, us.max);
  std::printf("UI alone (no GL), playing:                median %.2f ms, 95%% %.2f ms, max %.2f ms\n", up.median,
              up.p95, up.max);
  std::printf("UI alone (no GL), after a slider change:  median %.2f ms, 95%% %.2f ms, max %.2f ms\n", uc.median,
              uc.p95, uc.max);
  if (!json.empty()) {
    char text[1024];
    std::snprintf(text, sizeof text,
                  "{\n  \"frame_still_ms\": %.3f,\n  \"frame_playing_ms\": %.3f,\n  \"recompute_ms\": %.3f,\n"
                  "  \"frame_after_change_ms\": %.3f,\n  \"ui_still_ms\": %.3f,\n  \"ui_after_change_ms\": %.3f,\n"
                  "  \"network_ui_still_ms\": %.3f,\n  \"network_ui_playing_ms\": %.3f,\n"
                  "  \"network_ui_slider_max_ms\": %.3f,\n  \"network_training_ms\": %.1f\n}\n",
                  s.median, p.median, r.median, c.median, us.median, uc.median, ns.median, np.median, nc.max,
                  net_training_ms);
    try {
      write_file_atomically(json, text);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "gui_benchmark: %s\n", e.what());
      return 1;
    }
    std::printf("wrote %s\n", json.c_str());
  }
  return 0;
}
