#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "catalogs.hpp"
#include "language_scope.hpp"
#include "translate.hpp"

using namespace optviz;
using optviz::testing::LanguageScope;

namespace {

// A little-endian .mo file of the given (sorted) messages, the header first, as msgfmt writes it.
std::vector<unsigned char> mo_file(const std::vector<std::pair<std::string, std::string>>& messages) {
  const std::uint32_t n = static_cast<std::uint32_t>(messages.size());
  const std::uint32_t originals = 28, translations = originals + 8 * n;
  std::uint32_t at = translations + 8 * n;
  std::vector<std::uint32_t> header = {0x950412de, 0, n, originals, translations, 0, at};
  std::vector<std::uint32_t> table_o, table_t;
  std::string strings;
  for (const auto& m : messages) {
    table_o.push_back(static_cast<std::uint32_t>(m.first.size()));
    table_o.push_back(at + static_cast<std::uint32_t>(strings.size()));
    strings += m.first + '\0';
  }
  for (const auto& m : messages) {
    table_t.push_back(static_cast<std::uint32_t>(m.second.size()));
    table_t.push_back(at + static_cast<std::uint32_t>(strings.size()));
    strings += m.second + '\0';
  }
  std::vector<unsigned char> bytes;
  for (const auto* words : {&header, &table_o, &table_t})
    for (std::uint32_t w : *words)
      for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<unsigned char>(w >> (8 * b)));
  bytes.insert(bytes.end(), strings.begin(), strings.end());
  return bytes;
}

}  // namespace

TEST_CASE("English is the language until another is chosen, and a message without a translation stays English") {
  CHECK(language() == "en");
  CHECK(std::string(tr("File")) == "File");
  LanguageScope zh("zh_CN");
  CHECK(language() == "zh_CN");
  CHECK(std::string(tr("File")) == "文件");
  CHECK(std::string(tr("a message no catalog has")) == "a message no catalog has");
  CHECK(std::string(tr("")).empty());  // the header is not a message
}

TEST_CASE("languages are English and Simplified Chinese, each under its own name; another code is refused by name") {
  CHECK(languages() == std::vector<std::string>{"en", "zh_CN"});
  CHECK(language_name("en") == "English");
  CHECK(language_name("zh_CN") == "中文 (简体)");
  CHECK_THROWS_WITH(set_language("fr"), "no language \"fr\" (optviz has en, zh_CN)");
  CHECK(language() == "en");
}

TEST_CASE("tr_format puts each argument where the translation places it") {
  CHECK(tr_format("{0} of {1}", {"3", "7"}) == "3 of 7");
  CHECK(tr_format("{1} before {0}", {"a", "b"}) == "b before a");
  CHECK(tr_format("braces {x} and {9} stay", {"a"}) == "braces {x} and {9} stay");
  LanguageScope zh("zh_CN");
  CHECK(tr_format("optviz: warning: cannot load the font {0} (install fonts-dejavu-core); using ImGui's built-in font",
                  {"/f.ttf"}) ==
        "optviz：警告：无法加载字体 /f.ttf（请安装 fonts-dejavu-core）；改用 ImGui 的内置字体");
}

TEST_CASE("tr_printf makes a printf format of a sentence: only the conversions given read a value") {
  CHECK(tr_printf("{0} points", {"%d"}) == "%d points");
  CHECK(tr_printf("step {0} / {1}", {"%d", "40"}) == "step %d / 40");
  CHECK(tr_printf("Text size 100%", {}) == "Text size 100%%");
  LanguageScope zh("zh_CN");
  CHECK(tr_printf("step {0} / {1}", {"%d", "40"}) == std::string(tr_format("step {0} / {1}", {"%d", "40"})));
  CHECK(tr_printf("Text size 100%", {}) == "文字大小 100%%");
}

TEST_CASE("a locale or a LANGUAGE list names its language as gettext reads them") {
  CHECK(language_of_locale("zh_CN.UTF-8") == "zh_CN");
  CHECK(language_of_locale("zh_CN") == "zh_CN");
  CHECK(language_of_locale("zh") == "zh_CN");
  CHECK(language_of_locale("zh_SG.GB2312") == "zh_CN");
  CHECK(language_of_locale("zh-Hans-CN") == "zh_CN");  // a browser's
  CHECK(language_of_locale("zh_TW.UTF-8").empty());    // traditional script: no catalog
  CHECK(language_of_locale("de_DE:zh_CN:en") == "zh_CN");
  CHECK(language_of_locale("en_GB.UTF-8:zh_CN") == "en");
  CHECK(language_of_locale("C") == "en");
  CHECK(language_of_locale("C.UTF-8") == "en");
  CHECK(language_of_locale("POSIX") == "en");
  CHECK(language_of_locale("fr_FR@euro").empty());
  CHECK(language_of_locale("").empty());
  CHECK(language_of_locale(":::").empty());
}

TEST_CASE("the environment's language: LANGUAGE first, then the first of LC_ALL, LC_MESSAGES and LANG that is set") {
  const auto set = [](const char* language, const char* all, const char* messages, const char* lang) {
    const auto put = [](const char* name, const char* value) {
      if (value != nullptr)
        ::setenv(name, value, 1);
      else
        ::unsetenv(name);
    };
    put("LANGUAGE", language), put("LC_ALL", all), put("LC_MESSAGES", messages), put("LANG", lang);
  };
  set(nullptr, nullptr, nullptr, "zh_CN.UTF-8");
  CHECK(language_from_environment() == "zh_CN");
  set(nullptr, "C", nullptr, "zh_CN.UTF-8");  // LC_ALL overrides LANG
  CHECK(language_from_environment() == "en");
  set(nullptr, nullptr, "zh_CN.UTF-8", "en_US.UTF-8");
  CHECK(language_from_environment() == "zh_CN");
  set("zh_CN:en", nullptr, nullptr, "en_US.UTF-8");
  CHECK(language_from_environment() == "zh_CN");
  set("fr", "de_DE.UTF-8", nullptr, "zh_CN.UTF-8");  // neither has a catalog: English
  CHECK(language_from_environment() == "en");
  set("", "", "", "");
  CHECK(language_from_environment() == "en");
  set(nullptr, nullptr, nullptr, nullptr);
  CHECK(language_from_environment() == "en");
}

TEST_CASE("the catalog reader finds each message of a .mo file and reads a broken one as empty") {
  const std::vector<unsigned char> good =
      mo_file({{"", "Content-Type: text/plain; charset=UTF-8\n"}, {"Edit", "编辑"}, {"File", "文件"}, {"Help", ""}});
  const catalogs::Catalog c(good.data(), good.size());
  REQUIRE(c.messages().size() == 4);
  CHECK(std::string(c.find("File")) == "文件");
  CHECK(std::string(c.find("Edit")) == "编辑");
  CHECK(c.find("Help") == nullptr);  // untranslated
  CHECK(c.find("Open") == nullptr);
  CHECK(c.find("") == nullptr);

  const auto empty = [](std::vector<unsigned char> bytes) {
    return catalogs::Catalog(bytes.data(), bytes.size()).messages().empty();
  };
  CHECK(empty({}));
  CHECK(empty(std::vector<unsigned char>(good.begin(), good.begin() + 20)));  // shorter than the header
  std::vector<unsigned char> bad = good;
  bad[0] ^= 1;  // magic
  CHECK(empty(bad));
  bad = good;
  bad[8] = 200;  // more messages than the file holds
  CHECK(empty(bad));
  bad = good;
  bad[32] = 0xff;  // the first original's offset beyond the end
  bad[33] = 0xff;
  CHECK(empty(bad));
  bad = good;
  bad.back() = 'x';  // the last string without its NUL
  CHECK(empty(bad));
  CHECK(empty(mo_file({{"b", "1"}, {"a", "2"}})));  // not sorted: no binary search
  // Big-endian files are read as well.
  std::vector<unsigned char> big = good;
  for (std::size_t i = 0; i + 4 <= 28 + 8 * 8; i += 4) std::swap(big[i], big[i + 3]), std::swap(big[i + 1], big[i + 2]);
  CHECK(std::string(catalogs::Catalog(big.data(), big.size()).find("File")) == "文件");
}

TEST_CASE("the built-in zh_CN catalog is complete: every message has its translation") {
  for (std::size_t i = 0; i < catalogs::kCount; ++i) {
    const catalogs::Catalog c(catalogs::kCompiled[i].bytes, catalogs::kCompiled[i].size);
    CHECK(c.messages().size() > 40);
    for (const auto& m : c.messages()) {
      INFO(m.english);
      CHECK((*m.english == '\0' || *m.translation != '\0'));
    }
  }
  CHECK(catalogs::kCount == 1);
}
