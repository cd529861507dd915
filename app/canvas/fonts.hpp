// The fonts: DejaVu Sans for the interface and DejaVu Sans Mono for numbers, at the pixel size of
// the UI scale, with the Greek letters, sub- and superscripts and symbols the equations use, and
// Noto Sans CJK SC merged in for the Chinese characters of the catalog and of the text shown.
// Rebuilt (not scaled) when the UI scale, the language or the text's characters change, so text
// stays crisp on a projector.
#pragma once

#include <string>
#include <string_view>

struct ImFont;
struct ImFontAtlas;

namespace optviz::gui {

struct Fonts {
  ImFont* ui = nullptr;
  ImFont* mono = nullptr;
  ImFont* large = nullptr;  // captions meant for the back of a room (the explained update)
};

inline constexpr float kLargeFontFactor = 1.35f;

inline constexpr const char* kSansFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kMonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

// Clears the atlas and adds the fonts at `pixels` (the large one at kLargeFontFactor times), with
// glyphs for every character of the current language's catalog and of `text` (the scenario's
// own text: names, lessons). A missing font file falls back to ImGui's built-in font and sets
// `warning` (instead of aborting, as ImGui would). Does not build the texture: the renderer does.
Fonts load_fonts(ImFontAtlas& atlas, float pixels, std::string& warning, std::string_view text = {});

}  // namespace optviz::gui
