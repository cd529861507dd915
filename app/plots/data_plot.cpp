#include "data_plot.hpp"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "canvas_draw.hpp"
#include "line_plot.hpp"
#include "polyline.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

constexpr std::size_t kMaxDrawnPoints = 4000;  // more are thinned evenly: the cloud looks the same
constexpr int kCurveSamples = 96;

double sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

}  // namespace

double data_model(DataLoss loss, Vec2 theta, double x) {
  const double z = theta.x * x + theta.y;
  return loss == DataLoss::linear ? z : sigmoid(z);
}

std::optional<Vec2> parameters_at(const Trajectory& t, long step) {
  if (t.rows() == 0) return std::nullopt;
  auto k = static_cast<std::size_t>(std::clamp(step, 0L, static_cast<long>(t.rows()) - 1));
  for (;; --k) {
    if (is_finite(t.position[k]) && std::fabs(t.position[k].x) < kDivergenceBound &&
        std::fabs(t.position[k].y) < kDivergenceBound)
      return t.position[k];
    if (k == 0) return std::nullopt;
  }
}

namespace {

AxisRange padded(double low, double high, double fraction) {
  if (!(high > low)) return {low - 1, low + 1, false};
  const double pad = (high - low) * fraction;
  return {low - pad, high + pad, false};
}

void draw_line(ImDrawList& dl, std::span<const Point2> line, const DataStroke& stroke, float scale) {
  std::vector<ImVec2> points;
  auto draw = [&](std::span<const Point2> piece) {
    points.resize(piece.size());
    std::transform(piece.begin(), piece.end(), points.begin(), im);
    dl.AddPolyline(points.data(), static_cast<int>(points.size()), stroke.colour, ImDrawFlags_None, stroke.width);
  };
  if (!stroke.dashed) {
    draw(line);
    return;
  }
  Polylines dashes;
  dashed(line, 7 * scale, 5 * scale, dashes);
  for (std::size_t d = 0; d < dashes.pieces(); ++d) draw(dashes.piece(d));
}

// The model of `theta` across the plot: a straight line is cut exactly to the plot's box (its
// ends may be far outside); a sigmoid stays within (0, 1) and is sampled.
void draw_model(ImDrawList& dl, const DataPlotArea& a, DataLoss loss, Vec2 theta, const DataStroke& stroke,
                float scale) {
  std::vector<Point2> line;
  if (loss == DataLoss::linear) {
    const double w = theta.x, b = theta.y;
    double lo = a.x.min, hi = a.x.max;
    if (w != 0) {
      const double x_at_min = (a.y.min - b) / w, x_at_max = (a.y.max - b) / w;
      lo = std::max(lo, std::min(x_at_min, x_at_max));
      hi = std::min(hi, std::max(x_at_min, x_at_max));
    } else if (b < a.y.min || b > a.y.max) {
      return;
    }
    if (!(hi > lo)) return;
    for (const double x : {lo, hi}) {
      const ImVec2 p = a.at(x, w * x + b);
      line.push_back({p.x, p.y});
    }
  } else {
    for (int i = 0; i <= kCurveSamples; ++i) {
      const double x = a.x.value(static_cast<double>(i) / kCurveSamples);
      const ImVec2 p = a.at(x, data_model(loss, theta, x));
      line.push_back({p.x, p.y});
    }
  }
  draw_line(dl, line, stroke, scale);
}

void draw_points(ImDrawList& dl, const DataPlotArea& a, const Dataset& data, DataLoss loss, float scale) {
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 filled = with_alpha(text, 0.85f);
  const ImU32 ring = with_alpha(ImGui::GetColorU32(ImGuiCol_TextDisabled), 0.95f);
  const float r = 3.2f * scale;
  const std::size_t stride = std::max<std::size_t>(1, (data.size() + kMaxDrawnPoints - 1) / kMaxDrawnPoints);
  for (std::size_t i = 0; i < data.size(); i += stride) {
    const ImVec2 p = a.at(data.x[i], data.y[i]);
    if (loss == DataLoss::logistic && data.y[i] == 0) {
      dl.AddCircle(p, r, ring, 10, 1.5f * scale);
    } else {
      dl.AddCircleFilled(p, r, filled, 10);
    }
  }
}

// The title, then shorter ones for narrow plots.
std::vector<std::string> titles_of(const Dataset& data, DataLoss loss) {
  const std::string points = std::to_string(data.size());
  if (loss == DataLoss::linear)
    return {tr_format("Data ({0} points), models w·x + b", {points}), tr("Data, models w·x + b"), tr("Data")};
  return {tr_format("Data ({0} points: ● y = 1, ○ y = 0), models σ(w·x + b)", {points}),
          tr("Data (● y = 1, ○ 0), σ(w·x + b)"), tr("Data (● 1, ○ 0)")};
}

}  // namespace

std::optional<DataPlotArea> draw_data(ImDrawList& dl, ImVec2 origin, ImVec2 size, const Dataset& data, DataLoss loss,
                                      std::span<const DataModelLine> models, float scale) {
  const auto [x_low, x_high] = std::minmax_element(data.x.begin(), data.x.end());
  const auto [y_low, y_high] = std::minmax_element(data.y.begin(), data.y.end());
  DataPlotArea a;
  a.x = padded(*x_low, *x_high, 0.04);
  a.y = loss == DataLoss::linear ? padded(*y_low, *y_high, 0.08) : AxisRange{-0.12, 1.12, false};
  const std::vector<std::string> titles = titles_of(data, loss);
  const auto rect = draw_plot_frame(dl, origin, size, titles.front(), a.x, a.y, {titles.begin() + 1, titles.end()});
  if (!rect) return std::nullopt;
  a.rect = *rect;
  dl.PushClipRect(ImVec2(a.rect.x0, a.rect.y0), ImVec2(a.rect.x1, a.rect.y1), true);
  draw_points(dl, a, data, loss, scale);
  for (const DataModelLine& m : models) draw_model(dl, a, loss, m.theta, m.stroke, scale);
  dl.PopClipRect();
  dl.AddRect(ImVec2(a.rect.x0, a.rect.y0), ImVec2(a.rect.x1, a.rect.y1), ImGui::GetColorU32(ImGuiCol_Border));
  return a;
}

}  // namespace optviz::gui
