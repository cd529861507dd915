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

Layout compute_layout(float width, float height, const UiMetrics& m, const Splitters& s) {
  width = std::max(width, 1.0f);
  height = std::max(height, 1.0f);
  Layout l;
  const float top = std::min(m.frame_height, height);
  l.menu_bar = {0, 0, width, top};
  const float bar_bottom = std::min(top + time_bar_height(m), height);
  l.time_bar = {0, top, width, bar_bottom};

  // Each column keeps a minimum and leaves the canvas at least a third of the width.
  const float controls_w = std::clamp(s.controls_width * m.scale, std::min(220 * m.scale, width * 0.3f), width * 0.3f);
  const float body_h = height - bar_bottom;
  const auto fraction = [](float f) { return std::isfinite(f) ? std::clamp(f, 0.15f, 0.8f) : 0.4f; };
  const float inspector_h = std::round(body_h * fraction(s.inspector_fraction));
  l.controls = {0, bar_bottom, controls_w, height - inspector_h};
  l.inspector = {0, height - inspector_h, controls_w, height};

  l.plots_beside = width / m.scale >= kWideLayoutWidth;
  if (l.plots_beside) {
    const float side_w = std::clamp(s.side_width * m.scale, std::min(240 * m.scale, width / 4), width / 3);
    l.canvas = {controls_w, bar_bottom, width - side_w, height};
    l.plots = {width - side_w, bar_bottom, width, height};
  } else {
    const float plots_h = std::round(body_h * fraction(s.plots_fraction));
    l.canvas = {controls_w, bar_bottom, width, height - plots_h};
    l.plots = {controls_w, height - plots_h, width, height};
  }
  return l;
}

}  // namespace optviz::gui
