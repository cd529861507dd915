// The canvas in the 3D view: the surface, the paths and the current points from the scenario's
// camera (scenario.display.surface), orbited by dragging with any button and zoomed with the wheel;
// a double-click brings the camera back to its default angles. The GL pass draws the scene that
// this panel leaves in state.view.surface_scene; the image appears from the next frame on.
#include <imgui.h>

#include <string>

#include "canvas_draw.hpp"
#include "panels.hpp"

namespace optviz::gui {

void toggle_surface_view(AppState& state) {
  CanvasView& view = state.model.scenario.display.view;
  view = view == CanvasView::flat ? CanvasView::surface : CanvasView::flat;
}

void draw_surface_plot(ImDrawList& dl, AppState& state, PixelRect plot, bool hovered, const CanvasStyle& style) {
  SurfaceView& camera = state.model.scenario.display.surface;
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0))
    camera = orbit(camera, io.MouseDelta.x, io.MouseDelta.y, plot.height());
  if (hovered && io.MouseWheel != 0) camera = zoom(camera, io.MouseWheel);
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    const ColourScale height = camera.height;
    camera = SurfaceView{};
    camera.height = height;
  }

  // The mesh is the frame update's (from the last frame's camera height and view); the camera is this frame's.
  const Scenario& s = state.model.simulated;
  static const std::vector<Trajectory> no_runs;  // a lesson's question hides the paths
  const SurfaceRuns runs{&s, state.view.settings.hide_answer ? &no_runs : &state.model.runs, current_step(state),
                         state.model.selected};
  state.view.surface_scene =
      surface_scene(state.view.surface_model, camera, plot,
                    state.view.settings.show_contours ? s.display.contour_count : 0, runs, style);
  draw_heatmap(dl, state.view.surface_texture, plot, style);
  const CoordinateNames names = coordinate_names(s.course.objective);
  draw_surface_overlay(dl, state.view.surface_scene, plot, runs, style, names.x, names.y,
                       state.view.settings.show_minima);
  if (hovered && !ImGui::IsItemActive()) {
    // At the top, over the sky and clear of the base's axis ticks; shortened to the plot's width.
    const float pad = 6 * style.scale;
    const std::string hint =
        elided(style, "drag: turn   wheel: zoom   double-click: default angle   V: 2D", plot.width() - 6 * pad);
    const ImVec2 size = text_size(style, hint);
    const ImVec2 at(plot.x0 + pad * 2, plot.y0 + pad * 2);
    dl.AddRectFilled(ImVec2(at.x - pad, at.y - pad), ImVec2(at.x + size.x + pad, at.y + size.y + pad), style.box,
                     4 * style.scale);
    dl.AddText(style.font, style.font_size, at, style.box_text, hint.c_str());
  }
}

}  // namespace optviz::gui
