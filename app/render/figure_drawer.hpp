// Figures in the current GL context, drawn offscreen into a framebuffer of any size up to 8K with
// the same drawing code as the window (canvas_draw.hpp, run_plots.hpp, data_plot.hpp): a lesson's
// slide (slide_layout.hpp: chapter, title, the canvas, the lesson's plots and its text), its
// question slide (the question, no paths, the plots' axes without curves), or the canvas alone
// with a title, outside axes, a legend with each run's hyperparameters and a colour bar. The
// window's quick export uses it in the window's context; FigureRenderer in a hidden one.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "figure_renderer.hpp"
#include "gl_handles.hpp"
#include "heatmap_renderer.hpp"
#include "image.hpp"
#include "map_texture.hpp"
#include "scenario.hpp"
#include "slide_layout.hpp"
#include "surface_renderer.hpp"
#include "surface_scene.hpp"
#include "sweep.hpp"
#include "trajectory.hpp"

struct ImGuiContext;
struct ImDrawList;

namespace optviz::gui {

// The figure's text size in pixels for its size: readable on a slide, crisp at 8K.
float figure_font_size(int width, int height);

// The pixels of the bound read framebuffer as an opaque image, rows top to bottom (GL's rows start
// at the bottom).
Image read_pixels(int width, int height);

class FigureDrawer {
 public:
  // Needs a current GL 3.3 context; nullptr and `error` when the shaders fail.
  static std::unique_ptr<FigureDrawer> create(std::string& error);
  ~FigureDrawer();
  FigureDrawer(const FigureDrawer&) = delete;
  FigureDrawer& operator=(const FigureDrawer&) = delete;

  // The figure of `runs` (simulate(scenario)), showing scenario.view; width and height are clamped
  // to [1, kMaxFigureSide]. Leaves the GL framebuffer binding, the viewport and the current ImGui
  // context as it found them.
  Image render(const Scenario& scenario, const std::vector<Trajectory>& runs, const FigureRequest& request);
  // A network scenario's figure (figure_network.cpp), as FigureRenderer::render_network.
  Image render_network(const Scenario& scenario, const NetFigureRuns& runs, const FigureRequest& request);

 private:
  FigureDrawer() = default;
  // The fonts at `pixels`, with the glyphs of `text` (the scenario's words) besides the catalog's.
  void use_fonts(float pixels, const std::string& text);
  // A frame of width x height in the theme, its text `text_size` pixels and the canvas's and plots'
  // labels `fs`: the background, then `draw`; its pixels.
  Image draw_frame(int width, int height, Theme theme, float text_size, float fs,
                   const std::function<void(ImDrawList&, const CanvasStyle&)>& draw);
  // The canvas in `area`: with its own title lines when `alone`, the paths when `paths`.
  void draw_canvas(ImDrawList& dl, PixelRect area, const Scenario& scenario, const std::vector<Trajectory>& runs,
                   long step, const CanvasStyle& style, bool alone, bool paths);
  void draw_slide(ImDrawList& dl, const Scenario& scenario, const std::vector<Trajectory>& runs,
                  const FigureRequest& request, const SlideLayout& layout);
  // A network lesson's plane of its shown run, or why there is none (figure_network.cpp): computed once
  // per training it is of, as a GIF's frames draw the same plane.
  struct NetPlane {
    PlaneKind kind = PlaneKind::pca;
    std::uint64_t seed = 0;
    std::vector<double> start, end, second_end;  // the training it is of: the weights it went between
    std::vector<long> steps;                     // and the snapshots' steps
    std::optional<PlanePaths> paths;
    PlaneGrid grid;
    std::vector<std::size_t> runs;  // the runs of the paths
    std::string error;
  };
  const NetPlane& net_plane(const Scenario& scenario, const NetFigureRuns& runs, std::size_t shown);
  // The lesson's sweep map (computed once per sweep) fitted into `rect`.
  void draw_sweep(ImDrawList& dl, PixelRect rect, const Scenario& scenario);

  ImGuiContext* context_ = nullptr;
  float font_size_ = 0;
  std::string font_text_;
  std::unique_ptr<HeatmapRenderer> heatmap_;
  std::unique_ptr<SurfaceRenderer> surface_;  // the 3D view (scenario.display.view)
  SurfaceModel surface_model_;
  std::optional<Objective> scale_function_;  // the function scale_ was measured for
  ColourScale scale_kind_ = ColourScale::log;
  HeatmapScale scale_;
  std::optional<NetPlane> plane_;
  std::optional<Sweep> sweep_;  // the sweep the map below shows
  Map sweep_map_;
  double sweep_scale_ = 0;  // pixels to a unit of sweep_image_
  Image sweep_image_;
  std::unique_ptr<MapTexture> sweep_texture_;
  std::uint64_t sweep_generation_ = 0;
  GlFramebuffer framebuffer_;
  GlTexture colour_;
  int width_ = 0;
  int height_ = 0;
};

// A FigureRenderer that draws in the GL context current now (the window's), for the File menu's
// exports; nullptr and `error` when the shaders fail.
std::unique_ptr<FigureRenderer> make_figure_renderer_in_context(std::string& error);

}  // namespace optviz::gui
