// The pure drawing geometry: view transforms, polylines, plot axes, sliders, the layout, the
// colour map and core's heatmap grid. No ImGui, no GL.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "colour_map.hpp"
#include "geometry.hpp"
#include "grid.hpp"
#include "layout.hpp"
#include "parameters.hpp"
#include "plot_scale.hpp"
#include "polyline.hpp"
#include "slider_scale.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::nan("");

bool finite(Point2 p) { return std::isfinite(p.x) && std::isfinite(p.y); }

}  // namespace

TEST_CASE("the canvas transform keeps equal units, maps both ways and bounds huge points") {
  const CanvasTransform t({{-2, -1}, {2, 3}}, {100, 50, 900, 450});  // a square box in a wide rect
  REQUIRE(t.pixels_per_unit() == Approx(100));
  REQUIRE(t.shown().min.x == Approx(-4));
  REQUIRE(t.shown().max.x == Approx(4));
  const Point2 p = t.to_pixels({1, 1});
  REQUIRE(p.x == Approx(600));
  REQUIRE(p.y == Approx(250));  // y up: the middle of the box's height
  const Vec2 back = t.to_world(p);
  REQUIRE(back.x == Approx(1));
  REQUIRE(back.y == Approx(1));
  const Point2 far = t.to_pixels({1e300, -kInf});
  REQUIRE(finite(far));
  REQUIRE(far.x == Approx(CanvasTransform::kMaxPixel));
  REQUIRE(std::isnan(t.to_pixels({kNaN, 0}).x));
  // A degenerate or non-finite box still gives a usable transform.
  const CanvasTransform bad({{kNaN, 0}, {kInf, 0}}, {0, 0, 0, 0});
  REQUIRE(std::isfinite(bad.pixels_per_unit()));
  REQUIRE(bad.pixels_per_unit() > 0);
}

TEST_CASE("zooming keeps the point under the cursor in place and stops at the limits") {
  const PixelRect rect{0, 0, 800, 600};
  Box box{{-2, -1}, {2, 3}};
  const Vec2 anchor{0.5, 2};
  const Point2 before = CanvasTransform(box, rect).to_pixels(anchor);
  box = zoom_box(box, anchor, 0.5);
  const Point2 after = CanvasTransform(box, rect).to_pixels(anchor);
  REQUIRE(after.x == Approx(before.x));
  REQUIRE(after.y == Approx(before.y));
  for (int i = 0; i < 200; ++i) box = zoom_box(box, anchor, 0.5);
  REQUIRE(box.max.x - box.min.x >= kMinViewExtent);
  for (int i = 0; i < 400; ++i) box = zoom_box(box, anchor, 2);
  REQUIRE(box.max.x - box.min.x <= kMaxViewExtent);
  REQUIRE(zoom_box(box, anchor, kNaN).min == box.min);
  for (int i = 0; i < 100; ++i) box = pan_box(box, {1e11, 1e11});
  REQUIRE(std::fabs(0.5 * (box.min.x + box.max.x)) <= kMaxViewCentre);
  REQUIRE(pan_box(box, {kInf, 0}).min == box.min);
}

TEST_CASE("trajectory polylines are decimated, broken at non-finite points and clipped") {
  const CanvasTransform t({{-1, -1}, {1, 1}}, {0, 0, 200, 200});
  const PixelRect clip = t.rect();
  // 20,000 steps creeping along a circle of radius 0.5: about 314 pixels of line.
  std::vector<Vec2> circle;
  for (int k = 0; k < 20000; ++k) {
    const double a = 2 * std::numbers::pi * k / 20000.0;
    circle.push_back({0.5 * std::cos(a), 0.5 * std::sin(a)});
  }
  Polylines out;
  screen_polylines(circle, t, clip, 0.75f, out);
  REQUIRE(out.pieces() == 1);
  REQUIRE(out.points.size() < 500);
  REQUIRE(out.points.size() > 300);
  REQUIRE(out.points.back() == t.to_pixels(circle.back()));  // the last point is never dropped

  // A run that diverges: NaN breaks the line, 1e12 is clipped to the rect.
  const std::vector<Vec2> wild = {{0, 0}, {0.5, 0.5}, {1e12, 1e12}, {kNaN, 0}, {-0.5, 0}, {-0.5, -0.5}, {kInf, kInf}};
  screen_polylines(wild, t, clip, 0.75f, out);
  REQUIRE(out.pieces() == 2);
  for (const Point2 p : out.points) {
    REQUIRE(finite(p));
    REQUIRE(clip.expanded(0.01f).contains(p));
  }
  screen_polylines({}, t, clip, 0.75f, out);
  REQUIRE(out.points.empty());
}

TEST_CASE("segments are clipped exactly, and sharp turns split") {
  Point2 a{-100, 50}, b{300, 50};
  REQUIRE(clip_segment(a, b, {0, 0, 200, 100}));
  REQUIRE(a.x == Approx(0));
  REQUIRE(b.x == Approx(200));
  Point2 c{-10, -10}, d{-5, -20};
  REQUIRE_FALSE(clip_segment(c, d, {0, 0, 200, 100}));
  Point2 e{std::nanf(""), 0}, f{1, 1};
  REQUIRE_FALSE(clip_segment(e, f, {0, 0, 200, 100}));

  Polylines zigzag;
  zigzag.starts = {0};
  zigzag.points = {{0, 0}, {10, 0}, {20, 0}, {0, 1}, {20, 2}};  // two reversals
  Polylines split;
  std::vector<Point2> joints;
  split_at_sharp_turns(zigzag, 0.3f, split, joints);
  REQUIRE(split.pieces() == 3);
  REQUIRE(joints.size() == 2);
  REQUIRE(split.points.size() == zigzag.points.size() + 2);

  Polylines dashes;
  const std::vector<Point2> line = {{0, 0}, {100, 0}};
  dashed(line, 6, 4, dashes);
  REQUIRE(dashes.pieces() == 10);
  for (std::size_t i = 0; i < dashes.pieces(); ++i)
    REQUIRE(dashes.piece(i).back().x - dashes.piece(i).front().x <= 6.001f);
}

TEST_CASE("plot ranges are finite and never zero-sized, whatever the values") {
  RangeBuilder empty(true);
  REQUIRE(empty.range().min > 0);
  REQUIRE(empty.range().max > empty.range().min);

  RangeBuilder one(false);
  one.add(5);
  REQUIRE(one.range().min < 5);
  REQUIRE(one.range().max > 5);

  RangeBuilder zero(false);
  zero.add(0);
  REQUIRE(zero.range().max > zero.range().min);

  RangeBuilder wild(true);
  for (double v : {kNaN, kInf, -kInf, -1.0, 0.0, 1e-320, 1e-12, 1.0, 1e12, 1e308, std::numeric_limits<double>::max()})
    wild.add(v);
  const AxisRange w = wild.range();
  REQUIRE(std::isfinite(w.min));
  REQUIRE(std::isfinite(w.max));
  REQUIRE(w.min > 0);
  REQUIRE(w.max > w.min);
  REQUIRE(std::isfinite(w.fraction(1e308)));
  REQUIRE(std::isnan(w.fraction(-1)));

  RangeBuilder linear(false);
  for (double v : {-std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), kNaN}) linear.add(v);
  const AxisRange l = linear.range();
  REQUIRE(std::isfinite(l.max - l.min));
  REQUIRE(l.max > l.min);
  REQUIRE(std::isfinite(l.fraction(1e300)));
}

TEST_CASE("axis ticks sit at round values with readable labels") {
  const auto steps = axis_ticks({0, 500, false}, 5);
  REQUIRE(steps.size() == 6);
  REQUIRE(steps[1].value == 100);
  REQUIRE(steps[1].label == "100");
  const auto small = axis_ticks({-1.2, 1.3, false}, 5);
  REQUIRE(small.front().label == "-1.0");
  const auto decades = axis_ticks({1e-3, 1e3, true}, 10);
  REQUIRE(decades.size() == 7);
  REQUIRE(decades.front().label == "0.001");
  REQUIRE(decades.back().label == "1000");
  const auto many = axis_ticks({1e-300, 1e300, true}, 6);
  REQUIRE(many.size() <= 8);
  REQUIRE(many.size() >= 3);
  REQUIRE(axis_ticks({1e-12, 1e-6, true}, 10).front().label == "10⁻¹²");
  REQUIRE(axis_ticks({0, 50000, false}, 5)[1].label == "10k");
  REQUIRE(short_number(kNaN) == "NaN");
}

TEST_CASE("plot series keep at most four points per pixel column and skip values with no place") {
  std::vector<double> values(20000);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = 2 + std::sin(static_cast<double>(i) * 0.37);
  values[7000] = kNaN;
  values[12000] = 0;  // no place on a log axis
  const PixelRect rect{0, 0, 200, 100};
  Polylines out;
  plot_polylines({values.data(), sizeof(double), values.size()}, 0, {0, 19999, false}, {0.01, 10, true}, rect, out);
  REQUIRE(out.points.size() <= 4 * 202 + 8);
  REQUIRE(out.pieces() == 3);
  for (const Point2 p : out.points) {
    REQUIRE(finite(p));
    REQUIRE(rect.expanded(5).contains(p));
  }
  // Read in place with a stride and an offset subtracted: f - f*.
  struct Row {
    double f;
    double other;
  };
  const std::vector<Row> rows = {{3, 0}, {2, 0}, {1.5, 0}};
  const StridedValues column{&rows[0].f, sizeof(Row), rows.size(), 1.0};
  REQUIRE(column[0] == 2);
  REQUIRE(column[2] == 0.5);
}

TEST_CASE("slider positions and values map both ways and reach their ends") {
  for (const RealParameter& p : real_parameters()) {
    const SliderMapping m = slider_mapping(p);
    for (double position = 0; position <= 1.0001; position += 0.01) {
      const double v = slider_value(m, position);
      REQUIRE(v >= p.min);
      REQUIRE(v <= p.max);
      REQUIRE(slider_position(m, v) == Approx(position).margin(0.03));
    }
    REQUIRE(slider_position(m, kNaN) >= 0);
    REQUIRE(slider_position(m, kInf) <= 1);
  }
  const SliderMapping eps = slider_mapping(real_parameters()[2]);
  REQUIRE(real_parameters()[2].name == "eps");
  REQUIRE(slider_value(eps, 0) == 0);  // epsilon down to 0
  REQUIRE(slider_value(eps, 0.5) > 1e-6);
  REQUIRE(slider_value(eps, 0.5) < 1e-3);
  const SliderMapping rho = slider_mapping(real_parameters()[1]);
  REQUIRE(slider_value(rho, 1) < 1);  // exactly 1 only typed (slider_tests.cpp)
  REQUIRE(slider_value(rho, 0) == 0);
  REQUIRE(slider_value(rho, 0.9) > 0.9999);  // fine control near 1
  REQUIRE(slider_value(rho, 0.9) < 1);
}

TEST_CASE("the layout tiles the window at any size and scale") {
  for (const float scale : {0.5f, 1.0f, 2.0f, 4.0f}) {
    for (const auto& [w, h] : {std::pair{320.0f, 240.0f}, {1280.0f, 800.0f}, {1920.0f, 1080.0f}, {7680.0f, 4320.0f}}) {
      const Layout l = compute_layout(w, h, ui_metrics(scale), Splitters{});
      REQUIRE(l.controls.x1 == l.canvas.x0);
      REQUIRE(l.controls.y1 == l.inspector.y0);
      REQUIRE(l.canvas.width() > 0);
      REQUIRE(l.canvas.height() >= 0);
      REQUIRE(l.plots.x1 == w);
      REQUIRE(l.plots.y1 == h);
      REQUIRE(l.menu_bar.height() == ui_metrics(scale).frame_height);
    }
  }
  REQUIRE(compute_layout(1280, 800, ui_metrics(1), {}).plots_beside);
  REQUIRE_FALSE(compute_layout(1920, 1080, ui_metrics(2), {}).plots_beside);
  Splitters nan;
  nan.controls_width = nan.inspector_fraction = static_cast<float>(kNaN);
  const Layout l = compute_layout(1280, 800, ui_metrics(1), nan);
  REQUIRE(std::isfinite(l.inspector.y0));
}

TEST_CASE("the colour map grows lighter step by step, from dark to light") {
  double previous = -1;
  for (int i = 0; i <= 100; ++i) {
    const Colour c = colour_map(i / 100.0);
    const double luma =
        0.2126 * static_cast<double>(c.r) + 0.7152 * static_cast<double>(c.g) + 0.0722 * static_cast<double>(c.b);
    REQUIRE(luma > previous);
    previous = luma;
  }
  REQUIRE(colour_map(0).r < 0.25f);
  REQUIRE(colour_map(1).g > 0.85f);
  const auto table = colour_table();
  REQUIRE(table[3] == 255);
  REQUIRE(table[4 * 255 + 1] > 200);
}

TEST_CASE("core's heatmap grid stays in [0, 1] and its scale is fixed per function") {
  for (const TestFunction& f : test_functions()) {
    for (ColourScale kind : {ColourScale::log, ColourScale::linear}) {
      const HeatmapScale s = heatmap_scale(f, kind);
      REQUIRE(s.high > s.low);
      REQUIRE(s.offset > 0);
      REQUIRE(s.position(s.low) == 0);
      REQUIRE(s.position(s.high) == 1);
      REQUIRE(s.position(kNaN) == 1);
      // Far outside the view, where values overflow.
      const HeatmapGrid g = heatmap_grid(f, s, {{-1e200, -1e200}, {1e200, 1e200}}, 5, 100000);
      REQUIRE(g.columns == 5);
      REQUIRE(g.rows == kMaxGridSide);
      for (const float t : g.position) REQUIRE((t >= 0 && t <= 1));
    }
  }
}

TEST_CASE("plot series drawn from their column summaries match the series read in full") {
  std::vector<double> values(5003);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = 2 + std::sin(static_cast<double>(i) * 0.011) * std::cos(static_cast<double>(i) * 0.7);
  values[1234] = kNaN;
  const StridedValues series{values.data(), sizeof(double), values.size()};
  const AxisRange x{0, 5003, false}, y{0.5, 5, true};
  const PixelRect rect{10.5f, 20, 187.5f, 120};
  SeriesColumns columns;
  summarize_series(series, 1, x, y.log, rect.width(), columns);
  REQUIRE(columns.columns.size() <= 179);
  for (const std::size_t shown :
       {std::size_t{0}, std::size_t{1}, std::size_t{777}, std::size_t{1235}, std::size_t{4000}, values.size()}) {
    Polylines full, summarized;
    plot_polylines(series, 1, x, y, rect, full, shown);
    plot_polylines(series, 1, x, y, rect, summarized, shown, &columns);
    REQUIRE(summarized.points == full.points);
    REQUIRE(summarized.starts == full.starts);
  }
}

TEST_CASE("segments that add no pixels are dropped without breaking a line that moves on") {
  const PixelRect area{0, 0, 200, 200};
  CoverageGrid grid;
  Polylines slow, out;
  slow.starts = {0};
  for (int k = 0; k <= 400; ++k) slow.points.push_back({10 + 0.4f * static_cast<float>(k), 100});  // 0.4 px steps
  drop_covered_segments(slow, area, 2, grid, out);
  REQUIRE(out.pieces() == 1);
  REQUIRE(out.points.front() == slow.points.front());
  REQUIRE(out.points.back() == slow.points.back());
  REQUIRE(out.points.size() < slow.points.size());

  // 20,000 jumps back and forth across the same 30 pixels, then a move away.
  Polylines jitter;
  jitter.starts = {0};
  for (int k = 0; k < 20000; ++k)
    jitter.points.push_back({k % 2 == 0 ? 50.0f : 80.0f, 50.0f + static_cast<float>(k % 3)});
  jitter.points.push_back({150, 150});
  drop_covered_segments(jitter, area, 2, grid, out);
  REQUIRE(out.points.size() < 20);
  REQUIRE(out.points.back() == Point2{150, 150});
  for (const Point2 p : out.points)
    REQUIRE(std::find(jitter.points.begin(), jitter.points.end(), p) != jitter.points.end());
}

TEST_CASE("a box goes to the corner that the points cross least, never over the start", "[geometry]") {
  const PixelRect plot{0, 0, 400, 300};
  const auto corner = [&](std::vector<Point2> points, Point2 start) {
    const PixelRect r = least_covered_corner(plot, 100, 50, 10, points, start);
    CHECK(r.width() == Approx(100));
    CHECK(r.height() == Approx(50));
    return Point2{r.x0, r.y0};
  };
  const Point2 bottom_left{10, 240}, bottom_right{290, 240}, top_left{10, 10}, top_right{290, 10};
  const Point2 middle{200, 150};
  CHECK(corner({}, middle) == bottom_left);
  CHECK(corner({{50, 260}}, middle) == bottom_right);
  CHECK(corner({{50, 260}, {350, 260}, {350, 270}, {350, 20}, {360, 20}}, middle) == top_left);
  CHECK(corner({{50, 260}, {350, 260}, {50, 20}}, middle) == top_right);
  // Three points in every corner but one, which has one point and the start handle: the handle
  // weighs more than all the points.
  std::vector<Point2> crowded;
  for (const Point2 p : {Point2{50, 260}, Point2{50, 20}, Point2{350, 20}})
    for (int i = 0; i < 3; ++i) crowded.push_back({p.x + static_cast<float>(i), p.y});
  crowded.push_back({350, 260});
  CHECK(corner(crowded, {351, 261}) == bottom_left);
  CHECK(corner(crowded, middle) == bottom_right);
}
