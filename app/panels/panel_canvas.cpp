// The canvas: the heatmap (rendered by the renderer from the request made here), the
// trajectories, the start handle and the arrows of the selected run on the plot; the axes, the
// colour bar and the legend in the margins around it. Drag the handle to move the start, drag elsewhere to pan, wheel
// to zoom.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "canvas_chrome.hpp"
#include "canvas_draw.hpp"
#include "label_placement.hpp"
#include "panels.hpp"
#include "plot_scale.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr float kHandleRadius = 14;  // unscaled pixels

void handle_input(AppState& state, const CanvasTransform& t, bool hovered, bool near_handle) {
  const ImGuiIO& io = ImGui::GetIO();
  const Point2 mouse{io.MousePos.x, io.MousePos.y};
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && near_handle) state.view.dragging_start = true;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) state.view.dragging_start = false;

  if (state.view.dragging_start) {
    const Vec2 p = t.to_world(mouse);
    if (is_finite(p) && std::fabs(p.x) <= kDivergenceBound && std::fabs(p.y) <= kDivergenceBound)
      state.model.scenario.course.start = p;
    return;
  }
  if (ImGui::IsItemActive()) {
    // Pan with any button held since the press started on the canvas.
    const ImVec2 d = io.MouseDelta;
    if ((d.x != 0 || d.y != 0) && t.pixels_per_unit() > 0)
      state.view.settings.wanted =
          pan_box(state.view.settings.wanted,
                  {-static_cast<double>(d.x) / t.pixels_per_unit(), static_cast<double>(d.y) / t.pixels_per_unit()});
  }
  if (hovered && io.MouseWheel != 0) {
    const double factor = std::pow(0.85, static_cast<double>(io.MouseWheel));
    state.view.settings.wanted = zoom_box(state.view.settings.wanted, t.to_world(mouse), factor);
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) fit_view(state);
}

void draw_cursor_readout(ImDrawList& dl, const AppState& state, const CanvasTransform& t, const CanvasStyle& s,
                         const std::vector<PixelRect>& taken) {
  const ImGuiIO& io = ImGui::GetIO();
  const Vec2 p = t.to_world({io.MousePos.x, io.MousePos.y});
  const double f = current_function(state).value(p);
  const CoordinateNames names = coordinate_names(current_function(state));
  const std::string text = std::string(names.x) + " = " + short_number(p.x) + "   " + names.y + " = " +
                           short_number(p.y) + "   f = " + short_number(f);
  const ImVec2 size = text_size(s, text);
  const PixelRect r = t.rect();
  const float pad = 6 * s.scale;
  // A corner of the plot whose box covers no label or marker: bottom right, bottom left, top right, top left.
  const float w = size.x + 2 * pad, h = size.y + 2 * pad;
  const float left = r.x0 + pad, right = r.x1 - w - pad, top = r.y0 + pad, bottom = r.y1 - h - pad;
  const std::vector<PixelRect> corners{{right, bottom, right + w, bottom + h},
                                       {left, bottom, left + w, bottom + h},
                                       {right, top, right + w, top + h},
                                       {left, top, left + w, top + h}};
  const PixelRect box = place_label(corners, taken, r).value_or(corners.front());
  const ImVec2 at(box.x0 + pad, box.y0 + pad);
  dl.AddRectFilled(ImVec2(at.x - pad, at.y - pad), ImVec2(at.x + size.x + pad, at.y + size.y + pad), s.box,
                   4 * s.scale);
  dl.AddText(s.font, s.font_size, at, s.box_text, text.c_str());
}

// The chrome around the plot (canvas_chrome.hpp): the title, the axes' names and tick labels, the
// colour bar and the legend, each in its own rectangle in the margins.
void draw_chrome(ImDrawList& dl, const AppState& state, const CanvasTransform& t, const CanvasChrome& c,
                 const CanvasStyle& style, bool spread) {
  const CoordinateNames names = coordinate_names(current_function(state));
  // The 3D view labels its axes on the surface's base (surface_scene.hpp).
  if (state.model.scenario.display.view == CanvasView::flat) {
    draw_axes(dl, t, style, AxisPlacement::outside, names.x, names.y, AxisLabelStrips{c.x_labels, c.y_labels});
    dl.AddText(style.font, style.font_size, ImVec2(c.x_name.x0, c.x_name.y0), style.text, names.x);
    dl.AddText(style.font, style.font_size, ImVec2(c.y_name.x0, c.y_name.y0), style.text, names.y);
  }
  const std::string title = elided(style, current_function(state).title(), c.title.width());
  const float title_x = c.title.x0 + std::max(0.0f, (c.title.width() - text_size(style, title).x) / 2);
  dl.AddText(style.font, style.font_size, ImVec2(title_x, c.title.y0), style.text, title.c_str());
  if (c.bar.height() > 0) {
    const std::string bar_title = elided(style, colour_bar_title(state.model.heatmap), c.bar_title.width());
    dl.AddText(style.font, style.font_size, ImVec2(c.bar_title.x0, c.bar_title.y0), style.text, bar_title.c_str());
    draw_colour_bar(dl, c.bar, state.model.heatmap, style, c.bar_labels);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsWindowHovered() && (c.bar_title.contains({mouse.x, mouse.y}) || c.bar.contains({mouse.x, mouse.y})))
      ImGui::SetTooltip("%s", colour_bar_explanation(state.model.heatmap).c_str());
  }
  draw_legend_in(dl, c, state.model.simulated, state.model.runs, style,
                 spread ? std::vector<std::string>{tr("thin: 8 other seeds"), tr("dashed: no noise, full batch")}
                        : std::vector<std::string>{});
}

// True when the spread is on and some visible run has one.
bool spread_shown(const AppState& state) {
  const Spread& spread = state.model.spread;
  if (!state.view.settings.show_spread || spread.runs.size() != state.model.simulated.course.runs.size()) return false;
  for (std::size_t i = 0; i < spread.runs.size(); ++i)
    if (state.model.simulated.looks[i].visible &&
        (!spread.runs[i].seeds.empty() || spread.runs[i].reference.rows() > 0))
      return true;
  return false;
}

// While a lesson's question is asked: the question in a box at the top of the canvas, and the
// button that reveals the paths (as Q does).
void draw_question(AppState& state, const PixelRect& plot, const CanvasStyle& style) {
  // Presentation mode asks it in the heading over the canvas: here only the button remains.
  const std::string question =
      state.view.settings.presenting ? std::string() : shown_text(state.model.scenario).question;
  const ImGuiStyle& g = ImGui::GetStyle();
  const float pad = g.WindowPadding.x;
  const float wrap = std::max(1.0f, std::min(plot.width() - 4 * pad, ImGui::GetFontSize() * 40));
  const std::string lines = wrap_at_spaces(ImGui::GetFont(), ImGui::GetFontSize(), wrap, question);
  const ImVec2 text = lines.empty() ? ImVec2(0, -g.ItemSpacing.y) : ImGui::CalcTextSize(lines.c_str());
  const char* label = tr("Reveal the answer (Q)");
  const ImVec2 button = ImGui::CalcTextSize(label);
  const float box_w = std::max(text.x, button.x + 2 * g.FramePadding.x) + 2 * pad;
  const float box_h = text.y + g.ItemSpacing.y + button.y + 2 * g.FramePadding.y + 2 * pad;
  const ImVec2 p0((plot.x0 + plot.x1 - box_w) / 2, plot.y0 + 2 * pad);
  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.AddRectFilled(p0, ImVec2(p0.x + box_w, p0.y + box_h), style.box, 6 * style.scale);
  if (!lines.empty())
    dl.AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p0.x + pad, p0.y + pad), style.box_text, lines.c_str());
  ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, p0.y + pad + text.y + g.ItemSpacing.y));
  if (ImGui::Button(label)) toggle_question(state);
}

}  // namespace

// What the pointer does over the canvas this frame, and whether the spread is shown.
struct PlaneInput {
  Point2 handle;  // the start point's handle, in pixels
  bool hovered;
  bool near_handle;
  bool spread;
};

// The plane from above: the heatmap, the basins, the minima, the paths with their arrows and
// labels, the start's handle and the readout under the pointer.
void draw_plane(ImDrawList& dl, AppState& state, const CanvasTransform& t, PlaneInput in, const CanvasStyle& style) {
  const auto [handle, hovered, near_handle, spread] = in;
  const PixelRect plot = t.rect();
  draw_heatmap(dl, state.view.heatmap_texture, plot, style);
  draw_basin_overlay(dl, state, t);
  Polylines scratch;
  const bool paths = !state.view.settings.hide_answer;
  const TrajectoryScene scene{&state.model.simulated,
                              &state.model.runs,
                              current_step(state),
                              state.model.selected,
                              state.view.settings.show_ahead,
                              nullptr};
  // What labels must not cover: the runs' markers and paths' ends, the start's handle, then each
  // label placed.
  std::vector<PixelRect> taken = paths ? run_marks(t, scene, style) : std::vector<PixelRect>{};
  const float handle_r = 1.6f * kHandleRadius * style.scale;
  taken.push_back({handle.x - handle_r, handle.y - handle_r, handle.x + handle_r, handle.y + handle_r});
  if (state.view.settings.show_minima) {
    draw_minima(dl, t, current_function(state), style, false);
    for (const PixelRect& star : minima_marks(t, current_function(state), style)) taken.push_back(star);
  }
  if (spread && paths)
    draw_spread(dl, t, state.model.simulated, state.model.spread, current_step(state), style, scratch);
  std::vector<DivergenceLabel> divergences;
  if (paths)
    draw_trajectories(dl, t,
                      {&state.model.simulated, &state.model.runs, current_step(state), state.model.selected,
                       state.view.settings.show_ahead, &divergences},
                      style, scratch);
  if (paths && state.view.settings.show_arrows && state.model.selected &&
      *state.model.selected < state.model.runs.size() && state.model.simulated.looks[*state.model.selected].visible)
    draw_step_arrows(dl, t, state.model.simulated.course.runs[*state.model.selected],
                     state.model.simulated.looks[*state.model.selected], state.model.runs[*state.model.selected],
                     current_step(state), style, taken);
  if (state.view.settings.show_minima) label_found_minima(dl, t, current_function(state), style, taken);
  draw_start_handle(dl, handle, state.view.dragging_start || (hovered && near_handle), style);
  for (const DivergenceLabel& label : divergences) draw_divergence_label(dl, t, label, style);
  draw_basin_legend(dl, state, t, style);
  // The readout is for the one at the mouse, not the room: presentation mode shows none.
  if (hovered && !state.view.dragging_start && !state.view.settings.presenting)
    draw_cursor_readout(dl, state, t, style, taken);
}

void draw_canvas_panel(AppState& state) {
  const PixelRect r = state.view.layout.canvas;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const bool visible = begin_panel(
      "Canvas", r, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  if (!visible || r.width() < 2 || r.height() < 2) {
    ImGui::End();
    return;
  }
  state.view.surface_scene.width = 0;
  if (state.model.simulated.network) {
    ImGui::SetCursorScreenPos(ImVec2(r.x0 + 8 * ui_canvas_style(state).scale, r.y0 + 4 * ui_canvas_style(state).scale));
    draw_network_canvas(state);
    ImGui::End();
    return;
  }
  const CanvasStyle style = ui_canvas_style(state);
  const bool surface = state.model.scenario.display.view == CanvasView::surface;
  const bool spread = spread_shown(state);
  const CoordinateNames names = coordinate_names(current_function(state));
  int legend_rows = 0;
  for (const RunLook& look : state.model.simulated.looks) legend_rows += look.visible ? 1 : 0;
  const CanvasChrome chrome =
      canvas_chrome({r, style.font_size, style.scale, text_size(style, names.x).x, text_size(style, names.y).x,
                     legend_rows, spread ? 2 : 0, legend_in_width(state.model.simulated, state.model.runs, style)});
  const PixelRect plot = chrome.plot;
  CanvasTransform t(state.view.settings.wanted, plot);

  ImGui::SetCursorScreenPos(ImVec2(plot.x0, plot.y0));
  ImGui::InvisibleButton(
      "canvas", ImVec2(std::max(1.0f, plot.width()), std::max(1.0f, plot.height())),
      ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
  if (state.view.settings.hide_answer)
    ImGui::SetItemAllowOverlap();  // the question's Reveal button lies over the canvas
  const bool hovered = ImGui::IsItemHovered();
  const ImGuiIO& io = ImGui::GetIO();
  const Point2 handle = t.to_pixels(state.model.scenario.course.start);
  const bool near_handle =
      std::hypot(io.MousePos.x - handle.x, io.MousePos.y - handle.y) <= kHandleRadius * style.scale;
  if (!surface) handle_input(state, t, hovered, near_handle);
  t = CanvasTransform(state.view.settings.wanted, plot);

  state.view.heatmap_request = {state.model.simulated.course.objective,
                                state.model.simulated.display.colour_scale,
                                state.view.settings.show_contours ? state.model.simulated.display.contour_count : 0,
                                t.shown(),
                                std::max(1, static_cast<int>(std::lround(plot.width()))),
                                std::max(1, static_cast<int>(std::lround(plot.height()))),
                                style.scale};

  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.PushClipRect(ImVec2(plot.x0, plot.y0), ImVec2(plot.x1, plot.y1), true);
  if (surface) {
    draw_surface_plot(dl, state, plot, hovered, style);
  } else {
    draw_plane(dl, state, t, {handle, hovered, near_handle, spread}, style);
  }
  dl.PopClipRect();
  dl.PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
  draw_chrome(dl, state, t, chrome, style, spread);
  dl.PopClipRect();

  if (!surface && hovered && near_handle && !state.view.dragging_start)
    ImGui::SetTooltip("%s", tr("Drag to move the start point of every run"));
  if (state.view.settings.hide_answer) draw_question(state, plot, style);
  ImGui::End();
  // Its ring and arrows sit on the plane: the 3D view has none of them.
  if (!surface && !state.view.settings.hide_answer) draw_explain_overlay(state, plot, t);
}

}  // namespace optviz::gui
