#include "surface_mesh.hpp"

#include <algorithm>
#include <cmath>

#include "objective.hpp"

namespace optviz::gui {
namespace {

constexpr int kMaxMeshSide = 1024;
constexpr int kMaxPiecesPerSegment = 512;

// The box coordinates (u, v) in [0, 1]^2 of p.
Vec2 unit(const Box& box, Vec2 p) {
  return {(p.x - box.min.x) / (box.max.x - box.min.x), (p.y - box.min.y) / (box.max.y - box.min.y)};
}

// Cuts the segment a-b to the unit square (Liang-Barsky); false when nothing of it is inside.
bool clip_to_unit_square(Vec2& a, Vec2& b) {
  double t0 = 0, t1 = 1;
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x, 1 - a.x, a.y, 1 - a.y};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double r = q[i] / p[i];
    if (p[i] < 0)
      t0 = std::max(t0, r);
    else
      t1 = std::min(t1, r);
    if (t0 > t1) return false;
  }
  const Vec2 start = a;
  a = {start.x + t0 * dx, start.y + t0 * dy};
  b = {start.x + t1 * dx, start.y + t1 * dy};
  return true;
}

// The height at unit coordinates, interpolated on the triangle that covers them.
double height_at_unit(const SurfaceMesh& m, Vec2 u) {
  const double gx = std::clamp(u.x, 0.0, 1.0) * (m.columns - 1), gy = std::clamp(u.y, 0.0, 1.0) * (m.rows - 1);
  const int i = std::min(static_cast<int>(gx), m.columns - 2), j = std::min(static_cast<int>(gy), m.rows - 2);
  const double s = gx - i, t = gy - j;
  auto h = [&m](int c, int r) { return static_cast<double>(m.height[static_cast<std::size_t>(r) * m.columns + c]); };
  const double h00 = h(i, j), h10 = h(i + 1, j), h01 = h(i, j + 1), h11 = h(i + 1, j + 1);
  // The cell's triangles are (00, 10, 11) below its diagonal and (00, 11, 01) above it.
  if (s >= t) return h00 + s * (h10 - h00) + t * (h11 - h10);
  return h00 + t * (h01 - h00) + s * (h11 - h01);
}

Vec3f world_at_unit(const SurfaceMesh& m, Vec2 u, float lift) {
  const float h = static_cast<float>(height_at_unit(m, u));
  return {static_cast<float>(2 * u.x - 1), static_cast<float>(2 * u.y - 1), h * kSurfaceHeight + lift};
}

}  // namespace

Vec3f SurfaceFrame::to_world(Vec2 p, double t) const {
  const Vec2 u = unit(box, p);
  return {static_cast<float>(2 * u.x - 1), static_cast<float>(2 * u.y - 1), static_cast<float>(t) * kSurfaceHeight};
}

int surface_mesh_side(const Objective& f, int side) {
  side = std::clamp(side, 2, kMaxMeshSide);
  const Dataset* data = f.data();
  if (data == nullptr || data->size() == 0) return side;
  const double most = std::sqrt(kMaxMeshRowReads / static_cast<double>(data->size()));
  return std::clamp(static_cast<int>(most), 16, side);
}

SurfaceMesh build_surface_mesh(const Objective& f, Box box, const HeatmapScale& height, const HeatmapScale& colour,
                               int columns, int rows) {
  SurfaceMesh m;
  m.frame.box = box;
  m.columns = std::clamp(columns, 2, kMaxMeshSide);
  m.rows = std::clamp(rows, 2, kMaxMeshSide);
  const std::size_t count = static_cast<std::size_t>(m.columns) * static_cast<std::size_t>(m.rows);
  m.height.resize(count);
  m.colour.resize(count);
  m.position.resize(count);
  m.normal.resize(count);
  for (int j = 0; j < m.rows; ++j) {
    const double v = static_cast<double>(j) / (m.rows - 1);
    for (int i = 0; i < m.columns; ++i) {
      const double u = static_cast<double>(i) / (m.columns - 1);
      const Vec2 p{box.min.x + u * (box.max.x - box.min.x), box.min.y + v * (box.max.y - box.min.y)};
      const double value = f.value(p);
      const std::size_t k = static_cast<std::size_t>(j) * m.columns + i;
      m.height[k] = static_cast<float>(height.position(value));
      m.colour[k] = static_cast<float>(colour.position(value));
      m.position[k] = {static_cast<float>(2 * u - 1), static_cast<float>(2 * v - 1), m.height[k] * kSurfaceHeight};
    }
  }
  // Normals from central differences of the world heights (one-sided at the edges).
  const float cell_x = 2.0f / static_cast<float>(m.columns - 1), cell_y = 2.0f / static_cast<float>(m.rows - 1);
  auto z = [&m](int i, int j) { return m.position[static_cast<std::size_t>(j) * m.columns + i].z; };
  for (int j = 0; j < m.rows; ++j)
    for (int i = 0; i < m.columns; ++i) {
      const int i0 = std::max(i - 1, 0), i1 = std::min(i + 1, m.columns - 1);
      const int j0 = std::max(j - 1, 0), j1 = std::min(j + 1, m.rows - 1);
      const float dzdx = (z(i1, j) - z(i0, j)) / (static_cast<float>(i1 - i0) * cell_x);
      const float dzdy = (z(i, j1) - z(i, j0)) / (static_cast<float>(j1 - j0) * cell_y);
      const float n = std::sqrt(dzdx * dzdx + dzdy * dzdy + 1);
      m.normal[static_cast<std::size_t>(j) * m.columns + i] = {-dzdx / n, -dzdy / n, 1 / n};
    }
  m.triangles.reserve(static_cast<std::size_t>(m.columns - 1) * (m.rows - 1) * 6);
  for (int j = 0; j + 1 < m.rows; ++j)
    for (int i = 0; i + 1 < m.columns; ++i) {
      const auto k00 = static_cast<std::uint32_t>(j * m.columns + i);
      const std::uint32_t k10 = k00 + 1, k01 = k00 + static_cast<std::uint32_t>(m.columns), k11 = k01 + 1;
      m.triangles.insert(m.triangles.end(), {k00, k10, k11, k00, k11, k01});
    }
  return m;
}

double surface_height(const SurfaceMesh& mesh, Vec2 p) {
  if (mesh.columns < 2 || mesh.rows < 2) return 0;
  return height_at_unit(mesh, unit(mesh.frame.box, p));
}

Vec3f on_surface(const SurfaceMesh& mesh, Vec2 p, float lift) {
  Vec2 u = unit(mesh.frame.box, p);
  u = {std::isfinite(u.x) ? std::clamp(u.x, 0.0, 1.0) : 0.5, std::isfinite(u.y) ? std::clamp(u.y, 0.0, 1.0) : 0.5};
  if (mesh.columns < 2 || mesh.rows < 2)
    return {static_cast<float>(2 * u.x - 1), static_cast<float>(2 * u.y - 1), lift};
  return world_at_unit(mesh, u, lift);
}

std::vector<std::vector<Vec3f>> surface_path(const SurfaceMesh& mesh, std::span<const Vec2> positions, float lift) {
  std::vector<std::vector<Vec3f>> pieces;
  if (mesh.columns < 2 || mesh.rows < 2 || positions.empty()) return pieces;
  const Box& box = mesh.frame.box;
  // Points closer than a quarter of a cell to the last one kept add nothing the mesh can show.
  const double min_gap = 0.25 / std::max(mesh.columns, mesh.rows);
  const double cells = std::max(mesh.columns, mesh.rows) - 1;
  std::vector<Vec3f>* current = nullptr;
  Vec2 last_end{};
  bool have_previous = false;
  Vec2 previous{};
  auto add = [&](Vec2 u) {
    if (current == nullptr) {
      pieces.emplace_back();
      current = &pieces.back();
    }
    current->push_back(world_at_unit(mesh, u, lift));
    last_end = u;
  };
  for (std::size_t k = 0; k < positions.size(); ++k) {
    const Vec2 u = unit(box, positions[k]);
    if (!std::isfinite(u.x) || !std::isfinite(u.y)) {
      have_previous = false;
      current = nullptr;
      continue;
    }
    if (!have_previous) {
      previous = u;
      have_previous = true;
      if (positions.size() == 1 && u.x >= 0 && u.x <= 1 && u.y >= 0 && u.y <= 1) add(u);
      continue;
    }
    const bool final_point = k + 1 == positions.size();
    if (!final_point && current != nullptr && std::fabs(u.x - previous.x) < min_gap &&
        std::fabs(u.y - previous.y) < min_gap)
      continue;
    Vec2 a = previous, b = u;
    previous = u;
    if (!clip_to_unit_square(a, b)) {
      current = nullptr;
      continue;
    }
    // The segment left the box before: start a new piece where it comes back.
    if (current != nullptr && (std::fabs(a.x - last_end.x) > 1e-12 || std::fabs(a.y - last_end.y) > 1e-12))
      current = nullptr;
    if (current == nullptr) add(a);
    const double span = std::max(std::fabs(b.x - a.x), std::fabs(b.y - a.y)) * cells;
    const int n = std::clamp(static_cast<int>(std::ceil(span)), 1, kMaxPiecesPerSegment);
    for (int s = 1; s <= n; ++s) {
      const double t = static_cast<double>(s) / n;
      add({a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)});
    }
    // Cut at the box's edge: the rest of the path is outside until a segment comes back.
    if (b.x != u.x || b.y != u.y) current = nullptr;
  }
  return pieces;
}

}  // namespace optviz::gui
