// The 3D view's geometry: the surface z = f(x, y) over the view box as a grid of vertices with
// normals and colour-scale positions, and the runs' paths laid on it. Pure maths, no GL: the
// GL pass (render/surface_renderer.hpp) uploads what this builds.
//
// Heights are the height scale's positions t in [0, 1] (log or linear, core/maps/grid.hpp), so a
// constant, infinite or NaN value still gives a finite, bounded surface; colours are the colour
// scale's positions, the same as the heatmap's at the same point.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "grid.hpp"
#include "orbit_camera.hpp"
#include "vec2.hpp"

namespace optviz::gui {

// The view box onto the world's base [-1, 1]^2, and a height position onto z.
struct SurfaceFrame {
  Box box{{0, 0}, {1, 1}};
  Vec3f to_world(Vec2 p, double t) const;
};

struct SurfaceMesh {
  SurfaceFrame frame;
  int columns = 0;                       // vertices along x
  int rows = 0;                          // vertices along y, row 0 at box.min.y
  std::vector<float> height;             // height-scale position per vertex, row-major
  std::vector<float> colour;             // colour-scale position per vertex
  std::vector<Vec3f> position;           // world position per vertex
  std::vector<Vec3f> normal;             // unit normal per vertex, pointing up (z >= 0)
  std::vector<std::uint32_t> triangles;  // three indices a triangle, counter-clockwise seen from above
};

// The side of the mesh for the objective: `side` vertices a side, fewer for a loss from data so
// that building it reads at most about kMaxMeshRowReads data rows.
inline constexpr double kMaxMeshRowReads = 1.2e7;
int surface_mesh_side(const Objective& f, int side);

// Samples f at columns x rows vertices spanning `box` corner to corner (each clamped to [2, 1024]).
SurfaceMesh build_surface_mesh(const Objective& f, Box box, const HeatmapScale& height, const HeatmapScale& colour,
                               int columns, int rows);

// The mesh's height position at p, interpolated as the triangles are; p is clamped to the box.
double surface_height(const SurfaceMesh& mesh, Vec2 p);

// A path on the surface: the part of `positions` inside the box (segments that cross its edge are
// cut there; non-finite points break the path), each segment split so that it follows the mesh
// instead of cutting through its hills, lifted by `lift` world units. One vector per unbroken piece.
std::vector<std::vector<Vec3f>> surface_path(const SurfaceMesh& mesh, std::span<const Vec2> positions, float lift);

// A point of the plane on the surface (clamped to the box), lifted: where the current points sit.
Vec3f on_surface(const SurfaceMesh& mesh, Vec2 p, float lift);

}  // namespace optviz::gui
