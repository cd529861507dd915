// The exporters through their APIs: PNG files that carry their scenario, animated GIFs, the CSV
// directory of a scenario's runs, and how each fails without leaving a partial file.
#include <png.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "csv.hpp"
#include "gif_file.hpp"
#include "png_file.hpp"
#include "presets.hpp"
#include "run_export.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// A heatmap's kind of picture: a smooth bowl through a viridis-like colour ramp, a small orange
// legend swatch, and an orange line along the middle row that grows with `marks`.
Image test_picture(int width, int height, int marks = 0) {
  constexpr std::array<std::array<double, 3>, 5> kRamp = {
      {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}}};
  Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width * height) * 4)};
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double u = 2.0 * x / (width - 1) - 1, v = 2.0 * y / (height - 1) - 1;
      const double t = std::min(0.999, (u * u + 3 * v * v) / 4) * 4;  // in [0, 4)
      const auto i = static_cast<std::size_t>(t);
      auto* p = &image.rgba[static_cast<std::size_t>(y * width + x) * 4];
      for (std::size_t c = 0; c < 3; ++c)
        p[c] = static_cast<std::uint8_t>(
            std::lround(kRamp[i][c] + (t - static_cast<double>(i)) * (kRamp[i + 1][c] - kRamp[i][c])));
      p[3] = 255;
    }
  }
  const auto orange = [&](int x, int y) {
    auto* p = &image.rgba[static_cast<std::size_t>(y * width + x) * 4];
    p[0] = 230;
    p[1] = 159;
    p[2] = 0;
  };
  for (int y = 2; y < 6; ++y)
    for (int x = width - 8; x < width - 2; ++x) orange(x, y);
  for (int m = 0; m < marks; ++m)
    for (int x = 0; x < width * (m + 1) / (marks + 1); ++x) orange(x, height / 2);
  return image;
}

std::size_t count_temporaries(const TempDir& dir) {
  std::size_t n = 0;
  for (const std::string& name : dir.entries()) n += name.find(".tmp-") != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("a PNG keeps its pixels and carries its scenario", "[png]") {
  const TempDir dir;
  const Scenario scenario = lesson_presets().at(1);
  Image image = test_picture(97, 61);
  write_png(dir / "fig.png", image, to_json(scenario));
  const Image back = read_png(dir / "fig.png");
  CHECK(back.width == 97);
  CHECK(back.height == 61);
  CHECK(back.rgba == image.rgba);
  CHECK(read_png_scenario(dir / "fig.png") == to_json(scenario));
  CHECK(open_scenario_file(dir / "fig.png") == scenario);

  image.rgba[3] = 17;  // not opaque: written with its alpha channel
  write_png(dir / "alpha.png", image);
  CHECK(read_png(dir / "alpha.png").rgba == image.rgba);
  CHECK(dir.entries() == std::vector<std::string>{"alpha.png", "fig.png"});
}

TEST_CASE("open_scenario_file decides by content and names the file in its messages", "[png]") {
  const TempDir dir;
  const Scenario scenario = default_scenario();
  write_png(dir / "plain.png", test_picture(8, 8));
  CHECK_THROWS_WITH(open_scenario_file(dir / "plain.png"),
                    (dir / "plain.png").string() + ": no optviz scenario inside (was it exported by optviz?)");
  // A JSON scenario named .png is still a JSON scenario, and the other way round.
  save_scenario(dir / "scenario.png", scenario);
  CHECK(open_scenario_file(dir / "scenario.png") == scenario);
  write_png(dir / "figure.json", test_picture(8, 8), to_json(scenario));
  CHECK(open_scenario_file(dir / "figure.json") == scenario);

  write_png(dir / "full.png", test_picture(64, 64), to_json(scenario));
  const std::string bytes = read_file(dir / "full.png");
  write_file(dir / "truncated.png", bytes.substr(0, 40));
  CHECK_THROWS_WITH(open_scenario_file(dir / "truncated.png"),
                    Catch::StartsWith((dir / "truncated.png").string() + ": truncated or damaged PNG"));
  write_file(dir / "text.png", "hello");
  CHECK_THROWS_WITH(open_scenario_file(dir / "text.png"),
                    Catch::StartsWith((dir / "text.png").string() + ": not valid JSON"));
  CHECK_THROWS_WITH(read_png_scenario(dir / "text.png"), (dir / "text.png").string() + ": not a PNG file");
  CHECK_THROWS_WITH(open_scenario_file(dir / "none.png"),
                    (dir / "none.png").string() + ": cannot read: No such file or directory");

  // A PNG whose embedded scenario is invalid.
  write_png(dir / "bad.png", test_picture(8, 8), R"({"version": 1, "function": "nope"})");
  CHECK_THROWS_WITH(
      open_scenario_file(dir / "bad.png"),
      Catch::StartsWith((dir / "bad.png").string() + ": the embedded scenario: function: must be one of"));
}

TEST_CASE("the scenario chunk is found after the image data too", "[png]") {
  // libpng writes text set after the image into a chunk that follows the IDAT chunks.
  const TempDir dir;
  const Image image = test_picture(16, 16);
  const std::string json = to_json(default_scenario());
  std::FILE* file = std::fopen((dir / "late.png").c_str(), "wb");
  REQUIRE(file != nullptr);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_init_io(png, file);
  png_set_IHDR(png, info, 16, 16, 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < 16; ++y) png_write_row(png, image.rgba.data() + y * 64);
  std::string key(kScenarioChunkKeyword), text = json;
  png_text chunk{};
  chunk.compression = PNG_TEXT_COMPRESSION_zTXt;
  chunk.key = key.data();
  chunk.text = text.data();
  png_set_text(png, info, &chunk, 1);
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  std::fclose(file);
  CHECK(read_png_scenario(dir / "late.png") == json);
}

TEST_CASE("a failed PNG export says why and leaves no file", "[png]") {
  const TempDir dir;
  const Image image = test_picture(32, 32);
  CHECK_THROWS_WITH(write_png("/dev/full", image, "{}"), "cannot write /dev/full: No space left on device");
  CHECK_THROWS_AS(write_png("/sys/optviz-test.png", image), std::runtime_error);
  CHECK_FALSE(std::filesystem::exists("/sys/optviz-test.png"));
  CHECK_THROWS_WITH(write_png(dir / "missing" / "fig.png", image),
                    "cannot write " + (dir / "missing" / "fig.png").string() + ": No such file or directory");
  CHECK_THROWS_WITH(write_png(dir.path(), image), "cannot write " + dir.path().string() + ": Is a directory");
  if (::geteuid() != 0) {  // root writes into read-only directories
    std::filesystem::create_directory(dir / "read-only");
    std::filesystem::permissions(dir / "read-only",
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
    CHECK_THROWS_WITH(write_png(dir / "read-only" / "fig.png", image),
                      "cannot write " + (dir / "read-only" / "fig.png").string() + ": Permission denied");
  }
  CHECK((dir.entries().empty() || dir.entries() == std::vector<std::string>{"read-only"}));
}

TEST_CASE("a GIF has every frame at its size, its frame rate and loops", "[gif]") {
  const TempDir dir;
  constexpr int kFrames = 12;
  std::vector<Image> frames;
  for (int i = 0; i < kFrames; ++i) frames.push_back(test_picture(160, 90, i));
  {
    GifWriter gif(dir / "anim.gif", 160, 90, 30);
    for (const Image& f : frames) gif.add_frame(f);
    CHECK(dir.entries().size() == 1);  // only the temporary file so far
    CHECK(count_temporaries(dir) == 1);
    gif.finish();
  }
  CHECK(dir.entries() == std::vector<std::string>{"anim.gif"});
  const Gif gif = read_gif(dir / "anim.gif");
  CHECK(gif.width == 160);
  CHECK(gif.height == 90);
  CHECK(gif.loops_forever);
  REQUIRE(gif.frames.size() == kFrames);
  // 30 fps in hundredths: 3, 4, 3, 3, 4, 3, ... adding up to 100 per 30 frames.
  int total = 0;
  for (int d : gif.delays) {
    CHECK((d == 3 || d == 4));
    total += d;
  }
  CHECK(total == 40);
  // The palette keeps the ramp smooth: each frame within 1.5 levels per channel on average.
  for (int i = 0; i < kFrames; ++i) {
    INFO("frame " << i);
    CHECK(mean_difference(gif.frames[static_cast<std::size_t>(i)], frames[static_cast<std::size_t>(i)]) < 1.5);
    // the legend swatch and the line (from frame 1 on) stay orange
    const auto* swatch = &gif.frames[static_cast<std::size_t>(i)].rgba[static_cast<std::size_t>(3 * 160 + 155) * 4];
    CHECK(std::abs(swatch[0] - 230) + std::abs(swatch[1] - 159) + std::abs(swatch[2] - 0) < 12);
    if (i == 0) continue;
    const auto* p = &gif.frames[static_cast<std::size_t>(i)].rgba[static_cast<std::size_t>(45 * 160 + 2) * 4];
    CHECK(std::abs(p[0] - 230) + std::abs(p[1] - 159) + std::abs(p[2] - 0) < 12);
  }
}

TEST_CASE("GIF frames that change little are stored small", "[gif]") {
  const TempDir dir;
  GifWriter gif(dir / "still.gif", 320, 180, 10);
  for (int i = 0; i < 50; ++i) gif.add_frame(test_picture(320, 180, i < 25 ? 0 : 1));
  gif.finish();
  const auto size = std::filesystem::file_size(dir / "still.gif");
  GifWriter single(dir / "one.gif", 320, 180, 10);
  single.add_frame(test_picture(320, 180));
  single.finish();
  // 49 frames after the first add less than one frame's worth of bytes.
  CHECK(size < 2 * std::filesystem::file_size(dir / "one.gif"));
  CHECK(read_gif(dir / "still.gif").frames.size() == 50);
}

TEST_CASE("a cancelled or failed GIF leaves nothing behind", "[gif]") {
  const TempDir dir;
  {
    GifWriter gif(dir / "cancelled.gif", 64, 64, 20);
    gif.add_frame(test_picture(64, 64));
  }  // destroyed without finish(): cancelled
  CHECK(dir.entries().empty());

  {
    GifWriter gif(dir / "blocked.gif", 64, 64, 20);
    gif.add_frame(test_picture(64, 64));
    std::filesystem::create_directories(dir / "blocked.gif" / "inside");  // the rename will fail
    CHECK_THROWS_WITH(gif.finish(), Catch::StartsWith("cannot write " + (dir / "blocked.gif").string() + ": "));
  }
  CHECK(dir.entries() == std::vector<std::string>{"blocked.gif"});
  CHECK(count_temporaries(dir) == 0);

  CHECK_THROWS_WITH(
      [] {
        GifWriter gif("/dev/full", 64, 64, 20);
        gif.add_frame(test_picture(64, 64));
        gif.finish();
      }(),
      "cannot write /dev/full: No space left on device");
  CHECK_THROWS_AS(GifWriter("/sys/optviz-test.gif", 64, 64, 20), std::runtime_error);
  CHECK_THROWS_AS(GifWriter(dir / "x.gif", 0, 64, 20), std::invalid_argument);
  CHECK_THROWS_AS(GifWriter(dir / "x.gif", 64, 64, 61), std::invalid_argument);
  GifWriter wrong(dir / "x.gif", 64, 64, 20);
  CHECK_THROWS_AS(wrong.add_frame(test_picture(65, 64)), std::invalid_argument);
}

TEST_CASE("a scenario's runs export as the CSV of `optviz run` and a summary", "[run_export]") {
  const TempDir dir;
  Scenario s;
  s.course.objective = *find_function("booth");
  s.course.start = {-6, -4};
  s.course.steps = 500;
  s.course.runs.clear();
  s.looks.clear();
  add_run(s, make_run(OptimizerKind::adagrad), make_look("AdaGrad eta=0.1", 0));
  add_run(s, make_run(OptimizerKind::rmsprop), make_look("RMSprop eta=0.1 rho=0.9", 1));
  s.course.runs[0].hyper.eta = s.course.runs[1].hyper.eta = 0.1;
  s.course.runs[1].hyper.rho = 0.9;
  add_run(s, make_run(OptimizerKind::sgd), make_look("SGD, far too fast!", 2));
  s.course.runs.back().hyper.eta = 10;  // diverges on Booth
  const std::vector<Trajectory> runs = simulate(s.course);
  REQUIRE(runs[2].diverged_at);
  export_runs(s, runs, dir / "out");

  const std::vector<std::string> names = {"00-adagrad-eta-0.1.csv", "01-rmsprop-eta-0.1-rho-0.9.csv",
                                          "02-sgd-far-too-fast.csv", "summary.json"};
  CHECK(TempDir::entries_of(dir / "out") == names);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::ostringstream csv;
    write_csv(csv, runs[i], s.course.runs[i].hyper);
    CHECK(read_file(dir / "out" / names[i]) == csv.str());
  }
  const auto summary = nlohmann::json::parse(read_file(dir / "out" / "summary.json"));
  CHECK(summary.at("function") == "booth");
  const auto& rmsprop = summary.at("runs").at(1);
  CHECK(rmsprop.at("file") == names[1]);
  CHECK(rmsprop.at("label") == "RMSprop eta=0.1 rho=0.9");
  CHECK(rmsprop.at("optimizer") == "rmsprop");
  CHECK(rmsprop.at("steps") == 500);
  CHECK(rmsprop.at("status") == "finished");
  CHECK(rmsprop.at("final_point").at(0).get<double>() == runs[1].position.back().x);
  CHECK(rmsprop.at("final_point").at(1).get<double>() == runs[1].position.back().y);
  CHECK(rmsprop.at("final_value").get<double>() == runs[1].value.back());
  const auto& diverged = summary.at("runs").at(2);
  CHECK(diverged.at("status") == runs[2].status());
  CHECK(diverged.at("steps") == *runs[2].diverged_at);
}

TEST_CASE("run file names come from the index and the label", "[run_export]") {
  CHECK(run_file_name(0, "RMSprop rho=0.9") == "00-rmsprop-rho-0.9.csv");
  CHECK(run_file_name(12, "  Adam (no bias correction)  ") == "12-adam-no-bias-correction.csv");
  CHECK(run_file_name(3, "../../etc/passwd") == "03-etc-passwd.csv");
  CHECK(run_file_name(4, "") == "04.csv");
  CHECK(run_file_name(5, "ρ = 0.9") == "05-0.9.csv");
  CHECK(run_file_name(6, std::string(200, 'a')).size() == 3 + 48 + 4);
}

TEST_CASE("a failed CSV export says why", "[run_export]") {
  const TempDir dir;
  const Scenario s = lesson_presets().at(0);
  const auto runs = simulate(s.course);
  write_file(dir / "file", "x");
  CHECK_THROWS_WITH(export_runs(s, runs, dir / "file"), Catch::StartsWith("cannot write " + (dir / "file").string()));
  CHECK_THROWS_AS(export_runs(s, runs, "/sys/optviz-test-runs"), std::runtime_error);
  CHECK(dir.entries() == std::vector<std::string>{"file"});
}
