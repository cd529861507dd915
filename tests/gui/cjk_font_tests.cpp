// The Chinese glyphs: in Chinese the fonts have every character of the catalog and of the scenario's
// own text, each drawn (pixels in the atlas, not a replacement box); in English none is loaded.
#include <imgui.h>

#include <catch2/catch.hpp>
#include <string>

#include "fonts.hpp"
#include "language_scope.hpp"
#include "presets.hpp"
#include "translate.hpp"
#include "utf8.hpp"

using namespace optviz;
using namespace optviz::gui;
using optviz::testing::LanguageScope;

namespace {

// An ImGui context whose atlas holds the fonts at 16 px with `text`'s characters, built.
struct Atlas {
  ImGuiContext* context = ImGui::CreateContext();
  Fonts fonts;
  std::string warning;
  unsigned char* alpha = nullptr;
  int width = 0, height = 0;
  explicit Atlas(const std::string& text) {
    fonts = load_fonts(*ImGui::GetIO().Fonts, 16, warning, text);
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&alpha, &width, &height);
  }
  ~Atlas() { ImGui::DestroyContext(context); }
  // The glyph's inked pixels in the atlas (0 when the font has no glyph for c).
  int ink(const ImFont* font, char32_t c) const {
    const ImFontGlyph* g = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
    if (g == nullptr) return 0;
    int n = 0;
    for (int y = static_cast<int>(g->V0 * static_cast<float>(height));
         y < static_cast<int>(g->V1 * static_cast<float>(height)); ++y)
      for (int x = static_cast<int>(g->U0 * static_cast<float>(width));
           x < static_cast<int>(g->U1 * static_cast<float>(width)); ++x)
        n += alpha[y * width + x] > 64 ? 1 : 0;
    return n;
  }
};

}  // namespace

TEST_CASE("in Chinese every character of the catalog and of a run's Chinese name is drawn in every font") {
  LanguageScope zh("zh_CN");
  const std::string own = "梯度下降的步长";  // not all in the catalog: the scenario's own text
  const Atlas atlas(own);
  CHECK(atlas.warning.empty());
  const std::string text = translated_text("zh_CN") + own;
  int checked = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (c < 0x3000 || c > 0x9FFF) continue;  // CJK punctuation and ideographs
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    const int least = c < 0x3040 ? 1 : 10;  // punctuation (、 has 6 pixels at 16 px), else ideographs
    CHECK(atlas.ink(atlas.fonts.ui, c) >= least);
    CHECK(atlas.ink(atlas.fonts.mono, c) >= least);
    CHECK(atlas.ink(atlas.fonts.large, c) >= least);
    ++checked;
  }
  CHECK(checked > 1000);
}

TEST_CASE("in English no Chinese glyph is loaded, unless the scenario's own text has Chinese") {
  {
    const Atlas atlas("");
    CHECK(atlas.fonts.ui->FindGlyphNoFallback(static_cast<ImWchar>(U'文')) == nullptr);
    CHECK(atlas.ink(atlas.fonts.ui, U'η') > 10);  // DejaVu's Greek
  }
  const Atlas atlas("步长");
  CHECK(atlas.ink(atlas.fonts.ui, U'步') > 10);
  CHECK(atlas.fonts.ui->FindGlyphNoFallback(static_cast<ImWchar>(U'文')) == nullptr);
}

TEST_CASE("in Chinese every character of every lesson's words is drawn: title, text, chapter, question, labels") {
  LanguageScope zh("zh_CN");
  std::string words;
  for (const Scenario& lesson : lesson_presets()) words += shown_words(lesson);
  const Atlas atlas(words);
  CHECK(atlas.warning.empty());
  int checked = 0;
  for (std::size_t i = 0; i < words.size();) {
    const char32_t c = next_code_point(words, i);
    if (c < 0x3000 || c > 0xFFEF) continue;  // CJK punctuation, ideographs and full-width forms
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    CHECK(atlas.ink(atlas.fonts.ui, c) >= (c < 0x3040 || c >= 0xFF00 ? 1 : 10));
    ++checked;
  }
  CHECK(checked > 3000);
}
