#include "plane_view.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "boundary_plot.hpp"
#include "canvas_draw.hpp"
#include "colour_map.hpp"
#include "image_draw.hpp"
#include "plane_marks.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

ImU32 colour_at(const AxisRange& loss, double value, float alpha = 1) {
  const double t = loss.fraction(value);
  const Colour c = colour_map(std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 1.0);
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, alpha));
}

// The grid's colours, row 0 the bottom, as draw_grid_image takes them.
GridImage loss_image(const PlaneGrid& g, const AxisRange& loss) {
  GridImage image{g.a.size(), {}};
  image.colours.reserve(g.loss.size());
  for (double v : g.loss) image.colours.push_back(colour_at(loss, v));
  return image;
}

// The colour bar in `bar` with the loss's log ticks on its right and its name above.
void draw_loss_bar(ImDrawList& dl, PixelRect bar, const AxisRange& loss) {
  draw_colour_ramp(dl, bar);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border), faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl.AddRect(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, bar.y1), border);
  const float fs = ImGui::GetFontSize();
  for (const Tick& k : axis_ticks(loss, std::max(2, static_cast<int>(bar.height() / (fs * 2.5f))))) {
    const float y = bar.y1 - static_cast<float>(loss.fraction(k.value)) * bar.height();
    if (!(y >= bar.y0 - 1 && y <= bar.y1 + 1)) continue;
    dl.AddLine(ImVec2(bar.x1, y), ImVec2(bar.x1 + 0.25f * fs, y), border);
    dl.AddText(ImVec2(bar.x1 + 0.35f * fs, y - fs / 2), faint, k.label.c_str());
  }
  dl.AddText(ImVec2(bar.x0, bar.y0 - 1.3f * fs), faint, tr("loss"));
}

// A path's line in its run's colour over a dark edge, then each snapshot's dot: filled with its true
// loss's colour, fainter the farther it lies off the plane; the playhead's snapshot ringed.
void draw_path(ImDrawList& dl, const PlaneArea& area, const std::vector<PathPoint>& path, ImU32 colour, long step,
               const AxisRange& loss, bool line, const CanvasStyle& s) {
  if (path.empty()) return;
  const auto at = [&](const PathPoint& p) { return area.at(p.at.a, line ? p.loss : p.at.b); };
  std::vector<ImVec2> points;
  for (const PathPoint& p : path) {
    const Point2 q = at(p);
    points.emplace_back(q.x, q.y);
  }
  if (line) {  // each snapshot joined to the line's loss where it projects: the gap the line misstates
    for (const PathPoint& p : path) {
      const Point2 top = at(p), bottom = area.at(p.at.a, p.plane_loss);
      dl.AddLine(ImVec2(top.x, top.y), ImVec2(bottom.x, bottom.y),
                 with_alpha(ImGui::GetColorU32(ImGuiCol_TextDisabled), 0.35f), s.scale);
    }
  }
  const int n = static_cast<int>(points.size());
  dl.AddPolyline(points.data(), n, s.shadow, ImDrawFlags_None, 3.2f * s.scale);
  dl.AddPolyline(points.data(), n, colour, ImDrawFlags_None, 1.6f * s.scale);
  const double reach = path_reach(path);
  const float r = kPlaneDot * s.scale;
  for (const PathPoint& p : path) {
    const float alpha = off_plane_alpha(off_plane_share(p, reach));
    const Point2 q = at(p);
    dl.AddCircleFilled(ImVec2(q.x, q.y), r + s.scale, with_alpha(s.shadow, alpha));
    dl.AddCircleFilled(ImVec2(q.x, q.y), r, colour_at(loss, p.loss, alpha));
  }
  const Point2 q = at(path[snapshot_at(path, step)]);
  dl.AddCircle(ImVec2(q.x, q.y), kPlayheadRing * s.scale, s.shadow, 0, 4 * s.scale);
  dl.AddCircle(ImVec2(q.x, q.y), kPlayheadRing * s.scale, s.text_on_heatmap, 0, 2 * s.scale);
}

// "start" and "end" beside the path's first and last snapshots (a line: none, its axis names them).
void label_ends(ImDrawList& dl, const PlaneArea& area, const std::vector<PathPoint>& path, const CanvasStyle& s) {
  if (path.size() < 2) return;
  const float fs = ImGui::GetFontSize();
  for (const auto& [p, text] : {std::pair{&path.front(), tr("start")}, std::pair{&path.back(), tr("end")}}) {
    const Point2 q = area.at(p->at.a, p->at.b);
    const float w = text_size(s, text).x;
    const float x = q.x + w + fs < area.rect.x1 ? q.x + 0.6f * fs : q.x - w - 0.6f * fs;
    draw_text_shadowed(dl, s, ImVec2(x, q.y - 1.1f * fs), s.text_on_heatmap, text);
  }
}

// The a axis's name centred under its ticks, the b axis's (or "loss") above the plot, with arrows.
void draw_axis_names(ImDrawList& dl, const PlaneArea& area, const std::array<std::string, 2>& names, bool line) {
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float fs = ImGui::GetFontSize();
  const std::string across = names[0] + " \u2192",
                    up = "\u2191 " + (line ? std::string(tr("loss (log scale)")) : names[1]);
  const float w = ImGui::CalcTextSize(across.c_str()).x;
  dl.AddText(ImVec2(std::max(area.rect.x0, (area.rect.x0 + area.rect.x1 - w) / 2), area.rect.y1 + 1.3f * fs), faint,
             across.c_str());
  dl.AddText(ImVec2(area.rect.x0, area.rect.y0 - 1.3f * fs), faint, up.c_str());
}

}  // namespace

Point2 PlaneArea::at(double x, double y) const {
  return {rect.x0 + static_cast<float>(a.fraction(x)) * rect.width(),
          rect.y1 - static_cast<float>(b.fraction(y)) * rect.height()};
}

std::size_t snapshot_at(std::span<const PathPoint> path, long step) {
  const auto after =
      std::upper_bound(path.begin(), path.end(), step, [](long s, const PathPoint& p) { return s < p.step; });
  return after == path.begin() ? 0 : static_cast<std::size_t>(after - path.begin() - 1);
}

std::optional<PlaneArea> draw_plane_plot(ImDrawList& dl, ImVec2 origin, ImVec2 size, const PlaneView& view,
                                         const CanvasStyle& s) {
  if (view.plane == nullptr || view.grid == nullptr || view.grid->a.size() < 2) return std::nullopt;
  const PlaneGrid& g = *view.grid;
  const bool line = view.plane->is_line();
  const AxisRange loss = plane_loss_range(g, view.paths);
  const AxisRange a{g.a.front(), g.a.back(), false};
  const AxisRange b = line ? loss : AxisRange{g.b.front(), g.b.back(), false};
  // A square plot (a line: as wide as the room) between the y ticks and the colour bar, the title
  // and the b axis's name above, the a axis's under the ticks.
  const float fs = ImGui::GetFontSize();
  float label_w = 0;
  for (const Tick& k : axis_ticks(b, std::max(2, static_cast<int>((size.y - 5 * fs) / (fs * 1.8f)))))
    label_w = std::max(label_w, ImGui::CalcTextSize(k.label.c_str()).x);
  const float bar_room = line ? 0 : 4.6f * fs;
  const float wide = size.x - label_w - fs - bar_room, high = size.y - 5.2f * fs;
  const float side = std::min(wide, high);
  if (side < 4 * fs) return std::nullopt;
  const ImVec2 frame_size(line ? wide + label_w + fs : side + label_w + fs, side + 2.8f * fs);
  const ImVec2 frame_origin(origin.x, origin.y + 1.3f * fs);
  dl.AddText(origin, ImGui::GetColorU32(ImGuiCol_Text), view.title.c_str());
  const auto rect = draw_plot_frame(dl, frame_origin, frame_size, "", a, b);
  if (!rect) return std::nullopt;
  const PlaneArea area{*rect, a, b};
  dl.PushClipRect(ImVec2(rect->x0, rect->y0), ImVec2(rect->x1, rect->y1), true);
  if (line) {
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < g.a.size(); ++i) {
      const Point2 p = area.at(g.a[i], g.loss[i]);
      if (is_finite(p)) points.emplace_back(p.x, p.y);
    }
    dl.AddPolyline(points.data(), static_cast<int>(points.size()), ImGui::GetColorU32(ImGuiCol_Text), ImDrawFlags_None,
                   2 * s.scale);
  } else {
    draw_grid_image(dl, *rect, loss_image(g, loss));
  }
  for (std::size_t k = 0; k < view.paths.size(); ++k)
    draw_path(dl, area, view.paths[k], k < view.colours.size() ? view.colours[k] : s.text, view.step, loss, line, s);
  if (!line && !view.paths.empty()) label_ends(dl, area, view.paths[0], s);
  dl.PopClipRect();
  dl.AddRect(ImVec2(rect->x0, rect->y0), ImVec2(rect->x1, rect->y1), ImGui::GetColorU32(ImGuiCol_Border));
  draw_axis_names(dl, area, plane_axis_names(*view.plane), line);
  if (!line) draw_loss_bar(dl, {rect->x1 + 0.8f * fs, rect->y0 + 1.4f * fs, rect->x1 + 1.6f * fs, rect->y1}, loss);
  return area;
}

std::optional<long> draw_plane_losses(const char* id, const PlaneView& view, std::uint64_t version, ImVec2 size,
                                      const CanvasStyle& s, Polylines& scratch, PlotColumnsCache& cache) {
  LinePlot plot;
  plot.title = tr("loss along the path: true (solid), on the plane (dashed)");
  plot.short_titles = {tr("true (solid) and plane (dashed) loss"), tr("true and plane loss")};
  plot.empty_text = tr("no path yet");
  plot.log_y = true;
  plot.marker = static_cast<double>(view.step);
  std::vector<std::vector<long>> steps(view.paths.size());
  long last = 1;
  for (std::size_t k = 0; k < view.paths.size(); ++k) {
    const std::vector<PathPoint>& path = view.paths[k];
    if (path.empty()) continue;
    for (const PathPoint& p : path) steps[k].push_back(p.step);
    last = std::max(last, path.back().step);
    const ImU32 colour = k < view.colours.size() ? view.colours[k] : s.text;
    for (const bool on_plane : {false, true}) {
      PlotSeries series;
      const char* what = on_plane ? tr("loss on the plane") : tr("true loss");
      // TRANSLATORS: {0} is the run's number, {1} the line ("true loss", "loss on the plane").
      series.name = view.paths.size() > 1 ? tr_format("run {0} {1}", {std::to_string(k + 1), what}) : what;
      series.values = {on_plane ? &path[0].plane_loss : &path[0].loss, sizeof(PathPoint), path.size(), 0};
      series.shown = path.size();
      series.colour = colour;
      series.dashed = on_plane;
      series.version = version;
      series.steps = steps[k].data();
      plot.series.push_back(std::move(series));
    }
  }
  plot.x = {0, static_cast<double>(last), false};
  return draw_line_plot(id, plot, size, s, scratch, cache);
}

std::string plane_explained_text(const PlanePaths& p) {
  if (!p.walk) return "";
  const auto& e = p.plane.explained;
  const auto& w = *p.walk;
  return tr_format(
      "This path: PC1 {0}, PC2 {1} of the variance. A random walk of as many steps: PC1 {2}, PC2 {3}, the share PCA "
      "finds in any path.",
      {percent_text(e[0]), percent_text(e[1]), percent_text(w[0]), percent_text(w[1])});
}

}  // namespace optviz::gui
