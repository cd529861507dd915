#include "label_placement.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {

std::vector<PixelRect> places_around(const PixelRect& a, float w, float h, float gap) {
  const float mid_x = (a.x0 + a.x1 - w) / 2;
  const float mid_y = (a.y0 + a.y1 - h) / 2;
  const float right = a.x1 + gap, left = a.x0 - gap - w, above = a.y0 - gap - h, below = a.y1 + gap;
  return {{right, mid_y, right + w, mid_y + h}, {left, mid_y, left + w, mid_y + h},
          {mid_x, above, mid_x + w, above + h}, {mid_x, below, mid_x + w, below + h},
          {right, above, right + w, above + h}, {left, above, left + w, above + h},
          {right, below, right + w, below + h}, {left, below, left + w, below + h}};
}

float shared_area(const PixelRect& a, const PixelRect& b) {
  const float w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const float h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0.0f;
}

std::optional<PixelRect> place_label(const std::vector<PixelRect>& places, const std::vector<PixelRect>& taken,
                                     const PixelRect& bounds) {
  std::optional<PixelRect> best;
  float least = INFINITY;
  for (const PixelRect& p : places) {
    const bool inside = p.x0 >= bounds.x0 && p.y0 >= bounds.y0 && p.x1 <= bounds.x1 && p.y1 <= bounds.y1;
    if (!inside) continue;
    float covered = 0;
    for (const PixelRect& t : taken) covered += shared_area(p, t);
    if (covered == 0) return p;
    if (covered < least) {
      least = covered;
      best = p;
    }
  }
  return best;
}

}  // namespace optviz::gui
