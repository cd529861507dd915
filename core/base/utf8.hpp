// UTF-8 text read code point by code point (the fonts' glyphs, groff's escapes).
#pragma once

#include <cstddef>
#include <string_view>

namespace optviz {

// The code point that starts at text[i], with i moved past it. A byte that starts no valid
// sequence, or a sequence cut short, gives U+FFFD and moves one byte.
inline char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned c = byte(i);
  const int length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return length == 1 ? c : U'\uFFFD';
  }
  char32_t code = length == 1 ? c : c & (0x7Fu >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned next = byte(i + static_cast<std::size_t>(k));
    if ((next & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    code = (code << 6) | (next & 0x3Fu);
  }
  i += static_cast<std::size_t>(length);
  return code;
}

}  // namespace optviz
