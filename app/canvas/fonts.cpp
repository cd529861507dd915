#include "fonts.hpp"

#include <imgui.h>

#include <filesystem>
#include <map>

#include "font_files.hpp"
#include "translate.hpp"
#include "utf8.hpp"

namespace optviz::gui {
namespace {

// Latin-1, combining accents (the hat of m̂), Greek, phonetic superscripts (the t of βᵗ), general
// punctuation, super- and subscripts, arrows and mathematical operators, geometric shapes (play and
// stop buttons), heavy bars (pause).
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x206F,
                                    0x2070, 0x209F, 0x2190, 0x22FF, 0x25A0, 0x25FF, 0x2758, 0x275E, 0};

bool in_glyph_ranges(char32_t c) {
  for (const ImWchar* r = kGlyphRanges; r[0] != 0; r += 2)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

// The glyph ranges of each atlas's CJK fonts: ImGui reads them when it builds the atlas, after
// load_fonts() returns.
ImVector<ImWchar>& cjk_ranges(const ImFontAtlas& atlas) {
  static std::map<const ImFontAtlas*, ImVector<ImWchar>> ranges;
  return ranges[&atlas];
}

ImFont* add_font(ImFontAtlas& atlas, const char* path, float pixels, std::string& warning) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    if (ImFont* font = atlas.AddFontFromFileTTF(path, pixels, &config, kGlyphRanges)) return font;
  }
  warning = tr_format(
      "optviz: warning: cannot load the font {0} (install fonts-dejavu-core); using ImGui's built-in font", {path});
  ImFontConfig config;
  config.SizePixels = pixels;
  return atlas.AddFontDefault(&config);
}

// The CJK face merged into the font added last, for the characters of `ranges`.
void merge_cjk(ImFontAtlas& atlas, float pixels, bool mono, const ImVector<ImWchar>& ranges) {
  const CjkFont& cjk = cjk_font();
  ImFontConfig config;
  config.MergeMode = true;
  config.FontDataOwnedByAtlas = false;  // cjk_font() keeps the bytes
  config.FontNo = mono ? cjk.file->mono : cjk.file->sans;
  config.OversampleH = 1;  // ideographs are dense enough without
  config.OversampleV = 1;
  // Larger and lower than the Latin (font_files.hpp says why), as in the figures.
  config.GlyphOffset.y = pixels * kCjkLower;
  pixels *= kCjkScale;
  // ImGui takes a non-const pointer but does not write to the bytes it does not own.
  atlas.AddFontFromMemoryTTF(const_cast<unsigned char*>(cjk.bytes.data()), static_cast<int>(cjk.bytes.size()), pixels,
                             &config, ranges.Data);
}

}  // namespace

Fonts load_fonts(ImFontAtlas& atlas, float pixels, std::string& warning, std::string_view text) {
  atlas.Clear();
  // The characters beyond kGlyphRanges that the catalog of the language and `text` have.
  ImVector<ImWchar>& ranges = cjk_ranges(atlas);
  ranges.clear();
  {
    const std::string all = translated_text(language()) + std::string(text);
    ImFontGlyphRangesBuilder builder;
    bool beyond = false;
    for (std::size_t i = 0; i < all.size();) {
      const char32_t c = next_code_point(all, i);
      if (c > 0xFFFF || in_glyph_ranges(c)) continue;  // ImGui 1.86 draws the Basic Multilingual Plane
      builder.AddChar(static_cast<ImWchar>(c));
      beyond = true;
    }
    if (beyond) builder.BuildRanges(&ranges);
  }
  const bool cjk = !ranges.empty() && cjk_font().file != nullptr;
  if (!ranges.empty() && !cjk)
    warning = tr("optviz: warning: no font for Chinese text (install fonts-noto-cjk): it shows as ?");
  Fonts fonts;
  fonts.ui = add_font(atlas, kSansFont, pixels, warning);
  if (cjk) merge_cjk(atlas, pixels, false, ranges);
  fonts.mono = add_font(atlas, kMonoFont, pixels, warning);
  if (cjk) merge_cjk(atlas, pixels, true, ranges);
  fonts.large = add_font(atlas, kSansFont, pixels * kLargeFontFactor, warning);
  if (cjk) merge_cjk(atlas, pixels * kLargeFontFactor, false, ranges);
  return fonts;
}

}  // namespace optviz::gui
