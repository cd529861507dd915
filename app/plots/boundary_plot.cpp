#include "boundary_plot.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "line_plot.hpp"  // draw_plot_frame, with_alpha
#include "plot_scale.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr std::size_t kMaxDrawnPoints = 4000;  // more are thinned evenly: the cloud looks the same
// A point's polygon: round at its few pixels, and few vertices (500 points take about 20,000).
constexpr int kPointSides = 9;

}  // namespace

DivergingColours diverging_colours(const CanvasStyle& style) {
  DivergingColours c;
  c.neutral = style.background | IM_COL32_A_MASK;
  return c;
}

ImU32 diverging(const DivergingColours& c, double t, float strength) {
  if (std::isnan(t)) return c.neutral;
  const double clamped = std::clamp(t, -1.0, 1.0);
  return mix(c.neutral, clamped < 0 ? c.negative : c.positive, std::fabs(clamped) * static_cast<double>(strength),
             c.neutral);
}

ValueScale value_scale(NetLoss loss, const NetData& train, const NetData& test) {
  if (loss == NetLoss::logistic) return {0.5, 0.5};
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const NetData* set : {&train, &test})
    for (const double y : set->y) lo = std::min(lo, y), hi = std::max(hi, y);
  if (!(hi >= lo)) return {0, 1};
  return {(lo + hi) / 2, hi > lo ? (hi - lo) / 2 : 1};
}

GridImage diverging_image(std::span<const double> values, std::size_t n, const ValueScale& scale,
                          const DivergingColours& c, float strength) {
  GridImage image{n, std::vector<ImU32>(values.size())};
  std::transform(values.begin(), values.end(), image.colours.begin(),
                 [&](double v) { return diverging(c, scale.t(v), strength); });
  return image;
}

void draw_grid_image(ImDrawList& dl, PixelRect rect, const GridImage& image, std::size_t max_side) {
  const std::size_t n = image.n;
  if (n < 2 || image.colours.size() != n * n) return;
  // m of the n points along each side, evenly from corner to corner.
  const std::size_t m = std::clamp<std::size_t>(max_side, 2, std::min(n, kMaxMeshSide));
  std::vector<std::size_t> at(m);
  for (std::size_t k = 0; k < m; ++k) at[k] = (k * (n - 1) + (m - 1) / 2) / (m - 1);
  dl.PrimReserve(static_cast<int>(6 * (m - 1) * (m - 1)), static_cast<int>(m * m));
  const auto first = static_cast<ImDrawIdx>(dl._VtxCurrentIdx);
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  const float last = static_cast<float>(m - 1);
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t i = 0; i < m; ++i)
      dl.PrimWriteVtx(ImVec2(rect.x0 + static_cast<float>(i) / last * rect.width(),
                             rect.y1 - static_cast<float>(j) / last * rect.height()),
                      uv, image.colours[at[j] * n + at[i]]);
  for (std::size_t j = 0; j + 1 < m; ++j)
    for (std::size_t i = 0; i + 1 < m; ++i) {
      const auto a = static_cast<ImDrawIdx>(first + j * m + i), b = static_cast<ImDrawIdx>(a + 1);
      const auto c = static_cast<ImDrawIdx>(a + m), d = static_cast<ImDrawIdx>(c + 1);
      for (const ImDrawIdx k : {a, b, d, a, d, c}) dl.PrimWriteIdx(k);
    }
}

std::vector<LevelSegment> level_segments(std::span<const double> v, std::size_t n, double level) {
  std::vector<LevelSegment> out;
  for (std::size_t j = 0; j + 1 < n; ++j)
    for (std::size_t i = 0; i + 1 < n; ++i) {
      // Corners counter-clockwise from the bottom left; edge e joins corner e to corner e + 1.
      const std::array<double, 4> c = {v[j * n + i], v[j * n + i + 1], v[(j + 1) * n + i + 1], v[(j + 1) * n + i]};
      if (std::any_of(c.begin(), c.end(), [](double x) { return std::isnan(x); })) continue;
      const std::array<Vec2, 4> p = {Vec2{static_cast<double>(i), static_cast<double>(j)},
                                     Vec2{static_cast<double>(i + 1), static_cast<double>(j)},
                                     Vec2{static_cast<double>(i + 1), static_cast<double>(j + 1)},
                                     Vec2{static_cast<double>(i), static_cast<double>(j + 1)}};
      std::array<bool, 4> above{};
      for (std::size_t k = 0; k < 4; ++k) above[k] = c[k] >= level;
      const auto crossing = [&](std::size_t e) {
        const std::size_t f = (e + 1) % 4;
        const double t = (level - c[e]) / (c[f] - c[e]);
        return Vec2{p[e].x + t * (p[f].x - p[e].x), p[e].y + t * (p[f].y - p[e].y)};
      };
      std::vector<std::size_t> edges;
      for (std::size_t e = 0; e < 4; ++e)
        if (above[e] != above[(e + 1) % 4]) edges.push_back(e);
      if (edges.size() == 2) {
        out.push_back({crossing(edges[0]), crossing(edges[1])});
      } else if (edges.size() == 4) {
        // A saddle: when the centre sides with corner 0, corners 0 and 2 join and 1 and 3 are cut off.
        const bool centre_above = (c[0] + c[1] + c[2] + c[3]) / 4 >= level;
        if (centre_above == above[0]) {
          out.push_back({crossing(0), crossing(1)});
          out.push_back({crossing(2), crossing(3)});
        } else {
          out.push_back({crossing(3), crossing(0)});
          out.push_back({crossing(1), crossing(2)});
        }
      }
    }
  return out;
}

Point2 BoundaryArea::at(Vec2 p) const {
  return {rect.x0 + static_cast<float>((p.x - box.min.x) / (box.max.x - box.min.x)) * rect.width(),
          rect.y1 - static_cast<float>((p.y - box.min.y) / (box.max.y - box.min.y)) * rect.height()};
}

namespace {

// Training points filled, test points as rings with the heat showing inside, each with an edge of the
// text's colour, so that a point whose value is the neutral middle still shows.
void draw_points(ImDrawList& dl, const BoundaryArea& a, const NetData& data, bool test, const ValueScale& scale,
                 const DivergingColours& colours, const CanvasStyle& s) {
  const ImU32 edge = with_alpha(s.text, test ? 0.85f : 0.6f);
  const float r = (test ? 4.2f : 3.6f) * s.scale;
  const std::size_t stride = std::max<std::size_t>(1, (data.size() + kMaxDrawnPoints - 1) / kMaxDrawnPoints);
  for (std::size_t k = 0; k < data.size(); k += stride) {
    const Point2 p = a.at({data.x1[k], data.x2[k]});
    if (!a.rect.expanded(r).contains(p)) continue;
    const ImU32 colour = diverging(colours, scale.t(data.y[k]));
    const ImVec2 c(p.x, p.y);
    if (test) {
      dl.AddCircle(c, r, edge, kPointSides, 4.0f * s.scale);
      dl.AddCircle(c, r, colour, kPointSides, 2.2f * s.scale);
    } else {
      dl.AddCircleFilled(c, r + 0.8f * s.scale, edge, kPointSides);
      dl.AddCircleFilled(c, r, colour, kPointSides);
    }
  }
}

// The probability's 0.5 contour over the grid's values, in `rect`.
void draw_boundary(ImDrawList& dl, PixelRect rect, std::span<const double> values, std::size_t n,
                   const CanvasStyle& s) {
  const float last = static_cast<float>(n - 1);
  const auto pixel = [&](Vec2 g) {
    return ImVec2(rect.x0 + static_cast<float>(g.x) / last * rect.width(),
                  rect.y1 - static_cast<float>(g.y) / last * rect.height());
  };
  const ImU32 line = with_alpha(s.text, 0.85f);
  for (const LevelSegment& g : level_segments(values, n, 0.5)) dl.AddLine(pixel(g.a), pixel(g.b), line, 1.6f * s.scale);
}

// The colour bar in `bar`, its ticks on its right: the heatmap's colours from the scale's low end
// (bottom) to its high end, the diverging scale's two straight pieces exactly.
void draw_colour_bar(ImDrawList& dl, PixelRect bar, const ValueScale& scale, const DivergingColours& c, NetLoss loss) {
  const ImU32 low = diverging(c, -1, kHeatStrength), high = diverging(c, 1, kHeatStrength);
  const float mid = (bar.y0 + bar.y1) / 2;
  dl.AddRectFilledMultiColor(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, mid), high, high, c.neutral, c.neutral);
  dl.AddRectFilledMultiColor(ImVec2(bar.x0, mid), ImVec2(bar.x1, bar.y1), c.neutral, c.neutral, low, low);
  const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border), faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  dl.AddRect(ImVec2(bar.x0, bar.y0), ImVec2(bar.x1, bar.y1), border);
  const float fs = ImGui::GetFontSize();
  const AxisRange range{scale.centre - scale.half, scale.centre + scale.half, false};
  for (const Tick& k : axis_ticks(range, std::max(2, static_cast<int>(bar.height() / (fs * 3))))) {
    const float y = bar.y1 - static_cast<float>(range.fraction(k.value)) * bar.height();
    dl.AddLine(ImVec2(bar.x1, y), ImVec2(bar.x1 + 0.25f * fs, y), border);
    dl.AddText(ImVec2(bar.x1 + 0.35f * fs, y - fs / 2), faint, k.label.c_str());
  }
  const char* name = loss == NetLoss::logistic ? "P(1)" : tr("value");
  dl.AddText(ImVec2(bar.x0, bar.y0 - 1.3f * fs), faint, name);
}

}  // namespace

std::optional<BoundaryArea> draw_boundary_plot(ImDrawList& dl, ImVec2 origin, ImVec2 size, const BoundaryPlot& plot,
                                               const CanvasStyle& s) {
  const NetData none;
  const NetData& train = plot.train != nullptr ? *plot.train : none;
  const NetData& test = plot.test != nullptr ? *plot.test : none;
  const Box box = plot.map != nullptr ? plot.map->box : plot.box;
  const float fs = ImGui::GetFontSize();
  const AxisRange x{box.min.x, box.max.x, false}, y{box.min.y, box.max.y, false};
  // A square plot between the axes' names (x2 on the left, x1 under the ticks) and the colour bar
  // with its labels on the right; the room for the y ticks is their widest label, as draw_plot_frame
  // measures it.
  const float name_w = ImGui::CalcTextSize("x2").x + 0.4f * fs;
  const float frame_h = size.y - 1.2f * fs;
  float label_w = 0;
  for (const Tick& k : axis_ticks(y, std::max(2, static_cast<int>((frame_h - 2.5f * fs) / (fs * 1.8f)))))
    label_w = std::max(label_w, ImGui::CalcTextSize(k.label.c_str()).x);
  const float bar_room = 4.2f * fs;
  const float side = std::min(size.x - name_w - label_w - fs - bar_room, frame_h - 2.8f * fs);
  if (side < 4 * fs) return std::nullopt;
  const auto rect = draw_plot_frame(dl, ImVec2(origin.x + name_w, origin.y),
                                    ImVec2(side + label_w + fs, side + 2.8f * fs), plot.title, x, y);
  if (!rect) return std::nullopt;
  const BoundaryArea area{*rect, box};
  const DivergingColours colours = diverging_colours(s);
  const ValueScale scale = value_scale(plot.loss, train, test);

  dl.PushClipRect(ImVec2(area.rect.x0, area.rect.y0), ImVec2(area.rect.x1, area.rect.y1), true);
  if (plot.map != nullptr) {
    const std::span<const double> output = plot.map->output();
    draw_grid_image(dl, area.rect, diverging_image(output, plot.map->n, scale, colours, kHeatStrength));
    if (plot.loss == NetLoss::logistic) draw_boundary(dl, area.rect, output, plot.map->n, s);
  }
  draw_points(dl, area, train, false, scale, colours, s);
  draw_points(dl, area, test, true, scale, colours, s);
  dl.PopClipRect();
  dl.AddRect(ImVec2(area.rect.x0, area.rect.y0), ImVec2(area.rect.x1, area.rect.y1),
             ImGui::GetColorU32(ImGuiCol_Border));
  const ImU32 faint = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float centre_x = (area.rect.x0 + area.rect.x1 - ImGui::CalcTextSize("x1").x) / 2;
  dl.AddText(ImVec2(centre_x, area.rect.y1 + 1.3f * fs), faint, "x1");
  dl.AddText(ImVec2(origin.x, (area.rect.y0 + area.rect.y1 - fs) / 2), faint, "x2");
  const PixelRect bar{area.rect.x1 + 0.8f * fs, area.rect.y0 + 1.4f * fs, area.rect.x1 + 1.6f * fs, area.rect.y1};
  draw_colour_bar(dl, bar, scale, colours, plot.loss);
  return area;
}

}  // namespace optviz::gui
