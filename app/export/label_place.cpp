#include "label_place.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace optviz::figure {

double LabelBox::distance(double x, double y) const {
  return std::hypot(std::max({x0 - x, 0.0, x - x1}), std::max({y0 - y, 0.0, y - y1}));
}

LabelBox place_label(const LabelBox& plot, double x, double y, double clearance, double width, double height,
                     const Obstacles& around) {
  const double w = width, h = height, d = clearance + 2;
  const std::array<LabelBox, 8> options{LabelBox{x + d, y - d - h, x + d + w, y - d},
                                        LabelBox{x - d - w, y - d - h, x - d, y - d},
                                        LabelBox{x + d, y + d, x + d + w, y + d + h},
                                        LabelBox{x - d - w, y + d, x - d, y + d + h},
                                        LabelBox{x + d + 2, y - h / 2, x + d + 2 + w, y + h / 2},
                                        LabelBox{x - d - 2 - w, y - h / 2, x - d - 2, y + h / 2},
                                        LabelBox{x - w / 2, y - d - 2 - h, x + w / 2, y - d - 2},
                                        LabelBox{x - w / 2, y + d + 2, x + w / 2, y + d + 2 + h}};
  const auto overlapping = [](const std::vector<LabelBox>& boxes, const LabelBox& b) {
    return std::count_if(boxes.begin(), boxes.end(), [&](const LabelBox& t) { return t.overlaps(b); });
  };
  const LabelBox* best = &options[0];
  long best_cost = std::numeric_limits<long>::max();
  for (const LabelBox& b : options) {
    const double own = b.distance(x, y);
    const long nearer = std::count_if(around.points.begin(), around.points.end(), [&](const auto& q) {
      return std::hypot(q[0] - x, q[1] - y) > 1 && b.distance(q[0], q[1]) < own;
    });
    const long cost = (plot.contains(b) ? 0 : 1000000) + 1000 * overlapping(around.labels, b) + 30 * nearer +
                      overlapping(around.marks, b);
    if (cost < best_cost) best = &b, best_cost = cost;
  }
  return *best;
}

}  // namespace optviz::figure
