// A scenario in a link: the page reads one after the '#' of its address, so that a teacher can
// share a configured lesson as a link, and writes the current one there as it changes. The code is
// the scenario's JSON compressed with raw deflate (zlib, which the PNG files need anyway, so the
// page needs no second compressor and encodes synchronously in every frame that changes the
// scenario) and written in base64url without padding (RFC 4648, section 5): safe in a URL as is.
#pragma once

#include <string>
#include <string_view>

namespace optviz {

// The link code of a scenario's JSON text.
std::string scenario_link_code(std::string_view json);

// The JSON text of a link code. Throws std::runtime_error with a message that says what is wrong
// ("not a scenario link: the character '!' at 12 is not base64url", "...: damaged (...)", or too
// large: more than kMaxScenarioFileBytes once decompressed).
std::string scenario_link_json(std::string_view code);

}  // namespace optviz
