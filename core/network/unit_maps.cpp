#include "unit_maps.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "dataset.hpp"  // sigmoid
#include "parallel.hpp"
#include "plane.hpp"  // grid_values
#include "translate.hpp"

namespace optviz {
namespace {

constexpr std::size_t kBlockPoints = 2048;  // rows of the grid per block: a few blocks per core at n = 200

void check(const Network& net, std::span<const double> theta, std::span<const Feature> features, const Box& box,
           std::size_t n) {
  if (n < 2 || n > kMaxUnitMapSide)
    throw std::invalid_argument(tr_format("unit maps: the grid's side must be 2 .. {0}, got {1}",
                                          {std::to_string(kMaxUnitMapSide), std::to_string(n)}));
  if (!(box.max.x > box.min.x) || !(box.max.y > box.min.y) || !std::isfinite(box.max.x - box.min.x) ||
      !std::isfinite(box.max.y - box.min.y))
    throw std::invalid_argument(tr("unit maps: the box must be finite and not empty"));
  if (features.size() != net.spec().inputs)
    throw std::invalid_argument(tr_format("unit maps: the network reads {0} features, got {1}",
                                          {std::to_string(net.spec().inputs), std::to_string(features.size())}));
  if (theta.size() != net.parameter_count())
    throw std::invalid_argument(tr_format("unit maps: the network has {0} parameters, got {1}",
                                          {std::to_string(net.parameter_count()), std::to_string(theta.size())}));
}

// Column u of m into unit u's map, at the block's first point `first`.
void copy_columns(const Eigen::MatrixXd& m, std::size_t first, std::size_t points, std::vector<double>& out) {
  for (Eigen::Index u = 0; u < m.cols(); ++u)
    for (Eigen::Index r = 0; r < m.rows(); ++r)
      out[static_cast<std::size_t>(u) * points + first + static_cast<std::size_t>(r)] = m(r, u);
}

}  // namespace

UnitMaps unit_maps(const Network& net, std::span<const double> theta, std::span<const Feature> features, const Box& box,
                   std::size_t n, UnitMapLayers layers, unsigned threads) {
  check(net, theta, features, box, n);
  UnitMaps maps;
  maps.box = box;
  maps.n = n;
  maps.x1 = grid_values(box.min.x, box.max.x, n);
  maps.x2 = grid_values(box.min.y, box.max.y, n);
  const std::span<const LayerShape> shapes = net.layers();
  if (layers == UnitMapLayers::every) {
    maps.units.push_back(net.spec().inputs);
    for (const LayerShape& s : shapes) maps.units.push_back(s.out);
  } else {
    maps.units.push_back(1);
  }
  const std::size_t points = n * n;
  for (const std::size_t units : maps.units) maps.values.emplace_back(units * points);

  const std::size_t rows_per_block = std::max<std::size_t>(1, kBlockPoints / n);
  const std::size_t blocks = (n + rows_per_block - 1) / rows_per_block;
  const bool logistic = net.spec().loss == NetLoss::logistic;
  for_each_block(blocks, threads, nullptr, [&](std::size_t b) {
    const std::size_t j0 = b * rows_per_block, j1 = std::min(n, j0 + rows_per_block);
    NetData grid;
    for (std::size_t j = j0; j < j1; ++j)
      for (std::size_t i = 0; i < n; ++i) {
        grid.x1.push_back(maps.x1[i]);
        grid.x2.push_back(maps.x2[j]);
        grid.y.push_back(0);
      }
    const Eigen::MatrixXd x = input_matrix(grid, features);
    NetWorkspace ws;
    net.forward(theta, x, ws);
    Eigen::MatrixXd& z = ws.activation.back();
    if (logistic) z = z.unaryExpr([](double v) { return sigmoid(v); });
    const std::size_t first = j0 * n;
    if (layers == UnitMapLayers::output) {
      copy_columns(z, first, points, maps.values[0]);
      return;
    }
    copy_columns(x, first, points, maps.values[0]);
    for (std::size_t l = 0; l < shapes.size(); ++l) copy_columns(ws.activation[l], first, points, maps.values[l + 1]);
  });
  return maps;
}

Box data_box(const NetData& train, const NetData& test, bool playground) {
  if (train.size() + test.size() == 0) return kPlaygroundBox;
  constexpr double inf = std::numeric_limits<double>::infinity();
  Box rows{{inf, inf}, {-inf, -inf}};
  for (const NetData* set : {&train, &test})
    for (std::size_t r = 0; r < set->size(); ++r) {
      rows.min = {std::min(rows.min.x, set->x1[r]), std::min(rows.min.y, set->x2[r])};
      rows.max = {std::max(rows.max.x, set->x1[r]), std::max(rows.max.y, set->x2[r])};
    }
  if (playground) {
    const double farthest = std::max({-rows.min.x, -rows.min.y, rows.max.x, rows.max.y});
    const double half = std::max(kPlaygroundBox.max.x, 1.05 * farthest);
    return {{-half, -half}, {half, half}};
  }
  const Vec2 centre{(rows.min.x + rows.max.x) / 2, (rows.min.y + rows.max.y) / 2};
  const double extent = std::max(rows.max.x - rows.min.x, rows.max.y - rows.min.y);
  const double half = extent > 0 ? 0.55 * extent : 1;
  return {{centre.x - half, centre.y - half}, {centre.x + half, centre.y + half}};
}

}  // namespace optviz
