#include "orbit_camera.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace optviz::gui {
namespace {

constexpr double kFieldOfView = 30;  // vertical, degrees
constexpr double kNear = 0.05;
constexpr double kFar = 100;

double radians(double degrees) { return degrees * std::numbers::pi / 180; }

struct V3 {
  double x, y, z;
};
V3 operator-(V3 a, V3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
double dot(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
V3 cross(V3 a, V3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
V3 normalized(V3 a) {
  const double n = std::sqrt(dot(a, a));
  return n > 0 ? V3{a.x / n, a.y / n, a.z / n} : V3{0, 0, 1};
}

Mat4 look_at(V3 eye, V3 target, V3 up) {
  const V3 f = normalized(target - eye);
  const V3 s = normalized(cross(f, up));
  const V3 u = cross(s, f);
  Mat4 r = Mat4::identity();
  auto set = [&r](int row, int column, double v) {
    r.m[static_cast<std::size_t>(column * 4 + row)] = static_cast<float>(v);
  };
  set(0, 0, s.x), set(0, 1, s.y), set(0, 2, s.z), set(0, 3, -dot(s, eye));
  set(1, 0, u.x), set(1, 1, u.y), set(1, 2, u.z), set(1, 3, -dot(u, eye));
  set(2, 0, -f.x), set(2, 1, -f.y), set(2, 2, -f.z), set(2, 3, dot(f, eye));
  return r;
}

Mat4 perspective(double fov_y, double aspect, double near, double far) {
  const double t = 1 / std::tan(fov_y / 2);
  Mat4 r;
  r.m[0] = static_cast<float>(t / aspect);
  r.m[5] = static_cast<float>(t);
  r.m[10] = static_cast<float>((far + near) / (near - far));
  r.m[11] = -1;
  r.m[14] = static_cast<float>(2 * far * near / (near - far));
  return r;
}

// How far from the centre the camera must be for the box to fit the view at zoom 1, whatever
// the yaw (so that turning the surface never changes its size): the base is taken as the disc
// around it, of radius sqrt(2), at the bottom and the top of the box. A point at horizontal
// offset w towards the camera and height z from the centre lies depth = w cos p + z sin p nearer
// the camera and up = z cos p - w sin p above the view's axis; it fits when
// |up| <= margin * tan(fov / 2) * (distance - depth), and as much sideways.
double fit_distance(double pitch, double half_fov_tan, double aspect) {
  constexpr double kMargin = 0.9;
  const double r = std::numbers::sqrt2, h = 0.5 * static_cast<double>(kSurfaceHeight);
  const double c = std::cos(pitch), s = std::sin(pitch);
  double distance = 0;
  for (const double z : {-h, h}) {
    for (const double w : {-r, r}) {
      const double depth = w * c + z * s, up = z * c - w * s;
      distance = std::max(distance, depth + std::fabs(up) / (kMargin * half_fov_tan));
    }
    distance = std::max(distance, z * s + r / (kMargin * half_fov_tan * aspect));
  }
  return distance;
}

}  // namespace

Mat4 Mat4::identity() {
  Mat4 r;
  r.m[0] = r.m[5] = r.m[10] = r.m[15] = 1;
  return r;
}

Mat4 operator*(const Mat4& a, const Mat4& b) {
  Mat4 r;
  for (int c = 0; c < 4; ++c)
    for (int row = 0; row < 4; ++row) {
      float sum = 0;
      for (int k = 0; k < 4; ++k) sum += a.at(row, k) * b.at(k, c);
      r.m[static_cast<std::size_t>(c * 4 + row)] = sum;
    }
  return r;
}

SurfaceView clamped(SurfaceView v) {
  const SurfaceView defaults;
  if (!std::isfinite(v.yaw)) v.yaw = defaults.yaw;
  if (!std::isfinite(v.pitch)) v.pitch = defaults.pitch;
  if (!std::isfinite(v.zoom)) v.zoom = defaults.zoom;
  v.yaw = std::remainder(v.yaw, 360.0);
  if (v.yaw <= -180) v.yaw += 360;
  v.pitch = std::clamp(v.pitch, kMinSurfacePitch, kMaxSurfacePitch);
  v.zoom = std::clamp(v.zoom, kMinSurfaceZoom, kMaxSurfaceZoom);
  return v;
}

SurfaceCamera surface_camera(const SurfaceView& wanted, float aspect) {
  const SurfaceView v = clamped(wanted);
  const double a = std::isfinite(aspect) && aspect > 0 ? std::clamp(static_cast<double>(aspect), 0.05, 20.0) : 1.0;
  const double fov = radians(kFieldOfView);
  const double half = std::tan(fov / 2);
  const double yaw = radians(v.yaw), pitch = radians(v.pitch);
  const double distance = fit_distance(pitch, half, a) / v.zoom;
  const V3 target{static_cast<double>(kSurfaceCentre.x), static_cast<double>(kSurfaceCentre.y),
                  static_cast<double>(kSurfaceCentre.z)};
  const V3 eye{target.x + distance * std::cos(pitch) * std::sin(yaw),
               target.y - distance * std::cos(pitch) * std::cos(yaw), target.z + distance * std::sin(pitch)};
  SurfaceCamera camera;
  camera.view = look_at(eye, target, {0, 0, 1});
  camera.projection = perspective(fov, a, kNear, kFar);
  camera.view_projection = camera.projection * camera.view;
  camera.eye = {static_cast<float>(eye.x), static_cast<float>(eye.y), static_cast<float>(eye.z)};
  return camera;
}

std::optional<Projected> project(const SurfaceCamera& camera, Vec3f p, PixelRect viewport) {
  if (!std::isfinite(p.x) || !std::isfinite(p.y) || !std::isfinite(p.z)) return std::nullopt;
  const Mat4& m = camera.view_projection;
  float clip[4];
  for (int row = 0; row < 4; ++row)
    clip[row] = m.at(row, 0) * p.x + m.at(row, 1) * p.y + m.at(row, 2) * p.z + m.at(row, 3);
  if (!(clip[3] > 1e-6f)) return std::nullopt;
  const float x = clip[0] / clip[3], y = clip[1] / clip[3], z = clip[2] / clip[3];
  Projected out;
  out.pixel = {viewport.x0 + (x + 1) * 0.5f * viewport.width(), viewport.y0 + (1 - y) * 0.5f * viewport.height()};
  out.depth = (z + 1) * 0.5f;
  return out;
}

SurfaceView orbit(SurfaceView v, float dx, float dy, float pixels) {
  const double per_pixel = 180.0 / static_cast<double>(std::max(1.0f, pixels));
  if (std::isfinite(dx)) v.yaw -= static_cast<double>(dx) * per_pixel;
  if (std::isfinite(dy)) v.pitch += static_cast<double>(dy) * per_pixel;
  return clamped(v);
}

SurfaceView zoom(SurfaceView v, float notches) {
  if (std::isfinite(notches)) v.zoom *= std::pow(1.15, static_cast<double>(std::clamp(notches, -20.0f, 20.0f)));
  return clamped(v);
}

}  // namespace optviz::gui
