// The basin overlay of the canvas: every cell of the view a start of the selected run, coloured
// by the minimum it ends within kBasinRadius of (or by its final loss, map_scale.hpp), computed in
// the background (map_job.hpp) and drawn semi-transparently over the heatmap where it was computed,
// so that it follows a pan until the new one is ready. A legend box in the plot's corner that the paths
// cross least says what the colours mean.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "canvas_draw.hpp"
#include "colour_map.hpp"
#include "map_views.hpp"
#include "panels.hpp"
#include "plot_scale.hpp"
#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr float kCellPixels = 4;  // a cell of the overlay is about this many pixels a side
constexpr int kMaxOverlaySide = 512;

ImU32 u32(Rgb c, std::uint8_t alpha = 255) { return IM_COL32(c.r, c.g, c.b, alpha); }

// Where the legend box goes: the plot's corner that the visible paths cross least (every path
// sampled at about kCornerSamples points).
PixelRect legend_corner(const AppState& state, const CanvasTransform& t, float width, float height, float inset) {
  constexpr std::size_t kCornerSamples = 2000;
  std::vector<Point2> points;
  for (std::size_t i = 0; i < state.model.runs.size() && i < state.model.simulated.course.runs.size(); ++i) {
    if (!state.model.simulated.looks[i].visible) continue;
    const std::vector<Vec2>& path = state.model.runs[i].position;
    const std::size_t stride = std::max<std::size_t>(1, path.size() / kCornerSamples);
    for (std::size_t k = 0; k < path.size(); k += stride) points.push_back(t.to_pixels(path[k]));
  }
  return least_covered_corner(t.rect(), width, height, inset, points, t.to_pixels(state.model.scenario.course.start));
}

void draw_legend_box(ImDrawList& dl, const AppState& state, const BasinView& v, const CanvasTransform& t,
                     const CanvasStyle& s) {
  const BasinMap* map = v.job.result();
  const Basin* basin = v.job.result_spec();
  if (map == nullptr || basin == nullptr) return;
  const float pad = 8 * s.scale, line = s.font_size * 1.3f, sw = s.font_size * 0.8f;
  struct Row {
    ImU32 colour;
    std::string text;
  };
  std::vector<Row> rows;
  std::string title;
  if (v.image_colouring == MapColouring::minimum) {
    title = tr("Basins: the minimum each start reaches");
    constexpr std::size_t kListed = 6;
    for (std::size_t k = 0; k < map->minima.size() && k < kListed; ++k)
      rows.push_back(
          {u32(minimum_colour(k)), "(" + short_number(map->minima[k].x) + ", " + short_number(map->minima[k].y) + ")"});
    rows.push_back({u32(kNotReachedColour), tr_format("none within {0}", {short_number(kBasinRadius)})});
    rows.push_back({u32(kBasinDivergedColour), tr("diverged")});
  } else {
    title = tr_format("Basins: {0} from each start", {v.scale.title()});
    rows.push_back({u32(kDivergedColour), tr("diverged")});
  }
  const std::string steps = std::to_string(basin->steps), run = run_name(state.model.scenario, *state.model.selected);
  const std::string note = v.job.current() ? tr_format("{0} steps of {1}", {steps, run})
                                           : tr_format("{0} steps of {1} (updating…)", {steps, run});
  float width = std::max(text_size(s, title).x, text_size(s, note).x);
  for (const Row& r : rows) width = std::max(width, sw + pad + text_size(s, r.text).x);
  const bool bar = v.image_colouring != MapColouring::minimum;
  const float bar_h = bar ? line * 1.6f : 0;
  const float height = line * static_cast<float>(rows.size() + 2) + bar_h + pad;
  const PixelRect box = legend_corner(state, t, width + 2 * pad, height, s.font_size);
  dl.AddRectFilled(ImVec2(box.x0, box.y0), ImVec2(box.x1, box.y1), s.box, 4 * s.scale);
  float y = box.y0 + pad * 0.5f;
  dl.AddText(s.font, s.font_size, ImVec2(box.x0 + pad, y), s.box_text, title.c_str());
  y += line;
  if (bar) {
    // The loss scale, low (dark) to high (light), with its end labels.
    const float x0 = box.x0 + pad, x1 = box.x1 - pad;
    constexpr int kStrips = 48;
    for (int k = 0; k < kStrips; ++k) {
      const auto colour = [](double u) {
        const Colour c = colour_map(u);
        return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1));
      };
      const float a = x0 + (x1 - x0) * static_cast<float>(k) / kStrips;
      const float b = x0 + (x1 - x0) * static_cast<float>(k + 1) / kStrips;
      dl.AddRectFilledMultiColor(ImVec2(a, y), ImVec2(b + 0.5f, y + sw), colour(static_cast<double>(k) / kStrips),
                                 colour(static_cast<double>(k + 1) / kStrips),
                                 colour(static_cast<double>(k + 1) / kStrips),
                                 colour(static_cast<double>(k) / kStrips));
    }
    const std::string lo = short_number(std::pow(10, v.scale.lo)), hi = short_number(std::pow(10, v.scale.hi));
    dl.AddText(s.font, s.font_size, ImVec2(x0, y + sw), s.box_text, lo.c_str());
    dl.AddText(s.font, s.font_size, ImVec2(x1 - text_size(s, hi).x, y + sw), s.box_text, hi.c_str());
    y += bar_h;
  }
  for (const Row& r : rows) {
    const float top = y + (line - sw) / 2;
    dl.AddRectFilled(ImVec2(box.x0 + pad, top), ImVec2(box.x0 + pad + sw, top + sw), r.colour);
    dl.AddRect(ImVec2(box.x0 + pad, top), ImVec2(box.x0 + pad + sw, top + sw), s.axis);
    dl.AddText(s.font, s.font_size, ImVec2(box.x0 + 2 * pad + sw, y), s.box_text, r.text.c_str());
    y += line;
  }
  dl.AddText(s.font, s.font_size, ImVec2(box.x0 + pad, y), s.box_text, note.c_str());
}

}  // namespace

void draw_basin_overlay(ImDrawList& dl, AppState& state, const CanvasTransform& t) {
  BasinView& v = state.model.maps->basin;
  // The part of the plane shown and its cells: the next frame's update asks the job for them.
  const PixelRect r = t.rect();
  v.region = BasinRegion{t.shown(), std::clamp(static_cast<int>(r.width() / kCellPixels), 2, kMaxOverlaySide),
                         std::clamp(static_cast<int>(r.height() / kCellPixels), 2, kMaxOverlaySide)};
  if (!v.show || !state.model.selected || *state.model.selected >= state.model.scenario.course.runs.size()) return;
  const Basin* basin = v.job.result_spec();
  if (basin == nullptr) return;
  if (v.image.texture != nullptr) {
    const Point2 a = t.to_pixels({basin->view.min.x, basin->view.max.y});
    const Point2 b = t.to_pixels({basin->view.max.x, basin->view.min.y});
    dl.AddImage(v.image.texture, ImVec2(a.x, a.y), ImVec2(b.x, b.y), ImVec2(0, 1), ImVec2(1, 0));
  }
}

void draw_basin_legend(ImDrawList& dl, const AppState& state, const CanvasTransform& t, const CanvasStyle& s) {
  const BasinView& v = state.model.maps->basin;
  if (v.show && state.model.selected && *state.model.selected < state.model.scenario.course.runs.size())
    draw_legend_box(dl, state, v, t, s);
}

}  // namespace optviz::gui
