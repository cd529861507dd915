// Drawing the canvas with an ImDrawList: the heatmap image, axes, minima, trajectories, the start
// handle, the step arrows, the colour bar and the legend. The on-screen canvas and the offscreen
// figures call the same functions; nothing here touches GL. The paths are drawn in canvas_paths.cpp,
// the colour bar and the legend in canvas_legend.cpp, the rest in canvas_draw.cpp.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "canvas_chrome.hpp"
#include "geometry.hpp"
#include "grid.hpp"
#include "polyline.hpp"
#include "scenario.hpp"
#include "spread.hpp"
#include "theme.hpp"
#include "trajectory.hpp"

namespace optviz::gui {

inline ImVec2 im(Point2 p) { return {p.x, p.y}; }

void draw_text_shadowed(ImDrawList& dl, const CanvasStyle& style, ImVec2 pos, ImU32 colour, std::string_view text);
ImVec2 text_size(const CanvasStyle& style, std::string_view text);

// The heatmap texture over `rect` (its first row is the bottom), or the background without one.
void draw_heatmap(ImDrawList& dl, void* texture, PixelRect rect, const CanvasStyle& style);

// `text` with its lines broken at spaces only, each as long as fits `width` pixels at `size`:
// ImGui's own wrapping may break after a '.', inside a number such as 0.013.
std::string wrap_at_spaces(ImFont* font, float size, float width, std::string_view text);

// `text` shortened with "…" to at most `width` pixels (whole characters), or empty if not even that fits.
std::string elided(const CanvasStyle& style, std::string_view text, float width);
// `text` cut in the middle ("RMSprop…=0.999") to fit `width`: its start and its end, where names
// of runs differ, both stay.
std::string elided_middle(const CanvasStyle& style, std::string_view text, float width);

enum class AxisPlacement { inside, outside };
// Where outside tick labels may go: a label that would leave its strip is not drawn.
struct AxisLabelStrips {
  PixelRect x;
  PixelRect y;
};
// Inside axes also name the coordinates (x and y, or w and b for a loss from data).
void draw_axes(ImDrawList& dl, const CanvasTransform& transform, const CanvasStyle& style, AxisPlacement placement,
               std::string_view x_name = "x", std::string_view y_name = "y",
               std::optional<AxisLabelStrips> strips = std::nullopt);

// A minimum's star of radius r at c: white with a dark outline, visible on every colour of the map.
void draw_minimum_star(ImDrawList& dl, ImVec2 c, float r, const CanvasStyle& style);
// A typed formula's minima were found by a search: the window labels them "found" (`found_label`).
void draw_minima(ImDrawList& dl, const CanvasTransform& transform, const Objective& f, const CanvasStyle& style,
                 bool found_label = true);
// The minima's stars as boxes, for labels to keep off them.
std::vector<PixelRect> minima_marks(const CanvasTransform& transform, const Objective& f, const CanvasStyle& style);
// "found" beside each found minimum's star, where it covers nothing in `taken` (markers, paths'
// ends, arrows, labels), which it joins.
void label_found_minima(ImDrawList& dl, const CanvasTransform& transform, const Objective& f, const CanvasStyle& style,
                        std::vector<PixelRect>& taken);

// "diverged at step k" at a point of the canvas, in the run's colour.
struct DivergenceLabel {
  Point2 at;
  ImU32 colour;
  std::string text;
};

struct TrajectoryScene {
  const Scenario* scenario = nullptr;
  const std::vector<Trajectory>* runs = nullptr;
  long step = 0;                        // draw each run up to this step
  std::optional<std::size_t> selected;  // drawn last, on top
  bool ahead = false;                   // each path's rest beyond the step too, faint
  // When set, the divergence labels are returned here to be drawn on top of everything else;
  // otherwise they are drawn with the paths.
  std::vector<DivergenceLabel>* labels = nullptr;
};

// What labels must not cover: each visible run's marker at the step and its path's end, as boxes.
std::vector<PixelRect> run_marks(const CanvasTransform& transform, const TrajectoryScene& scene,
                                 const CanvasStyle& style);

// Every visible run's path up to the step (an outline under its colour), its current point, and
// "diverged at step k" where a run diverged; with `ahead`, under them, the rest of each path
// thin and faint, so that a lesson shows at step 0 where each optimizer goes.
void draw_trajectories(ImDrawList& dl, const CanvasTransform& transform, const TrajectoryScene& scene,
                       const CanvasStyle& style, Polylines& scratch);

// Under the paths: each visible run's spread up to the step, its other seeds thin and
// translucent with their current points as dots, its noiseless reference dashed.
void draw_spread(ImDrawList& dl, const CanvasTransform& transform, const Scenario& scenario, const Spread& spread,
                 long step, const CanvasStyle& style, Polylines& scratch);

void draw_divergence_label(ImDrawList& dl, const CanvasTransform& transform, const DivergenceLabel& label,
                           const CanvasStyle& style);

void draw_start_handle(ImDrawList& dl, Point2 at, bool active, const CanvasStyle& style);

// A gradient this small beside the largest of its run (at the minimum, say) is drawn as a ring
// labelled "∇f ≈ 0", not as an arrow of the directions' length.
inline constexpr double kVanishedGradient = 1e-4;
bool gradient_vanished(const Trajectory& traj, std::size_t k);
// The gradient arrow's label at row k: "−∇f direction" ("−g direction" for noisy gradients), or
// "∇f ≈ 0" when it vanished.
std::string descent_label(const RunSpec& run, const Trajectory& traj, std::size_t k);

// At the run's point at `step`: the descent direction -g and the momentum's direction (if the
// optimizer has one), each at one length and labelled "direction", and the actual next step,
// labelled where the labels cover nothing in `taken` (markers, stars, other labels), which they join.
void draw_step_arrows(ImDrawList& dl, const CanvasTransform& transform, const RunSpec& run, const RunLook& look,
                      const Trajectory& t, long step, const CanvasStyle& style, std::vector<PixelRect>& taken);

// A vertical colour bar in `bar` with value ticks on its right (labels need about
// colour_bar_label_width more pixels); when `labels` is given, a label that would leave it is not
// drawn.
void draw_colour_bar(ImDrawList& dl, PixelRect bar, const HeatmapScale& scale, const CanvasStyle& style,
                     std::optional<PixelRect> labels = std::nullopt);
float colour_bar_label_width(const HeatmapScale& scale, const CanvasStyle& style);
// f less its minimum, in words: "f − f*" when the minimum is known, else "f − lowest found".
std::string gap_name(bool known_minimum);
// What the colour bar's labels count, in words: "f", or on a log scale whose lowest value is not a
// known minimum of 0, "f − f*" (f* known) or "f − lowest found"; never a number.
std::string colour_bar_title(const HeatmapScale& scale);
// The whole sentence, with the minimum: "Colours: f − f* on a log scale, where f* = 0.104 is f's
// minimum".
std::string colour_bar_explanation(const HeatmapScale& scale);
// "f* = 0.104" or "lowest 0.104" under that title in figures ("" when the labels count f itself).
std::string colour_bar_minimum(const HeatmapScale& scale);

// The legend of the canvas in the box `chrome.legend`: the first `chrome.legend_rows` visible
// runs, "+k more" for the others, then the note's lines when chrome.note_rows is set; names
// elided to the box's width.
void draw_legend_in(ImDrawList& dl, const CanvasChrome& chrome, const Scenario& scenario,
                    const std::vector<Trajectory>& runs, const CanvasStyle& style,
                    const std::vector<std::string>& note = {});

// The width of draw_legend_in's box that writes every visible run's name whole.
float legend_in_width(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& style);

// The size of draw_legend's box.
ImVec2 legend_size(const Scenario& scenario, const std::vector<Trajectory>& runs, const CanvasStyle& style,
                   bool parameters, std::string_view note = {});
// The runs' names (and their parameters when `parameters` is set) in a box whose top-right corner
// is `top_right`, with `note` in a last line when given. Returns the box.
PixelRect draw_legend(ImDrawList& dl, Point2 top_right, const Scenario& scenario, const std::vector<Trajectory>& runs,
                      const CanvasStyle& style, bool parameters, std::string_view note = {});

}  // namespace optviz::gui
