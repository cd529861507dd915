#include "fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace optviz::gui {
namespace {

// Latin-1, combining accents (the hat of m̂), Greek, phonetic superscripts (the t of βᵗ), general
// punctuation, super- and subscripts, arrows and mathematical operators, geometric shapes (play and
// stop buttons), heavy bars (pause).
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x206F,
                                    0x2070, 0x209F, 0x2190, 0x22FF, 0x25A0, 0x25FF, 0x2758, 0x275E, 0};

ImFont* add_font(ImFontAtlas& atlas, const char* path, float pixels, std::string& warning) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    if (ImFont* font = atlas.AddFontFromFileTTF(path, pixels, &config, kGlyphRanges)) return font;
  }
  warning = std::string("optviz: warning: cannot load the font ") + path +
            " (install fonts-dejavu-core); using ImGui's built-in font";
  ImFontConfig config;
  config.SizePixels = pixels;
  return atlas.AddFontDefault(&config);
}

}  // namespace

Fonts load_fonts(ImFontAtlas& atlas, float pixels, std::string& warning) {
  atlas.Clear();
  Fonts fonts;
  fonts.ui = add_font(atlas, kSansFont, pixels, warning);
  fonts.mono = add_font(atlas, kMonoFont, pixels, warning);
  fonts.large = add_font(atlas, kSansFont, pixels * kLargeFontFactor, warning);
  return fonts;
}

}  // namespace optviz::gui
