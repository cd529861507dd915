// The lesson presets: each loads, runs, is stored in canonical form. What each lesson's text says
// is asserted sentence by sentence in course_1_tests.cpp, course_2_tests.cpp and course_3_tests.cpp.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <numbers>

#include "lesson_support.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

TEST_CASE("every preset file loads, is canonical, has a lesson text and runs", "[presets]") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(OPTVIZ_PRESET_DIR)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  const auto& presets = lesson_presets();
  REQUIRE(presets.size() == files.size());
  REQUIRE(presets.size() >= 10);
  for (std::size_t i = 0; i < files.size(); ++i) {
    INFO(files[i]);
    const std::string text = read_file(files[i]);
    const Scenario from_file = scenario_from_json(text);
    CHECK(from_file == presets[i]);     // the embedded copy is this file
    CHECK(to_json(from_file) == text);  // stored as optviz saves it: every parameter written out
    CHECK_FALSE(from_file.title.empty());
    CHECK(from_file.description.size() > 100);
    CHECK(from_file.course.runs.size() >= 2);
    // A run diverges only where the lesson says so.
    const bool says_diverges = from_file.description.find("diverges") != std::string::npos;
    if (from_file.network) {
      const NetStart start = network_start(from_file);
      for (std::size_t r = 0; r < from_file.course.runs.size(); ++r)
        CHECK((train_scenario_run(from_file, start, r, {}).status().empty() || says_diverges));
    } else {
      for (const Trajectory& t : simulate(from_file.course)) CHECK((t.status().empty() || says_diverges));
    }
  }
}

TEST_CASE("the course: chapters in order, each lesson a point with its evidence, the first one opens the app",
          "[presets][course]") {
  const auto& course = lesson_presets();
  REQUIRE(course.size() >= 18);
  REQUIRE(course.size() <= 28);
  int chapter = 0;
  for (std::size_t i = 0; i < course.size(); ++i) {
    const Scenario& s = course[i];
    INFO(s.title);
    // "N. Title": chapters numbered from 1, each lesson in the chapter of the one before it or the next.
    const int number = std::atoi(s.lesson.chapter.c_str());
    CHECK((number == chapter || number == chapter + 1));
    CHECK(s.lesson.chapter.starts_with(std::to_string(number) + ". "));
    chapter = number;
    if (i > 0 && number == std::atoi(course[i - 1].lesson.chapter.c_str()))
      CHECK(s.lesson.chapter == course[i - 1].lesson.chapter);
    CHECK(s.title.size() <= 70);  // one point, said in its title
    CHECK((s.course.runs.size() >= 2 && s.course.runs.size() <= 5));
    // Its plots (none when the canvas alone carries its point) and the step at which to look.
    CHECK(s.lesson.plots.size() <= kMaxLessonPlots);
    REQUIRE(s.lesson.step.has_value());  // the step at which to look
    CHECK(*s.lesson.step <= s.course.steps);
  }
  CHECK(chapter >= 9);
  CHECK(opening_scenario() == course.front());  // what the window and the page open with
}

TEST_CASE("the README and the manual page list the course: every chapter and lesson, in order", "[presets]") {
  const std::filesystem::path root = std::filesystem::path(OPTVIZ_PRESET_DIR).parent_path().parent_path();
  for (const char* file : {"README.md", "assets/man/optviz.1"}) {
    INFO(file);
    const std::string text = read_file(root / file);
    std::size_t at = 0;
    for (std::size_t i = 0; i < lesson_presets().size(); ++i) {
      const Scenario& s = lesson_presets()[i];
      INFO(s.title);
      if (i == 0 || lesson_presets()[i - 1].lesson.chapter != s.lesson.chapter) {
        at = text.find(s.lesson.chapter, at);
        REQUIRE(at != std::string::npos);
      }
      const std::string number = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
      at = text.find(number + " " + s.title, at);
      REQUIRE(at != std::string::npos);
    }
  }
}
