// The lesson presets: each loads, runs, is stored in canonical form. What each lesson's text says
// is asserted sentence by sentence in course_1_tests.cpp, course_2_tests.cpp and course_3_tests.cpp.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <regex>

#include "language_scope.hpp"
#include "lesson_support.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "support.hpp"
#include "utf8.hpp"

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
  // The README's counts, and its outline in Chinese after the English one.
  const std::filesystem::path readme = root / "README.md";
  const std::string text = read_file(readme);
  const auto& course = lesson_presets();
  const int chapters = std::atoi(course.back().lesson.chapter.c_str());
  CHECK(text.find(std::to_string(course.size()) + " lessons in " + std::to_string(chapters) + " chapters") !=
        std::string::npos);
  CHECK(text.find(std::to_string(course.size()) + " 课、分 " + std::to_string(chapters) + " 章") != std::string::npos);
  std::size_t at = text.find("## 课程");
  REQUIRE(at != std::string::npos);
  for (std::size_t i = 0; i < course.size(); ++i) {
    const LessonText& zh = course[i].translations.at("zh_CN");
    INFO(zh.title);
    if (i == 0 || course[i - 1].lesson.chapter != course[i].lesson.chapter) {
      at = text.find("**" + zh.chapter + "**", at);
      REQUIRE(at != std::string::npos);
    }
    const std::string number = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    at = text.find(number + " " + zh.title, at);
    REQUIRE(at != std::string::npos);
  }
}

namespace {

// The numbers a text writes in digits, sorted: "0.2", "1e-08", "34" (a sign is not part of one:
// "(-3, 0)" and "steps 101-400" read alike in both languages, whose clauses come in other orders).
std::vector<std::string> numbers_in(const std::string& text) {
  static const std::regex number(R"([0-9]+(\.[0-9]+)?(e-?[0-9]+)?)");
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it)
    out.push_back(it->str());
  std::sort(out.begin(), out.end());
  return out;
}

// The sentences of an English text: each ends with '.', '?' or '!' before a space or the end (a
// decimal point is followed by a digit).
std::vector<std::string> english_sentences(const std::string& text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    out.back() += text[i];
    if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && (i + 1 == text.size() || text[i + 1] == ' '))
      out.emplace_back();
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// The sentences of a Chinese text: each ends with 。, ？ or ！.
std::vector<std::string> chinese_sentences(const std::string& text) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    out.back() += text.substr(start, i - start);
    if (c == U'。' || c == U'？' || c == U'！') out.emplace_back();
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// A text's width in columns, as a terminal shows it: a Chinese character or punctuation takes two.
std::size_t columns(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) n += next_code_point(text, i) >= 0x2E80 ? 2 : 1;
  return n;
}

// Whether a run's label has words besides optimizers' names and symbols: "root on top: √G·g" has,
// "RMSprop: g/(√G+ε)" has not.
bool label_has_words(std::string label) {
  for (OptimizerKind kind : optimizer_kinds())
    for (std::string_view name : {title(kind), std::string_view("RMSprop")})
      for (auto at = label.find(name); at != std::string::npos; at = label.find(name)) label.erase(at, name.size());
  return std::regex_search(label, std::regex("[A-Za-z]{2}"));
}

}  // namespace

TEST_CASE("every lesson in Chinese: its title, text, chapter, question and labels, each claim with its numbers",
          "[presets][course][translate]") {
  for (const Scenario& s : lesson_presets()) {
    INFO(s.title);
    REQUIRE(s.translations.count("zh_CN") == 1);
    const LessonText& zh = s.translations.at("zh_CN");
    // Each field translated: Chinese, with the English field's numbers in the same order.
    const std::pair<const std::string*, const std::string*> fields[] = {{&s.title, &zh.title},
                                                                        {&s.description, &zh.description},
                                                                        {&s.lesson.chapter, &zh.chapter},
                                                                        {&s.lesson.question, &zh.question}};
    for (const auto& [english, chinese] : fields) {
      INFO(*chinese);
      CHECK(english->empty() == chinese->empty());
      if (english->empty()) continue;
      CHECK(has_chinese(*chinese));
      CHECK(numbers_in(*chinese) == numbers_in(*english));
    }
    // Sentence by sentence: the i-th Chinese sentence says the i-th English one's claim, which
    // course_*_tests.cpp asserts, with its numbers.
    const std::vector<std::string> english = english_sentences(s.description);
    const std::vector<std::string> chinese = chinese_sentences(zh.description);
    REQUIRE(chinese.size() == english.size());
    for (std::size_t i = 0; i < english.size(); ++i) {
      INFO(english[i] << "\n" << chinese[i]);
      CHECK(numbers_in(chinese[i]) == numbers_in(english[i]));
    }
    CHECK(zh.description.ends_with("。"));
    CHECK((zh.question.empty() || zh.question.ends_with("？")));
    // The chapter keeps its number; a title is one point, short enough for a slide.
    CHECK(zh.chapter.starts_with(std::to_string(std::atoi(s.lesson.chapter.c_str())) + ". "));
    CHECK(columns(zh.title) <= 70);  // as the English title's 70 characters
    // A run's label with words has its Chinese; a label of names and symbols reads the same.
    for (const RunLook& look : s.looks) {
      INFO(look.label);
      const auto it = look.translated_labels.find("zh_CN");
      CHECK((it != look.translated_labels.end()) == label_has_words(look.label));
      if (it != look.translated_labels.end()) {
        CHECK(has_chinese(it->second));
        CHECK(numbers_in(it->second) == numbers_in(look.label));
      }
    }
  }
}
