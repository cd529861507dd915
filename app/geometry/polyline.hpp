// Trajectories as screen polylines that draw fast and never carry a bad vertex: non-finite
// points break the line, segments are clipped to a rectangle, and points closer than a fraction
// of a pixel are merged, so a 20,000-step run costs what the pixels can show.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "geometry.hpp"

namespace optviz::gui {

// Pieces of a polyline: piece i is points[starts[i] .. starts[i+1]) (the last ends at the end).
struct Polylines {
  std::vector<Point2> points;
  std::vector<std::size_t> starts;

  std::size_t pieces() const { return starts.size(); }
  std::span<const Point2> piece(std::size_t i) const;
  void clear() {
    points.clear();
    starts.clear();
  }
};

// The first `count` points of `world` in pixels. Points closer than `min_distance` pixels to the
// previous kept point are skipped (the last point is always kept); a non-finite point breaks the
// line; segments are clipped to `clip`. Every output coordinate is finite and inside `clip`.
void screen_polylines(std::span<const Vec2> world, const CanvasTransform& transform, PixelRect clip, float min_distance,
                      Polylines& out);

// Clips the segment a-b to `clip` (Liang-Barsky). False when nothing of it is inside or when a
// coordinate is not finite.
bool clip_segment(Point2& a, Point2& b, PixelRect clip);

// Which cells of a pixel area a line already covers, reused between calls.
struct CoverageGrid {
  std::vector<std::uint8_t> covered;
};

// `in` without the segments that add no pixels: a segment whose cells (of `cell` pixels, along its
// length) are all covered by earlier segments is dropped. The line goes on straight to the next
// kept segment when that crosses only covered cells, and breaks otherwise. A run that jitters
// 20,000 times across the same few pixels then costs what those pixels show. Segments outside
// `area` are kept (they are clipped later).
void drop_covered_segments(const Polylines& in, PixelRect area, float cell, CoverageGrid& grid, Polylines& out);

// The pieces of `in` split where the line turns by more than the angle whose cosine is
// `min_cos` (thick lines drawn with miter joins would grow spikes there); each split point is
// also added to `joints`, to be drawn as a round join.
void split_at_sharp_turns(const Polylines& in, float min_cos, Polylines& out, std::vector<Point2>& joints);

// Dashes along a polyline: pieces of `on` pixels separated by gaps of `off` pixels.
void dashed(std::span<const Point2> line, float on, float off, Polylines& out);

}  // namespace optviz::gui
