// Sets the language of tr() for one test, English again after it; whether a text has Chinese.
#pragma once

#include <string_view>

#include "translate.hpp"
#include "utf8.hpp"

namespace optviz::testing {

// Whether the text has a CJK ideograph (U+4E00-U+9FFF).
inline bool has_chinese(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c >= 0x4E00 && c <= 0x9FFF) return true;
  }
  return false;
}

struct LanguageScope {
  explicit LanguageScope(const char* code) { set_language(code); }
  ~LanguageScope() { set_language("en"); }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;
};

}  // namespace optviz::testing
