#include "scenario_fields.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "json_text.hpp"
#include "translate.hpp"

namespace optviz::scenario_fields {

// The value as it appears in the file, shortened: 12, "adamm", [1, 2], {...}.
std::string shown(const Json& value) {
  std::string text =
      value.is_object() ? std::string(tr("an object")) : value.dump(-1, ' ', false, Json::error_handler_t::replace);
  constexpr std::size_t kLongest = 60;
  if (text.size() > kLongest) text = text.substr(0, kLongest) + "...";
  return text;
}

const Json& member(const Json& object, const char* key, const std::string& field) {
  const auto it = object.find(key);
  if (it == object.end()) fail(field, tr("missing"));
  return *it;
}

void require_object(const Json& value, const std::string& field) {
  if (!value.is_object()) fail(field, tr_format("must be an object {...}, got {0}", {shown(value)}));
}

// A key as messages show it: long ones shortened.
std::string key_text(std::string_view key) {
  constexpr std::size_t kLongest = 40;
  return key.size() > kLongest ? std::string(key.substr(0, kLongest)) + "..." : std::string(key);
}

void reject_unknown_keys(const Json& object, const std::string& prefix, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) fail(prefix + key_text(key), tr("unknown key"));
  }
}

double number(const Json& value, const std::string& field) {
  if (!value.is_number()) fail(field, tr_format("must be a number, got {0}", {shown(value)}));
  return value.get<double>();
}

bool boolean(const Json& value, const std::string& field) {
  if (!value.is_boolean()) fail(field, tr_format("must be true or false, got {0}", {shown(value)}));
  return value.get<bool>();
}

std::string text(const Json& value, const std::string& field) {
  if (!value.is_string()) fail(field, tr_format("must be a string, got {0}", {shown(value)}));
  return value.get<std::string>();
}

// An integer in [min, max]; a JSON number with a fraction or out of range is refused.
long integer(const Json& value, const std::string& field, long min, long max) {
  const auto refuse = [&] {
    fail(field, tr_format("must be an integer in [{0}, {1}], got {2}",
                          {std::to_string(min), std::to_string(max), shown(value)}));
  };
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max) || static_cast<long>(u) < min) refuse();
    return static_cast<long>(u);
  }
  if (!value.is_number_integer()) refuse();
  const auto i = value.get<std::int64_t>();
  if (i < min || i > max) refuse();
  return static_cast<long>(i);
}

Vec2 pair(const Json& value, const std::string& field, const char* what) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
    fail(field, tr_format("must be {0}, got {1}", {tr(what), shown(value)}));
  return {value[0].get<double>(), value[1].get<double>()};
}

std::string_view scale_name(ColourScale scale) { return scale == ColourScale::log ? "log" : "linear"; }

}  // namespace optviz::scenario_fields
