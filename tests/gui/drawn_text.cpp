#include "drawn_text.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace optviz::gui::test {
namespace {

using GlyphKey = std::tuple<float, float, float, float>;  // the glyph's texture rectangle: U0, V0, U1, V1

std::map<GlyphKey, unsigned> glyphs_by_texture_rect() {
  std::map<GlyphKey, unsigned> glyphs;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
    for (const ImFontGlyph& g : font->Glyphs)
      if (g.Visible) glyphs.emplace(GlyphKey{g.U0, g.V0, g.U1, g.V1}, g.Codepoint);
  return glyphs;
}

// ImFont::RenderText writes a glyph as four vertices: (U0, V0), (U1, V0), (U1, V1), (U0, V1).
bool is_glyph_quad(const ImDrawVert* v) {
  return v[0].uv.y == v[1].uv.y && v[1].uv.x == v[2].uv.x && v[2].uv.y == v[3].uv.y && v[3].uv.x == v[0].uv.x &&
         v[0].uv.x != v[1].uv.x && v[0].uv.y != v[2].uv.y;
}

}  // namespace

std::string drawn_text() {
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr) return {};
  const std::map<GlyphKey, unsigned> glyphs = glyphs_by_texture_rect();
  std::string text;
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& vertices = data->CmdLists[l]->VtxBuffer;
    const ImDrawVert* last = nullptr;
    for (int i = 0; i + 3 < vertices.Size;) {
      const ImDrawVert* v = &vertices[i];
      const auto found = glyphs.find(GlyphKey{v[0].uv.x, v[0].uv.y, v[2].uv.x, v[2].uv.y});
      if (!is_glyph_quad(v) || found == glyphs.end()) {
        ++i;
        continue;
      }
      if (last != nullptr) {
        const float height = std::max(v[2].pos.y - v[0].pos.y, last[2].pos.y - last[0].pos.y);
        const bool same_line = std::abs(v[2].pos.y - last[2].pos.y) < height * 0.5f;
        if (!same_line || v[0].pos.x - last[1].pos.x > height * 0.3f) text += ' ';
      }
      char utf8[5];
      text += ImTextCharToUtf8(utf8, found->second);
      last = v;
      i += 4;
    }
    text += '\n';
  }
  return text;
}

}  // namespace optviz::gui::test
