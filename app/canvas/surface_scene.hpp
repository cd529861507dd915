// The 3D view without GL: the surface's mesh (rebuilt only when the function, the box or a scale
// changes), the scene the GL pass draws into a texture (render/surface_renderer.hpp: the lit,
// colour-mapped mesh, the paths and the base's outline, depth-tested), and what ImGui draws over
// that image with the same camera (the current points, the start, the minima, the axes' labels).
// The window's canvas and the figures use the same functions.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "colour_map.hpp"
#include "grid.hpp"
#include "orbit_camera.hpp"
#include "scenario.hpp"
#include "surface_mesh.hpp"
#include "theme.hpp"
#include "trajectory.hpp"

namespace optviz::gui {

// Vertices a side of the surface's mesh (fewer for a loss from data).
inline constexpr int kSurfaceMeshSide = 161;

// The mesh of the function shown, kept while nothing it depends on changes.
class SurfaceModel {
 public:
  // The mesh of f over `box` with heights on `height` scale and colours on `colour`'s.
  const SurfaceMesh& update(const Objective& f, Box box, const HeatmapScale& colour, ColourScale height);
  const SurfaceMesh& mesh() const { return mesh_; }
  std::uint64_t generation() const { return generation_; }  // counts the rebuilds

 private:
  std::optional<Objective> objective_;
  Box box_;
  HeatmapScale colour_;
  ColourScale height_ = ColourScale::log;
  SurfaceMesh mesh_;
  std::uint64_t generation_ = 0;
};

// A polyline in the world, drawn with a constant width in pixels.
struct SurfaceLine {
  std::vector<Vec3f> points;
  Colour colour;
  float width = 1;  // pixels
};

// What the GL pass draws: the mesh, then the lines over it (each hidden where the surface is in
// front of it), into a width x height texture cleared to `background`.
struct SurfaceScene {
  const SurfaceMesh* mesh = nullptr;
  std::uint64_t mesh_generation = 0;
  SurfaceCamera camera;
  int contour_count = 0;  // lines on the surface at the colour scale's levels, as on the heatmap
  int width = 0;          // 0: nothing to draw
  int height = 0;
  float line_width = 1;  // of the contour lines, pixels
  Colour background;
  std::vector<SurfaceLine> lines;
};

// The runs to draw: every visible run up to `step`, the selected one last.
struct SurfaceRuns {
  const Scenario* scenario = nullptr;
  const std::vector<Trajectory>* runs = nullptr;
  long step = 0;
  std::optional<std::size_t> selected;
};

// The scene of the 3D view in a plot of `rect`: the model's mesh seen by `view`'s camera, the
// base's outline and each visible run's path (a dark outline under its colour).
SurfaceScene surface_scene(const SurfaceModel& model, const SurfaceView& view, PixelRect rect, int contour_count,
                           const SurfaceRuns& runs, const CanvasStyle& style);

// Over the scene's image in `rect`: tick labels along the base's two edges nearest the camera
// with the coordinates' names, the minima as stars, the start and each visible run's current
// point (a cross where it diverged), all on the surface.
void draw_surface_overlay(ImDrawList& dl, const SurfaceScene& scene, PixelRect rect, const SurfaceRuns& runs,
                          const CanvasStyle& style, std::string_view x_name, std::string_view y_name,
                          bool show_minima = true);

// The background colour of a style as a Colour.
Colour colour_of(ImU32 colour);

}  // namespace optviz::gui
