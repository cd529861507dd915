#include "slide_layout.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {
namespace {

// The smallest parts a slide shows, in font sizes: a canvas must show its heatmap and axes, a plot
// its title, ticks and curves.
constexpr float kMinCanvasWidth = 14;
constexpr float kMinCanvasHeight = 10;
constexpr float kMinPlotWidth = 12;
constexpr float kMinPlotHeight = 6.5f;
constexpr float kCanvasShare = 0.56f;  // of the body's width, beside plots

float height_of(const TextHeight& measure, float width, float font_size) {
  return measure ? std::max(0.0f, measure(width, font_size)) : 0.0f;
}

// The plots stacked in `column`, `gap` apart.
std::vector<PixelRect> stacked(PixelRect column, std::size_t n, float gap) {
  std::vector<PixelRect> out;
  if (n == 0) return out;
  const float each = (column.height() - gap * static_cast<float>(n - 1)) / static_cast<float>(n);
  for (std::size_t i = 0; i < n; ++i) {
    const float y0 = column.y0 + static_cast<float>(i) * (each + gap);
    out.push_back({column.x0, y0, column.x1, y0 + each});
  }
  return out;
}

bool big_enough(const SlideLayout& l, float fs) {
  if (l.canvas.width() < kMinCanvasWidth * fs || l.canvas.height() < kMinCanvasHeight * fs) return false;
  for (const PixelRect& p : l.plots)
    if (p.width() < kMinPlotWidth * fs || p.height() < kMinPlotHeight * fs) return false;
  return true;
}

// The header at font size fs; returns the top of the body.
float place_header(SlideLayout& l, float width, float margin, const SlideContent& c) {
  const float fs = l.font_size;
  float y = margin;
  if (c.chapter) {
    l.chapter = {margin, y, width - margin, y + std::ceil(fs * kSlideChapterScale * 1.3f)};
    y = l.chapter.y1;
  }
  const float title = std::ceil(height_of(c.title, width - 2 * margin, fs * kSlideTitleScale));
  l.title = {margin, y, width - margin, y + title};
  return l.title.y1 + std::round(0.6f * fs);
}

// The text in a column right of the canvas, under the plots.
SlideLayout beside(float width, float height, float fs, const SlideContent& c) {
  SlideLayout l;
  l.font_size = fs;
  const float margin = std::round(0.7f * fs), gap = std::round(1.2f * fs);
  const PixelRect body{margin, place_header(l, width, margin, c), width - margin, height - margin};
  const float canvas_w = std::round(body.width() * (c.plots > 0 ? kCanvasShare : 0.6f));
  l.canvas = {body.x0, body.y0, body.x0 + canvas_w, body.y1};
  const PixelRect column{l.canvas.x1 + gap, body.y0, body.x1, body.y1};
  const float text = std::ceil(height_of(c.text, column.width(), fs));
  if (c.plots == 0 && text == 0) l.canvas = body;
  float plots_bottom = column.y1;
  if (text > 0 && c.plots == 0) {
    l.text = {column.x0, column.y0, column.x1, column.y0 + text};  // the column's top: read first
  } else if (text > 0) {
    l.text = {column.x0, column.y1 - text, column.x1, column.y1};
    plots_bottom = l.text.y0 - gap;
  }
  l.plots = stacked({column.x0, column.y0, column.x1, plots_bottom}, c.plots, std::round(0.5f * fs));
  l.fits = big_enough(l, fs) && l.text.y0 >= column.y0 && l.text.y1 <= column.y1 &&
           (c.plots == 0 || plots_bottom > column.y0);
  return l;
}

// The text across the bottom, under the canvas and the plots.
SlideLayout below(float width, float height, float fs, const SlideContent& c) {
  SlideLayout l;
  l.font_size = fs;
  const float margin = std::round(0.7f * fs), gap = std::round(1.2f * fs);
  PixelRect body{margin, place_header(l, width, margin, c), width - margin, height - margin};
  const float text = std::ceil(height_of(c.text, body.width(), fs));
  if (text > 0) {
    l.text = {body.x0, body.y1 - text, body.x1, body.y1};
    body.y1 = l.text.y0 - std::round(0.6f * fs);
  }
  const float canvas_w = c.plots > 0 ? std::round(body.width() * kCanvasShare) : body.width();
  l.canvas = {body.x0, body.y0, body.x0 + canvas_w, body.y1};
  l.plots = stacked({l.canvas.x1 + gap, body.y0, body.x1, body.y1}, c.plots, std::round(0.5f * fs));
  l.fits = big_enough(l, fs) && body.y1 > body.y0;
  return l;
}

}  // namespace

float slide_font_size(float height) { return std::max(10.0f, std::round(height / 30)); }
float min_slide_font_size(float height) { return std::max(8.0f, std::round(height / 56)); }

SlideLayout slide_layout(float width, float height, const SlideContent& content) {
  if (content.font_size > 0) {
    for (SlideLayout l :
         {beside(width, height, content.font_size, content), below(width, height, content.font_size, content)})
      if (l.fits) return l;
    return below(width, height, content.font_size, content);
  }
  const float smallest = min_slide_font_size(height);
  for (float fs = slide_font_size(height); fs >= smallest; fs = std::floor(fs * 0.94f))
    for (SlideLayout l : {beside(width, height, fs, content), below(width, height, fs, content)})
      if (l.fits) return l;
  return below(width, height, smallest, content);
}

bool overlap(const PixelRect& a, const PixelRect& b) {
  return std::min(a.x1, b.x1) > std::max(a.x0, b.x0) && std::min(a.y1, b.y1) > std::max(a.y0, b.y0);
}

}  // namespace optviz::gui
