// The weight-space plane view (plots/plane_view, panels/panel_plane): each snapshot drawn where its
// projection lies, filled with its true loss's colour and fainter the farther it lies off the plane;
// the axes named as the PNG names them; the line as the loss along it; and the panel on a real
// training, drawn headless as PNGs to look at (their paths printed) at a panel's share of 1920x1080
// and 1280x720, in both themes.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "colour_map.hpp"
#include "draw_list_image.hpp"
#include "drawn_text.hpp"
#include "headless_ui.hpp"
#include "panels.hpp"
#include "plane_marks.hpp"
#include "plane_view.hpp"
#include "png_file.hpp"
#include "widget_frame.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

// A pca plane over [-1, 1]^2 with the loss 1 + a^2 + b^2, and a path of three snapshots: the first on
// the plane, the second as far off it as the path reaches, the last at its centre.
struct TestPlane {
  Plane plane;
  PlaneGrid grid;
  std::vector<std::vector<PathPoint>> paths;
  TestPlane() {
    plane.kind = PlaneKind::pca;
    plane.origin = Eigen::VectorXd::Zero(3);
    plane.u = Eigen::VectorXd::Unit(3, 0);
    plane.v = Eigen::VectorXd::Unit(3, 1);
    plane.explained = {0.64, 0.125};
    grid.a = grid_values(-1, 1, 9);
    grid.b = grid.a;
    for (double b : grid.b)
      for (double a : grid.a) grid.loss.push_back(1 + a * a + b * b);
    paths = {{{0, {-0.5, 0.5, 0}, 1.5, 1.5, 2, 0}, {50, {0.5, -0.5, 2}, 100, 1.5, 2, 1}, {100, {0, 0, 0}, 1, 1, 0, 0}}};
  }
};

ImU32 loss_colour(const AxisRange& range, double loss) {
  const Colour c = colour_map(range.fraction(loss));
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1));
}

bool near(ImU32 a, ImU32 b, int tolerance = 3) {
  for (int shift : {0, 8, 16}) {
    const int d = static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff);
    if (d > tolerance || d < -tolerance) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a snapshot fades with its share of the path's reach off the plane", "[plane_view]") {
  CHECK(off_plane_alpha(0) == 1);
  CHECK(off_plane_alpha(0.099) == 1);
  CHECK(off_plane_alpha(1) == kFarthestAlpha);
  CHECK(off_plane_alpha(5) == kFarthestAlpha);
  CHECK(off_plane_alpha(0.55) == Approx(0.6));
  const TestPlane t;
  CHECK(path_reach(t.paths[0]) == 2);
  CHECK(off_plane_share(t.paths[0][1], 2) == 1);
  CHECK(off_plane_share(t.paths[0][2], 0) == 0);
}

TEST_CASE("the playhead's snapshot is the last at or before it", "[plane_view]") {
  const TestPlane t;
  CHECK(snapshot_at(t.paths[0], 0) == 0);
  CHECK(snapshot_at(t.paths[0], 49) == 0);
  CHECK(snapshot_at(t.paths[0], 50) == 1);
  CHECK(snapshot_at(t.paths[0], 1000) == 2);
  CHECK(snapshot_at(t.paths[0], -3) == 0);
}

TEST_CASE("the plane's snapshots lie where they project, filled with their true loss, fainter off the plane",
          "[plane_view]") {
  test::DrawingContext ctx(620, 520, 15, Theme::light);
  const TestPlane t;
  PlaneView view{&t.plane, &t.grid, t.paths, {IM_COL32(0, 114, 178, 255)}, 100, "Loss over the plane"};
  const auto area = draw_plane_plot(ctx.begin(), ImVec2(0, 0), ImVec2(620, 520), view, ctx.style);
  const Image image = ctx.end();
  REQUIRE(area);
  CHECK(area->rect.width() == Approx(area->rect.height()));  // one scale across and up
  const AxisRange loss = plane_loss_range(t.grid, t.paths);
  CHECK(loss.min == 1);
  CHECK(loss.max == 100);
  // The corners of the plot are the grid's corners.
  CHECK(area->at(-1, -1).x == Approx(area->rect.x0));
  CHECK(area->at(-1, -1).y == Approx(area->rect.y1));
  CHECK(area->at(1, 1).x == Approx(area->rect.x1));
  const auto at = [&](const PathPoint& p) {
    const Point2 q = area->at(p.at.a, p.at.b);
    return test::pixel(image, static_cast<int>(q.x), static_cast<int>(q.y));
  };
  // On the plane: its dot in the colour of its true loss (here the plane's too).
  CHECK(near(at(t.paths[0][0]), loss_colour(loss, 1.5)));
  // As far off as the path reaches, its true loss 100 (the colour map's top): a faint dot, mostly the
  // heatmap's colour under it.
  const ImU32 far = at(t.paths[0][1]);
  CHECK_FALSE(near(far, loss_colour(loss, 100), 20));
  CHECK_FALSE(near(far, loss_colour(loss, 1.5), 1));
  const std::string text = test::drawn_text();
  CHECK(text.find("PC1 (64.0% of the variance)") != std::string::npos);
  CHECK(text.find("PC2 (12.5% of the variance)") != std::string::npos);
  CHECK(text.find("Loss over the plane") != std::string::npos);
}

TEST_CASE("a line is drawn as the loss along it, each snapshot at its true loss", "[plane_view]") {
  test::DrawingContext ctx(620, 360, 15, Theme::dark);
  TestPlane t;
  t.plane.kind = PlaneKind::line;
  t.plane.v.resize(0);
  t.grid.b = {0};
  t.grid.loss.assign(t.grid.a.begin(), t.grid.a.end());
  for (double& v : t.grid.loss) v = 2 + v;
  PlaneView view{&t.plane, &t.grid, t.paths, {IM_COL32(0, 114, 178, 255)}, 0, "Loss along the line"};
  const auto area = draw_plane_plot(ctx.begin(), ImVec2(0, 0), ImVec2(620, 360), view, ctx.style);
  ctx.end();
  REQUIRE(area);
  CHECK(area->b.log);
  CHECK(area->rect.width() > 1.5f * area->rect.height());  // as wide as the room
  const Point2 q = area->at(0.5, 100);                     // the second snapshot, at its true loss
  const double expected_y =
      static_cast<double>(area->rect.y0) + (1 - area->b.fraction(100)) * static_cast<double>(area->rect.height());
  CHECK(q.y == Approx(expected_y));
  CHECK(test::drawn_text().find("alpha (0: start, 1: end)") != std::string::npos);
}

namespace {

// The default network scenario's runs trained and the selected run's plane computed, in `state`.
void train_and_plan(AppState& state, PlaneKind kind) {
  state.view.plane.kind = kind;
  for (int i = 0; i < 120'000 && state.model.training->busy(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    update_simulation(state);
  }
  REQUIRE_FALSE(state.model.training->busy());
  for (int i = 0; i < 60'000 && (i == 0 || !state.model.plane->current()); ++i) {
    state.view.plane_shown = true;
    update_network_plane(state);
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(state.model.plane->current());
}

}  // namespace

TEST_CASE("the plane panel on the default network scenario, at 1080 and 720, in both themes", "[plane_view]") {
  AppState state = make_state(default_network_scenario());
  REQUIRE(state.model.selected);
  const auto dir = test::temp_dir("plane-view");
  struct Size {
    const char* name;
    float width, height, font;
  };
  for (const PlaneKind kind : {PlaneKind::pca, PlaneKind::line}) {
    train_and_plan(state, kind);
    set_step(state, 700);
    for (const Size size : {Size{"1080", 960, 560, 18}, Size{"720", 640, 380, 13}})
      for (const Theme theme : {Theme::light, Theme::dark}) {
        if (kind == PlaneKind::line && theme == Theme::dark) continue;
        test::WidgetFrame frame(size.width, size.height, theme, size.font);
        const ImVec2 area(size.width - 2 * ImGui::GetStyle().WindowPadding.x,
                          size.height - 2 * ImGui::GetStyle().WindowPadding.y);
        frame.frame([&] { draw_network_plane(state, area); });
        const std::string text = test::drawn_text();
        CHECK(text.find(kind == PlaneKind::pca ? "PCA" : "Line") != std::string::npos);
        CHECK((text.find("PC1 (") != std::string::npos) == (kind == PlaneKind::pca));  // never the last kind's
        if (kind == PlaneKind::pca) {
          CHECK(text.find("A random walk of as many steps") != std::string::npos);
        }
        CHECK(text.find("true (solid)") != std::string::npos);
        const auto path =
            dir / (std::string(name(kind)) + "-" + size.name + (theme == Theme::dark ? "-dark" : "") + ".png");
        write_png(path, frame.pixels());
        std::printf("view: %s\n", path.c_str());
      }
  }
}
