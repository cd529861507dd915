// Sets the language of tr() for one test, English again after it.
#pragma once

#include "translate.hpp"

namespace optviz::testing {

struct LanguageScope {
  explicit LanguageScope(const char* code) { set_language(code); }
  ~LanguageScope() { set_language("en"); }
  LanguageScope(const LanguageScope&) = delete;
  LanguageScope& operator=(const LanguageScope&) = delete;
};

}  // namespace optviz::testing
