// The text optviz shows, in the language the user reads: every string the window, the page, the
// figures, the slides and the command line show goes through tr(). The catalogs are gettext's: po/
// holds one .po file per language, which msgfmt checks and compiles at build time into .mo bytes
// built into the program (catalogs.cpp, generated), read here. A message without a translation
// stays English. Numbers, formulas and symbols are not in the catalogs.
//
// Not glibc's gettext(): it translates only when setlocale() names a locale the system has
// generated (many Debian installations and containers have no zh_CN.UTF-8, so a Chinese LANG would
// show English), the page has no catalogs of its own, and View > Language switches while the
// program runs.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace optviz {

// The English text's translation in the current language, or the text itself. Thread-safe.
const char* tr(const char* english);

// Marks a literal for the catalog where it is kept in English and translated later, where it is
// shown (a name that is also compared, a constexpr table): tr(name) then finds it. gettext's
// gettext_noop; scripts/update-po.sh extracts its argument as it does tr()'s.
constexpr const char* translatable(const char* english) { return english; }

// tr(english) with {0}, {1}, ... replaced by args[0], args[1], ...: a message built of parts is one
// sentence for its translator, who may order the parts as the language needs.
std::string tr_format(const char* english, std::initializer_list<std::string_view> args);

// How a text's words are written: tr (in the language shown) or as_english (the English itself, as
// files store them: an exported run's file name, summary.json's labels).
using Words = const char* (*)(const char*);
constexpr const char* as_english(const char* english) { return english; }
// tr_format in the language `words` writes (scripts/update-po.sh extracts its second argument).
std::string words_format(Words words, const char* english, std::initializer_list<std::string_view> args);

// tr_format for a printf format (ImGui's sliders): the translation's own % doubled, so that only
// the conversions among `args` ("%d", "%.0f") read the value.
std::string tr_printf(const char* english, std::initializer_list<std::string_view> args);

// The languages optviz has a catalog for, English first: "en", "zh_CN".
const std::vector<std::string>& languages();
// The language's own name ("English", "中文 (简体)").
std::string_view language_name(std::string_view code);

// The current language ("en" until set_language()). set_language takes any code of languages();
// it throws std::invalid_argument naming the code otherwise.
const std::string& language();
void set_language(std::string_view code);

// Every translation of the language's catalog, one after the other: the characters its fonts need.
std::string translated_text(std::string_view code);

// The language of a locale name or of a LANGUAGE list ("zh_CN.UTF-8", "zh", "de:zh_CN", "C"): its
// first entry with a catalog, "zh_CN" standing for zh, zh_CN, zh_SG and zh_Hans (the simplified
// script), "en" for English and C; "" when none has one.
std::string language_of_locale(std::string_view value);
// The language the environment asks for, as gettext reads it: LANGUAGE's first language with a
// catalog, else the locale's (the first of LC_ALL, LC_MESSAGES and LANG that is set), else English.
std::string language_from_environment();

}  // namespace optviz
