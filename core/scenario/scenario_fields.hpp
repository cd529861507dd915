// The JSON fields of a scenario file, read with messages that name the field: shared by the
// files of the scenario floor that read and write scenarios (scenario_file.cpp, scenario_write.cpp).
// Internal to this floor.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "scenario.hpp"
#include "scenario_error.hpp"

namespace optviz::scenario_fields {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

[[noreturn]] inline void fail(const std::string& field, const std::string& problem) {
  throw ScenarioError(field + ": " + problem);
}

// The value as it appears in the file, shortened: 12, "adamm", [1, 2], {...}.
std::string shown(const Json& value);
const Json& member(const Json& object, const char* key, const std::string& field);
void require_object(const Json& value, const std::string& field);
// A key as messages show it: long ones shortened.
std::string key_text(std::string_view key);
void reject_unknown_keys(const Json& object, const std::string& prefix, std::initializer_list<std::string_view> known);
double number(const Json& value, const std::string& field);
bool boolean(const Json& value, const std::string& field);
std::string text(const Json& value, const std::string& field);
// An integer in [min, max]; a JSON number with a fraction or out of range is refused.
long integer(const Json& value, const std::string& field, long min, long max);
// `what` completes "must be {0}, got {1}" (a literal marked translatable: "a point [x, y]").
Vec2 pair(const Json& value, const std::string& field, const char* what);
std::string_view scale_name(ColourScale scale);

}  // namespace optviz::scenario_fields
