// Every lesson as a slide (`optviz render`), read back the way a student in the room would read
// it: tesseract's OCR finds the lesson's title, its text and the titles of its plots on the slide,
// at 1920x1080 and 1280x720; the question slide shows the question and none of the answer (no
// text, the question in the title's place); the
// canvas alone shows no lesson text.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "png_file.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// The words of a text as OCR compares them: lower case, letters and digits only, three letters or more.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (word.size() >= 3) words.push_back(word);
    word.clear();
  };
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0)
      word += static_cast<char>(std::tolower(u));
    else if (u < 0x80)
      flush();
  }
  flush();
  return words;
}

// The share of `wanted`'s words that the OCR read (each as often as it occurs there at most).
double share_read(const std::string& wanted, const std::string& read) {
  const std::vector<std::string> want = words_of(wanted);
  if (want.empty()) return 1;
  std::multiset<std::string> seen;
  for (std::string& w : words_of(read)) seen.insert(std::move(w));
  std::size_t found = 0;
  for (const std::string& w : want)
    if (const auto it = seen.find(w); it != seen.end()) {
      ++found;
      seen.erase(it);
    }
  return static_cast<double>(found) / static_cast<double>(want.size());
}

// Sparse text (--psm 11): every piece of text on the slide, the plots' titles as well as the
// paragraphs; one thread, as ctest runs tests side by side.
std::string ocr(const std::filesystem::path& png) {
  ProcessOptions options;
  options.environment.emplace("OMP_THREAD_LIMIT", std::optional<std::string>(std::in_place, "1"));
  const ProcessResult r = run_process("/usr/bin/tesseract", {png.string(), "stdout", "--psm", "11"}, options);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string render(const TempDir& dir, const Scenario& s, const std::string& name, int width, int height,
                   std::vector<std::string> extra = {}) {
  save_scenario(dir / "lesson.json", s);
  const auto png = dir / name;
  std::vector<std::string> args{"render",  (dir / "lesson.json").string(), "--out",    png.string(),
                                "--width", std::to_string(width),          "--height", std::to_string(height)};
  args.insert(args.end(), extra.begin(), extra.end());
  const Result r = run_optviz(args);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  const Image image = read_png(png);
  CHECK(image.width == width);
  CHECK(image.height == height);
  return ocr(png);
}

// The words of a plot's title that OCR should find on the slide.
std::string plot_words(LessonPlot plot) {
  switch (plot) {
    case LessonPlot::loss:
      return "Loss";
    case LessonPlot::accumulator:
      return "Accumulator";
    case LessonPlot::step_size:
      return "Step size";
    case LessonPlot::data:
      return "Data points models";
    case LessonPlot::sweep:
      return "";
  }
  return "";
}

}  // namespace

TEST_CASE("every lesson's slide shows its title, its text and its plots, readable at 1920x1080 and 1280x720",
          "[render][slides]") {
  const TempDir dir;
  for (const Scenario& s : lesson_presets()) {
    for (const auto& [w, h] : {std::pair{1920, 1080}, std::pair{1280, 720}}) {
      INFO(s.title << " at " << w << "x" << h);
      const std::string read = render(dir, s, "slide.png", w, h);
      INFO("read: " << read);
      CHECK(share_read(s.title, read) >= 0.9);
      CHECK(share_read(s.description, read) >= 0.9);
      CHECK(share_read(s.lesson.chapter, read) >= 0.9);
      for (const LessonPlot p : shown_plots(s)) CHECK(share_read(plot_words(p), read) == 1);
    }
  }
}

TEST_CASE("a lesson's question slide asks its question and shows none of the answer", "[render][slides]") {
  const TempDir dir;
  int questions = 0;
  for (const Scenario& s : lesson_presets()) {
    if (s.lesson.question.empty()) continue;
    ++questions;
    INFO(s.title);
    const std::string read = render(dir, s, "question.png", 1920, 1080, {"--question"});
    INFO("read: " << read);
    CHECK(share_read(s.lesson.question, read) >= 0.9);
    // The answer is not on it: the text is not (nor the title, which states the lesson's point: the
    // question takes its place, but its words also stand in the legend and the function's name).
    CHECK(share_read(s.description, read) < 0.5);
  }
  CHECK(questions >= 1);
}

TEST_CASE("--canvas-only draws today's figure: the title over the canvas, no lesson text", "[render][slides]") {
  const TempDir dir;
  const Scenario& s = lesson_presets().front();
  const std::string whole = render(dir, s, "canvas.png", 1920, 1080, {"--canvas-only"});
  CHECK(share_read(s.description, whole) < 0.5);
  // The title's strip alone: OCR takes a picture that is mostly heatmap for an image.
  Image image = read_png(dir / "canvas.png");
  image.height = 1080 / 12;
  image.rgba.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
  write_png(dir / "title.png", image, "");
  const std::string read = ocr(dir / "title.png");
  INFO("read: " << read);
  CHECK(share_read(s.title, read) >= 0.9);
}
