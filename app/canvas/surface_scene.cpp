#include "surface_scene.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "canvas_draw.hpp"
#include "plot_scale.hpp"

namespace optviz::gui {
namespace {

constexpr float kPathLift = 0.012f;  // world units above the surface: the paths lie on it, never in it

std::vector<std::size_t> drawing_order(const SurfaceRuns& r) {
  std::vector<std::size_t> order;
  if (r.scenario == nullptr || r.runs == nullptr) return order;
  const std::size_t n = std::min(r.runs->size(), r.scenario->course.runs.size());
  for (std::size_t i = 0; i < n; ++i)
    if (r.scenario->looks[i].visible && (*r.runs)[i].rows() > 0 && (!r.selected || *r.selected != i))
      order.push_back(i);
  if (r.selected && *r.selected < n && r.scenario->looks[*r.selected].visible && (*r.runs)[*r.selected].rows() > 0)
    order.push_back(*r.selected);
  return order;
}

std::size_t last_row(const Trajectory& t, long step) {
  return std::min<std::size_t>(static_cast<std::size_t>(std::max(step, 0L)), t.rows() - 1);
}

Colour colour_of(const Rgb& c) {
  return {static_cast<float>(c.r) / 255, static_cast<float>(c.g) / 255, static_cast<float>(c.b) / 255, 1};
}

std::optional<Point2> pixel_of(const SurfaceScene& scene, Vec3f p, PixelRect rect) {
  const auto projected = project(scene.camera, p, rect);
  if (!projected) return std::nullopt;
  return projected->pixel;
}

// Tick labels of one coordinate along the base edge at `edge` (-1 or 1) of the other coordinate,
// pushed outwards, and the coordinate's name beyond them.
void draw_edge_labels(ImDrawList& dl, const SurfaceScene& scene, PixelRect rect, const CanvasStyle& s, bool along_x,
                      float edge, std::string_view name) {
  const Box& box = scene.mesh->frame.box;
  const double lo = along_x ? box.min.x : box.min.y, hi = along_x ? box.max.x : box.max.y;
  auto world = [&](double value, float out) {
    const float w = static_cast<float>(2 * (value - lo) / (hi - lo) - 1);
    const float across = edge * (1 + out);
    return along_x ? Vec3f{w, across, 0} : Vec3f{across, w, 0};
  };
  auto centred = [&](Point2 p, std::string_view text, ImU32 colour) {
    const ImVec2 size = text_size(s, text);
    dl.AddText(s.font, s.font_size, ImVec2(p.x - size.x / 2, p.y - size.y / 2), colour, text.data(),
               text.data() + text.size());
  };
  for (const Tick& tick : axis_ticks({lo, hi, false}, 5)) {
    const auto tip = pixel_of(scene, world(tick.value, 0.0f), rect);
    const auto end = pixel_of(scene, world(tick.value, 0.05f), rect);
    const auto at = pixel_of(scene, world(tick.value, 0.16f), rect);
    if (!tip || !end || !at) continue;
    dl.AddLine(im(*tip), im(*end), s.axis, 1.5f * s.scale);
    centred(*at, tick.label, s.text);
  }
  if (const auto at = pixel_of(scene, world(0.5 * (lo + hi) + 0.12 * (hi - lo), 0.34f), rect))
    centred(*at, name, s.text);
}

// The largest finite f over `box`, sampled on a coarse grid (edges and corners included).
double largest_value(const Objective& f, Box box) {
  constexpr int kSide = 48;
  double most = -std::numeric_limits<double>::infinity();
  for (int j = 0; j < kSide; ++j)
    for (int i = 0; i < kSide; ++i) {
      const double u = static_cast<double>(i) / (kSide - 1), v = static_cast<double>(j) / (kSide - 1);
      const double value = f.value({box.min.x + u * (box.max.x - box.min.x), box.min.y + v * (box.max.y - box.min.y)});
      if (std::isfinite(value)) most = std::max(most, value);
    }
  return most;
}

}  // namespace

Colour colour_of(ImU32 c) {
  const ImVec4 v = ImGui::ColorConvertU32ToFloat4(c);
  return {v.x, v.y, v.z, v.w};
}

const SurfaceMesh& SurfaceModel::update(const Objective& f, Box box, const HeatmapScale& colour, ColourScale height) {
  const bool same = objective_ && *objective_ == f && box_.min == box.min && box_.max == box.max &&
                    colour_.kind == colour.kind && colour_.low == colour.low && colour_.high == colour.high &&
                    colour_.offset == colour.offset && height_ == height;
  if (same) return mesh_;
  HeatmapScale height_scale = colour;
  height_scale.kind = height;
  // The colours' scale reaches the largest f of the 2D view, which can be narrower than the box:
  // the heights reach the box's own largest f, so that the surface is never clipped flat.
  height_scale.high = std::max(colour.high, largest_value(f, box));
  const int side = surface_mesh_side(f, kSurfaceMeshSide);
  mesh_ = build_surface_mesh(f, box, height_scale, colour, side, side);
  objective_ = f;
  box_ = box;
  colour_ = colour;
  height_ = height;
  ++generation_;
  return mesh_;
}

SurfaceScene surface_scene(const SurfaceModel& model, const SurfaceView& view, PixelRect rect, int contour_count,
                           const SurfaceRuns& r, const CanvasStyle& s) {
  SurfaceScene scene;
  scene.mesh = &model.mesh();
  scene.mesh_generation = model.generation();
  scene.width = std::max(1, static_cast<int>(std::lround(rect.width())));
  scene.height = std::max(1, static_cast<int>(std::lround(rect.height())));
  scene.camera = surface_camera(view, static_cast<float>(scene.width) / static_cast<float>(scene.height));
  scene.contour_count = contour_count;
  scene.line_width = std::max(1.0f, s.scale);
  scene.background = colour_of(s.background);

  SurfaceLine base;
  base.points = {{-1, -1, 0}, {1, -1, 0}, {1, 1, 0}, {-1, 1, 0}, {-1, -1, 0}};
  base.colour = colour_of(s.axis);
  base.colour.a = 0.7f;
  base.width = 1.5f * s.scale;
  scene.lines.push_back(std::move(base));

  const std::vector<std::size_t> order = drawing_order(r);
  if (order.empty() || model.mesh().columns < 2) return scene;
  // As on the plane: each run drawn later a little thinner, so that runs sharing a valley all show.
  const float rank_step = order.size() > 1 ? std::min(2.5f, 9.0f / static_cast<float>(order.size() - 1)) : 0.0f;
  std::vector<std::vector<std::vector<Vec3f>>> paths;
  for (const std::size_t i : order) {
    const Trajectory& t = (*r.runs)[i];
    paths.push_back(
        surface_path(model.mesh(), std::span<const Vec2>(t.position).first(last_row(t, r.step) + 1), kPathLift));
  }
  const Colour shadow = colour_of(s.shadow);
  for (const bool outline : {true, false})
    for (std::size_t o = 0; o < order.size(); ++o) {
      const float rank = static_cast<float>(order.size() - 1 - o);
      const float width = (3.0f + rank * rank_step) * s.scale + (outline ? 3.0f * s.scale : 0.0f);
      const Colour colour = outline ? shadow : colour_of(r.scenario->looks[order[o]].colour);
      for (const std::vector<Vec3f>& piece : paths[o]) scene.lines.push_back({piece, colour, width});
    }
  return scene;
}

void draw_surface_overlay(ImDrawList& dl, const SurfaceScene& scene, PixelRect rect, const SurfaceRuns& r,
                          const CanvasStyle& s, std::string_view x_name, std::string_view y_name, bool show_minima) {
  if (scene.mesh == nullptr || scene.mesh->columns < 2) return;
  const SurfaceMesh& mesh = *scene.mesh;
  // Labels along the two edges of the base nearest the camera.
  draw_edge_labels(dl, scene, rect, s, true, scene.camera.eye.y < 0 ? -1.0f : 1.0f, x_name);
  draw_edge_labels(dl, scene, rect, s, false, scene.camera.eye.x < 0 ? -1.0f : 1.0f, y_name);

  const Box& box = mesh.frame.box;
  auto inside = [&box](Vec2 p) { return p.x >= box.min.x && p.x <= box.max.x && p.y >= box.min.y && p.y <= box.max.y; };
  if (show_minima && r.scenario != nullptr)
    for (const Vec2& m : r.scenario->course.objective.minima())
      if (inside(m))
        if (const auto p = pixel_of(scene, on_surface(mesh, m, kPathLift), rect))
          draw_minimum_star(dl, im(*p), 7 * s.scale, s);
  if (r.scenario != nullptr && inside(r.scenario->course.start))
    if (const auto p = pixel_of(scene, on_surface(mesh, r.scenario->course.start, kPathLift), rect))
      draw_start_handle(dl, *p, false, s);

  for (const std::size_t i : drawing_order(r)) {
    const Trajectory& t = (*r.runs)[i];
    const std::size_t last = last_row(t, r.step);
    const bool diverged_here = t.diverged_at && static_cast<long>(last) >= *t.diverged_at;
    const std::size_t shown = diverged_here && last > 0 ? last - 1 : last;
    const Vec2 at = t.position[shown];
    if (!std::isfinite(at.x) || !std::isfinite(at.y)) continue;
    // A point that left the box is shown at the box's edge, where its path was cut.
    const auto p = pixel_of(scene, on_surface(mesh, at, kPathLift), rect);
    if (!p) continue;
    const ImU32 colour = run_colour(r.scenario->looks[i].colour);
    const float radius = (r.selected && *r.selected == i ? 7.5f : 6.5f) * s.scale;
    if (diverged_here) {
      const float a = radius * 1.2f;
      for (const ImU32 c : {s.shadow, colour}) {
        const float w = c == s.shadow ? 5.5f * s.scale : 3 * s.scale;
        dl.AddLine(ImVec2(p->x - a, p->y - a), ImVec2(p->x + a, p->y + a), c, w);
        dl.AddLine(ImVec2(p->x - a, p->y + a), ImVec2(p->x + a, p->y - a), c, w);
      }
      continue;
    }
    dl.AddCircleFilled(im(*p), radius + 2 * s.scale, s.shadow);
    dl.AddCircleFilled(im(*p), radius, colour);
  }
}

}  // namespace optviz::gui
