#include "widget_frame.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "fonts.hpp"
#include "headless_ui.hpp"
#include "layout.hpp"

namespace optviz::gui::test {
namespace {

struct Atlas {
  const unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ImTextureID id = nullptr;
};

// Mixes `src` (straight alpha) over the pixel at k.
void blend(Image& image, std::size_t k, const std::array<float, 4>& src) {
  for (std::size_t c = 0; c < 3; ++c) {
    const float dst = image.rgba[k + c];
    image.rgba[k + c] = static_cast<std::uint8_t>(std::lround(src[c] * 255 * src[3] + dst * (1 - src[3])));
  }
}

// A triangle's pixels whose centres lie inside it (either winding) and inside the clip rectangle.
void fill_triangle(Image& image, const std::array<const ImDrawVert*, 3>& v, const ImVec4& clip, const Atlas* atlas) {
  const auto edge = [](ImVec2 a, ImVec2 b, float x, float y) {
    return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
  };
  const float area = edge(v[0]->pos, v[1]->pos, v[2]->pos.x, v[2]->pos.y);
  if (area == 0) return;
  const float x0 = std::max({clip.x, 0.0f, std::min({v[0]->pos.x, v[1]->pos.x, v[2]->pos.x})});
  const float x1 =
      std::min({clip.z, static_cast<float>(image.width), std::max({v[0]->pos.x, v[1]->pos.x, v[2]->pos.x})});
  const float y0 = std::max({clip.y, 0.0f, std::min({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y})});
  const float y1 =
      std::min({clip.w, static_cast<float>(image.height), std::max({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y})});
  for (int y = static_cast<int>(std::floor(y0)); y < static_cast<int>(std::ceil(y1)); ++y)
    for (int x = static_cast<int>(std::floor(x0)); x < static_cast<int>(std::ceil(x1)); ++x) {
      const float px = static_cast<float>(x) + 0.5f, py = static_cast<float>(y) + 0.5f;
      if (px < clip.x || px >= clip.z || py < clip.y || py >= clip.w) continue;
      const float w0 = edge(v[1]->pos, v[2]->pos, px, py) / area, w1 = edge(v[2]->pos, v[0]->pos, px, py) / area;
      const float w2 = 1 - w0 - w1;
      if (w0 < 0 || w1 < 0 || w2 < 0) continue;
      std::array<float, 4> colour{};
      for (std::size_t c = 0; c < 4; ++c) {
        const auto channel = [&](const ImDrawVert* p) { return static_cast<float>((p->col >> (8 * c)) & 0xFF) / 255; };
        colour[c] = w0 * channel(v[0]) + w1 * channel(v[1]) + w2 * channel(v[2]);
      }
      if (atlas != nullptr) {
        const float u = w0 * v[0]->uv.x + w1 * v[1]->uv.x + w2 * v[2]->uv.x;
        const float t = w0 * v[0]->uv.y + w1 * v[1]->uv.y + w2 * v[2]->uv.y;
        const int tx = std::clamp(static_cast<int>(u * static_cast<float>(atlas->width)), 0, atlas->width - 1);
        const int ty = std::clamp(static_cast<int>(t * static_cast<float>(atlas->height)), 0, atlas->height - 1);
        const unsigned char* texel =
            atlas->pixels +
            (static_cast<std::size_t>(ty) * static_cast<std::size_t>(atlas->width) + static_cast<std::size_t>(tx)) * 4;
        for (std::size_t c = 0; c < 4; ++c) colour[c] *= static_cast<float>(texel[c]) / 255;
      }
      blend(image,
            (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4,
            colour);
    }
}

}  // namespace

WidgetFrame::WidgetFrame(float width, float height, Theme theme, float font_pixels)
    : context_(make_headless_context(width, height)) {
  ImGuiIO& io = ImGui::GetIO();
  std::string warning;
  const Fonts fonts = load_fonts(*io.Fonts, font_pixels, warning);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(std::uintptr_t{1}));
  const float scale = font_pixels / ui_metrics(1).font_size;
  apply_theme(theme, ui_metrics(scale));
  style = canvas_style(theme, scale, fonts.ui, font_pixels);
}

WidgetFrame::~WidgetFrame() { ImGui::DestroyContext(context_); }

void WidgetFrame::frame(const std::function<void()>& draw, const std::function<void(ImGuiIO&)>& input) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = 1.0f / 60;
  if (input) input(io);
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("widget", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
  draw();
  ImGui::End();
  ImGui::Render();
}

Image WidgetFrame::pixels() const {
  const ImGuiIO& io = ImGui::GetIO();
  Image image;
  image.width = static_cast<int>(io.DisplaySize.x);
  image.height = static_cast<int>(io.DisplaySize.y);
  image.rgba.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4, 255);
  Atlas atlas;
  unsigned char* pixels = nullptr;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &atlas.width, &atlas.height);
  atlas.pixels = pixels;
  atlas.id = io.Fonts->TexID;
  const ImDrawData* data = ImGui::GetDrawData();
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) continue;
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const auto vertex = [&](unsigned k) {
          return &list->VtxBuffer[static_cast<int>(cmd.VtxOffset +
                                                   list->IdxBuffer[static_cast<int>(cmd.IdxOffset + i + k)])];
        };
        fill_triangle(image, {vertex(0), vertex(1), vertex(2)}, cmd.ClipRect,
                      cmd.TextureId == atlas.id ? &atlas : nullptr);
      }
    }
  }
  return image;
}

}  // namespace optviz::gui::test
