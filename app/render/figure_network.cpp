// A network scenario's figure, drawn by the code that draws the window's views: the slide (its
// title; in the canvas's place the lesson's view: the data under the shown run's decision boundary at
// the step beside the network, as the "Data and network" view draws them; or each layer's
// statistics over time for every run, as the "Layers" view's bands; or the loss over the shown run's
// plane of weight space with its path, as the "Weight-space plane" view; beside it every run's loss
// and accuracy up to the step, or for the plane the true loss against the plane's along the path and
// pca's explained variance; the scenario's text), or that view alone.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "data_and_network.hpp"
#include "figure_drawer.hpp"
#include "figure_frame.hpp"
#include "layer_bands.hpp"
#include "net_curves.hpp"
#include "plane_view.hpp"
#include "run_name.hpp"
#include "theme.hpp"
#include "translate.hpp"

namespace optviz::gui {
// The shown run's plane of the lesson's kind, as the window's plane job computes it (at its refined
// grid), or why there is none; the last one again while the training is the same.
const FigureDrawer::NetPlane& FigureDrawer::net_plane(const Scenario& scenario, const NetFigureRuns& runs,
                                                      std::size_t shown) {
  const NetStart& start = *runs.start;
  const NetRun& run = *runs.runs[shown];
  NetPlane key;
  key.kind = scenario.lesson.plane;
  key.seed = scenario.course.seed;
  key.start = start.theta;
  key.end = run.theta;
  key.steps = run.snapshot_steps;
  const NetRun* second = nullptr;
  key.runs = {shown};
  if (key.kind == PlaneKind::three_point)
    for (std::size_t i = 0; i < runs.runs.size() && second == nullptr; ++i)
      if (i != shown && runs.runs[i] != nullptr) {
        second = runs.runs[i];
        key.second_end = second->theta;
        key.runs.push_back(i);
      }
  if (plane_ && plane_->kind == key.kind && plane_->seed == key.seed && plane_->start == key.start &&
      plane_->end == key.end && plane_->steps == key.steps && plane_->second_end == key.second_end &&
      plane_->runs == key.runs)
    return *plane_;
  plane_ = std::move(key);
  try {
    const Eigen::MatrixXd x = input_matrix(start.sets.train, start.sets.features);
    const Eigen::VectorXd y = target_vector(start.sets.train);
    plane_->paths = plane_paths(plane_->kind, start.net, start.theta, run, second, x, y, scenario.course.seed);
    plane_->grid = empty_path_grid(*plane_->paths, kPlaneSpan, kDefaultPlaneGrid);
    plane_loss_rows(start.net, plane_->paths->plane, x, y, plane_->grid, 0, plane_->grid.b.size(), 0);
  } catch (const std::invalid_argument& e) {
    plane_->paths.reset();
    plane_->error = tr_format("No plane: {0}", {e.what()});
  }
  return *plane_;
}

Image FigureDrawer::render_network(const Scenario& scenario, const NetFigureRuns& runs, const FigureRequest& request) {
  const int width = std::clamp(request.width, 1, kMaxFigureSide);
  const int height = std::clamp(request.height, 1, kMaxFigureSide);
  ContextScope scope(context_);
  use_fonts(font_size_, shown_words(scenario));  // measured with the glyphs the slide draws
  const Theme theme = request.dark ? Theme::dark : Theme::light;
  const float w = static_cast<float>(width), h = static_cast<float>(height);
  // Measured with the fonts as they are now: draw_frame loads them again at the slide's size, so that
  // inside it only the fonts it made are used.
  ImFont* measuring = ImGui::GetIO().Fonts->Fonts[0];
  const bool slide = request.composition != FigureComposition::canvas;
  const std::string title = slide_title(scenario);
  const std::string body = shown_text(scenario).description;
  const NetView view = scenario.lesson.view;
  // The loss and, for a logistic loss, the accuracy; for the plane, the losses along the path and
  // the explained variance.
  const std::size_t plots =
      view == NetView::plane || (scenario.network && scenario.network->loss == NetLoss::logistic) ? 2 : 1;
  const SlideLayout layout =
      slide_layout(w, h,
                   {!scenario.lesson.chapter.empty(),
                    [&](float wrap, float size) { return wrapped_height(measuring, size, wrap, title); },
                    [&](float wrap, float size) { return wrapped_height(measuring, size, wrap, body); }, plots});
  const float fs = slide ? std::round(layout.font_size * 0.8f) : figure_font_size(width, height);

  std::optional<std::size_t> shown = request.shown_run ? request.shown_run : preferred_run(scenario);
  if (shown && (*shown >= runs.runs.size() || runs.runs[*shown] == nullptr)) shown.reset();
  std::optional<NetworkMaps> maps;
  optviz::WeightsAt snapshot;
  const NetPlane* plane = nullptr;
  if (shown && runs.start != nullptr) {
    snapshot = snapshot_at(*runs.runs[*shown], request.step);
    if (view == NetView::data)
      maps = network_maps(*runs.start, scenario.network && scenario.network->recipe, snapshot.theta);
    else if (view == NetView::plane)
      plane = &net_plane(scenario, runs, *shown);
  }
  const float base = slide ? layout.font_size : fs;  // the size draw_frame loads the fonts at
  return draw_frame(width, height, theme, base, fs, [&](ImDrawList& dl, const CanvasStyle& style) {
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const PixelRect picture_area = slide ? layout.canvas : PixelRect{0, 0, w, h};
    const std::vector<NetRunLine> lines_of_runs = net_run_lines(scenario, runs.runs, style.background);
    if (maps) {
      const std::string heading =
          tr_format("{0} at step {1}", {run_names(scenario)[*shown], std::to_string(snapshot.step)});
      if (slide)
        draw_network_picture(dl, picture_area, {runs.start, snapshot.theta, &*maps, heading, std::nullopt}, style);
      else
        draw_boundary_plot(dl, ImVec2(0, 0), ImVec2(w, h),
                           {&runs.start->sets.train, &runs.start->sets.test, runs.start->net.spec().loss,
                            maps->output.box, &maps->output, title + ": " + heading},
                           style);
    }
    PlaneView plane_view;
    if (plane && plane->paths) {
      plane_view = {&plane->paths->plane, &plane->grid, plane->paths->paths, {}, request.step, ""};
      for (const std::size_t run : plane->runs)
        plane_view.colours.push_back(readable_on(run_colour(scenario.looks[run].colour), style.background));
      plane_view.title = plane->paths->plane.is_line()
                             ? tr_format("Loss along the line: {0}", {run_names(scenario)[*shown]})
                             : tr_format("Loss over the plane: {0}", {run_names(scenario)[*shown]});
      draw_plane_plot(dl, ImVec2(picture_area.x0, picture_area.y0), ImVec2(picture_area.width(), picture_area.height()),
                      plane_view, style);
    } else if (plane) {
      dl.AddText(font, fs, ImVec2(picture_area.x0, picture_area.y0), text, plane->error.c_str());
    }
    if (slide) {
      ImFont* large = ImGui::GetIO().Fonts->Fonts.Size > 2 ? ImGui::GetIO().Fonts->Fonts[2] : font;
      const float size = layout.font_size;
      if (layout.chapter.width() > 0)
        dl.AddText(font, size * kSlideChapterScale, ImVec2(layout.chapter.x0, layout.chapter.y0), text,
                   shown_text(scenario).chapter.c_str());
      const std::string heading = wrap_at_spaces(large, size * kSlideTitleScale, layout.title.width(), title);
      dl.AddText(large, size * kSlideTitleScale, ImVec2(layout.title.x0, layout.title.y0), text, heading.c_str());
      const std::string lines = wrap_at_spaces(font, size, layout.text.width(), body);
      if (!lines.empty()) dl.AddText(font, size, ImVec2(layout.text.x0, layout.text.y0), text, lines.c_str());
    }
    // The runs' key above the curves (and above the layers' bands): a swatch and the name of each,
    // wrapped to the plots' width. The plane's path is the shown run's, named in its title.
    std::vector<PixelRect> plot_rects = slide ? layout.plots : std::vector<PixelRect>{};
    PixelRect bands_area = picture_area;
    PixelRect* keyed = view == NetView::plane              ? nullptr
                       : view == NetView::layers && !slide ? &bands_area
                       : plot_rects.empty()                ? nullptr
                                                           : &plot_rects[0];
    if (keyed != nullptr) {
      const float line = fs * 1.5f, swatch = fs * 1.6f;
      float x = keyed->x0, y = keyed->y0;
      for (const NetRunLine& l : lines_of_runs) {
        const float entry = swatch + fs * 0.4f + ImGui::CalcTextSize(l.name.c_str()).x * fs / base;
        if (x + entry > keyed->x1 && x > keyed->x0) {
          x = keyed->x0;
          y += line;
        }
        dl.AddLine(ImVec2(x, y + line / 2), ImVec2(x + swatch, y + line / 2), l.colour, 3 * style.scale);
        dl.AddText(font, fs, ImVec2(x + swatch + fs * 0.4f, y + (line - fs) / 2), text, l.name.c_str());
        x += entry + fs * 1.2f;
      }
      keyed->y0 = y + line + fs * 0.3f;
    }
    // The plots, drawn as the window draws them, in a window over the figure.
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("##network slide", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetWindowFontScale(fs / base);
    Polylines scratch;
    const auto draw_at = [&](const PixelRect& r, int id, const LinePlot& plot, PlotColumnsCache& cache) {
      ImGui::SetCursorScreenPos(ImVec2(r.x0, r.y0));
      ImGui::PushID(id);
      draw_line_plot("##curve", plot, ImVec2(r.width(), r.height()), style, scratch, cache);
      ImGui::PopID();
    };
    if (view == NetView::layers && runs.start != nullptr) {
      // Each layer's weights, stacked in the canvas's place.
      const std::vector<LinePlot> bands = layer_band_plots(
          lines_of_runs, runs.start->net.layers(), ParameterKind::weight, scenario.lesson.quantity, request.step);
      std::vector<PlotColumnsCache> caches(bands.size());
      const float gap = fs * 0.6f;
      const float each = bands.empty() ? 0
                                       : (bands_area.height() - gap * static_cast<float>(bands.size() - 1)) /
                                             static_cast<float>(bands.size());
      for (std::size_t k = 0; k < bands.size(); ++k) {
        const float y0 = bands_area.y0 + static_cast<float>(k) * (each + gap);
        draw_at({bands_area.x0, y0, bands_area.x1, y0 + each}, 10 + static_cast<int>(k), bands[k], caches[k]);
      }
    }
    PlotColumnsCache caches[2];
    if (view == NetView::plane) {
      if (plot_rects.size() >= 1 && plane && plane->paths) {
        const PixelRect r = plot_rects[0];
        ImGui::SetCursorScreenPos(ImVec2(r.x0, r.y0));
        draw_plane_losses("##plane losses", plane_view, 1, ImVec2(r.width(), r.height()), style, scratch, caches[0]);
      }
      if (plot_rects.size() >= 2 && plane && plane->paths) {
        const PixelRect r = plot_rects[1];
        const std::string explained = wrap_at_spaces(font, fs, r.width(), plane_explained_text(*plane->paths));
        dl.AddText(font, fs, ImVec2(r.x0, r.y0), text, explained.c_str());
      }
    } else {
      const NetCurves curves = net_curves(lines_of_runs, request.step);
      const LinePlot* shown_plots[2] = {&curves.loss, curves.accuracy ? &*curves.accuracy : nullptr};
      for (std::size_t i = 0; i < plot_rects.size() && i < 2; ++i)
        if (shown_plots[i] != nullptr) draw_at(plot_rects[i], static_cast<int>(i), *shown_plots[i], caches[i]);
    }
    ImGui::End();
  });
}

}  // namespace optviz::gui
