// A network drawn as TensorFlow Playground draws it: a column per layer (the input features, each
// hidden layer, the output), each unit a small square showing its output over the plane (unit_maps,
// coarse), edges between the units of neighbouring columns coloured by the weight's sign (blue
// positive, orange negative, the boundary plot's two colours) and drawn thicker and stronger with |w|
// on a saturating scale, |w| / (|w| + 1), which tells 0.1 from 1 and 1 from 5 and never lets a large
// weight cover the picture (a weight of exactly 0, grey); each unit's bias a small square at its lower
// left corner coloured the same way; each column's name and units above it. What is under the mouse (an edge or a unit)
// is returned to the caller and highlighted with its value written.
//   The units' colours: a feature on the scale of its largest |value| over the box; a tanh or sigmoid
//   unit on [-1, 1]; a relu unit on [-m, m], m its layer's largest value; the output on the boundary
//   plot's scale (value_scale).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <span>
#include <variant>
#include <vector>

#include "boundary_plot.hpp"
#include "geometry.hpp"
#include "network.hpp"
#include "theme.hpp"
#include "unit_maps.hpp"

namespace optviz::gui {

// The weight W_layer(to, from) of net.layers()[layer]: from unit `from` of column `layer` to unit
// `to` of column layer + 1.
struct DiagramEdge {
  std::size_t layer = 0, from = 0, to = 0;
  friend bool operator==(const DiagramEdge&, const DiagramEdge&) = default;
};
// Unit `unit` of column `column` (0 the features, L the output).
struct DiagramUnit {
  std::size_t column = 0, unit = 0;
  friend bool operator==(const DiagramUnit&, const DiagramUnit&) = default;
};
using DiagramHit = std::variant<DiagramEdge, DiagramUnit>;

// The index in theta of what a hit names: an edge's weight, a unit's bias; none for a feature.
std::optional<std::size_t> parameter_of(const Network& net, const DiagramHit& hit);

// Where each unit's square lies, column by column.
struct DiagramLayout {
  std::vector<std::vector<PixelRect>> units;
  float side = 0;
  // The edge's curve (Playground's S-shaped link) from the right side of its `from` unit to the left
  // side of its `to` unit, as a polyline.
  std::vector<Point2> edge_curve(const DiagramEdge& e) const;
  // The bias's mark of a unit of a column > 0, straddling its square's lower left corner.
  PixelRect bias_mark(const DiagramUnit& u) const;
};

// Columns of `units` units each (the features, the hidden layers, the output) spread across `area`,
// each column centred in its share of the width and vertically; squares as large as the tallest
// column allows (gaps of 0.3 side), at most 0.45 of a column's share wide and `max_side` pixels.
DiagramLayout diagram_layout(std::span<const std::size_t> units, PixelRect area, float max_side);

// An edge's width for weight w, growing with |w| from 0.12 to 1 times `thickest`.
float edge_width(double w, float thickest);
// The thickest edge of a layout, at the UI's scale: thinner between crowded columns.
float thickest_edge(const DiagramLayout& layout, float scale);

// What lies under `p`: a unit (its square or its bias's mark), else the edge nearest to p within
// half its width plus 2 pixels (at least 4 pixels at scale 1); nothing else.
std::optional<DiagramHit> diagram_hit(const DiagramLayout& layout, const Network& net, std::span<const double> theta,
                                      Point2 p, float scale);

struct NetworkDiagram {
  const Network* net = nullptr;
  std::span<const double> theta;
  std::span<const Feature> features;
  const UnitMaps* maps = nullptr;      // unit_maps of every layer (coarse: 20 x 20); none: plain squares
  ValueScale output_scale;             // the boundary plot's (value_scale)
  std::optional<DiagramHit> selected;  // drawn highlighted, as the hovered one (the inspector's weight)
};

// The diagram in `area`: the column headers, the edges, the units; the hit under `mouse` (when given)
// highlighted and returned. The layout it used, for tests and callers, in `layout_out` when given.
// Nothing is drawn when theta or the features do not fit the network; maps of another shape are left
// out (plain squares), and so is a selection that names no edge or unit of it.
std::optional<DiagramHit> draw_network_diagram(ImDrawList& dl, PixelRect area, const NetworkDiagram& diagram,
                                               const CanvasStyle& style, std::optional<Point2> mouse,
                                               DiagramLayout* layout_out = nullptr);

}  // namespace optviz::gui
