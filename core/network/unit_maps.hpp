// What every unit of a network computes over a box of the (x1, x2) plane, for the views that draw a
// network as TensorFlow Playground does: the data under the output's decision boundary (or regression
// surface), and each unit's small map.
//   The grid: n x n points, x1_i = grid_values(box.min.x, box.max.x, n)[i] across, x2_j the same from
//   box.min.y up; point (i, j) is row j n + i of each map (row 0 the bottom left corner).
//   Layer 0 holds the input features (x1, x2, x1^2, ... as the network reads them), layers 1 .. L-1
//   each hidden unit's activation, layer L the output: the probability sigmoid(z) of a logistic
//   network, the value z of an mse one.
// The values are the network's own forward pass (Network::forward) over the grid's rows, in blocks of
// rows on every core: bit for bit what a training computes for those points.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "network.hpp"
#include "test_function.hpp"  // Box

namespace optviz {

inline constexpr std::size_t kMaxUnitMapSide = 512;

struct UnitMaps {
  Box box;
  std::size_t n = 0;
  std::vector<double> x1, x2;               // the grid's coordinates, n each
  std::vector<std::size_t> units;           // per layer kept
  std::vector<std::vector<double>> values;  // per layer kept: units x n^2 values, unit after unit

  std::size_t layers() const { return units.size(); }
  std::span<const double> map(std::size_t layer, std::size_t unit) const {
    return std::span(values[layer]).subspan(unit * n * n, n * n);
  }
  double at(std::size_t layer, std::size_t unit, std::size_t i, std::size_t j) const {
    return values[layer][unit * n * n + j * n + i];
  }
  // The output's map, the last layer's only unit.
  std::span<const double> output() const { return map(layers() - 1, 0); }
};

// Every layer (the network's L + 1), or the output alone (one layer: a finer grid for the boundary).
enum class UnitMapLayers { every, output };

// The maps of the network at theta, its inputs read through `features` (as many as spec().inputs), on
// an n x n grid (2 <= n <= kMaxUnitMapSide) over the box, on `threads` threads (0: every core).
// Throws std::invalid_argument for a grid side, a box or features that do not fit.
UnitMaps unit_maps(const Network& net, std::span<const double> theta, std::span<const Feature> features, const Box& box,
                   std::size_t n, UnitMapLayers layers = UnitMapLayers::every, unsigned threads = 0);

// TensorFlow Playground's domain, which its data sets fill (its heatmap's x and y in [-6, 6]).
inline constexpr Box kPlaygroundBox{{-6, -6}, {6, 6}};

// The square box a view of the data shows, the same for every run and every step:
//   Playground's sets: kPlaygroundBox, widened symmetrically when noise takes a row beyond it (up to
//   1.05 times the farthest coordinate), so that New points or the noise slider rarely move it;
//   other data (CSV): the rows' bounding box made square around its centre, its longer side 10% wider
//   than the rows (a point is never on the frame); a side of 2 around a single point.
// Both take the training and the test rows; no rows at all give kPlaygroundBox.
Box data_box(const NetData& train, const NetData& test, bool playground);

}  // namespace optviz
