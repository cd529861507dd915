#include "translate.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "catalogs.hpp"

namespace optviz {

catalogs::Catalog::Catalog(const unsigned char* bytes, std::size_t size) {
  if (size < 28) return;
  const auto word = [&](std::uint64_t at, bool swap) {
    std::uint32_t w;
    std::memcpy(&w, bytes + at, 4);
    return swap ? __builtin_bswap32(w) : w;
  };
  constexpr std::uint32_t kMagic = 0x950412de;
  const bool swap = word(0, false) != kMagic;
  if (word(0, swap) != kMagic || word(4, swap) >> 16 != 0) return;  // major revision 0 only
  const std::uint64_t n = word(8, swap), originals = word(12, swap), translations = word(16, swap);
  if (originals + n * 8 > size || translations + n * 8 > size) return;
  // The string of `length` bytes at `offset`, if it lies within the file and ends with NUL.
  const auto string_at = [&](std::uint64_t length, std::uint64_t offset) -> const char* {
    if (offset + length >= size || bytes[offset + length] != 0) return nullptr;
    return reinterpret_cast<const char*>(bytes + offset);
  };
  std::vector<Message> messages;
  for (std::uint64_t i = 0; i < n; ++i) {
    const Message m{string_at(word(originals + i * 8, swap), word(originals + i * 8 + 4, swap)),
                    string_at(word(translations + i * 8, swap), word(translations + i * 8 + 4, swap))};
    if (m.english == nullptr || m.translation == nullptr) return;
    messages.push_back(m);
  }
  if (!std::is_sorted(messages.begin(), messages.end(), less)) return;
  messages_ = std::move(messages);
}

bool catalogs::Catalog::less(const Message& a, const Message& b) { return std::strcmp(a.english, b.english) < 0; }

const char* catalogs::Catalog::find(const char* english) const {
  if (*english == '\0') return nullptr;
  const auto it = std::lower_bound(messages_.begin(), messages_.end(), Message{english, nullptr}, less);
  if (it == messages_.end() || std::strcmp(it->english, english) != 0 || *it->translation == '\0') return nullptr;
  return it->translation;
}

namespace {

struct Language {
  std::string code;
  std::string_view name;
  catalogs::Catalog catalog;
};

const std::vector<Language>& all_languages() {
  static const std::vector<Language> all = [] {
    std::vector<Language> out{{"en", "English", {}}};
    for (std::size_t i = 0; i < catalogs::kCount; ++i) {
      const catalogs::Compiled& c = catalogs::kCompiled[i];
      out.push_back({c.language, c.language == std::string_view("zh_CN") ? "中文 (简体)" : c.language,
                     catalogs::Catalog(c.bytes, c.size)});
    }
    return out;
  }();
  return all;
}

std::atomic<const Language*> current{nullptr};  // nullptr: English

const Language* find_language(std::string_view code) {
  for (const Language& l : all_languages())
    if (l.code == code) return &l;
  return nullptr;
}

// One entry of a locale name or a LANGUAGE list: "zh_CN.UTF-8@variant" -> "zh_CN"; the simplified
// Chinese spellings -> "zh_CN"; C and POSIX -> "en".
std::string normal_language(std::string_view entry) {
  entry = entry.substr(0, entry.find_first_of(".@"));
  std::string code(entry);
  std::replace(code.begin(), code.end(), '-', '_');  // zh-CN, as browsers write it
  if (code == "C" || code == "POSIX") return "en";
  if (code == "zh" || code == "zh_CN" || code == "zh_SG" || code.starts_with("zh_Hans")) return "zh_CN";
  if (code.starts_with("en_")) return "en";
  return code;
}

}  // namespace

const char* tr(const char* english) {
  const Language* l = current.load(std::memory_order_acquire);
  if (l == nullptr) return english;
  const char* t = l->catalog.find(english);
  return t != nullptr ? t : english;
}

namespace {

// `text` with {k} replaced by args[k] (braces around anything else stay), its own % doubled when
// `escape_percent`.
std::string fill(std::string_view text, std::initializer_list<std::string_view> args, bool escape_percent) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string_view::npos;
    if (close != std::string_view::npos && close > i + 1 &&
        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                    text.begin() + static_cast<std::ptrdiff_t>(close), [](char c) { return c >= '0' && c <= '9'; })) {
      const std::size_t k = std::strtoul(std::string(text.substr(i + 1, close - i - 1)).c_str(), nullptr, 10);
      if (k < args.size()) {
        out += args.begin()[k];
        i = close;
        continue;
      }
    }
    if (escape_percent && text[i] == '%') out += '%';
    out += text[i];
  }
  return out;
}

}  // namespace

std::string tr_format(const char* english, std::initializer_list<std::string_view> args) {
  return fill(tr(english), args, false);
}

std::string words_format(Words words, const char* english, std::initializer_list<std::string_view> args) {
  return fill(words(english), args, false);
}

std::string tr_printf(const char* english, std::initializer_list<std::string_view> args) {
  return fill(tr(english), args, true);
}

const std::vector<std::string>& languages() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (const Language& l : all_languages()) out.push_back(l.code);
    return out;
  }();
  return codes;
}

std::string_view language_name(std::string_view code) {
  const Language* l = find_language(code);
  return l != nullptr ? l->name : code;
}

const std::string& language() {
  const Language* l = current.load(std::memory_order_acquire);
  return l != nullptr ? l->code : all_languages().front().code;
}

void set_language(std::string_view code) {
  const Language* l = find_language(code);
  if (l == nullptr) {
    std::string known;
    for (const std::string& c : languages()) known += (known.empty() ? "" : ", ") + c;
    throw std::invalid_argument("no language \"" + std::string(code) + "\" (optviz has " + known + ")");
  }
  current.store(l->code == "en" ? nullptr : l, std::memory_order_release);
}

std::string translated_text(std::string_view code) {
  std::string text;
  if (const Language* l = find_language(code))
    for (const catalogs::Catalog::Message& m : l->catalog.messages())
      if (*m.english != '\0') text += m.translation;
  return text;
}

std::string language_of_locale(std::string_view value) {
  while (!value.empty()) {
    const std::size_t colon = value.find(':');
    const std::string code = normal_language(value.substr(0, colon));
    if (find_language(code) != nullptr) return code;
    if (colon == std::string_view::npos) break;
    value.remove_prefix(colon + 1);
  }
  return "";
}

std::string language_from_environment() {
  const auto variable = [](const char* name) {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once at start
    return std::string_view(v != nullptr ? v : "");
  };
  if (std::string l = language_of_locale(variable("LANGUAGE")); !l.empty()) return l;
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const std::string_view v = variable(name);
    if (v.empty()) continue;
    std::string l = language_of_locale(v);
    return l.empty() ? "en" : l;
  }
  return "en";
}

}  // namespace optviz
