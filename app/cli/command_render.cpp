// `optviz render`: a scenario drawn as a PNG figure or an animated GIF in a hidden window, as the
// window's File menu exports it; a network scenario's runs trained first, as the window trains them.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "figure_export.hpp"
#include "gif_file.hpp"
#include "hidden_figure_renderer.hpp"
#include "network_setup.hpp"
#include "number_text.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

struct RenderOptions {
  std::string scenario;
  std::string out;
  std::string gif;
  int width = 0;  // when not given: the PNG's default (FigureRequest's) or the GIF's (GifSettings')
  int height = 0;
  long step = 0;     // when not given: the lesson's step, or the last
  std::string view;  // "2d", "3d" or "" for the scenario's
  bool canvas_only = false;
  bool question = false;
  std::string theme = "light";
  GifSettings gif_settings;
  CLI::Option* width_option = nullptr;
  CLI::Option* height_option = nullptr;
  CLI::Option* step_option = nullptr;
  CLI::Option* fps_option = nullptr;
  CLI::Option* seconds_option = nullptr;
};

// The checks of the flags alone, before the scenario is read.
void check_render_flags(const RenderOptions& o) {
  if (o.out.empty() && o.gif.empty()) throw BadInput(tr("give --out FILE.png, --gif FILE.gif or both"));
  if (o.gif.empty() && (o.fps_option->count() > 0 || o.seconds_option->count() > 0))
    throw BadInput(tr_format("{0} applies to --gif only", {o.fps_option->count() > 0 ? "--fps" : "--seconds"}));
  if (o.out.empty() && o.step_option->count() > 0) throw BadInput(tr("--step applies to --out only"));
  if (o.canvas_only && o.question) throw BadInput(tr("--question draws a slide: it does not go with --canvas-only"));
  if (o.question && !o.gif.empty())
    throw BadInput(tr("--question applies to --out only (a question slide does not move)"));
}

void add_render_options(CLI::App& cmd, RenderOptions& o) {
  const FigureRequest png;
  const GifSettings& gif = o.gif_settings;
  cmd.add_option("scenario", o.scenario, tr("the scenario: .json, or a PNG exported by optviz"))->required();
  cmd.add_option("--out", o.out, tr("write the figure to this PNG file (the scenario is embedded in it)"));
  cmd.add_option("--gif", o.gif,
                 tr("write an animated GIF of the trajectories growing (a network's training going on) to this file"));
  o.width_option = cmd.add_option("--width", o.width,
                                  tr_format("width in pixels (default {0} for --out, {1} for --gif)",
                                            {std::to_string(png.width), std::to_string(gif.width)}));
  o.height_option = cmd.add_option("--height", o.height,
                                   tr_format("height in pixels (default {0} for --out, {1} for --gif)",
                                             {std::to_string(png.height), std::to_string(gif.height)}));
  o.step_option = cmd.add_option(
      "--step", o.step, tr("--out: draw the trajectories up to this step (default: the lesson's step, else the last)"));
  add_view_option(cmd, o.view);
  cmd.add_flag("--canvas-only", o.canvas_only,
               tr("draw the canvas alone with its title, instead of the slide (title, text, canvas and plots)"));
  cmd.add_flag("--question", o.question,
               tr("draw the lesson's question slide: the question, the canvas without the paths, the plots empty"));
  cmd.add_option("--theme", o.theme, tr("light (default) or dark"))->check(CLI::IsMember({"light", "dark"}));
  o.fps_option = cmd.add_option("--fps", o.gif_settings.fps,
                                tr_format("--gif: frames per second (default {0}, at most {1})",
                                          {std::to_string(gif.fps), std::to_string(kMaxGifFps)}));
  o.seconds_option = cmd.add_option("--seconds", o.gif_settings.seconds,
                                    tr_format("--gif: length of the animation (default {0}, at most {1})",
                                              {format_number(gif.seconds), format_number(kMaxGifSeconds)}));
  cmd.footer(tr_format("Limits: --out up to {0}x{1} pixels, --gif up to {2}x{3} and {4} frames (fps x seconds).",
                       {std::to_string(kMaxFigureWidth), std::to_string(kMaxFigureHeight), std::to_string(kMaxGifWidth),
                        std::to_string(kMaxGifHeight), std::to_string(kMaxGifFrames)}) +
             "\n" + tr("Needs a display; on a machine without one, run it under xvfb-run:") +
             "\n  xvfb-run -a optviz render scenario.json --out fig.png");
}

int render_command(const RenderOptions& o) {
  check_render_flags(o);
  FigureRequest png;
  if (o.width_option->count() > 0) png.width = o.width;
  if (o.height_option->count() > 0) png.height = o.height;
  if (!o.out.empty())
    if (std::string problem = find_figure_size_problem(png.width, png.height); !problem.empty())
      throw BadInput(problem);
  GifSettings gif = o.gif_settings;
  if (o.width_option->count() > 0) gif.width = o.width;
  if (o.height_option->count() > 0) gif.height = o.height;
  if (!o.gif.empty())
    if (std::string problem = find_gif_problem(gif); !problem.empty()) throw BadInput(problem);

  Scenario scenario = open_scenario(o.scenario);
  if (scenario.network && o.question) throw BadInput(tr("--question: a network scenario asks no question"));
  if (!o.view.empty()) scenario.display.view = o.view == "3d" ? CanvasView::surface : CanvasView::flat;
  scenario.course.objective.search_minima(scenario.view);
  if (o.question && scenario.lesson.question.empty())
    throw BadInput(tr_format("--question: {0} asks no question (its \"lesson\" has no \"question\")", {o.scenario}));
  png.step = o.step_option->count() > 0 ? o.step : lesson_step(scenario);
  if (png.step < 0 || png.step > scenario.course.steps)
    throw BadInput(tr_format("--step: must be in [0, {0}] (the scenario's steps), got {1}",
                             {std::to_string(scenario.course.steps), std::to_string(png.step)}));
  // A network's runs are trained as the window trains them; a 2D scenario's simulated.
  std::optional<NetStart> start;
  std::vector<NetRun> trained;
  std::vector<Trajectory> runs;
  if (scenario.network) {
    start = network_start(scenario);
    const NetRecording recording = window_recording(*start, scenario.course.steps);
    for (std::size_t i = 0; i < scenario.course.runs.size(); ++i)
      trained.push_back(train_scenario_run(scenario, *start, i, recording));
  } else {
    runs = simulate(scenario.course);
  }

  std::string error;
  const std::unique_ptr<FigureRenderer> renderer = make_hidden_figure_renderer(error);
  if (!renderer) throw std::runtime_error(tr_format("render draws with OpenGL and needs a display: {0}", {error}));
  png.composition = gif.composition = o.canvas_only ? FigureComposition::canvas
                                      : o.question  ? FigureComposition::question
                                                    : FigureComposition::slide;
  png.dark = gif.dark = o.theme == "dark";
  NetFigureRuns figure{start ? &*start : nullptr, {}};
  for (const NetRun& r : trained) figure.runs.push_back(&r);
  if (!o.out.empty()) {
    if (scenario.network)
      export_network_png(*renderer, scenario, figure, png, o.out);
    else
      export_figure_png(*renderer, scenario, runs, png, o.out);
  }
  if (!o.gif.empty()) {
    std::optional<GifExport> animation;
    if (scenario.network)
      animation.emplace(scenario, figure, gif, o.gif);
    else
      animation.emplace(scenario, std::move(runs), gif, o.gif);
    while (!animation->done()) animation->render_next(*renderer);
  }
  return 0;
}

}  // namespace

Command add_render_command(CLI::App& app) {
  return make_command(app, "render", tr("draw a scenario as a PNG figure or an animated GIF, without a window"),
                      add_render_options, render_command);
}

}  // namespace optviz::cli
