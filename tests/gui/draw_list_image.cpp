#include "draw_list_image.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "fonts.hpp"
#include "layout.hpp"

namespace optviz::gui::test {
namespace {

struct Texture {
  const unsigned char* rgba = nullptr;
  int width = 0, height = 0;
  std::array<float, 4> at(ImVec2 uv) const {
    const int x = std::clamp(static_cast<int>(uv.x * static_cast<float>(width)), 0, width - 1);
    const int y = std::clamp(static_cast<int>(uv.y * static_cast<float>(height)), 0, height - 1);
    const unsigned char* p =
        rgba + 4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x));
    return {p[0] / 255.0f, p[1] / 255.0f, p[2] / 255.0f, p[3] / 255.0f};
  }
};

std::array<float, 4> unpack(ImU32 c) {
  return {static_cast<float>((c >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f,
          static_cast<float>((c >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f,
          static_cast<float>((c >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f,
          static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f};
}

float edge(ImVec2 a, ImVec2 b, float x, float y) { return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x); }

// One triangle, its pixels' centres inside it (the top-left rule at shared edges), clipped.
void triangle(Image& image, const ImDrawVert& v0, const ImDrawVert& v1, const ImDrawVert& v2, const ImVec4& clip,
              const Texture& texture) {
  const ImDrawVert* v[3] = {&v0, &v1, &v2};
  float area = edge(v0.pos, v1.pos, v2.pos.x, v2.pos.y);
  if (area == 0) return;
  if (area < 0) std::swap(v[1], v[2]), area = -area;
  const float x0 = std::max({clip.x, 0.0f, std::min({v0.pos.x, v1.pos.x, v2.pos.x})});
  const float x1 = std::min({clip.z, static_cast<float>(image.width), std::max({v0.pos.x, v1.pos.x, v2.pos.x})});
  const float y0 = std::max({clip.y, 0.0f, std::min({v0.pos.y, v1.pos.y, v2.pos.y})});
  const float y1 = std::min({clip.w, static_cast<float>(image.height), std::max({v0.pos.y, v1.pos.y, v2.pos.y})});
  std::array<std::array<float, 4>, 3> colour;
  for (int k = 0; k < 3; ++k) colour[static_cast<std::size_t>(k)] = unpack(v[k]->col);
  for (int py = static_cast<int>(std::floor(y0)); py < static_cast<int>(std::ceil(y1)); ++py)
    for (int px = static_cast<int>(std::floor(x0)); px < static_cast<int>(std::ceil(x1)); ++px) {
      const float x = static_cast<float>(px) + 0.5f, y = static_cast<float>(py) + 0.5f;
      if (x < clip.x || x >= clip.z || y < clip.y || y >= clip.w) continue;
      std::array<float, 3> w{};
      bool inside = true;
      for (int k = 0; k < 3; ++k) {
        const ImVec2 a = v[(k + 1) % 3]->pos, b = v[(k + 2) % 3]->pos;
        w[static_cast<std::size_t>(k)] = edge(a, b, x, y);
        const bool top_left = (a.y == b.y && b.x < a.x) || b.y < a.y;
        if (w[static_cast<std::size_t>(k)] < 0 || (w[static_cast<std::size_t>(k)] == 0 && !top_left)) inside = false;
      }
      if (!inside) continue;
      std::array<float, 4> c{};
      ImVec2 uv(0, 0);
      for (std::size_t k = 0; k < 3; ++k) {
        const float b = w[k] / area;
        for (std::size_t i = 0; i < 4; ++i) c[i] += b * colour[k][i];
        uv.x += b * v[k]->uv.x;
        uv.y += b * v[k]->uv.y;
      }
      const std::array<float, 4> t = texture.at(uv);
      std::uint8_t* out = &image.rgba[4 * (static_cast<std::size_t>(py) * static_cast<std::size_t>(image.width) +
                                           static_cast<std::size_t>(px))];
      const float alpha = c[3] * t[3];
      for (std::size_t i = 0; i < 3; ++i)
        out[i] = static_cast<std::uint8_t>(
            std::lround(static_cast<float>(out[i]) * (1 - alpha) + 255.0f * c[i] * t[i] * alpha));
    }
}

}  // namespace

DrawingContext::DrawingContext(int width, int height, float font_pixels, Theme theme)
    : context_(ImGui::CreateContext()), width_(width), height_(height) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  const float scale = font_pixels / kBaseFontSize;
  apply_theme(theme, ui_metrics(scale));
  std::string warning;
  const Fonts fonts = load_fonts(*io.Fonts, font_pixels, warning);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  style = canvas_style(theme, scale, fonts.ui, font_pixels);
}

DrawingContext::~DrawingContext() { ImGui::DestroyContext(context_); }

ImDrawList& DrawingContext::begin() {
  ImGui::GetIO().DeltaTime = 1.0f / 60;
  ImGui::NewFrame();
  return *ImGui::GetBackgroundDrawList();
}

Image DrawingContext::end() {
  ImGui::Render();
  Image image{width_, height_,
              std::vector<std::uint8_t>(4 * static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_))};
  const std::array<float, 4> background = unpack(style.background);
  for (std::size_t p = 0; p < image.rgba.size(); p += 4)
    for (std::size_t i = 0; i < 4; ++i)
      image.rgba[p + i] = static_cast<std::uint8_t>(std::lround(255 * (i < 3 ? background[i] : 1.0f)));
  Texture texture;
  unsigned char* pixels = nullptr;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &texture.width, &texture.height);
  texture.rgba = pixels;
  const ImDrawData& data = *ImGui::GetDrawData();
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList& list = *data.CmdLists[l];
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.UserCallback != nullptr) continue;
      for (unsigned e = 0; e + 2 < cmd.ElemCount; e += 3) {
        const auto vertex = [&](unsigned k) {
          return list
              .VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + e + k)])];
        };
        triangle(image, vertex(0), vertex(1), vertex(2), cmd.ClipRect, texture);
      }
    }
  }
  return image;
}

ImU32 pixel(const Image& image, int x, int y) {
  const std::uint8_t* p = &image.rgba[4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                                           static_cast<std::size_t>(x))];
  return IM_COL32(p[0], p[1], p[2], p[3]);
}

}  // namespace optviz::gui::test
