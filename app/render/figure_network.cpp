// A network scenario's figure, drawn by the code that draws the window's views: the slide (its
// title; the data under the shown run's decision boundary at the step beside the network, as
// the "Data and network" view draws them; every run's loss and accuracy up to the step; the
// scenario's text), or the data and boundary alone.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "data_and_network.hpp"
#include "figure_drawer.hpp"
#include "figure_frame.hpp"
#include "net_curves.hpp"
#include "run_name.hpp"
#include "theme.hpp"

namespace optviz::gui {

Image FigureDrawer::render_network(const Scenario& scenario, const NetFigureRuns& runs, const FigureRequest& request) {
  const int width = std::clamp(request.width, 1, kMaxFigureSide);
  const int height = std::clamp(request.height, 1, kMaxFigureSide);
  ContextScope scope(context_);
  const Theme theme = request.dark ? Theme::dark : Theme::light;
  const float w = static_cast<float>(width), h = static_cast<float>(height);
  // Measured with the fonts as they are now: draw_frame loads them again at the slide's size, so that
  // inside it only the fonts it made are used.
  ImFont* measuring = ImGui::GetIO().Fonts->Fonts[0];
  const bool slide = request.composition != FigureComposition::canvas;
  const std::string title = slide_title(scenario);
  const std::string body = scenario.description;
  // The loss and, for a logistic loss, the accuracy.
  const std::size_t plots = scenario.network && scenario.network->loss == NetLoss::logistic ? 2 : 1;
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
  if (shown && runs.start != nullptr) {
    snapshot = snapshot_at(*runs.runs[*shown], request.step);
    maps = network_maps(*runs.start, scenario.network && scenario.network->recipe, snapshot.theta);
  }
  return draw_frame(
      width, height, theme, slide ? layout.font_size : fs, fs, [&](ImDrawList& dl, const CanvasStyle& style) {
        ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
        const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
        const PixelRect picture_area = slide ? layout.canvas : PixelRect{0, 0, w, h};
        if (maps) {
          const std::string heading = run_names(scenario)[*shown] + " at step " + std::to_string(snapshot.step);
          if (slide)
            draw_network_picture(dl, picture_area, {runs.start, snapshot.theta, &*maps, heading, std::nullopt}, style);
          else
            draw_boundary_plot(dl, ImVec2(0, 0), ImVec2(w, h),
                               {&runs.start->sets.train, &runs.start->sets.test, runs.start->net.spec().loss,
                                maps->output.box, &maps->output, title + ": " + heading},
                               style);
        }
        if (!slide) return;
        ImFont* large = ImGui::GetIO().Fonts->Fonts.Size > 2 ? ImGui::GetIO().Fonts->Fonts[2] : font;
        const float size = layout.font_size;
        if (layout.chapter.width() > 0)
          dl.AddText(font, size * kSlideChapterScale, ImVec2(layout.chapter.x0, layout.chapter.y0), text,
                     scenario.lesson.chapter.c_str());
        const std::string heading = wrap_at_spaces(large, size * kSlideTitleScale, layout.title.width(), title);
        dl.AddText(large, size * kSlideTitleScale, ImVec2(layout.title.x0, layout.title.y0), text, heading.c_str());
        const std::string lines = wrap_at_spaces(font, size, layout.text.width(), body);
        if (!lines.empty()) dl.AddText(font, size, ImVec2(layout.text.x0, layout.text.y0), text, lines.c_str());
        // The curves, drawn as the window's plots panel draws them, in a window over the slide.
        const std::vector<NetRunLine> lines_of_runs = net_run_lines(scenario, runs.runs, style.background);
        NetCurves curves = net_curves(lines_of_runs, request.step);
        // The runs' key above the curves: a swatch and the name of each, wrapped to the plots' width.
        std::vector<PixelRect> plot_rects = layout.plots;
        if (!plot_rects.empty()) {
          const float line = fs * 1.5f, swatch = fs * 1.6f;
          float x = plot_rects[0].x0, y = plot_rects[0].y0;
          for (const NetRunLine& l : lines_of_runs) {
            const float entry = swatch + fs * 0.4f + ImGui::CalcTextSize(l.name.c_str()).x * fs / layout.font_size;
            if (x + entry > plot_rects[0].x1 && x > plot_rects[0].x0) {
              x = plot_rects[0].x0;
              y += line;
            }
            dl.AddLine(ImVec2(x, y + line / 2), ImVec2(x + swatch, y + line / 2), l.colour, 3 * style.scale);
            dl.AddText(font, fs, ImVec2(x + swatch + fs * 0.4f, y + (line - fs) / 2), text, l.name.c_str());
            x += entry + fs * 1.2f;
          }
          plot_rects[0].y0 = y + line + fs * 0.3f;
        }
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(w, h));
        ImGui::Begin("##network slide", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoInputs |
                         ImGuiWindowFlags_NoSavedSettings);
        ImGui::SetWindowFontScale(fs / layout.font_size);
        Polylines scratch;
        PlotColumnsCache caches[2];
        const LinePlot* shown_plots[2] = {&curves.loss, curves.accuracy ? &*curves.accuracy : nullptr};
        for (std::size_t i = 0; i < plot_rects.size() && i < 2; ++i) {
          if (shown_plots[i] == nullptr) continue;
          const PixelRect r = plot_rects[i];
          ImGui::SetCursorScreenPos(ImVec2(r.x0, r.y0));
          ImGui::PushID(static_cast<int>(i));
          draw_line_plot("##curve", *shown_plots[i], ImVec2(r.width(), r.height()), style, scratch, caches[i]);
          ImGui::PopID();
        }
        ImGui::End();
      });
}

}  // namespace optviz::gui
