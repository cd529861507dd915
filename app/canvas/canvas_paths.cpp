// The paths of the canvas: each run's trajectory up to the step and beyond it, its current point,
// "diverged at step k", and the spread of a noisy run's seeds.
#include <algorithm>
#include <cmath>
#include <span>

#include "canvas_draw.hpp"

namespace optviz::gui {
namespace {

// Each piece of `lines` as one polyline; `points` is scratch.
void add_polylines(ImDrawList& dl, const Polylines& lines, ImU32 colour, float width, std::vector<ImVec2>& points) {
  for (std::size_t p = 0; p < lines.pieces(); ++p) {
    const auto piece = lines.piece(p);
    points.resize(piece.size());
    std::transform(piece.begin(), piece.end(), points.begin(), im);
    dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, width);
  }
}

// The visible runs with rows, the selected one last, so that it is drawn on top.
std::vector<std::size_t> drawing_order(const TrajectoryScene& scene) {
  const auto& runs = *scene.runs;
  const auto& looks = scene.scenario->looks;
  const std::size_t n = std::min(runs.size(), looks.size());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (looks[i].visible && runs[i].rows() > 0 && (!scene.selected || *scene.selected != i)) order.push_back(i);
  if (scene.selected && *scene.selected < n && looks[*scene.selected].visible && runs[*scene.selected].rows() > 0)
    order.push_back(*scene.selected);
  return order;
}

// The row of the scene's step in `run` (its last row when the step is beyond it).
std::size_t row_at_step(const TrajectoryScene& scene, const Trajectory& run) {
  return std::min<std::size_t>(static_cast<std::size_t>(std::max(scene.step, 0L)), run.rows() - 1);
}

// Each path's rest beyond the step, dashed over a translucent outline: visible on any colour of the
// heatmap, and clearly not yet walked.
void draw_paths_ahead(ImDrawList& dl, const CanvasTransform& t, const TrajectoryScene& scene,
                      const std::vector<std::size_t>& order, const CanvasStyle& s, Polylines& scratch) {
  const PixelRect clip = t.rect().expanded(4 * s.scale);
  const auto& runs = *scene.runs;
  std::vector<ImVec2> points;
  Polylines dashes;
  const ImU32 outline = (s.shadow & ~IM_COL32_A_MASK) | (110u << IM_COL32_A_SHIFT);
  for (const std::size_t i : order) {
    const std::size_t from = row_at_step(scene, runs[i]);
    if (from + 1 >= runs[i].rows()) continue;
    screen_polylines(std::span<const Vec2>(runs[i].position).subspan(from), t, clip, 0.75f, scratch);
    const ImU32 colour = (run_colour(scene.scenario->looks[i].colour) & ~IM_COL32_A_MASK) | (190u << IM_COL32_A_SHIFT);
    for (std::size_t p = 0; p < scratch.pieces(); ++p) {
      dashed(scratch.piece(p), 7 * s.scale, 5 * s.scale, dashes);
      for (std::size_t d = 0; d < dashes.pieces(); ++d) {
        const auto dash = dashes.piece(d);
        points.resize(dash.size());
        std::transform(dash.begin(), dash.end(), points.begin(), im);
        dl.AddPolyline(points.data(), static_cast<int>(points.size()), outline, ImDrawFlags_None, 3.5f * s.scale);
        dl.AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, 1.8f * s.scale);
      }
    }
  }
}

// The paths up to the step: outlines under every path first, then the colours. Paths often share
// a valley: each run drawn later is a little thinner, so the earlier ones still show as coloured
// borders along it.
void draw_walked_paths(ImDrawList& dl, const CanvasTransform& t, const TrajectoryScene& scene,
                       const std::vector<std::size_t>& order, const CanvasStyle& s, Polylines& scratch) {
  const PixelRect clip = t.rect().expanded(4 * s.scale);
  const auto& runs = *scene.runs;
  const float rank_step = order.size() > 1 ? std::min(2.5f, 9.0f / static_cast<float>(order.size() - 1)) : 0.0f;
  // Each run's screen geometry once, drawn twice.
  struct Geometry {
    Polylines pieces;
    std::vector<Point2> joints;
  };
  std::vector<Geometry> geometry(order.size());
  Polylines uncovered;
  CoverageGrid coverage;
  for (std::size_t o = 0; o < order.size(); ++o) {
    const std::size_t i = order[o];
    screen_polylines(std::span<const Vec2>(runs[i].position).first(row_at_step(scene, runs[i]) + 1), t, clip, 0.75f,
                     scratch);
    drop_covered_segments(scratch, clip, 2.0f * s.scale, coverage, uncovered);
    split_at_sharp_turns(uncovered, 0.3f, geometry[o].pieces, geometry[o].joints);
  }
  std::vector<ImVec2> points;
  for (const bool outline : {true, false}) {
    for (std::size_t o = 0; o < order.size(); ++o) {
      const float rank = static_cast<float>(order.size() - 1 - o);
      const float width = (2.5f + rank * rank_step) * s.scale + (outline ? 2.5f * s.scale : 0.0f);
      const ImU32 colour = outline ? s.shadow : run_colour(scene.scenario->looks[order[o]].colour);
      add_polylines(dl, geometry[o].pieces, colour, width, points);
      for (const Point2 j : geometry[o].joints) dl.AddCircleFilled(im(j), width * 0.5f, colour, 8);
    }
  }
}

// Each run's point at the step, kept inside the canvas; a cross and "diverged at step k" where it diverged.
void draw_current_points(ImDrawList& dl, const CanvasTransform& t, const TrajectoryScene& scene,
                         const std::vector<std::size_t>& order, const CanvasStyle& s) {
  for (const std::size_t i : order) {
    const Trajectory& run = (*scene.runs)[i];
    const std::size_t last = row_at_step(scene, run);
    const ImU32 colour = run_colour(scene.scenario->looks[i].colour);
    const bool diverged_here = run.diverged_at && static_cast<long>(last) >= *run.diverged_at;
    const std::size_t shown = diverged_here && last > 0 ? last - 1 : last;
    Point2 p = t.to_pixels(run.position[shown]);
    if (!is_finite(p)) continue;
    const PixelRect inner = t.rect().expanded(-10 * s.scale);
    p = {std::clamp(p.x, inner.x0, std::max(inner.x0, inner.x1)),
         std::clamp(p.y, inner.y0, std::max(inner.y0, inner.y1))};
    const float r = (scene.selected && *scene.selected == i ? 7.0f : 6.0f) * s.scale;
    if (!diverged_here) {
      dl.AddCircleFilled(im(p), r + 2 * s.scale, s.shadow);
      dl.AddCircleFilled(im(p), r, colour);
      continue;
    }
    const float a = r * 1.2f;
    for (const ImU32 c : {s.shadow, colour}) {
      const float w = c == s.shadow ? 5.5f * s.scale : 3 * s.scale;
      dl.AddLine(ImVec2(p.x - a, p.y - a), ImVec2(p.x + a, p.y + a), c, w);
      dl.AddLine(ImVec2(p.x - a, p.y + a), ImVec2(p.x + a, p.y - a), c, w);
    }
    const DivergenceLabel label{p, colour, run.shown_status()};
    if (scene.labels != nullptr) {
      scene.labels->push_back(label);
    } else {
      draw_divergence_label(dl, t, label, s);
    }
  }
}

}  // namespace

std::vector<PixelRect> run_marks(const CanvasTransform& t, const TrajectoryScene& scene, const CanvasStyle& s) {
  std::vector<PixelRect> marks;
  const float r = 9 * s.scale;  // the selected run's marker and its outline
  for (std::size_t i = 0; i < scene.runs->size() && i < scene.scenario->looks.size(); ++i) {
    const Trajectory& run = (*scene.runs)[i];
    if (!scene.scenario->looks[i].visible || run.rows() == 0) continue;
    for (const std::size_t row : {row_at_step(scene, run), run.rows() - 1}) {
      const Point2 p = t.to_pixels(run.position[row]);
      if (is_finite(p)) marks.push_back({p.x - r, p.y - r, p.x + r, p.y + r});
    }
  }
  return marks;
}

void draw_trajectories(ImDrawList& dl, const CanvasTransform& t, const TrajectoryScene& scene, const CanvasStyle& s,
                       Polylines& scratch) {
  const std::vector<std::size_t> order = drawing_order(scene);
  if (scene.ahead) draw_paths_ahead(dl, t, scene, order, s, scratch);
  draw_walked_paths(dl, t, scene, order, s, scratch);
  // The current points on top of all.
  draw_current_points(dl, t, scene, order, s);
}

void draw_spread(ImDrawList& dl, const CanvasTransform& t, const Scenario& scenario, const Spread& spread, long step,
                 const CanvasStyle& s, Polylines& scratch) {
  if (spread.runs.size() != scenario.course.runs.size()) return;
  const PixelRect clip = t.rect().expanded(4 * s.scale);
  std::vector<ImVec2> points;
  auto draw_pieces = [&](const Polylines& lines, ImU32 colour, float width) {
    add_polylines(dl, lines, colour, width, points);
  };
  auto up_to_step = [&](const Trajectory& run) {
    const auto rows = std::min<std::size_t>(static_cast<std::size_t>(std::max(step, 0L)) + 1, run.rows());
    return std::span<const Vec2>(run.position).first(rows);
  };
  Polylines dashes;
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    const SpreadRun& run = spread.runs[i];
    if (!scenario.looks[i].visible) continue;
    const ImU32 colour = run_colour(scenario.looks[i].colour);
    if (run.reference.rows() > 0) {
      screen_polylines(up_to_step(run.reference), t, clip, 0.75f, scratch);
      dashes.clear();
      Polylines piece_dashes;
      for (std::size_t p = 0; p < scratch.pieces(); ++p) {
        dashed(scratch.piece(p), 9 * s.scale, 6 * s.scale, piece_dashes);
        for (std::size_t d = 0; d < piece_dashes.pieces(); ++d) {
          dashes.starts.push_back(dashes.points.size());
          const auto dash = piece_dashes.piece(d);
          dashes.points.insert(dashes.points.end(), dash.begin(), dash.end());
        }
      }
      draw_pieces(dashes, s.shadow, 4 * s.scale);
      draw_pieces(dashes, colour, 2 * s.scale);
    }
    for (const Trajectory& seed : run.seeds) {
      if (seed.rows() == 0) continue;
      screen_polylines(up_to_step(seed), t, clip, 0.75f, scratch);
      draw_pieces(scratch, run_colour(scenario.looks[i].colour, 0.6f), 1.5f * s.scale);
    }
    for (const Trajectory& seed : run.seeds) {
      const auto rows = up_to_step(seed);
      if (rows.empty()) continue;
      const Point2 p = t.to_pixels(rows.back());
      if (!is_finite(p) || !t.rect().contains(p)) continue;
      dl.AddCircleFilled(im(p), 3.5f * s.scale, s.shadow, 10);
      dl.AddCircleFilled(im(p), 2.5f * s.scale, colour, 10);
    }
  }
}

void draw_divergence_label(ImDrawList& dl, const CanvasTransform& t, const DivergenceLabel& label,
                           const CanvasStyle& s) {
  // Beside the cross, on the side towards the middle of the canvas, inside it.
  const PixelRect r = t.rect();
  const ImVec2 size = text_size(s, label.text);
  const float gap = 14 * s.scale;
  const bool left = label.at.x > 0.5f * (r.x0 + r.x1);
  const bool below = label.at.y < 0.5f * (r.y0 + r.y1);
  const float x = std::clamp(left ? label.at.x - gap - size.x : label.at.x + gap, r.x0 + 4 * s.scale,
                             std::max(r.x0 + 4 * s.scale, r.x1 - size.x - 4 * s.scale));
  const float y = std::clamp(below ? label.at.y + gap : label.at.y - gap - size.y, r.y0 + 4 * s.scale,
                             std::max(r.y0 + 4 * s.scale, r.y1 - size.y - 4 * s.scale));
  draw_text_shadowed(dl, s, ImVec2(x, y), label.colour, label.text);
}

}  // namespace optviz::gui
