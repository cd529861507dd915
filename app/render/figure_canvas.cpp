// The canvas in a figure: the heatmap or the 3D surface, the paths, the legend in the corner the
// paths cross least, the title lines, the outside axes and the colour bar with its title.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "canvas_draw.hpp"
#include "figure_drawer.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

struct FigureLayout {
  PixelRect plot;
  PixelRect bar;
  Point2 title;
};

// The canvas figure in `area`: `top` font sizes for the lines above the heatmap (the title and
// the formula of a figure alone, the formula in a slide), the axes' labels left and under it, the
// colour bar and its labels on its right.
FigureLayout figure_layout(PixelRect area, float top_lines, const CanvasStyle& s, const HeatmapScale& scale) {
  const float fs = s.font_size;
  const float top = fs * top_lines;
  const float left = fs * 0.6f + text_size(s, "-0.00").x + 10 * s.scale;
  const float bottom = fs * 0.6f + fs + 10 * s.scale;
  const float bar_w = fs * 0.9f;
  // The bar's column holds its labels and its title ("f − lowest found") without reaching the heatmap.
  const float right =
      fs * 0.8f +
      std::max(bar_w + colour_bar_label_width(scale, s),
               std::max(text_size(s, colour_bar_title(scale)).x, 0.85f * text_size(s, colour_bar_minimum(scale)).x)) +
      fs * 0.5f;
  FigureLayout l;
  l.plot = {area.x0 + left, area.y0 + top, std::max(area.x0 + left + 1, area.x1 - right),
            std::max(area.y0 + top + 1, area.y1 - bottom)};
  // Room for the bar's title, and for the minimum under it when the labels count f above it.
  const float bar_top = colour_bar_minimum(scale).empty() ? 1.5f : 2.6f;
  l.bar = {l.plot.x1 + fs * 0.8f, l.plot.y0 + fs * bar_top, l.plot.x1 + fs * 0.8f + bar_w, l.plot.y1};
  l.title = {area.x0 + fs * 0.6f, area.y0 + fs * 0.35f};
  return l;
}

// The legend where it hides least: the corner the paths, the divergence labels and the minima
// cross least (top right on the 3D surface), with each run's parameters unless that legend would
// cover more than a seventh of the canvas. The legend on the question slide too: the class must
// know which runs it is asked about.
void draw_figure_legend(ImDrawList& dl, const CanvasTransform& transform, const Scenario& scenario,
                        const std::vector<Trajectory>& runs, const std::vector<DivergenceLabel>& divergences,
                        bool surface, const CanvasStyle& style) {
  const PixelRect plot = transform.rect();
  const ImVec2 full = legend_size(scenario, runs, style, true);
  const bool parameters = full.x * full.y <= 0.15f * plot.width() * plot.height();
  const ImVec2 legend = legend_size(scenario, runs, style, parameters);
  std::vector<Point2> points;
  if (!surface) {
    for (std::size_t i = 0; i < runs.size() && i < scenario.course.runs.size(); ++i) {
      if (!scenario.looks[i].visible) continue;
      const std::vector<Vec2>& path = runs[i].position;
      const std::size_t stride = std::max<std::size_t>(1, path.size() / 2000);
      for (std::size_t k = 0; k < path.size(); k += stride) points.push_back(transform.to_pixels(path[k]));
    }
    // A divergence label and a minimum weigh as much as a stretch of path: the legend keeps clear.
    for (const DivergenceLabel& d : divergences) points.insert(points.end(), 200, d.at);
    for (const Vec2& m : scenario.course.objective.minima()) points.insert(points.end(), 200, transform.to_pixels(m));
  }
  const PixelRect corner = surface ? PixelRect{plot.x1 - 8 * style.scale - legend.x, plot.y0 + 8 * style.scale,
                                               plot.x1 - 8 * style.scale, plot.y0 + 8 * style.scale + legend.y}
                                   : least_covered_corner(plot, legend.x, legend.y, 8 * style.scale, points,
                                                          transform.to_pixels(scenario.course.start));
  draw_legend(dl, {corner.x1, corner.y0}, scenario, runs, style, parameters);
}

// Above the canvas: alone, the title, the formula and "step k of n" under it; in a slide, one line
// with the function's name and formula, cut before the step count.
void draw_figure_titles(ImDrawList& dl, const FigureLayout& layout, const Scenario& scenario,
                        const std::vector<Trajectory>& runs, long step, const CanvasStyle& style, bool alone) {
  const float fs = style.font_size;
  const PixelRect plot = layout.plot;
  const Objective& f = scenario.course.objective;
  const std::string formula = (f.is_data() ? "L(w, b) = " : "f(x, y) = ") + std::string(f.formula());
  long last = 0;
  for (const Trajectory& t : runs) last = std::max(last, static_cast<long>(t.rows()) - 1);
  const std::string steps =
      tr_format("step {0} of {1}", {std::to_string(std::clamp(step, 0L, last)), std::to_string(last)});
  const ImVec2 steps_size = text_size(style, steps);
  if (alone) {
    std::string title = f.title();
    if (!scenario.title.empty()) title = shown_text(scenario).title + "  —  " + title;
    dl.AddText(style.font, fs * 1.2f, ImVec2(layout.title.x, layout.title.y), style.text, title.c_str());
    dl.AddText(style.font, fs * 0.9f, ImVec2(layout.title.x, layout.title.y + fs * 1.45f), style.text, formula.c_str());
    dl.AddText(style.font, fs, ImVec2(plot.x1 - steps_size.x, layout.title.y + fs * 1.45f), style.text, steps.c_str());
  } else {
    const float room = plot.x1 - steps_size.x - fs - layout.title.x;
    const std::string line = elided(style, tr_format("{0}:  {1}", {f.title(), formula}), room);
    dl.AddText(style.font, fs, ImVec2(layout.title.x, layout.title.y), style.text, line.c_str());
    dl.AddText(style.font, fs, ImVec2(plot.x1 - steps_size.x, layout.title.y), style.text, steps.c_str());
  }
}

// The colour bar with its title (and the minimum under it when the labels count f above it),
// right-aligned to the area's edge when they are wider than the bar's column: never cut.
void draw_figure_colour_bar(ImDrawList& dl, const FigureLayout& layout, PixelRect area, const HeatmapScale& scale,
                            const CanvasStyle& style) {
  const float fs = style.font_size;
  const std::string bar_title = colour_bar_title(scale);
  const float bar_title_x = std::min(layout.bar.x0, area.x1 - text_size(style, bar_title).x - 4 * style.scale);
  dl.AddText(style.font, fs, ImVec2(bar_title_x, layout.plot.y0), style.text, bar_title.c_str());
  if (const std::string minimum = colour_bar_minimum(scale); !minimum.empty()) {
    const float x = std::min(layout.bar.x0, area.x1 - text_size(style, minimum).x * 0.85f - 4 * style.scale);
    dl.AddText(style.font, fs * 0.85f, ImVec2(x, layout.plot.y0 + fs * 1.15f), style.text, minimum.c_str());
  }
  draw_colour_bar(dl, layout.bar, scale, style);
}

}  // namespace

void FigureDrawer::draw_canvas(ImDrawList& dl, PixelRect area, const Scenario& scenario,
                               const std::vector<Trajectory>& runs, long step, const CanvasStyle& style, bool alone,
                               bool paths) {
  const Objective& f = scenario.course.objective;
  if (!scale_function_ || !(f == *scale_function_) || scenario.display.colour_scale != scale_kind_ ||
      !(scale_.high > scale_.low)) {
    scale_ = heatmap_scale(f, scenario.display.colour_scale);
    scale_function_ = f;
    scale_kind_ = scenario.display.colour_scale;
  }
  const FigureLayout layout = figure_layout(area, alone ? 3.2f : 1.9f, style, scale_);
  const Box box = sanitized_box(scenario.view, f.view());
  const CanvasTransform transform(box, layout.plot);
  const bool surface = scenario.display.view == CanvasView::surface;
  static const std::vector<Trajectory> no_runs;
  const std::vector<Trajectory>& drawn = paths ? runs : no_runs;
  const SurfaceRuns surface_runs{&scenario, &drawn, step, std::nullopt};
  SurfaceScene scene;
  if (surface) {
    surface_model_.update(f, box, scale_, scenario.display.surface.height);
    scene = surface_scene(surface_model_, scenario.display.surface, layout.plot, scenario.display.contour_count,
                          surface_runs, style);
    surface_->render(scene);
  } else {
    heatmap_->update({f, scenario.display.colour_scale, scenario.display.contour_count, transform.shown(),
                      std::max(1, static_cast<int>(std::lround(layout.plot.width()))),
                      std::max(1, static_cast<int>(std::lround(layout.plot.height()))), style.scale},
                     scale_);
  }

  const PixelRect plot = layout.plot;
  std::vector<DivergenceLabel> divergences;  // drawn last, clear of the legend
  dl.PushClipRect(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), true);
  if (surface) {
    draw_heatmap(dl, texture_id(surface_->texture()), plot, style);
    const CoordinateNames names = coordinate_names(f);
    draw_surface_overlay(dl, scene, plot, surface_runs, style, names.x, names.y);
  } else {
    draw_heatmap(dl, texture_id(heatmap_->texture()), plot, style);
    draw_minima(dl, transform, f, style, false);
    Polylines scratch;
    // As the window draws them: up to the step, and each path's rest faint beyond it.
    if (paths)
      draw_trajectories(dl, transform, {&scenario, &runs, step, std::nullopt, true, &divergences}, style, scratch);
    draw_start_handle(dl, transform.to_pixels(scenario.course.start), false, style);
  }
  draw_figure_legend(dl, transform, scenario, runs, divergences, surface, style);
  for (const DivergenceLabel& d : divergences) draw_divergence_label(dl, transform, d, style);
  dl.PopClipRect();
  if (!surface) draw_axes(dl, transform, style, AxisPlacement::outside);

  draw_figure_titles(dl, layout, scenario, runs, step, style, alone);
  draw_figure_colour_bar(dl, layout, area, scale_, style);
}

}  // namespace optviz::gui
