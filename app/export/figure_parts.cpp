#include "figure_parts.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::figure {

Plot layout(int columns, int rows, int target) {
  Plot p;
  p.columns = columns;
  p.rows = rows;
  p.cell_width = std::max(1, target / columns);
  p.cell_height = std::max(1, target / rows);
  return p;
}

Rgb to_rgb(gui::Colour c) {
  const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
  return {byte(c.r), byte(c.g), byte(c.b)};
}

void fill_cell(Canvas& canvas, const Plot& p, int i, int j, Rgb colour) {
  const int x = p.x0 + i * p.cell_width, y = p.y0 + (p.rows - 1 - j) * p.cell_height;
  canvas.fill(x, y, x + p.cell_width, y + p.cell_height, colour);
}

void draw_frame(Canvas& canvas, const Plot& p) {
  canvas.fill(p.x0 - 1, p.y0 - 1, p.x0 + p.width() + 1, p.y0, kInk);
  canvas.fill(p.x0 - 1, p.y0 + p.height(), p.x0 + p.width() + 1, p.y0 + p.height() + 1, kInk);
  canvas.fill(p.x0 - 1, p.y0, p.x0, p.y0 + p.height(), kInk);
  canvas.fill(p.x0 + p.width(), p.y0, p.x0 + p.width() + 1, p.y0 + p.height(), kInk);
}

void draw_axes(Canvas& canvas, const Plot& p, const std::vector<MapTick>& x, const std::vector<MapTick>& y,
               const std::string& x_name, const std::string& y_name, const TextSizes& text) {
  draw_frame(canvas, p);
  const int bottom = p.y0 + p.height();
  for (const MapTick& t : x) {
    const int px = p.x0 + static_cast<int>(std::lround(t.position * p.width()));
    canvas.fill(px, bottom + 1, px + 1, bottom + 1 + kTickLength, kInk);
    canvas.text(px + 0.5, bottom + kTickLength + 4 + text.tick, t.label, text.tick, kInk, 0.5);
  }
  for (const MapTick& t : y) {
    const int py = bottom - static_cast<int>(std::lround(t.position * p.height()));
    canvas.fill(p.x0 - 1 - kTickLength, py, p.x0 - 1, py + 1, kInk);
    canvas.text(p.x0 - kTickLength - 5, py + 0.36 * text.tick, t.label, text.tick, kInk, 1);
  }
  canvas.text(p.x0 + p.width() / 2.0, bottom + kTickLength + 12 + text.tick + text.label, x_name, text.label, kInk,
              0.5);
  canvas.text(p.x0 - kTickLength - 5, p.y0 - 10, y_name, text.label, kInk, 0);
}

void draw_titles(Canvas& canvas, const std::string& title, const std::string& subtitle, const TextSizes& text) {
  const double title_baseline = text.title + 5, subtitle_baseline = title_baseline + text.tick + 5;
  canvas.text(kLeft - 5, title_baseline, title, text.title, kInk);
  canvas.text(kLeft - 5, subtitle_baseline, subtitle, text.tick, kSubtle);
}

void swatch(Canvas& canvas, int x, int y, Rgb colour, const std::string& label) {
  canvas.fill(x - 1, y - 1, x + 17, y + 17, kInk);
  canvas.fill(x, y, x + 16, y + 16, colour);
  canvas.text(x + 24, y + 13, label, kTickSize, kInk);
}

void ring_mark(Canvas& canvas, double x, double y, double radius) {
  canvas.ring(x, y, radius, 4.5, kBlack);
  canvas.ring(x, y, radius, 2, kPaper);
}

void draw_colour_ramp(Canvas& canvas, int bar_x, int top, int height, const std::vector<MapTick>& ticks,
                      const std::string& title, const TextSizes& text) {
  for (int y = 0; y < height; ++y)
    canvas.fill(bar_x, top + y, bar_x + 18, top + y + 1, to_rgb(gui::colour_map(1 - (y + 0.5) / height)));
  canvas.fill(bar_x - 1, top - 1, bar_x + 19, top, kInk);
  canvas.fill(bar_x - 1, top + height, bar_x + 19, top + height + 1, kInk);
  canvas.fill(bar_x - 1, top, bar_x, top + height, kInk);
  canvas.fill(bar_x + 18, top, bar_x + 19, top + height, kInk);
  for (const MapTick& t : ticks) {
    const int y = top + height - static_cast<int>(std::lround(t.position * height));
    canvas.fill(bar_x + 19, y, bar_x + 19 + kTickLength, y + 1, kInk);
    canvas.text(bar_x + 19 + kTickLength + 4, y + 0.36 * text.tick, t.label, text.tick, kInk);
  }
  canvas.text(bar_x - 4, top - 10, title, text.label, kInk);
}

}  // namespace optviz::figure
