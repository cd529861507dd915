#include "screen_fit.hpp"

#include <algorithm>
#include <cmath>

#include "layout.hpp"

namespace optviz::gui {

ScreenBox fit_window(const std::optional<ScreenBox>& saved, const ScreenBox& work_area, const ScreenBox& fallback) {
  if (work_area.width <= 0 || work_area.height <= 0) return saved.value_or(fallback);
  if (!saved) return work_area;
  ScreenBox b = *saved;
  b.width = std::clamp(b.width, 1, work_area.width);
  b.height = std::clamp(b.height, 1, work_area.height);
  b.x = std::clamp(b.x, work_area.x, work_area.x + work_area.width - b.width);
  b.y = std::clamp(b.y, work_area.y, work_area.y + work_area.height - b.height);
  return b;
}

float window_ui_scale(float monitor_scale, float window_height) {
  const float monitor = std::isfinite(monitor_scale) && monitor_scale > 0 ? monitor_scale : 1.0f;
  const float height = std::isfinite(window_height) ? window_height : 0.0f;
  const float pixels = std::max(height * kWindowTextShare, kSmallestAutoFont * monitor);
  return std::clamp(std::round(pixels / kBaseFontSize * 16) / 16, kMinUiScale, kMaxUiScale);
}

}  // namespace optviz::gui
