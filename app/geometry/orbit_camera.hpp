// The 3D view's camera: a perspective camera orbiting the centre of the surface's box at the
// scenario's yaw, pitch and zoom (SurfaceView), the matrices the GL pass draws with, the same
// projection for what ImGui draws over it, and the mouse's orbit and zoom. Pure maths, no GL.
//
// The world: the view box maps onto the square [-1, 1] x [-1, 1] of the base (x to the right, y
// away from a camera at yaw 0), and the height scale's position t in [0, 1] onto z = t *
// kSurfaceHeight.
#pragma once

#include <array>
#include <optional>

#include "geometry.hpp"
#include "scenario.hpp"

namespace optviz::gui {

inline constexpr float kSurfaceHeight = 0.9f;

struct Vec3f {
  float x = 0, y = 0, z = 0;
  friend bool operator==(const Vec3f&, const Vec3f&) = default;
};

// Column-major, as glUniformMatrix4fv takes it without transposing: element (row r, column c) at
// m[c * 4 + r].
struct Mat4 {
  std::array<float, 16> m{};
  static Mat4 identity();
  float at(int row, int column) const { return m[static_cast<std::size_t>(column * 4 + row)]; }
  friend Mat4 operator*(const Mat4& a, const Mat4& b);
};

// The centre of the surface's bounding box: what the camera looks at, and the screen's centre.
inline constexpr Vec3f kSurfaceCentre{0, 0, 0.5f * kSurfaceHeight};

struct SurfaceCamera {
  Mat4 view;
  Mat4 projection;
  Mat4 view_projection;  // projection * view
  Vec3f eye;
};

// The camera of `view` for a viewport of width / height = aspect: at zoom 1 the whole box fits
// from any yaw and pitch. Angles and zoom outside their limits are clamped.
SurfaceCamera surface_camera(const SurfaceView& view, float aspect);

// A world point in pixels of `viewport`, and its depth in [0, 1] (GL's window depth), or nothing
// when it lies behind the camera or is not finite.
struct Projected {
  Point2 pixel;
  float depth = 0;
};
std::optional<Projected> project(const SurfaceCamera& camera, Vec3f world, PixelRect viewport);

// Dragging by (dx, dy) pixels: right turns the surface to the right (the camera to the left),
// down raises the camera; the pitch stays within [kMinSurfacePitch, kMaxSurfacePitch] and the
// yaw within (-180, 180]. `pixels` is the viewport's height: a drag over all of it turns 180 degrees.
SurfaceView orbit(SurfaceView view, float dx, float dy, float pixels);
// The wheel: each notch comes 15% closer (negative notches go away), within the zoom's limits.
SurfaceView zoom(SurfaceView view, float notches);
// Angles and zoom brought within their limits (non-finite values take the defaults).
SurfaceView clamped(SurfaceView view);

}  // namespace optviz::gui
