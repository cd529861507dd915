// A network's picture at one set of weights, as the window's "Data and network" view and a network
// figure both draw it: the data under the decision boundary beside (or, in a tall area, below) the
// network drawn as TensorFlow Playground draws it, with the maps of its units over the data's box.
#pragma once

#include <imgui.h>

#include <optional>
#include <span>
#include <string>

#include "boundary_plot.hpp"
#include "network_diagram.hpp"
#include "network_setup.hpp"
#include "unit_maps.hpp"

namespace optviz::gui {

// The output over the data's box (fine: 100 x 100) and every unit's map (coarse: 20 x 20).
struct NetworkMaps {
  UnitMaps output;
  UnitMaps units;
};
NetworkMaps network_maps(const NetStart& start, bool playground, std::span<const double> theta);

struct NetworkPicture {
  const NetStart* start = nullptr;
  std::span<const double> theta;
  const NetworkMaps* maps = nullptr;
  std::string title;                   // over the data: "RMSprop at step 1200"
  std::optional<DiagramHit> selected;  // the diagram's chosen weight
};

// Draws the picture in `area`; the diagram element under `mouse`, and where the diagram was drawn.
std::optional<DiagramHit> draw_network_picture(ImDrawList& dl, PixelRect area, const NetworkPicture& picture,
                                               const CanvasStyle& style, std::optional<Point2> mouse = std::nullopt,
                                               DiagramLayout* layout_out = nullptr);

}  // namespace optviz::gui
