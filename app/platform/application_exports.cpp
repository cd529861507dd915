// The File menu's exports in the window: a PNG at once, a GIF one frame per UI frame, both
// drawn by a FigureDrawer in the window's context.
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>

#include "application_impl.hpp"
#include "figure_drawer.hpp"
#include "file_access.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"
#include "ui.hpp"

namespace optviz::gui {
namespace {

std::string default_png_name(const std::string& function) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  return "optviz-" + function + "-" + stamp + ".png";
}

}  // namespace

Scenario Application::Impl::figure_scenario() const {
  Scenario s = state.model.simulated;
  // What never re-simulates is taken as it is now: the lesson's words and composition, the look.
  s.title = state.model.scenario.title;
  s.description = state.model.scenario.description;
  s.lesson = state.model.scenario.lesson;
  s.translations = state.model.scenario.translations;
  if (s.network) {  // the figure of the view shown, which the file then opens on
    s.lesson.view = state.view.net_views.shown;
    s.lesson.quantity = state.view.net_views.quantity;
    s.lesson.plane = state.view.plane.kind;
  }
  s.view = sanitized_box(state.view.settings.wanted, s.view);
  if (!find_scenario_problem(s).empty()) s.view = state.model.simulated.view;
  return s;
}

bool Application::Impl::ensure_figures() {
  if (figures) return true;
  std::string error;
  figures = make_figure_renderer_in_context(error);
  if (!figures) set_notice(state, tr_format("cannot draw figures: {0}", {error}), true);
  return figures != nullptr;
}

void Application::Impl::export_png() {
  state.view.requests.export_png = false;
  Dialogs& d = state.view.dialogs;
  if (const std::string problem = find_figure_size_problem(d.png_width, d.png_height); !problem.empty()) {
    set_notice(state, tr_format("cannot export: {0}", {problem}), true);
    return;
  }
  if (!ensure_figures()) return;
  const std::string path =
      d.png_path.empty() ? default_png_name(std::string(state.model.simulated.course.objective.name())) : d.png_path;
  try {
    const FigureComposition composition = d.canvas_only                     ? FigureComposition::canvas
                                          : state.view.settings.hide_answer ? FigureComposition::question
                                                                            : FigureComposition::slide;
    const FigureRequest request{current_step(state), d.png_width, d.png_height,
                                composition,         false,       state.model.selected};
    if (state.model.simulated.network) {
      export_network_png(*figures, figure_scenario(), state.model.training->figure_runs(), request, path);
    } else {
      export_figure_png(*figures, figure_scenario(), state.model.runs, request, path);
    }
    deliver_file(path);
    d.export_png = false;
    set_notice(state, tr_format("Saved {0} ({1}×{2})", {std::filesystem::absolute(path).lexically_normal().string(),
                                                        std::to_string(d.png_width), std::to_string(d.png_height)}));
  } catch (const std::exception& e) {
    set_notice(state, e.what(), true);
  }
}

void Application::Impl::start_gif() {
  state.view.requests.start_gif = false;
  Dialogs& d = state.view.dialogs;
  const GifSettings settings{d.gif_width,
                             d.gif_height,
                             d.gif_fps,
                             static_cast<double>(d.gif_seconds),
                             d.canvas_only ? FigureComposition::canvas : FigureComposition::slide,
                             false,
                             state.model.selected};
  if (const std::string problem = find_gif_problem(settings); !problem.empty()) {
    set_notice(state, tr_format("cannot export: {0}", {problem}), true);
    return;
  }
  if (!ensure_figures()) return;
  try {
    gif =
        state.model.simulated.network
            ? std::make_unique<GifExport>(figure_scenario(), state.model.training->figure_runs(), settings, d.gif_path)
            : std::make_unique<GifExport>(figure_scenario(), state.model.runs, settings, d.gif_path);
    state.view.gif = {true, 0, gif->frames()};
  } catch (const std::exception& e) {
    gif.reset();
    set_notice(state, e.what(), true);
  }
}

void Application::Impl::gif_frame() {
  GifProgress& g = state.view.gif;
  if (state.view.requests.cancel_gif) {
    state.view.requests.cancel_gif = false;
    gif.reset();
    g = {};
    set_notice(state, tr("GIF export cancelled; nothing written"));
    return;
  }
  try {
    gif->render_next(*figures);
    g.frame = gif->frames_done();
    if (gif->done()) {
      gif.reset();
      g = {};
      state.view.dialogs.export_gif = false;
      deliver_file(state.view.dialogs.gif_path);
      set_notice(
          state,
          tr_format("Saved {0}", {std::filesystem::absolute(state.view.dialogs.gif_path).lexically_normal().string()}));
    }
  } catch (const std::exception& e) {
    gif.reset();
    g = {};
    set_notice(state, e.what(), true);
  }
}

}  // namespace optviz::gui
