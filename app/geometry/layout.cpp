#include "layout.hpp"

#include <algorithm>
#include <cmath>

namespace optviz::gui {

UiMetrics ui_metrics(float scale) {
  UiMetrics m;
  m.scale = std::isfinite(scale) ? std::clamp(scale, kMinUiScale, kMaxUiScale) : 1.0f;
  m.font_size = std::round(kBaseFontSize * m.scale);
  m.frame_padding_x = std::round(6 * m.scale);
  m.frame_padding_y = std::round(4 * m.scale);
  m.frame_height = m.font_size + 2 * m.frame_padding_y;
  m.spacing = std::round(8 * m.scale);
  return m;
}

float time_bar_height(const UiMetrics& m) { return m.frame_height + 2 * m.spacing; }

Layout compute_layout(float width, float height, const UiMetrics& m, const Splitters& s, float lesson_height) {
  width = std::max(width, 1.0f);
  height = std::max(height, 1.0f);
  Layout l;
  const float top = std::min(m.frame_height, height);
  l.menu_bar = {0, 0, width, top};
  const float bar_bottom = std::min(top + time_bar_height(m), height);
  l.time_bar = {0, top, width, bar_bottom};

  // Each column keeps a minimum and leaves the canvas at least half of the width.
  const float controls_w = std::clamp(s.controls_width * m.scale, std::min(220 * m.scale, width * 0.3f), width * 0.3f);
  const float body_h = height - bar_bottom;
  const auto fraction = [](float f) { return std::isfinite(f) ? std::clamp(f, 0.15f, 0.8f) : 0.4f; };
  const float inspector_h = std::round(body_h * fraction(s.inspector_fraction));
  l.controls = {0, bar_bottom, controls_w, height - inspector_h};
  l.inspector = {0, height - inspector_h, controls_w, height};

  float lesson_h = std::round(std::clamp(lesson_height, 0.0f, kMaxLessonShare * body_h));
  l.plots_beside = width / m.scale >= kWideLayoutWidth;
  if (l.plots_beside) {
    // The two columns together leave the canvas at least half the width.
    const float side_max = std::max(0.0f, std::min(width / 3, width / 2 - controls_w));
    const float side_w = std::clamp(s.side_width * m.scale, std::min({240 * m.scale, width / 4, side_max}), side_max);
    // The lesson's strip under the canvas, which keeps at least kMinCanvasShare of the height.
    lesson_h = std::min(lesson_h, std::max(0.0f, std::floor((1 - kMinCanvasShare) * body_h)));
    l.canvas = {controls_w, bar_bottom, width - side_w, height - lesson_h};
    l.plots = {width - side_w, bar_bottom, width, height};
    if (lesson_h > 0) l.lesson = {l.canvas.x0, l.canvas.y1, l.canvas.x1, height};
  } else {
    // The lesson's text beside the plots, the right part of their strip: both keep the strip's
    // height (on top of the plots it left them no room for a curve).
    const float plots_h = std::round(body_h * fraction(s.plots_fraction));
    l.canvas = {controls_w, bar_bottom, width, height - plots_h};
    const float lesson_w = lesson_h > 0 ? std::round(kNarrowLessonShare * (width - controls_w)) : 0.0f;
    l.plots = {controls_w, height - plots_h, width - lesson_w, height};
    if (lesson_w > 0) l.lesson = {width - lesson_w, height - plots_h, width, height};
  }
  return l;
}

float compact_time_bar_height(const UiMetrics& m) { return m.frame_height + m.spacing; }

Layout presentation_layout(float width, float height, const UiMetrics& m, const Splitters& s, const Presentation& p,
                           SlideContent slide) {
  width = std::max(width, 1.0f);
  height = std::max(height, 1.0f);
  Layout l;
  const float bar_top = std::max(1.0f, height - compact_time_bar_height(m));
  l.time_bar = {0, bar_top, width, height};
  l.plots_beside = true;
  if (!p.plots) slide.plots = 0;
  slide.font_size = m.font_size;
  if (slide.text) {
    const TextHeight text = slide.text;
    slide.text = [text, most = kMaxLessonShare * bar_top](float w, float fs) { return std::min(text(w, fs), most); };
  }
  const SlideLayout sl = slide_layout(width, bar_top, slide);
  l.header = sl.title;
  if (sl.chapter.height() > 0) l.header.y0 = sl.chapter.y0;
  l.header.y1 += std::round(0.3f * m.font_size);
  l.canvas = sl.canvas;
  l.lesson = sl.text;
  if (!sl.plots.empty()) l.plots = {sl.plots.front().x0, sl.plots.front().y0, sl.plots.back().x1, sl.plots.back().y1};
  const float top = p.menu ? std::min(m.frame_height, height) : 0.0f;
  l.menu_bar = p.menu ? PixelRect{0, 0, width, top} : PixelRect{};
  if (p.controls) {
    const float controls_w =
        std::clamp(s.controls_width * m.scale, std::min(220 * m.scale, width * 0.3f), width * 0.3f);
    const float body_h = bar_top - top;
    const float inspector_h = std::round(body_h * std::clamp(s.inspector_fraction, 0.15f, 0.8f));
    l.controls = {0, top, controls_w, bar_top - inspector_h};
    l.inspector = {0, bar_top - inspector_h, controls_w, bar_top};
  }
  return l;
}

Presentation revealed_panels(Presentation now, Point2 pointer, float width, float height, const Layout& shown,
                             float edge, bool popup_open) {
  const bool inside = std::isfinite(pointer.x) && std::isfinite(pointer.y) && pointer.x >= 0 && pointer.y >= 0 &&
                      pointer.x < width && pointer.y < height;
  const auto over = [&](const PixelRect& r) { return r.width() > 0 && r.height() > 0 && r.contains(pointer); };
  // An open popup (a menu, a combo's list) keeps what was revealed: it may reach past the panel.
  now.controls = (now.controls && popup_open) ||
                 (inside && (pointer.x <= edge || (now.controls && (over(shown.controls) || over(shown.inspector)))));
  now.menu = (now.menu && popup_open) || (inside && (pointer.y <= edge || (now.menu && over(shown.menu_bar))));
  return now;
}

float presentation_ui_scale(float user_scale, float window_height) {
  const float wanted = std::round(window_height / 32 / kBaseFontSize * 16) / 16;
  const float user = std::isfinite(user_scale) ? user_scale : 1.0f;
  return std::clamp(std::max(user, std::isfinite(wanted) ? wanted : 1.0f), kMinUiScale, kMaxUiScale);
}

}  // namespace optviz::gui
