#include "canvas_chrome.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {
namespace {

// A rectangle with its corners ordered (x1 >= x0, y1 >= y0) whatever the inputs.
PixelRect ordered(float x0, float y0, float x1, float y1) { return {x0, y0, std::max(x0, x1), std::max(y0, y1)}; }

}  // namespace

CanvasChrome canvas_chrome(const ChromeInput& in) {
  const PixelRect c = in.canvas;
  const float f = std::max(1.0f, in.font_size);
  const float s = std::max(0.1f, in.scale);
  CanvasChrome out;
  out.tick = std::round(6 * s);
  out.gap = std::round(4 * s);
  out.line_height = std::round(f * 1.3f);
  const float pad = std::round(6 * s);
  const float top = std::round(f * 1.6f);
  const float bottom = out.tick + out.gap + f + pad;
  const float left = pad + std::round(kYLabelsWidth * f) + out.tick + out.gap;
  // The column takes at most 28% of the canvas (40% for long run names), at least enough for the
  // colour bar and its labels.
  const float usual_w = std::min(kColumnWidth * f, std::max(5.5f * f, 0.28f * c.width()));
  const float column_w = std::round(std::max(
      usual_w, std::min(std::isfinite(in.legend_width) ? in.legend_width : 0.0f, kMaxColumnShare * c.width())));
  const float column_gap = std::round(0.6f * f);

  const float column_x0 = std::max(c.x0, c.x1 - pad - column_w);
  out.plot = ordered(c.x0 + left, c.y0 + top, column_x0 - column_gap, c.y1 - bottom);
  const PixelRect& p = out.plot;

  const float text_y = c.y0 + std::round((top - f) / 2);
  const float y_name_w = std::clamp(in.y_name_width, 0.0f, left - pad - out.gap);
  out.y_name = ordered(p.x0 - out.gap - y_name_w, text_y, p.x0 - out.gap, text_y + f);
  out.title = ordered(p.x0, text_y, p.x1, text_y + f);
  out.y_labels = ordered(c.x0 + pad, p.y0, p.x0, p.y1);

  const float x_text_y = p.y1 + out.tick + out.gap;
  const float x_name_w = std::clamp(in.x_name_width, 0.0f, p.width() / 3);
  out.x_name = ordered(p.x1 - x_name_w, x_text_y, p.x1, x_text_y + f);
  // A font size apart, so that the name does not read as part of the last tick's number.
  out.x_labels = ordered(p.x0, p.y1, out.x_name.x0 - f, x_text_y + f);

  // The column: the bar's title, the bar with its labels, then the legend.
  const float column_x1 = c.x1 - pad;
  const float column_y1 = c.y1 - pad;
  out.bar_title = ordered(column_x0, c.y0 + pad, column_x1, c.y0 + pad + f);
  const float bar_y0 = out.bar_title.y1 + std::round(0.6f * f);
  const float bar_w = std::round(0.9f * f);
  const float legend_gap = std::round(0.5f * f);
  const float legend_pad = std::round(0.4f * f);
  const float bar_preferred = std::clamp(std::min(0.45f * p.height(), 320 * s), 3 * f, std::max(3 * f, p.height()));
  const float bar_least = 3 * f;
  // The legend's height for a number of lines, and the lines that fit under a bar of height h.
  const auto legend_h = [&](int lines) { return 2 * legend_pad + out.line_height * static_cast<float>(lines); };
  const auto lines_under = [&](float h) {
    const float y0 = bar_y0 + h + f / 2 + legend_gap;
    return static_cast<int>(std::floor((column_y1 - y0 - 2 * legend_pad) / out.line_height));
  };
  const int rows = std::max(0, in.legend_rows);
  const int wanted = rows + std::max(0, in.note_rows);
  float bar_h = bar_preferred;
  if (rows > 0 && lines_under(bar_h) < wanted) {
    // Shorten the bar (not below bar_least) until every line fits.
    const float needed = column_y1 - legend_h(wanted) - legend_gap - f / 2 - bar_y0;
    bar_h = std::clamp(needed, bar_least, bar_preferred);
  }
  // On a tiny canvas the bar takes what is left above the bottom.
  bar_h = std::max(0.0f, std::min(bar_h, column_y1 - f / 2 - bar_y0));
  out.bar = ordered(column_x0, bar_y0, column_x0 + bar_w, bar_y0 + bar_h);
  out.bar_labels = ordered(out.bar.x1, bar_y0 - f / 2, column_x1, bar_y0 + bar_h + f / 2);
  if (bar_h < f) out.bar = out.bar_labels = out.bar_title = {column_x0, c.y0 + pad, column_x0, c.y0 + pad};

  const int fit = rows > 0 ? lines_under(bar_h) : 0;
  if (fit >= wanted) {
    out.legend_rows = rows;
    out.note_rows = std::max(0, in.note_rows);
  } else if (fit >= 2) {
    out.legend_rows = std::min(rows, fit - 1);
    out.legend_more = out.legend_rows < rows;
    if (!out.legend_more) out.legend_rows = rows;
  } else if (fit == 1 && rows == 1) {
    out.legend_rows = 1;
  }
  const int lines = out.legend_rows + (out.legend_more ? 1 : 0) + out.note_rows;
  if (lines > 0) {
    const float y0 = out.bar_labels.y1 + legend_gap;
    out.legend = ordered(column_x0, y0, column_x1, y0 + legend_h(lines));
  } else {
    out.legend = {column_x0, column_y1, column_x0, column_y1};
  }
  return out;
}

}  // namespace optviz::gui
