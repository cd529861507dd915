// run_gui: the window's entry point, called by the command line for `optviz` with no command.
#include "gui.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>
#include <thread>

#include "application.hpp"
#include "figure_renderer.hpp"
#include "png_file.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

constexpr int kBadInput = 2;
constexpr int kNoWindow = 1;
constexpr int kMinWindowSide = 320;

// "1280x800" into width and height; false when malformed or out of range.
bool parse_size(const std::string& text, int& width, int& height) {
  const auto x = text.find('x');
  if (x == std::string::npos) return false;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  const auto w = std::from_chars(begin, begin + x, width);
  const auto h = std::from_chars(begin + x + 1, end, height);
  return w.ec == std::errc() && w.ptr == begin + x && h.ec == std::errc() && h.ptr == end && width >= kMinWindowSide &&
         height >= kMinWindowSide && width <= kMaxFigureSide && height <= kMaxFigureSide;
}

}  // namespace

int run_gui(const GuiOptions& options) {
  gui::ApplicationOptions app_options;
  if (!options.size.empty()) {
    if (!parse_size(options.size, app_options.width, app_options.height)) {
      const std::string message =
          tr_format("invalid --size \"{0}\" (expected WIDTHxHEIGHT, each in [{1}, {2}], for example 1280x800)",
                    {options.size, std::to_string(kMinWindowSide), std::to_string(kMaxFigureSide)});
      std::fprintf(stderr, "optviz: %s\n", message.c_str());
      return kBadInput;
    }
    app_options.size_given = true;
  }
  if (!options.scenario.empty()) {
    try {
      app_options.scenario = open_scenario_file(options.scenario);
      app_options.scenario_path = options.scenario;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "optviz: %s\n", e.what());
      return kBadInput;
    }
  }
  const bool screenshot = !options.screenshot.empty();
  app_options.scale = options.scale;
  app_options.present = options.present;
  if (options.step >= 0) app_options.step = options.step;
  if (options.theme == "dark") app_options.theme = gui::Theme::dark;
  if (options.theme == "light") app_options.theme = gui::Theme::light;
  if (!options.language.empty()) app_options.language = options.language;
  if (options.view == "2d") app_options.view = CanvasView::flat;
  if (options.view == "3d") app_options.view = CanvasView::surface;
  app_options.remember = !screenshot;
  app_options.screenshot = screenshot;
  app_options.vsync = !screenshot;
  for (const std::string& view : options.open) {
    app_options.open_sweep |= view == "sweep";
    app_options.open_basins |= view == "basins";
  }

  std::string error;
  auto app = gui::Application::create(app_options, error);
  if (!app) {
    std::fprintf(stderr, "optviz: %s\n", error.c_str());
    return kNoWindow;
  }
  if (options.explain >= 0) {
    gui::AppState& state = app->state();
    gui::start_explaining(state);
    const std::size_t parts = state.view.explain.explanation.parts.size();
    if (!state.view.explain.open || static_cast<std::size_t>(options.explain) >= std::max<std::size_t>(parts, 1)) {
      const std::string why = !state.view.explain.open ? std::string(tr("the scenario has no run to explain"))
                              : parts == 0
                                  ? std::string(tr("there is no next update at the playhead (only 0: its message)"))
                                  : tr_format("the update has sub-steps 0 to {0}", {std::to_string(parts - 1)});
      const std::string message = tr_format("invalid --explain {0}: {1}", {std::to_string(options.explain), why});
      std::fprintf(stderr, "optviz: %s\n", message.c_str());
      return kBadInput;
    }
    state.view.explain.part = static_cast<std::size_t>(options.explain);
    state.view.explain.playing = false;
  }
  if (screenshot) {
    Image image;
    const int frames = std::max(1, options.frames);
    for (int i = 0; i + 1 < frames; ++i) app->frame(1.0 / 60);
    // The maps, trainings and planes computed in the background are finished before the still is taken
    // (within a minute): until nothing computes in two frames running, as a finished training starts
    // the plane of its run.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    const auto busy = [&app] {
      const auto& m = app->state().model;
      return m.maps->busy() || m.training->busy() || m.plane->busy();
    };
    for (int quiet = 0; quiet < 2 && std::chrono::steady_clock::now() < give_up;) {
      quiet = busy() ? 0 : quiet + 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      app->frame(1.0 / 60);
    }
    app->frame(1.0 / 60, &image);
    write_png(options.screenshot, image, to_json(app->state().model.scenario));
    const std::string saved = tr_format(
        "saved the window ({0}x{1}) at step {2} of {3} to {4}",
        {std::to_string(image.width), std::to_string(image.height), std::to_string(current_step(app->state())),
         std::to_string(last_step(app->state())), options.screenshot});
    std::printf("optviz: %s\n", saved.c_str());
    return 0;
  }
  while (!app->should_close()) {
    app->wait_for_events();
    app->frame();
  }
  return 0;
}

}  // namespace optviz
