// Scenario links (app/export/scenario_link.hpp): the code after '#' in the page's address.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "presets.hpp"
#include "scenario_file.hpp"
#include "scenario_link.hpp"

using namespace optviz;

namespace {

std::string message_of(const std::string& code) {
  try {
    scenario_link_json(code);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("every lesson goes through a link and back, in a URL-safe code shorter than its JSON") {
  for (const Scenario& lesson : lesson_presets()) {
    const std::string json = to_json(lesson);
    const std::string code = scenario_link_code(json);
    INFO(lesson.title);
    CHECK(code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(code.size() < json.size());
    CHECK(scenario_link_json(code) == json);
    CHECK(to_json(scenario_from_json(scenario_link_json(code))) == json);
  }
}

TEST_CASE("a link code is raw deflate in base64url without padding") {
  // "a" deflated by zlib at level 9 is the fixed-Huffman block 4b 04 00.
  CHECK(scenario_link_code("a") == "SwQA");
  CHECK(scenario_link_json("SwQA") == "a");
  // Every length of the last group: 1, 2 and 3 bytes.
  for (const std::string text : {"", "x", "xy", "xyz", "{\"version\":1}"})
    CHECK(scenario_link_json(scenario_link_code(text)) == text);
}

TEST_CASE("a damaged link says what is wrong") {
  CHECK(message_of("") == "not a scenario link: it is empty");
  CHECK(message_of("Sw*A") == "not a scenario link: the character '*' at 2 is not base64url");
  CHECK(message_of("SwQA=") == "not a scenario link: the character '=' at 4 is not base64url");
  CHECK(message_of("SwQAS") == "not a scenario link: its length 5 is not one of base64url");
  CHECK(message_of("Sw") == "not a scenario link: damaged (it ends too early)");
  CHECK(message_of("____").rfind("not a scenario link: damaged (", 0) == 0);
  const std::string code = scenario_link_code(to_json(default_scenario()));
  CHECK(message_of(code + "AAAA") == "not a scenario link: damaged (data after its end)");
}

TEST_CASE("a link that would decompress to more than a scenario file may hold is refused") {
  const std::string zeros(kMaxScenarioFileBytes + 1, ' ');
  CHECK(message_of(scenario_link_code(zeros)) == "not a scenario link: more than 4 MB once decompressed");
  const std::string just_fits(kMaxScenarioFileBytes, ' ');
  CHECK(scenario_link_json(scenario_link_code(just_fits)).size() == kMaxScenarioFileBytes);
}

TEST_CASE("a network scenario goes through a link and back, a CSV's rows included") {
  Scenario s = default_network_scenario();
  for (int copy = 0; copy < 2; ++copy) {
    const std::string json = to_json(s);
    const std::string code = scenario_link_code(json);
    CHECK(code.size() < json.size());
    CHECK(scenario_from_json(scenario_link_json(code)) == s);
    // The same network on 300 rows read from a file, copied into the scenario and so into the link.
    s.network->recipe.reset();
    s.network->source = "rows.csv";
    s.network->rows = generate_playground({Playground::gauss, 300, 0.1, 5});
  }
}
