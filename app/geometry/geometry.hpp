// Screen geometry shared by the canvas, the plots and the figures: pixel rectangles and the map
// between the function's plane and the pixels. Pure functions, no GL and no ImGui, guarded so
// that no NaN or infinite value reaches a vertex.
#pragma once

#include <cmath>
#include <span>

#include "objective.hpp"
#include "test_function.hpp"
#include "vec2.hpp"

namespace optviz::gui {

struct Point2 {
  float x = 0;
  float y = 0;
  friend bool operator==(const Point2&, const Point2&) = default;
};

inline bool is_finite(Point2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

struct PixelRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // top-left and bottom-right corners, y down
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool contains(Point2 p) const { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
  PixelRect expanded(float margin) const { return {x0 - margin, y0 - margin, x1 + margin, y1 + margin}; }
};

// The names of the plane's coordinates: "w" and "b" for a loss from data, else "x" and "y".
struct CoordinateNames {
  const char* x;
  const char* y;
};
inline CoordinateNames coordinate_names(const Objective& f) {
  return f.is_data() ? CoordinateNames{"w", "b"} : CoordinateNames{"x", "y"};
}

// The largest extent and the farthest centre a view may have: beyond them doubles lose the
// precision a pixel needs, and trajectories are cut at 1e12 anyway.
inline constexpr double kMaxViewExtent = 1e9;
inline constexpr double kMinViewExtent = 1e-9;
inline constexpr double kMaxViewCentre = 1e12;

// The smallest side a view centred at `centre` may have: kMinViewExtent, or more far from the
// origin, so that a pixel still spans many representable doubles.
double min_view_extent(Vec2 centre);

// A box made safe to show: finite, ordered, its sides within [min_view_extent, kMaxViewExtent]
// and its centre within kMaxViewCentre; `fallback` (assumed safe) replaces a non-finite box.
Box sanitized_box(Box box, Box fallback);

// Equal units on both axes: `wanted` is fitted inside `rect` and centred; the shown box is
// wider or taller than wanted when the aspect ratios differ. The y axis points up.
class CanvasTransform {
 public:
  CanvasTransform() = default;
  CanvasTransform(Box wanted, PixelRect rect);

  PixelRect rect() const { return rect_; }
  Box shown() const { return shown_; }  // the world box that the whole rect shows
  double pixels_per_unit() const { return scale_; }

  // Any world point to pixels; coordinates are clamped to +-kMaxPixel so huge or infinite
  // positions still give finite floats (a NaN coordinate stays NaN: callers skip those).
  Point2 to_pixels(Vec2 world) const;
  Vec2 to_world(Point2 pixel) const;

  static constexpr double kMaxPixel = 1e7;

 private:
  PixelRect rect_;
  Box shown_{{0, 0}, {1, 1}};
  double scale_ = 1;
};

// Where a box of width x height goes in `plot`, `inset` from its edges: the corner that holds the
// fewest of the (path) points, ahead of those holding `keep_clear` (the start handle); bottom left,
// bottom right, top left, top right on a tie.
PixelRect least_covered_corner(PixelRect plot, float width, float height, float inset, std::span<const Point2> points,
                               Point2 keep_clear);

// `wanted` scaled by `factor` around `anchor` (the point under the cursor stays under it);
// factor < 1 zooms in. The result is sanitized against `wanted`.
Box zoom_box(Box wanted, Vec2 anchor, double factor);
// `wanted` moved by `delta` in world units.
Box pan_box(Box wanted, Vec2 delta);

}  // namespace optviz::gui
