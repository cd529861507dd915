#include "geometry.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {
namespace {

double clamp_finite(double v, double bound) { return std::clamp(v, -bound, bound); }

}  // namespace

double min_view_extent(Vec2 centre) {
  return std::max(kMinViewExtent, 1e-9 * std::max(std::fabs(centre.x), std::fabs(centre.y)));
}

Box sanitized_box(Box box, Box fallback) {
  if (!is_finite(box.min) || !is_finite(box.max)) box = fallback;
  Vec2 centre = 0.5 * (box.min + box.max);
  Vec2 half = 0.5 * Vec2{std::fabs(box.max.x - box.min.x), std::fabs(box.max.y - box.min.y)};
  if (!is_finite(centre) || !is_finite(half)) {
    centre = 0.5 * (fallback.min + fallback.max);
    half = 0.5 * (fallback.max - fallback.min);
  }
  centre = {clamp_finite(centre.x, kMaxViewCentre), clamp_finite(centre.y, kMaxViewCentre)};
  const double min_half = min_view_extent(centre) / 2;
  half.x = std::clamp(half.x, min_half, kMaxViewExtent / 2);
  half.y = std::clamp(half.y, min_half, kMaxViewExtent / 2);
  return {centre - half, centre + half};
}

CanvasTransform::CanvasTransform(Box wanted, PixelRect rect) : rect_(rect) {
  const Box fallback{{-1, -1}, {1, 1}};
  wanted = sanitized_box(wanted, fallback);
  const double width = std::max(1.0, static_cast<double>(rect.width()));
  const double height = std::max(1.0, static_cast<double>(rect.height()));
  const Vec2 size = wanted.max - wanted.min;
  scale_ = std::min(width / size.x, height / size.y);
  const Vec2 centre = 0.5 * (wanted.min + wanted.max);
  const Vec2 half{0.5 * width / scale_, 0.5 * height / scale_};
  shown_ = {centre - half, centre + half};
}

Point2 CanvasTransform::to_pixels(Vec2 world) const {
  const double x = static_cast<double>(rect_.x0) + (world.x - shown_.min.x) * scale_;
  const double y = static_cast<double>(rect_.y1) - (world.y - shown_.min.y) * scale_;
  // std::clamp keeps NaN as NaN, and maps infinities to the bound.
  return {static_cast<float>(clamp_finite(x, kMaxPixel)), static_cast<float>(clamp_finite(y, kMaxPixel))};
}

Vec2 CanvasTransform::to_world(Point2 pixel) const {
  return {shown_.min.x + static_cast<double>(pixel.x - rect_.x0) / scale_,
          shown_.min.y + static_cast<double>(rect_.y1 - pixel.y) / scale_};
}

Box zoom_box(Box wanted, Vec2 anchor, double factor) {
  if (!std::isfinite(factor) || factor <= 0) return wanted;
  if (!is_finite(anchor)) anchor = 0.5 * (wanted.min + wanted.max);
  const Box zoomed{anchor + factor * (wanted.min - anchor), anchor + factor * (wanted.max - anchor)};
  const Vec2 size = zoomed.max - zoomed.min;
  // At the zoom limits, stop instead of letting sanitized_box distort the aspect ratio.
  const Vec2 centre = 0.5 * (zoomed.min + zoomed.max);
  if (std::min(size.x, size.y) < min_view_extent(centre) || std::max(size.x, size.y) > kMaxViewExtent) return wanted;
  return sanitized_box(zoomed, wanted);
}

Box pan_box(Box wanted, Vec2 delta) {
  if (!is_finite(delta)) return wanted;
  return sanitized_box({wanted.min + delta, wanted.max + delta}, wanted);
}

PixelRect least_covered_corner(PixelRect plot, float width, float height, float inset, std::span<const Point2> points,
                               Point2 keep_clear) {
  const float left = plot.x0 + inset, right = plot.x1 - inset - width;
  const float top = plot.y0 + inset, bottom = plot.y1 - inset - height;
  const PixelRect corners[] = {{left, bottom, left + width, bottom + height},
                               {right, bottom, right + width, bottom + height},
                               {left, top, left + width, top + height},
                               {right, top, right + width, top + height}};
  const PixelRect* best = &corners[0];
  std::size_t fewest = SIZE_MAX;
  for (const PixelRect& c : corners) {
    std::size_t count = c.contains(keep_clear) ? points.size() + 1 : 0;
    for (const Point2 p : points) count += c.contains(p) ? 1 : 0;
    if (count < fewest) best = &c, fewest = count;
  }
  return *best;
}

}  // namespace optviz::gui
