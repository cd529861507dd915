// The data plot, at the top of the inner-state panel while the function is a loss from data: the
// points and, at the playhead, each visible run's model in its colour, the line w·x + b of a
// linear loss or the curve σ(w·x + b) of a logistic one (with (w, b) the run's position on the
// canvas). Logistic points show their label: filled for 1, rings for 0. With the spread shown,
// the models of the other seeds are drawn thin and faint, and the noiseless run dashed.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "canvas_draw.hpp"
#include "line_plot.hpp"
#include "panels.hpp"
#include "plot_scale.hpp"

namespace optviz::gui {
namespace {

constexpr std::size_t kMaxDrawnPoints = 4000;  // more are thinned evenly: the cloud looks the same
constexpr int kCurveSamples = 96;

double sigmoid(double z) { return z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z)); }

double model(DataLoss loss, Vec2 theta, double x) {
  const double z = theta.x * x + theta.y;
  return loss == DataLoss::linear ? z : sigmoid(z);
}

// The run's (w, b) at the step: its row there, or its last finite row before it.
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

AxisRange padded(double low, double high, double fraction) {
  if (!(high > low)) return {low - 1, low + 1, false};
  const double pad = (high - low) * fraction;
  return {low - pad, high + pad, false};
}

struct PlotArea {
  PixelRect rect;
  AxisRange x, y;
  ImVec2 at(double px, double py) const {
    return {rect.x0 + static_cast<float>(x.fraction(px)) * rect.width(),
            rect.y1 - static_cast<float>(y.fraction(py)) * rect.height()};
  }
};

struct Stroke {
  ImU32 colour;
  float width;
  bool dashed;
};

void draw_line(ImDrawList& dl, std::span<const Point2> line, const Stroke& stroke, float scale) {
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
void draw_model(ImDrawList& dl, const PlotArea& a, DataLoss loss, Vec2 theta, const Stroke& stroke, float scale) {
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
      const ImVec2 p = a.at(x, model(loss, theta, x));
      line.push_back({p.x, p.y});
    }
  }
  draw_line(dl, line, stroke, scale);
}

void draw_points(ImDrawList& dl, const PlotArea& a, const Dataset& data, DataLoss loss, float scale) {
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
  const std::string points = std::to_string(data.size()) + " points";
  if (loss == DataLoss::linear) return {"Data (" + points + "), models w·x + b", "Data, models w·x + b", "Data"};
  return {"Data (" + points + ": ● y = 1, ○ y = 0), models σ(w·x + b)", "Data (● y = 1, ○ 0), σ(w·x + b)",
          "Data (● 1, ○ 0)"};
}

void hover_readout(const AppState& state, DataLoss loss, double x, long step) {
  const CoordinateNames names = coordinate_names(current_function(state));
  ImGui::BeginTooltip();
  ImGui::Text("x = %s, at step %ld", short_number(x).c_str(), step);
  for (std::size_t i = 0; i < state.simulated.runs.size() && i < state.runs.size(); ++i) {
    const RunSpec& run = state.simulated.runs[i];
    const auto theta = parameters_at(state.runs[i], step);
    if (!run.visible || !theta) continue;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(run_colour(run.colour)), "%s: %s = %s, %s = %s, model %s",
                       run.label.c_str(), names.x, short_number(theta->x).c_str(), names.y,
                       short_number(theta->y).c_str(), short_number(model(loss, *theta, x)).c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace

void draw_data_plot(const AppState& state, ImVec2 size) {
  const Objective& f = current_function(state);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 10.0f);
  size.y = std::max(size.y, 10.0f);
  ImGui::InvisibleButton("##data", size);
  if (!f.is_data()) return;
  const bool hovered = ImGui::IsItemHovered();
  const Dataset& data = *f.data();
  const DataLoss loss = f.loss();
  const auto [x_low, x_high] = std::minmax_element(data.x.begin(), data.x.end());
  const auto [y_low, y_high] = std::minmax_element(data.y.begin(), data.y.end());
  PlotArea a;
  a.x = padded(*x_low, *x_high, 0.04);
  a.y = loss == DataLoss::linear ? padded(*y_low, *y_high, 0.08) : AxisRange{-0.12, 1.12, false};

  ImDrawList& dl = *ImGui::GetWindowDrawList();
  const std::vector<std::string> titles = titles_of(data, loss);
  const auto rect = draw_plot_frame(dl, origin, size, titles.front(), a.x, a.y, {titles.begin() + 1, titles.end()});
  if (!rect) return;
  a.rect = *rect;
  const float scale = ui_canvas_style(state).scale;
  const long step = current_step(state);

  dl.PushClipRect(ImVec2(a.rect.x0, a.rect.y0), ImVec2(a.rect.x1, a.rect.y1), true);
  draw_points(dl, a, data, loss, scale);
  const Spread& spread = state.spread;
  const bool spread_shown = state.view.show_spread && spread.runs.size() == state.simulated.runs.size() &&
                            same_maths(spread.model, state.simulated);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < state.simulated.runs.size() && i < state.runs.size(); ++i)
    if (state.simulated.runs[i].visible && (!state.selected || *state.selected != i)) order.push_back(i);
  if (state.selected && *state.selected < std::min(state.simulated.runs.size(), state.runs.size()) &&
      state.simulated.runs[*state.selected].visible)
    order.push_back(*state.selected);
  if (spread_shown) {
    for (const std::size_t i : order) {
      const ImU32 colour = run_colour(state.simulated.runs[i].colour);
      for (const Trajectory& t : spread.runs[i].seeds)
        if (const auto theta = parameters_at(t, step))
          draw_model(dl, a, loss, *theta, {with_alpha(colour, 0.35f), 1.2f * scale, false}, scale);
      if (const auto theta = parameters_at(spread.runs[i].reference, step))
        draw_model(dl, a, loss, *theta, {colour, 1.6f * scale, true}, scale);
    }
  }
  for (const std::size_t i : order) {
    const auto theta = parameters_at(state.runs[i], step);
    if (!theta) continue;
    const bool selected = state.selected && *state.selected == i;
    draw_model(dl, a, loss, *theta,
               {run_colour(state.simulated.runs[i].colour), (selected ? 3.0f : 2.4f) * scale, false}, scale);
  }
  dl.PopClipRect();
  dl.AddRect(ImVec2(a.rect.x0, a.rect.y0), ImVec2(a.rect.x1, a.rect.y1), ImGui::GetColorU32(ImGuiCol_Border));

  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (hovered && mouse.x >= a.rect.x0 && mouse.x <= a.rect.x1) {
    const double fx =
        (static_cast<double>(mouse.x) - static_cast<double>(a.rect.x0)) / static_cast<double>(a.rect.width());
    dl.AddLine(ImVec2(mouse.x, a.rect.y0), ImVec2(mouse.x, a.rect.y1),
               with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.4f));
    hover_readout(state, loss, a.x.value(fx), step);
  }
}

}  // namespace optviz::gui
