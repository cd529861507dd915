// JSON as optviz writes it: two-space indents, like nlohmann's dump(2), except that arrays of
// numbers stay on one line ("start": [-1.5, 2.0]); invalid UTF-8 is replaced, never thrown.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace optviz {

// The text with a final newline.
std::string pretty_json(const nlohmann::ordered_json& value);

}  // namespace optviz
