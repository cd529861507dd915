#include "number_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace optviz {

// OPTVIZ_NUMBERS_FROM_C_LIBRARY: the fallback on any platform (its tests).
#if defined(__cpp_lib_to_chars) && !defined(OPTVIZ_NUMBERS_FROM_C_LIBRARY)

std::string format_number(double value) {
  if (std::isnan(value)) return std::signbit(value) ? "-nan" : "nan";
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(text.data(), last, value);
  if (end != last || text.empty()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // Reported for underflow too, leaving value alone: only a number too large is refused.
    value = std::strtod(std::string(text).c_str(), nullptr);
    if (std::isinf(value)) return std::nullopt;
  } else if (ec != std::errc()) {
    return std::nullopt;
  }
  return value;
}

#else

// The C library, in the "C" locale that optviz never changes.
std::string format_number(double value) {
  if (std::isnan(value)) return std::signbit(value) ? "-nan" : "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  std::array<char, 32> buffer{};
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer.data(), buffer.size(), "%.*g", digits, value);
    if (std::strtod(buffer.data(), nullptr) == value) break;
  }
  return buffer.data();
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty() || text.front() == '+' || std::isspace(static_cast<unsigned char>(text.front())))
    return std::nullopt;
  const std::string_view digits = text.front() == '-' ? text.substr(1) : text;
  if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  if (errno == ERANGE && std::isinf(value)) return std::nullopt;
  return value;
}

#endif

double round_shown(double value) {
  if (!std::isfinite(value) || value == 0) return value;
  std::array<char, 64> buffer{};
  const double distance = 1 - value;
  if (value > 0.9 && distance > 0) {
    // Decimals down to the third significant digit of 1 - value.
    const int decimals = 2 - static_cast<int>(std::floor(std::log10(distance)));
    std::snprintf(buffer.data(), buffer.size(), "%.*f", std::min(decimals, 40), value);
  } else {
    std::snprintf(buffer.data(), buffer.size(), "%.3g", value);
  }
  return std::strtod(buffer.data(), nullptr);
}

std::string format_shown(double value) {
  std::string text = format_number(round_shown(value));
  // The exponent as people write it: "1e-08" -> "1e-8", "1e+12" -> "1e12".
  const std::size_t e = text.find('e');
  if (e == std::string::npos) return text;
  std::size_t digits = e + 1;
  if (digits < text.size() && text[digits] == '+') text.erase(digits, 1);
  if (digits < text.size() && text[digits] == '-') ++digits;
  while (digits + 1 < text.size() && text[digits] == '0') text.erase(digits, 1);
  return text;
}

}  // namespace optviz
