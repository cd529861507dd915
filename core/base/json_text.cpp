#include "json_text.hpp"

#include <algorithm>

namespace optviz {
namespace {

using OrderedJson = nlohmann::ordered_json;

void write_pretty(const OrderedJson& value, int depth, std::string& out) {
  const auto scalar = [](const OrderedJson& v) {
    return v.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
  };
  const std::string indent(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  const std::string closing(static_cast<std::size_t>(2 * depth), ' ');
  if (value.is_object() && !value.empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      out += (first ? "" : ",\n") + indent + scalar(OrderedJson(key)) + ": ";
      write_pretty(item, depth + 1, out);
      first = false;
    }
    out += "\n" + closing + "}";
  } else if (value.is_array() && !value.empty()) {
    const bool numbers = std::all_of(value.begin(), value.end(), [](const OrderedJson& v) { return v.is_number(); });
    out += numbers ? "[" : "[\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (numbers) {
        out += (i ? ", " : "") + scalar(value[i]);
      } else {
        out += (i ? ",\n" : "") + indent;
        write_pretty(value[i], depth + 1, out);
      }
    }
    out += numbers ? "]" : "\n" + closing + "]";
  } else {
    out += scalar(value);
  }
}

}  // namespace

std::string pretty_json(const nlohmann::ordered_json& value) {
  std::string text;
  write_pretty(value, 0, text);
  return text + "\n";
}

}  // namespace optviz
