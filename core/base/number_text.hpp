// Numbers as text, the same on every platform: the shortest text that reads back as the same
// double, and the strict reading of a whole text as a number. (std::to_chars and std::from_chars
// for doubles where the standard library has them; libc++ of Debian's Emscripten has not.)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace optviz {

// The shortest text that reads back as the same double: "0.01", "1e-08", "-nan".
std::string format_number(double value);

// The number that the whole text spells, in std::from_chars's syntax ("-2.5", "1e-3", "inf",
// "nan"; no leading '+' or space, no hexadecimal): std::nullopt for anything else, and for a
// number too large for a double. A number too small for one reads as 0 or a subnormal.
std::optional<double> parse_number(std::string_view text);

}  // namespace optviz
