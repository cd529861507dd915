// `optviz render` under a virtual display (ctest runs this binary through xvfb-run): the PNG's
// size, content and embedded scenario, and the GIF's frames, size and timing.
#include <catch2/catch.hpp>
#include <set>
#include <utility>

#include "figure_export.hpp"
#include "lesson_support.hpp"
#include "png_file.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "small_network.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// Pixels within `tolerance` (sum of channel differences) of the colour.
std::size_t pixels_near(const Image& image, Rgb colour, int tolerance) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < image.rgba.size(); i += 4)
    n += std::abs(image.rgba[i] - colour.r) + std::abs(image.rgba[i + 1] - colour.g) +
             std::abs(image.rgba[i + 2] - colour.b) <=
         tolerance;
  return n;
}

// Pixels of two images of the same size whose colours differ by more than `tolerance` (sum of
// channel differences).
std::size_t pixels_apart(const Image& a, const Image& b, int tolerance) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.rgba.size() && i < b.rgba.size(); i += 4)
    n += std::abs(a.rgba[i] - b.rgba[i]) + std::abs(a.rgba[i + 1] - b.rgba[i + 1]) +
             std::abs(a.rgba[i + 2] - b.rgba[i + 2]) >
         tolerance;
  return n;
}

std::size_t distinct_colours(const Image& image) {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i < image.rgba.size(); i += 4)
    colours.insert(static_cast<std::uint32_t>(image.rgba[i] << 16 | image.rgba[i + 1] << 8 | image.rgba[i + 2]));
  return colours.size();
}

}  // namespace

TEST_CASE("every preset renders to a PNG that carries it", "[render]") {
  const TempDir dir;
  for (std::size_t p = 0; p < lesson_presets().size(); ++p) {
    const Scenario& s = lesson_presets()[p];
    INFO(s.title);
    save_scenario(dir / "s.json", s);
    const auto png = dir / ("preset" + std::to_string(p) + ".png");
    const Result r =
        run_optviz({"render", (dir / "s.json").string(), "--out", png.string(), "--width", "1280", "--height", "720"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const Image image = read_png(png);
    CHECK(image.width == 1280);
    CHECK(image.height == 720);
    CHECK(distinct_colours(image) > 500);  // a heatmap, not a flat background
    // Each run's colour: its legend swatch, and its path unless a later run covers it (a network's
    // plane shows the path of one run, named in its title).
    for (std::size_t i = 0; i < s.looks.size(); ++i)
      if (!s.network || s.lesson.view != NetView::plane || preferred_run(s) == i)
        CHECK(pixels_near(image, s.looks[i].colour, 24) > 20);
    CHECK(open_scenario_file(png) == s);
  }
}

TEST_CASE("render's default size, --step and a PNG as the scenario", "[render]") {
  const TempDir dir;
  const Scenario& s = *lesson("Momentum makes RMSprop's steps").scenario;  // the Rosenbrock valley
  save_scenario(dir / "s.json", s);
  REQUIRE(run_optviz({"render", (dir / "s.json").string(), "--out", (dir / "full.png").string()}).exit_code == 0);
  const Image full = read_png(dir / "full.png");
  CHECK(full.width == 1920);
  CHECK(full.height == 1080);

  REQUIRE(run_optviz({"render", (dir / "full.png").string(), "--out", (dir / "start.png").string(), "--step", "0"})
              .exit_code == 0);
  const Image start = read_png(dir / "start.png");
  REQUIRE(start.width == 1920);
  // At step 0 the paths are not drawn yet: far fewer pixels of the momentum run's colour.
  CHECK(pixels_near(full, s.looks[0].colour, 24) > 3 * pixels_near(start, s.looks[0].colour, 24));
  CHECK(open_scenario_file(dir / "start.png") == s);
}

TEST_CASE("render writes an animated GIF of the trajectories growing", "[render]") {
  const TempDir dir;
  const Scenario& s = lesson_presets().at(0);
  save_scenario(dir / "s.json", s);
  const Result r = run_optviz({"render", (dir / "s.json").string(), "--gif", (dir / "a.gif").string(), "--fps", "10",
                               "--seconds", "2", "--width", "320", "--height", "180", "--out", (dir / "f.png").string(),
                               "--step", std::to_string(s.course.steps), "--canvas-only"});
  REQUIRE(r.exit_code == 0);
  const Gif gif = read_gif(dir / "a.gif");
  CHECK(gif.width == 320);
  CHECK(gif.height == 180);
  CHECK(gif.loops_forever);
  REQUIRE(gif.frames.size() == 20);
  for (int d : gif.delays) CHECK(d == 10);
  // The last frame shows the whole paths: it matches the PNG of the same scenario and size at the
  // last step (a lesson's PNG is drawn at its own step unless --step says otherwise).
  const Image png = read_png(dir / "f.png");
  REQUIRE(png.width == 320);
  REQUIRE(png.height == 180);
  CHECK(mean_difference(gif.frames.back(), png) < 1.5);
  CHECK(mean_difference(gif.frames.front(), gif.frames.back()) > 0.05);
  CHECK(dir.entries() == std::vector<std::string>{"a.gif", "f.png", "s.json"});
}

TEST_CASE("a render that cannot be written exits 1 and leaves nothing", "[render]") {
  const TempDir dir;
  save_scenario(dir / "s.json", lesson_presets().at(0));
  const Result png =
      run_optviz({"render", (dir / "s.json").string(), "--out", "/dev/full", "--width", "64", "--height", "64"});
  CHECK(png.exit_code == 1);
  CHECK(png.err == "optviz: cannot write /dev/full: No space left on device\n");
  const Result gif = run_optviz({"render", (dir / "s.json").string(), "--gif", (dir / "missing" / "a.gif").string(),
                                 "--width", "64", "--height", "64", "--seconds", "1"});
  CHECK(gif.exit_code == 1);
  CHECK(gif.err == "optviz: cannot write " + (dir / "missing" / "a.gif").string() + ": No such file or directory\n");
  CHECK(dir.entries() == std::vector<std::string>{"s.json"});
}

TEST_CASE("render --view 3d draws the surface: another picture than the heatmap, readable, the runs on it",
          "[render]") {
  const TempDir dir;
  const Scenario& s = *lesson("Momentum makes RMSprop's steps").scenario;  // the Rosenbrock valley
  save_scenario(dir / "s.json", s);
  const std::string json = (dir / "s.json").string();
  for (const auto& [width, height] : {std::pair{1600, 1000}, std::pair{1280, 720}}) {
    const std::string w = std::to_string(width), h = std::to_string(height);
    INFO(w << "x" << h);
    const auto flat_png = dir / ("flat" + w + ".png"), surface_png = dir / ("surface" + w + ".png");
    REQUIRE(run_optviz({"render", json, "--out", flat_png.string(), "--width", w, "--height", h}).exit_code == 0);
    const Result r =
        run_optviz({"render", json, "--view", "3d", "--out", surface_png.string(), "--width", w, "--height", h});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    const Image flat = read_png(flat_png), surface = read_png(surface_png);
    REQUIRE(surface.width == width);
    REQUIRE(surface.height == height);
    CHECK(distinct_colours(surface) > 2000);  // a shaded surface, not a flat background
    CHECK(mean_difference(flat, surface) > 10);
    for (const RunLook& run : s.looks) CHECK(pixels_near(surface, run.colour, 24) > 40);
    // The figure carries the scenario as drawn: it opens again in 3D.
    Scenario shown = s;
    shown.display.view = CanvasView::surface;
    CHECK(open_scenario_file(surface_png) == shown);
  }
  // A scenario's own camera is used, and --view 2d overrides a 3D scenario.
  Scenario turned = s;
  turned.display.view = CanvasView::surface;
  turned.display.surface.yaw = 120;
  turned.display.surface.height = ColourScale::log;
  save_scenario(dir / "turned.json", turned);
  REQUIRE(run_optviz({"render", (dir / "turned.json").string(), "--out", (dir / "turned.png").string(), "--width",
                      "1280", "--height", "720"})
              .exit_code == 0);
  CHECK(mean_difference(read_png(dir / "turned.png"), read_png(dir / "surface1280.png")) > 5);
  REQUIRE(run_optviz({"render", (dir / "turned.json").string(), "--view", "2d", "--out", (dir / "flat.png").string(),
                      "--width", "1280", "--height", "720"})
              .exit_code == 0);
  CHECK(mean_difference(read_png(dir / "flat.png"), read_png(dir / "flat1280.png")) < 1);
}

TEST_CASE("the 3D view survives degenerate surfaces and diverged runs", "[render]") {
  const TempDir dir;
  for (const char* formula : {"3", "1/(x*x + y*y)", "log(x)", "exp(50*x) + y"}) {
    INFO(formula);
    Scenario s = default_scenario();
    s.course.objective = Objective::typed(formula);
    s.course.steps = 60;
    for (RunSpec& run : s.course.runs) run.hyper.eta = 0.5;  // some of them diverge
    s.display.view = CanvasView::surface;
    save_scenario(dir / "s.json", s);
    const Result r = run_optviz(
        {"render", (dir / "s.json").string(), "--out", (dir / "f.png").string(), "--width", "640", "--height", "400"});
    CHECK(r.exit_code == 0);
    CHECK(read_png(dir / "f.png").width == 640);
  }
}

TEST_CASE("a network scenario renders its slide: the data and boundary, the network, the curves", "[render]") {
  const TempDir dir;
  Scenario s = default_network_scenario();
  s.network->recipe->rows = 200;
  s.course.steps = 400;
  save_scenario(dir / "net.json", s);
  const auto png = dir / "net.png";
  const Result r =
      run_optviz({"render", (dir / "net.json").string(), "--out", png.string(), "--width", "1280", "--height", "720"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const Image image = read_png(png);
  CHECK(image.width == 1280);
  CHECK(open_scenario_file(png) == s);
  // Label 0's orange and label 1's blue (the points), and every run's colour (its curves and key).
  CHECK(pixels_near(image, {230, 159, 0}, 24) > 500);
  CHECK(pixels_near(image, {0, 114, 178}, 24) > 500);
  // At step 0 nothing is learnt yet: the curves are not drawn, the boundary is another.
  REQUIRE(run_optviz({"render", png.string(), "--out", (dir / "start.png").string(), "--step", "0", "--width", "1280",
                      "--height", "720"})
              .exit_code == 0);
  const Image start = read_png(dir / "start.png");
  CHECK(start.rgba != image.rgba);
  const Result canvas = run_optviz({"render", png.string(), "--out", (dir / "canvas.png").string(), "--canvas-only",
                                    "--width", "640", "--height", "640"});
  CHECK(canvas.exit_code == 0);
  CHECK(read_png(dir / "canvas.png").width == 640);
}

TEST_CASE("a network scenario's GIF: its slide at each frame's step, as the training goes on", "[render]") {
  const TempDir dir;
  const Scenario s = small_network_scenario(100, 200);
  save_scenario(dir / "net.json", s);
  const std::string size[] = {"--width", "320", "--height", "180"};
  const auto render = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"render", (dir / "net.json").string()});
    args.insert(args.end(), std::begin(size), std::end(size));
    return run_optviz(args);
  };
  // 2 s at 5 fps: 10 frames, frame k at step round(200 k / 9).
  const Result r = render({"--gif", (dir / "net.gif").string(), "--fps", "5", "--seconds", "2"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const Gif gif = read_gif(dir / "net.gif");
  CHECK(gif.width == 320);
  CHECK(gif.height == 180);
  CHECK(gif.loops_forever);
  REQUIRE(gif.frames.size() == 10);
  for (int d : gif.delays) CHECK(d == 20);
  // Frames 0, 4 and 9 are the PNG slides at their steps (0, 89 and 200) within the palette's
  // rounding (one palette, built from the first frame, for all: no pixel is off by more than 96 in
  // its three channels together), and more than 500 pixels away from the slides at the other two
  // steps: the boundary, the network and the curves move with the training.
  const int shown[] = {0, 4, 9};
  std::vector<Image> slides;
  for (const int frame : shown) {
    const long step = gif_frame_step(frame, 10, s.course.steps);
    const auto png = dir / ("step" + std::to_string(step) + ".png");
    REQUIRE(render({"--out", png.string(), "--step", std::to_string(step)}).exit_code == 0);
    slides.push_back(read_png(png));
    REQUIRE(slides.back().width == 320);
    REQUIRE(slides.back().height == 180);
  }
  CHECK(gif_frame_step(4, 10, s.course.steps) == 89);
  for (std::size_t f = 0; f < 3; ++f)
    for (std::size_t p = 0; p < 3; ++p) {
      INFO("frame " << shown[f] << " against the slide of frame " << shown[p]);
      const std::size_t off = pixels_apart(gif.frames[static_cast<std::size_t>(shown[f])], slides[p], 96);
      if (f == p)
        CHECK(off == 0);
      else
        CHECK(off > 500);
    }
  for (std::size_t a = 0; a < gif.frames.size(); ++a)
    for (std::size_t b = a + 1; b < gif.frames.size(); ++b) CHECK(gif.frames[a].rgba != gif.frames[b].rgba);

  // Bad settings are refused as for a 2D scenario's GIF, before anything is trained or written.
  const std::pair<std::vector<std::string>, std::string> refused[] = {
      {{"--gif", (dir / "bad.gif").string(), "--fps", "0"}, "--fps: must be in [1, 60], got 0"},
      {{"--gif", (dir / "bad.gif").string(), "--seconds", "61"}, "--seconds: must be in (0, 60], got 61"},
      {{"--gif", (dir / "bad.gif").string(), "--fps", "60", "--seconds", "31"},
       "--fps x --seconds: must give at most 1800 frames, got 1860"},
      {{"--gif", (dir / "bad.gif").string(), "--question"},
       "--question applies to --out only (a question slide does not move)"},
  };
  for (const auto& [args, message] : refused) {
    const Result bad = render(args);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "optviz: " + message + "\n");
  }
  CHECK_FALSE(std::filesystem::exists(dir / "bad.gif"));
}
