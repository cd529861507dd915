#include "polyline.hpp"

#include <cmath>

namespace optviz::gui {
namespace {

float distance(Point2 a, Point2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Appends the clipped segment a-b, continuing the current piece when it starts where the piece
// ends.
void append_segment(Point2 a, Point2 b, PixelRect clip, Polylines& out) {
  if (!clip_segment(a, b, clip)) return;
  const bool continues = !out.starts.empty() && out.points.size() > out.starts.back() && out.points.back() == a;
  if (!continues) {
    out.starts.push_back(out.points.size());
    out.points.push_back(a);
  }
  out.points.push_back(b);
}

}  // namespace

std::span<const Point2> Polylines::piece(std::size_t i) const {
  const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : points.size();
  return std::span<const Point2>(points).subspan(starts[i], end - starts[i]);
}

bool clip_segment(Point2& a, Point2& b, PixelRect clip) {
  if (!is_finite(a) || !is_finite(b)) return false;
  const double dx = static_cast<double>(b.x) - static_cast<double>(a.x);
  const double dy = static_cast<double>(b.y) - static_cast<double>(a.y);
  double t0 = 0, t1 = 1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {
      static_cast<double>(a.x) - static_cast<double>(clip.x0), static_cast<double>(clip.x1) - static_cast<double>(a.x),
      static_cast<double>(a.y) - static_cast<double>(clip.y0), static_cast<double>(clip.y1) - static_cast<double>(a.y)};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
      continue;
    }
    const double r = q[i] / p[i];
    if (p[i] < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  const Point2 start{static_cast<float>(static_cast<double>(a.x) + t0 * dx),
                     static_cast<float>(static_cast<double>(a.y) + t0 * dy)};
  const Point2 end{static_cast<float>(static_cast<double>(a.x) + t1 * dx),
                   static_cast<float>(static_cast<double>(a.y) + t1 * dy)};
  a = t0 == 0 ? a : start;
  b = t1 == 1 ? b : end;
  return true;
}

void screen_polylines(std::span<const Vec2> world, const CanvasTransform& transform, PixelRect clip, float min_distance,
                      Polylines& out) {
  out.clear();
  bool have_last = false;
  Point2 last;
  for (std::size_t i = 0; i < world.size(); ++i) {
    const Point2 p = transform.to_pixels(world[i]);
    if (!is_finite(p)) {
      have_last = false;
      continue;
    }
    if (!have_last) {
      last = p;
      have_last = true;
      continue;
    }
    const bool final_point = i + 1 == world.size();
    if (!final_point && distance(p, last) < min_distance) continue;
    append_segment(last, p, clip, out);
    last = p;
  }
}

void drop_covered_segments(const Polylines& in, PixelRect area, float cell, CoverageGrid& grid, Polylines& out) {
  out.clear();
  if (!(cell > 0) || !(area.width() > 0) || !(area.height() > 0)) {
    out = in;
    return;
  }
  const int columns = static_cast<int>(std::ceil(area.width() / cell)) + 1;
  const int rows = static_cast<int>(std::ceil(area.height() / cell)) + 1;
  grid.covered.assign(static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows), 0);
  auto cell_of = [&](float x, float y) -> std::uint8_t* {
    const int i = static_cast<int>((x - area.x0) / cell), j = static_cast<int>((y - area.y0) / cell);
    if (i < 0 || j < 0 || i >= columns || j >= rows) return nullptr;
    return &grid.covered[static_cast<std::size_t>(j) * static_cast<std::size_t>(columns) + static_cast<std::size_t>(i)];
  };
  // Visits the cells along a-b; with `mark`, covers them. True when one was not covered before.
  auto uncovered = [&](Point2 a, Point2 b, bool mark) {
    const float length = distance(a, b);
    const int samples = std::isfinite(length) ? std::min(100000, static_cast<int>(length / cell) + 1) : 1;
    bool found = false;
    for (int s = 0; s <= samples; ++s) {
      const float t = static_cast<float>(s) / static_cast<float>(samples);
      std::uint8_t* c = cell_of(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
      if (c == nullptr || *c == 0) {
        found = true;
        if (c != nullptr && mark) *c = 1;
        if (!mark) return true;
      }
    }
    return found;
  };
  for (std::size_t p = 0; p < in.pieces(); ++p) {
    const auto piece = in.piece(p);
    bool open = false;  // whether the last point of `out` belongs to this piece
    for (std::size_t k = 1; k < piece.size(); ++k) {
      const Point2 a = piece[k - 1], b = piece[k];
      if (!uncovered(a, b, true)) continue;
      if (open && !(out.points.back() == a)) {
        // Segments were dropped since the last kept point: bridge them when the straight line
        // crosses only covered cells (it then shows nothing new), else break the line.
        if (uncovered(out.points.back(), a, false)) open = false;
      }
      if (!open) out.starts.push_back(out.points.size());
      if (!open || !(out.points.back() == a)) out.points.push_back(a);
      out.points.push_back(b);
      open = true;
    }
  }
}

void split_at_sharp_turns(const Polylines& in, float min_cos, Polylines& out, std::vector<Point2>& joints) {
  out.clear();
  joints.clear();
  for (std::size_t p = 0; p < in.pieces(); ++p) {
    const auto piece = in.piece(p);
    out.starts.push_back(out.points.size());
    for (std::size_t i = 0; i < piece.size(); ++i) {
      out.points.push_back(piece[i]);
      if (i == 0 || i + 1 >= piece.size()) continue;
      const Point2 a = piece[i - 1], b = piece[i], c = piece[i + 1];
      const float ux = b.x - a.x, uy = b.y - a.y, vx = c.x - b.x, vy = c.y - b.y;
      const float lengths = std::hypot(ux, uy) * std::hypot(vx, vy);
      if (!(lengths > 0) || (ux * vx + uy * vy) >= min_cos * lengths) continue;
      joints.push_back(b);
      out.starts.push_back(out.points.size());
      out.points.push_back(b);
    }
  }
}

void dashed(std::span<const Point2> line, float on, float off, Polylines& out) {
  out.clear();
  if (line.size() < 2 || !(on > 0) || !(off >= 0)) return;
  bool drawing = true;
  float left = on;  // of the current dash or gap
  out.starts.push_back(0);
  out.points.push_back(line[0]);
  for (std::size_t i = 1; i < line.size(); ++i) {
    Point2 a = line[i - 1];
    const Point2 b = line[i];
    float length = distance(a, b);
    if (!std::isfinite(length)) return;
    while (length > left) {
      const float t = left / length;
      const Point2 cut{a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
      if (drawing) {
        out.points.push_back(cut);
      } else {
        out.starts.push_back(out.points.size());
        out.points.push_back(cut);
      }
      drawing = !drawing;
      length -= left;
      a = cut;
      left = drawing ? on : off;
    }
    left -= length;
    if (drawing) out.points.push_back(b);
  }
  if (!drawing) return;
  if (out.points.size() - out.starts.back() < 2) {
    out.points.resize(out.starts.back());
    out.starts.pop_back();
  }
}

}  // namespace optviz::gui
