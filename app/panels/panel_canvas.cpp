// The canvas: the heatmap (rendered by the renderer from the request made here), the
// trajectories, the start handle, the arrows of the selected run, the colour bar, the legend and
// the axes. Drag the handle to move the start, drag elsewhere to pan, wheel to zoom.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "canvas_draw.hpp"
#include "panels.hpp"
#include "plot_scale.hpp"

namespace optviz::gui {
namespace {

constexpr float kHandleRadius = 14;  // unscaled pixels

void handle_input(AppState& state, const CanvasTransform& t, bool hovered, bool near_handle) {
  const ImGuiIO& io = ImGui::GetIO();
  const Point2 mouse{io.MousePos.x, io.MousePos.y};
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && near_handle) state.dragging_start = true;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) state.dragging_start = false;

  if (state.dragging_start) {
    const Vec2 p = t.to_world(mouse);
    if (is_finite(p) && std::fabs(p.x) <= kDivergenceBound && std::fabs(p.y) <= kDivergenceBound)
      state.scenario.start = p;
    return;
  }
  if (ImGui::IsItemActive()) {
    // Pan with any button held since the press started on the canvas.
    const ImVec2 d = io.MouseDelta;
    if ((d.x != 0 || d.y != 0) && t.pixels_per_unit() > 0)
      state.view.wanted = pan_box(state.view.wanted, {-static_cast<double>(d.x) / t.pixels_per_unit(),
                                                      static_cast<double>(d.y) / t.pixels_per_unit()});
  }
  if (hovered && io.MouseWheel != 0) {
    const double factor = std::pow(0.85, static_cast<double>(io.MouseWheel));
    state.view.wanted = zoom_box(state.view.wanted, t.to_world(mouse), factor);
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) fit_view(state);
}

void draw_cursor_readout(ImDrawList& dl, const AppState& state, const CanvasTransform& t, const CanvasStyle& s) {
  const ImGuiIO& io = ImGui::GetIO();
  const Vec2 p = t.to_world({io.MousePos.x, io.MousePos.y});
  const double f = current_function(state).value(p);
  const CoordinateNames names = coordinate_names(current_function(state));
  const std::string text = std::string(names.x) + " = " + short_number(p.x) + "   " + names.y + " = " +
                           short_number(p.y) + "   f = " + short_number(f);
  const ImVec2 size = text_size(s, text);
  const PixelRect r = t.rect();
  const float pad = 6 * s.scale;
  const ImVec2 at(r.x1 - size.x - 2 * pad, r.y1 - size.y - 2 * pad - 24 * s.scale);
  dl.AddRectFilled(ImVec2(at.x - pad, at.y - pad), ImVec2(at.x + size.x + pad, at.y + size.y + pad), s.box,
                   4 * s.scale);
  dl.AddText(s.font, s.font_size, at, s.box_text, text.c_str());
}

void draw_title(ImDrawList& dl, const AppState& state, PixelRect r, const CanvasStyle& s) {
  const Objective& f = current_function(state);
  const float pad = 8 * s.scale;
  draw_text_shadowed(dl, s, ImVec2(r.x0 + pad + 24 * s.scale, r.y0 + pad), s.text_on_heatmap, f.title());
}

// True when the spread is on and some visible run has one.
bool spread_shown(const AppState& state) {
  const Spread& spread = state.spread;
  if (!state.view.show_spread || spread.runs.size() != state.simulated.runs.size()) return false;
  for (std::size_t i = 0; i < spread.runs.size(); ++i)
    if (state.simulated.runs[i].visible && (!spread.runs[i].seeds.empty() || spread.runs[i].reference.rows() > 0))
      return true;
  return false;
}

}  // namespace

void draw_canvas_panel(AppState& state) {
  const PixelRect r = state.layout.canvas;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const bool visible = begin_panel(
      "Canvas", r, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);
  if (!visible || r.width() < 2 || r.height() < 2) {
    ImGui::End();
    return;
  }
  const CanvasStyle style = ui_canvas_style(state);
  state.view.wanted = sanitized_box(state.view.wanted, current_function(state).view());
  CanvasTransform t(state.view.wanted, r);

  ImGui::SetCursorScreenPos(ImVec2(r.x0, r.y0));
  ImGui::InvisibleButton(
      "canvas", ImVec2(r.width(), r.height()),
      ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
  const bool hovered = ImGui::IsItemHovered();
  const ImGuiIO& io = ImGui::GetIO();
  const Point2 handle = t.to_pixels(state.scenario.start);
  const bool near_handle =
      std::hypot(io.MousePos.x - handle.x, io.MousePos.y - handle.y) <= kHandleRadius * style.scale;
  handle_input(state, t, hovered, near_handle);
  t = CanvasTransform(state.view.wanted, r);
  update_simulation(state);

  state.heatmap_request = {state.simulated.objective,
                           state.simulated.display.colour_scale,
                           state.view.show_contours ? state.simulated.display.contour_count : 0,
                           t.shown(),
                           static_cast<int>(std::lround(r.width())),
                           static_cast<int>(std::lround(r.height())),
                           style.scale};

  ImDrawList& dl = *ImGui::GetWindowDrawList();
  dl.PushClipRect(ImVec2(r.x0, r.y0), ImVec2(r.x1, r.y1), true);
  draw_heatmap(dl, state.heatmap_texture, r, style);
  draw_basin_overlay(dl, state, t);
  if (state.view.show_minima) draw_minima(dl, t, current_function(state), style);
  Polylines scratch;
  const bool spread = spread_shown(state);
  if (spread) draw_spread(dl, t, state.simulated, state.spread, current_step(state), style, scratch);
  std::vector<DivergenceLabel> divergences;
  draw_trajectories(dl, t, {&state.simulated, &state.runs, current_step(state), state.selected, &divergences}, style,
                    scratch);
  if (state.view.show_arrows && state.selected && *state.selected < state.runs.size() &&
      state.simulated.runs[*state.selected].visible)
    draw_step_arrows(dl, t, state.simulated.runs[*state.selected], state.runs[*state.selected], current_step(state),
                     style);
  draw_start_handle(dl, handle, state.dragging_start || (hovered && near_handle), style);
  const CoordinateNames names = coordinate_names(current_function(state));
  draw_axes(dl, t, style, AxisPlacement::inside, names.x, names.y);
  draw_title(dl, state, r, style);

  // The colour bar in a box at the right edge, the legend left of it.
  CanvasStyle boxed = style;
  boxed.text = style.box_text;
  const float pad = 8 * style.scale;
  const float label_w = colour_bar_label_width(state.heatmap, boxed);
  const float bar_w = 14 * style.scale;
  const float bar_h = std::min(r.height() * 0.45f, 320 * style.scale);
  const std::string bar_title = colour_bar_title(state.heatmap);
  const float box_w = std::max(bar_w + label_w, text_size(style, bar_title).x) + 2 * pad;
  const PixelRect bar_box{r.x1 - box_w - pad, r.y0 + pad, r.x1 - pad, r.y0 + pad + bar_h + style.font_size * 2.5f};
  dl.AddRectFilled(ImVec2(bar_box.x0, bar_box.y0), ImVec2(bar_box.x1, bar_box.y1), style.box, 4 * style.scale);
  dl.AddText(style.font, style.font_size, ImVec2(bar_box.x0 + pad, bar_box.y0 + pad * 0.5f), style.box_text,
             bar_title.c_str());
  const float bar_top = bar_box.y0 + pad * 0.5f + style.font_size * 1.4f;
  draw_colour_bar(dl, {bar_box.x0 + pad, bar_top, bar_box.x0 + pad + bar_w, bar_box.y1 - style.font_size * 0.8f},
                  state.heatmap, boxed);
  // The plots panel names the runs too; the canvas repeats it only when there is room.
  if (r.height() >= 420 * style.scale && r.width() >= 480 * style.scale)
    draw_legend(dl, {bar_box.x0 - pad, r.y0 + pad}, state.simulated, state.runs, style, false,
                spread ? "thin: 8 other seeds · dashed: no noise, full batch" : "");
  for (const DivergenceLabel& label : divergences) draw_divergence_label(dl, t, label, style);
  draw_basin_legend(dl, state, r, style);
  if (hovered && !state.dragging_start) draw_cursor_readout(dl, state, t, style);
  dl.PopClipRect();

  if (hovered && near_handle && !state.dragging_start) ImGui::SetTooltip("Drag to move the start point of every run");
  ImGui::End();
}

}  // namespace optviz::gui
