// The 3D view's maths without GL: the orbit camera (matrices, projection, the mouse's orbit and
// zoom) and the surface mesh (heights, normals, colours, paths laid on it).
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "grid.hpp"
#include "headless_ui.hpp"
#include "keys.hpp"
#include "orbit_camera.hpp"
#include "surface_mesh.hpp"
#include "surface_scene.hpp"
#include "test_function.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

Objective typed(const char* formula) { return Objective::typed(formula); }

HeatmapScale scale_of(const Objective& f, ColourScale kind) { return heatmap_scale(f, kind); }

float length(Vec3f v) { return std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z); }

}  // namespace

TEST_CASE("the camera looks at the centre of the surface's box from any angle", "[surface]") {
  const PixelRect viewport{100, 50, 900, 650};
  for (const double yaw : {-170.0, -35.0, 0.0, 90.0, 180.0})
    for (const double pitch : {5.0, 35.0, 89.0})
      for (const double zoom : {0.25, 1.0, 4.0}) {
        const SurfaceCamera camera = surface_camera({yaw, pitch, zoom, ColourScale::log}, 800.0f / 600.0f);
        const auto centre = project(camera, kSurfaceCentre, viewport);
        INFO("yaw " << yaw << " pitch " << pitch << " zoom " << zoom);
        REQUIRE(centre);
        CHECK(centre->pixel.x == Approx(500).margin(0.01));
        CHECK(centre->pixel.y == Approx(350).margin(0.01));
        CHECK(centre->depth > 0);
        CHECK(centre->depth < 1);
      }
}

TEST_CASE("at zoom 1 the whole box fits the view from every angle, and zooming in brings it closer", "[surface]") {
  const PixelRect viewport{0, 0, 1000, 600};
  for (const double yaw : {-180.0, -120.0, -35.0, 0.0, 45.0, 100.0})
    for (const double pitch : {5.0, 20.0, 35.0, 60.0, 89.0}) {
      const SurfaceCamera camera = surface_camera({yaw, pitch, 1, ColourScale::log}, 1000.0f / 600.0f);
      for (const float x : {-1.0f, 1.0f})
        for (const float y : {-1.0f, 1.0f})
          for (const float z : {0.0f, kSurfaceHeight}) {
            const auto p = project(camera, {x, y, z}, viewport);
            INFO("yaw " << yaw << " pitch " << pitch << " corner " << x << "," << y << "," << z);
            REQUIRE(p);
            CHECK(viewport.contains(p->pixel));
          }
    }
  const auto far = surface_camera({-35, 35, 1, ColourScale::log}, 1.0f);
  const auto near = surface_camera({-35, 35, 3, ColourScale::log}, 1.0f);
  CHECK(length({near.eye.x - kSurfaceCentre.x, near.eye.y, near.eye.z - kSurfaceCentre.z}) <
        length({far.eye.x - kSurfaceCentre.x, far.eye.y, far.eye.z - kSurfaceCentre.z}) / 2);
}

TEST_CASE("the camera's angles: yaw 0 looks along +y from low y, the pitch raises it", "[surface]") {
  const SurfaceCamera front = surface_camera({0, 35, 1, ColourScale::log}, 1.0f);
  CHECK(front.eye.x == Approx(0).margin(1e-5));
  CHECK(front.eye.y < 0);
  CHECK(front.eye.z > kSurfaceCentre.z);
  // +x is to the right on screen, +z up.
  const PixelRect viewport{0, 0, 100, 100};
  const auto right = project(front, {1, 0, kSurfaceCentre.z}, viewport);
  const auto up = project(front, {0, 0, kSurfaceHeight}, viewport);
  REQUIRE(right);
  REQUIRE(up);
  CHECK(right->pixel.x > 50);
  CHECK(up->pixel.y < 50);
  const SurfaceCamera side = surface_camera({90, 35, 1, ColourScale::log}, 1.0f);
  CHECK(side.eye.x > 0);
  CHECK(side.eye.y == Approx(0).margin(1e-5));
}

TEST_CASE("orbiting clamps the pitch, wraps the yaw and ignores what is not finite", "[surface]") {
  const SurfaceView start{};
  SurfaceView v = orbit(start, 0, 10000, 500);
  CHECK(v.pitch == kMaxSurfacePitch);
  v = orbit(start, 0, -10000, 500);
  CHECK(v.pitch == kMinSurfacePitch);
  // A drag right over the whole height turns the camera 180 degrees to the left.
  v = orbit(start, 500, 0, 500);
  CHECK(v.yaw == Approx(start.yaw - 180 + 360));
  CHECK(v.yaw > -180);
  CHECK(v.yaw <= 180);
  v = orbit(start, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(), 500);
  CHECK(v == start);
  CHECK(zoom(start, 1000).zoom == kMaxSurfaceZoom);
  CHECK(zoom(start, -1000).zoom == kMinSurfaceZoom);
  CHECK(zoom(start, 1).zoom == Approx(1.15));
  CHECK(clamped({std::nan(""), 500, std::nan(""), ColourScale::linear}).pitch == kMaxSurfacePitch);
  CHECK(clamped({std::nan(""), 500, std::nan(""), ColourScale::linear}).yaw == SurfaceView{}.yaw);
}

TEST_CASE("a plane's mesh has the plane's normal everywhere", "[surface]") {
  const Objective f = typed("x + 2*y + 10");
  const HeatmapScale linear = scale_of(f, ColourScale::linear);
  const SurfaceMesh m = build_surface_mesh(f, {{-1, -1}, {1, 1}}, linear, linear, 21, 11);
  REQUIRE(m.position.size() == 21u * 11u);
  REQUIRE(m.triangles.size() == 20u * 10u * 6u);
  // Linear height: z = kSurfaceHeight * (f - low) / (high - low); over the box x and y span 2 world
  // units each, as they do in the plane, so dz/dx and dz/dy are the slopes times this factor.
  const double k = static_cast<double>(kSurfaceHeight) / (linear.high - linear.low);
  const double nx = -1 * k, ny = -2 * k, n = std::sqrt(nx * nx + ny * ny + 1);
  for (const Vec3f normal : m.normal) {
    CHECK(normal.x == Approx(nx / n).margin(1e-4));
    CHECK(normal.y == Approx(ny / n).margin(1e-4));
    CHECK(normal.z == Approx(1 / n).margin(1e-4));
  }
  // The triangles face up (counter-clockwise seen from above).
  for (std::size_t t = 0; t < m.triangles.size(); t += 3) {
    const Vec3f a = m.position[m.triangles[t]], b = m.position[m.triangles[t + 1]], c = m.position[m.triangles[t + 2]];
    const float cross_z = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    REQUIRE(cross_z > 0);
  }
}

TEST_CASE("log and linear heights both rise with f, and the colours are the heatmap's", "[surface]") {
  const Objective f = typed("x^2 + y^2");
  const Box box{{0, -0.001}, {2, 0.001}};
  const HeatmapScale log = scale_of(f, ColourScale::log), linear = scale_of(f, ColourScale::linear);
  for (const HeatmapScale& height : {log, linear}) {
    const SurfaceMesh m = build_surface_mesh(f, box, height, log, 64, 2);
    // Along y = -0.001, x from 0 to 2: f grows, so the height must grow.
    for (int i = 1; i < m.columns; ++i)
      CHECK(m.height[static_cast<std::size_t>(i)] > m.height[static_cast<std::size_t>(i - 1)]);
    for (int i = 0; i < m.columns; ++i) {
      const double x = 2.0 * i / (m.columns - 1);
      CHECK(m.colour[static_cast<std::size_t>(i)] == Approx(log.position(f.value({x, -0.001}))).margin(1e-6));
    }
  }
  // The log height lifts small values more than the linear one: at x = 0.2 it is higher.
  const SurfaceMesh a = build_surface_mesh(f, box, log, log, 11, 2), b = build_surface_mesh(f, box, linear, log, 11, 2);
  CHECK(a.height[1] > b.height[1] + 0.1f);
}

TEST_CASE("constant, infinite and NaN surfaces give a finite, bounded mesh", "[surface]") {
  for (const char* formula : {"3", "1/0", "log(-1)", "if(x > 0, 1/0, x)", "exp(1000*x)"}) {
    const Objective f = typed(formula);
    const HeatmapScale scale = scale_of(f, ColourScale::log);
    const SurfaceMesh m = build_surface_mesh(f, {{-1, -1}, {1, 1}}, scale, scale, 17, 17);
    INFO(formula);
    for (std::size_t k = 0; k < m.position.size(); ++k) {
      REQUIRE(std::isfinite(m.position[k].z));
      REQUIRE(m.position[k].z >= 0);
      REQUIRE(m.position[k].z <= kSurfaceHeight);
      REQUIRE(std::isfinite(m.normal[k].x));
      REQUIRE(length(m.normal[k]) == Approx(1).margin(1e-5));
      REQUIRE(m.colour[k] >= 0);
      REQUIRE(m.colour[k] <= 1);
    }
  }
}

TEST_CASE("a path lies on the surface, cut at the box's edge and where it diverged", "[surface]") {
  const Objective f = typed("x^2 + 3*y^2");
  const HeatmapScale scale = scale_of(f, ColourScale::linear);
  const SurfaceMesh m = build_surface_mesh(f, {{-1, -1}, {1, 1}}, scale, scale, 33, 33);
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Vec2> positions = {{-0.8, 0.5}, {0.8, -0.5}, {3, 0}, {5, 5},    {0.5, 3},
                                       {0.5, 0.5},  {inf, 0},    {0, 0}, {0.2, 0.2}};
  const float lift = 0.01f;
  const auto pieces = surface_path(m, positions, lift);
  // Inside, out through x = 1, back in through y = 1, broken by the infinite point.
  REQUIRE(pieces.size() == 3);
  for (const auto& piece : pieces)
    for (const Vec3f p : piece) {
      REQUIRE(p.x >= -1.0f - 1e-6f);
      REQUIRE(p.x <= 1.0f + 1e-6f);
      REQUIRE(p.y >= -1.0f - 1e-6f);
      REQUIRE(p.y <= 1.0f + 1e-6f);
      const Vec2 plane{(p.x + 1) / 2 * 2 - 1, (p.y + 1) / 2 * 2 - 1};
      REQUIRE(p.z == Approx(surface_height(m, plane) * static_cast<double>(kSurfaceHeight) + static_cast<double>(lift))
                         .margin(1e-5));
    }
  // The long first segment follows the mesh instead of cutting through it: many points.
  CHECK(pieces[0].size() > 20);
  CHECK(pieces[0].back().x == Approx(1.0f));
  CHECK(pieces[1].front().y == Approx(1.0f));
  // The point at the centre of the bowl is its lowest.
  CHECK(pieces[2].front().z < pieces[0].front().z);
  CHECK(surface_path(m, std::vector<Vec2>{{7, 7}, {8, 9}}, lift).empty());
  CHECK(surface_path(m, std::vector<Vec2>{{0.1, 0.1}}, lift).size() == 1);
}

TEST_CASE("the mesh is rebuilt only when what it shows changes", "[surface]") {
  SurfaceModel model;
  const Objective f = *find_function("rosenbrock");
  const HeatmapScale scale = scale_of(f, ColourScale::log);
  model.update(f, f.view(), scale, ColourScale::log);
  const auto first = model.generation();
  model.update(f, f.view(), scale, ColourScale::log);
  CHECK(model.generation() == first);
  model.update(f, f.view(), scale, ColourScale::linear);
  CHECK(model.generation() == first + 1);
  model.update(f, {{-1, -1}, {1, 1}}, scale, ColourScale::linear);
  CHECK(model.generation() == first + 2);
  CHECK(model.mesh().columns == kSurfaceMeshSide);
}

TEST_CASE("in the window's 3D view a drag turns the surface and the wheel zooms, without re-simulating", "[surface]") {
  test::HeadlessUi ui(default_scenario());
  ui.frames(2);
  ui.press(keys::kV);
  ui.frames(2);
  REQUIRE(ui.state.model.scenario.display.view == CanvasView::surface);
  const SurfaceScene& scene = ui.state.view.surface_scene;
  CHECK(scene.width > 100);
  CHECK(scene.mesh == &ui.state.view.surface_model.mesh());
  CHECK(scene.lines.size() >=
        1 + 2 * ui.state.model.scenario.course.runs.size());  // the base, each run's outline and colour

  const std::uint64_t generation = ui.state.model.generation;
  const Vec2 start = ui.state.model.scenario.course.start;
  const PixelRect canvas = ui.state.view.layout.canvas;
  const ImVec2 centre((canvas.x0 + canvas.x1) / 2, (canvas.y0 + canvas.y1) / 2);
  const SurfaceView before = ui.state.model.scenario.display.surface;
  ui.frame([&](ImGuiIO& io) { io.MousePos = centre; });
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = true; });
  for (int i = 1; i <= 5; ++i)
    ui.frame([&](ImGuiIO& io) {
      io.MouseDown[0] = true;
      io.MousePos = ImVec2(centre.x + 20.0f * static_cast<float>(i), centre.y + 4.0f * static_cast<float>(i));
    });
  ui.frame([&](ImGuiIO& io) { io.MouseDown[0] = false; });
  const SurfaceView turned = ui.state.model.scenario.display.surface;
  CHECK(turned.yaw < before.yaw - 5);                    // dragged right: the camera goes left
  CHECK(turned.pitch > before.pitch);                    // dragged down: the camera rises
  CHECK(ui.state.model.scenario.course.start == start);  // no start handle to drag in 3D
  ui.frame([&](ImGuiIO& io) {
    io.MousePos = centre;
    io.MouseWheel = 2;
  });
  ui.frames(2);
  CHECK(ui.state.model.scenario.display.surface.zoom == Approx(turned.zoom * 1.15 * 1.15));
  CHECK(ui.state.model.generation == generation);  // the camera changes no trajectory
  CHECK(ui.state.model.simulated.display.surface == ui.state.model.scenario.display.surface);

  ui.press(keys::kV);
  ui.frames(2);
  CHECK(ui.state.model.scenario.display.view == CanvasView::flat);
  CHECK(ui.state.view.surface_scene.width == 0);
  CHECK(ui.state.view.heatmap_request.width > 100);
  CHECK(ui.state.model.generation == generation);
}
