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

// A value as optviz shows it and as a click on a map loads it: 3 significant digits (0.302214 ->
// 0.302, 1.23456e-05 -> 1.23e-05), or for a value between 0.9 and 1 (rho, the betas) 3
// significant digits of its distance to 1, so that 0.99935 keeps its 5 and 0.9991234 becomes
// 0.999123 (1 - 0.000877). Non-finite values and 0 come back as they are.
double round_shown(double value);
// format_number(round_shown(value)) with the exponent as people write it: "0.302", "1e-8",
// "1e12", "0.99935".
std::string format_shown(double value);

}  // namespace optviz
