// The panels: one function per panel, each drawing its part of the window from the state and
// changing it through the actions of state.hpp. No GL: the headless test draws them all.
#pragma once

#include <imgui.h>

#include "explain.hpp"
#include "parameters.hpp"
#include "slider_scale.hpp"
#include "state.hpp"
#include "theme.hpp"

namespace optviz::gui {

void draw_menu_bar(AppState& state);
void draw_time_bar(AppState& state);
void draw_controls_panel(AppState& state);
void draw_runs_section(AppState& state);     // inside the controls panel
void draw_network_section(AppState& state);  // inside the controls panel, for a network scenario
// A network scenario's views (panel_network_views.cpp): in the canvas panel, and in the plots panel.
void draw_network_canvas(AppState& state);
void draw_network_plots(AppState& state);
void draw_canvas_panel(AppState& state);
void draw_plots_panel(AppState& state);
void draw_data_plot(const AppState& state, ImVec2 size);  // inside the plots panel, for a loss from data
// A network scenario's weight-space plane (panel_plane.cpp) in a size area of the current window: the
// kind of plane, the loss over it with the selected run's path, the true loss against the plane's.
// update_network_plane, in the frame's update, computes it after a frame that drew it.
void draw_network_plane(AppState& state, ImVec2 size);
void update_network_plane(AppState& state);
void draw_training_fields(AppState& state, std::size_t index);  // inside a run: schedule, batches, noise
void draw_inspector_panel(AppState& state);
// Inside the inspector while explain mode plays a network parameter's update (net_explain_panel.cpp).
void draw_explained_parameter(AppState& state);

// A line of the inspector: one value of the selected run's next update, per coordinate, as
// shown; `part` indexes the explanation's parts (core's explain_update). A value that an earlier
// part shows already is not repeated.
struct InspectorRow {
  std::size_t part;
  std::string name;
  std::string x;
  std::string y;
};
std::vector<InspectorRow> inspector_rows(const Explanation& e);
void draw_splitters(AppState& state);
void draw_dialogs(AppState& state);
void draw_about(AppState& state);  // Help > About optviz (panel_about.cpp)
// Presentation mode's frame: the canvas, the compact time bar, the lesson's strip, the plots when
// asked, the menu bar and the controls when the pointer reveals them (panel_present.cpp).
void draw_presentation(AppState& state);
void handle_shortcuts(AppState& state);
// The lesson (panel_lesson.cpp): what its strip says (the text, or the question while it is asked),
// how tall the strip is at a width (0 when it is hidden), the strip at layout.lesson, and the chapter
// and title at layout.header (presentation mode).
std::string lesson_text(const AppState& state);
// The title, or while the question is asked the question (the title would give the answer away).
std::string lesson_heading(const AppState& state);
float lesson_strip_height(const AppState& state, float width);
void draw_lesson_strip(AppState& state);
void draw_lesson_header(const AppState& state);
// A window over the canvas while state.model.maps->sweep.show (panel_sweep.cpp).
void draw_sweep_panel(AppState& state);
// Inside the canvas while state.model.maps->basin.show (basin_overlay.cpp): the overlay over the heatmap,
// then its legend over everything else.
void draw_basin_overlay(ImDrawList& dl, AppState& state, const CanvasTransform& transform);
void draw_basin_legend(ImDrawList& dl, const AppState& state, const CanvasTransform& transform,
                       const CanvasStyle& style);
// After the canvas while state.view.explain.open (explain_overlay.cpp): the explained update's inset
// window in a corner of the plot, and a ring at the run's point.
void draw_explain_overlay(AppState& state, PixelRect plot, const CanvasTransform& transform);
// The canvas's plot in the 3D view (panel_surface.cpp): orbit and zoom with the mouse, the scene
// for the GL pass, its image and what is drawn over it.
void draw_surface_plot(ImDrawList& dl, AppState& state, PixelRect plot, bool hovered, const CanvasStyle& style);
// Switches the canvas between the heatmap and the 3D surface.
void toggle_surface_view(AppState& state);

// Helpers the panels share.
// Begins a fixed window over `rect` (always call ImGui::End after, as with ImGui::Begin).
bool begin_panel(const char* name, PixelRect rect, ImGuiWindowFlags extra = 0);
CanvasStyle ui_canvas_style(const AppState& state);
// A label in a column of `width` (times the font size) from the current indent; the next item
// follows on the same line.
void label_column(const char* text, float width = 3.2f);
// A tooltip with `text` for the last item when hovered.
void tooltip(const char* text);
// Red that reads on the theme's background, for errors and diverged runs.
ImVec4 error_colour(const AppState& state);
// Under the formula or rule field just drawn: a mark under the error's column and the message
// "column N: problem" (nothing when the text compiles).
void formula_problem(const AppState& state, const FormulaEdit& edit);
// A labelled row with a slider through `mapping` and a field to type an exact value (checked
// against p's range, a bad one sets a notice); the label's tooltip gives p's help. True when the
// value changed. Inside a PushID of its own.
bool value_row(AppState& state, const char* label, const RealParameter& p, const SliderMapping& mapping, double& value);
// The UI scale one step up or down (Ctrl +/-), asking for the fonts to be rebuilt.
void change_ui_scale(AppState& state, int direction);

}  // namespace optviz::gui
