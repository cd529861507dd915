// The data plot of a loss from data: the points and, over them, models θ = (w, b) (with (w, b) a
// run's position on the canvas): the line w·x + b of a linear loss or the curve σ(w·x + b) of a
// logistic one. Logistic points show their label: filled for 1, rings for 0. The window's
// inner-state panel and the slides draw it.
#pragma once

#include <imgui.h>

#include <optional>
#include <span>

#include "dataset.hpp"
#include "geometry.hpp"
#include "plot_scale.hpp"
#include "trajectory.hpp"

namespace optviz::gui {

// The model's prediction at x: w·x + b, or σ(w·x + b).
double data_model(DataLoss loss, Vec2 theta, double x);

// The run's (w, b) at the step: its row there, or its last finite row before it.
std::optional<Vec2> parameters_at(const Trajectory& t, long step);

struct DataStroke {
  ImU32 colour;
  float width;
  bool dashed;
};

struct DataModelLine {
  Vec2 theta;
  DataStroke stroke;
};

// Where the data plot draws: its plotting area and axes.
struct DataPlotArea {
  PixelRect rect;
  AxisRange x, y;
  ImVec2 at(double px, double py) const {
    return {rect.x0 + static_cast<float>(x.fraction(px)) * rect.width(),
            rect.y1 - static_cast<float>(y.fraction(py)) * rect.height()};
  }
};

// Draws the frame (title, ticks), the points and the models, in order, in the size area at
// `origin`; returns the plotting area, or nothing when the size leaves no room.
std::optional<DataPlotArea> draw_data(ImDrawList& dl, ImVec2 origin, ImVec2 size, const Dataset& data, DataLoss loss,
                                      std::span<const DataModelLine> models, float scale);

}  // namespace optviz::gui
