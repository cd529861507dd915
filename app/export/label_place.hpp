// Where a figure's label goes (plane_figure.cpp): a box beside its point that keeps clear of the
// point's own mark, of the labels placed before it and of the other marks, and that sits nearer to
// its point than to any other, so that it names one point only.
#pragma once

#include <array>
#include <vector>

namespace optviz::figure {

// A rectangle in units, y growing down.
struct LabelBox {
  double x0, y0, x1, y1;
  bool overlaps(const LabelBox& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
  bool contains(const LabelBox& o) const { return o.x0 >= x0 && o.x1 <= x1 && o.y0 >= y0 && o.y1 <= y1; }
  double distance(double x, double y) const;  // 0 inside
};

// What a label must keep clear of: the boxes of the labels placed before it and of the marks, and
// the centres of the other marks, none of which may be nearer to it than its own point.
struct Obstacles {
  std::vector<LabelBox> labels, marks;
  std::vector<std::array<double, 2>> points;
};

// A width x height box for the point (x, y) whose mark reaches `clearance` from it: of eight places
// around it (up-right first), the one inside `plot` that overlaps the fewest labels, then that is
// nearer to no other point than to its own, then that overlaps the fewest marks.
LabelBox place_label(const LabelBox& plot, double x, double y, double clearance, double width, double height,
                     const Obstacles& around);

}  // namespace optviz::figure
