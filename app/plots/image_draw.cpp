#include "image_draw.hpp"

#include "colour_map.hpp"

namespace optviz::gui {

void draw_cell_image(ImDrawList& dl, const CellImage& image, PixelRect rect) {
  if (image.width <= 0 || image.height <= 0) return;
  if (image.texture != nullptr) {
    dl.AddImage(image.texture, ImVec2(rect.x0, rect.y0), ImVec2(rect.x1, rect.y1), ImVec2(0, 1), ImVec2(1, 0));
    return;
  }
  const float cw = rect.width() / static_cast<float>(image.width);
  const float ch = rect.height() / static_cast<float>(image.height);
  for (int j = 0; j < image.height; ++j) {
    const float y1 = rect.y1 - ch * static_cast<float>(j), y0 = y1 - ch;
    for (int i = 0; i < image.width;) {
      const auto c = image.at(i, j);
      int end = i + 1;
      while (end < image.width && image.at(end, j) == c) ++end;
      if (c[3] != 0)
        dl.AddRectFilled(ImVec2(rect.x0 + cw * static_cast<float>(i), y0),
                         ImVec2(rect.x0 + cw * static_cast<float>(end), y1), IM_COL32(c[0], c[1], c[2], c[3]));
      i = end;
    }
  }
}

void draw_colour_ramp(ImDrawList& dl, PixelRect rect, bool horizontal, double from, double to) {
  constexpr int kStrips = 64;
  const auto colour = [&](int k) {
    const Colour c = colour_map(from + (to - from) * static_cast<double>(k) / kStrips);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1));
  };
  for (int k = 0; k < kStrips; ++k) {
    const ImU32 c0 = colour(k), c1 = colour(k + 1);
    const float f0 = static_cast<float>(k) / kStrips, f1 = static_cast<float>(k + 1) / kStrips;
    if (horizontal) {
      const float x0 = rect.x0 + rect.width() * f0, x1 = rect.x0 + rect.width() * f1;
      dl.AddRectFilledMultiColor(ImVec2(x0, rect.y0), ImVec2(x1 + 0.5f, rect.y1), c0, c1, c1, c0);
    } else {
      const float y0 = rect.y1 - rect.height() * f0, y1 = rect.y1 - rect.height() * f1;
      dl.AddRectFilledMultiColor(ImVec2(rect.x0, y1), ImVec2(rect.x1, y0 + 0.5f), c1, c1, c0, c0);
    }
  }
}

}  // namespace optviz::gui
