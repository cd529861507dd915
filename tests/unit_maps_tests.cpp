// The unit maps (core/network/unit_maps.hpp): every layer equals the network's forward pass over the
// same points, bit for bit, on any number of threads and against a training's batch; a hand-set
// network's output is known exactly; the box a data set is shown in.
#include <catch2/catch.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "dataset.hpp"  // sigmoid
#include "random.hpp"
#include "unit_maps.hpp"

using namespace optviz;

namespace {

std::vector<double> random_weights(const Network& net, std::uint64_t seed) {
  std::vector<double> theta(net.parameter_count());
  for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = 3 * random_uniform(seed, 5, i) - 1.5;
  return theta;
}

// The grid's points as rows, in the maps' order (j n + i).
NetData grid_rows(const UnitMaps& maps) {
  NetData d;
  for (std::size_t j = 0; j < maps.n; ++j)
    for (std::size_t i = 0; i < maps.n; ++i) {
      d.x1.push_back(maps.x1[i]);
      d.x2.push_back(maps.x2[j]);
      d.y.push_back(0);
    }
  return d;
}

const std::vector<Feature> kFour = {Feature::x1, Feature::x2, Feature::x1_squared, Feature::sin_x2};

}  // namespace

TEST_CASE("unit maps are the network's forward pass over the grid, bit for bit", "[unit_maps]") {
  for (const NetLoss loss : {NetLoss::logistic, NetLoss::mse}) {
    const Network net({4, {8, 5}, Activation::tanh, loss});
    const std::vector<double> theta = random_weights(net, 11);
    const Box box{{-6, -5}, {4, 7}};
    const UnitMaps maps = unit_maps(net, theta, kFour, box, 37, UnitMapLayers::every, 3);
    REQUIRE(maps.layers() == 4);
    CHECK(maps.units == std::vector<std::size_t>{4, 8, 5, 1});
    CHECK(maps.x1.front() == -6);
    CHECK(maps.x1.back() == 4);
    CHECK(maps.x2.front() == -5);
    CHECK(maps.x2.back() == 7);

    // One batch of every point, as a training's full-batch pass.
    const Eigen::MatrixXd x = input_matrix(grid_rows(maps), kFour);
    NetWorkspace ws;
    net.forward(theta, x, ws);
    for (std::size_t p = 0; p < maps.n * maps.n; ++p) {
      for (std::size_t u = 0; u < 4; ++u)
        REQUIRE(maps.map(0, u)[p] == x(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(u)));
      for (std::size_t l = 1; l < 3; ++l)
        for (std::size_t u = 0; u < maps.units[l]; ++u)
          REQUIRE(maps.map(l, u)[p] ==
                  ws.activation[l - 1](static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(u)));
      const double z = ws.activation.back()(static_cast<Eigen::Index>(p), 0);
      REQUIRE(maps.output()[p] == (loss == NetLoss::logistic ? sigmoid(z) : z));
    }

    // A training's mini-batch of a few points (gathered rows, as loss_and_gradient's batches).
    const std::vector<std::size_t> rows = {5, 400, 1368, 0, 777, 1000, 1200};
    const Eigen::VectorXd y = Eigen::VectorXd::Zero(x.rows());
    std::vector<double> gradient(net.parameter_count());
    NetWorkspace batch;
    net.loss_and_gradient(theta, x, y, rows, gradient, batch);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const std::size_t i = rows[k] % maps.n, j = rows[k] / maps.n;
      const double z = batch.activation.back()(static_cast<Eigen::Index>(k), 0);
      CHECK(maps.at(3, 0, i, j) == (loss == NetLoss::logistic ? sigmoid(z) : z));
      for (std::size_t u = 0; u < 8; ++u)
        CHECK(maps.at(1, u, i, j) == batch.activation[0](static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(u)));
    }
  }
}

TEST_CASE("unit maps are the same on one thread and on many, and the output alone is the last layer", "[unit_maps]") {
  const Network net({2, {16, 16, 16}, Activation::relu, NetLoss::logistic});
  const std::vector<double> theta = random_weights(net, 3);
  const std::vector<Feature> features = {Feature::x1, Feature::x2};
  const UnitMaps one = unit_maps(net, theta, features, kPlaygroundBox, 200, UnitMapLayers::every, 1);
  const UnitMaps many = unit_maps(net, theta, features, kPlaygroundBox, 200, UnitMapLayers::every, 4);
  CHECK(one.values == many.values);
  const UnitMaps output = unit_maps(net, theta, features, kPlaygroundBox, 200, UnitMapLayers::output, 4);
  REQUIRE(output.layers() == 1);
  CHECK(output.units == std::vector<std::size_t>{1});
  CHECK(output.values[0] == one.values.back());
  for (const double p : output.output()) REQUIRE((p >= 0 && p <= 1));
}

TEST_CASE("a hand-set unit's output is known exactly: sigmoid(x1), 0.5 on the line x1 = 0", "[unit_maps]") {
  const std::vector<Feature> features = {Feature::x1, Feature::x2};
  const std::vector<double> theta = {1, 0, 0};  // w = (1, 0), b = 0
  const Network logistic({2, {}, Activation::tanh, NetLoss::logistic});
  const UnitMaps maps = unit_maps(logistic, theta, features, kPlaygroundBox, 13);
  REQUIRE(maps.layers() == 2);
  for (std::size_t j = 0; j < 13; ++j)
    for (std::size_t i = 0; i < 13; ++i) CHECK(maps.at(1, 0, i, j) == sigmoid(-6.0 + static_cast<double>(i)));
  CHECK(maps.at(1, 0, 6, 4) == 0.5);
  CHECK(maps.at(0, 1, 3, 8) == 2.0);  // the feature x2 at row 8
  const Network mse({2, {}, Activation::tanh, NetLoss::mse});
  CHECK(unit_maps(mse, theta, features, kPlaygroundBox, 13).at(1, 0, 2, 9) == -4.0);
}

TEST_CASE("unit maps reject a grid, a box, features or weights that do not fit", "[unit_maps]") {
  const Network net({2, {3}, Activation::tanh, NetLoss::logistic});
  const std::vector<double> theta(net.parameter_count(), 0.1);
  const std::vector<Feature> two = {Feature::x1, Feature::x2};
  CHECK_THROWS_WITH(unit_maps(net, theta, two, kPlaygroundBox, 1),
                    "unit maps: the grid's side must be 2 .. 512, got 1");
  CHECK_THROWS_AS(unit_maps(net, theta, two, kPlaygroundBox, 513), std::invalid_argument);
  CHECK_THROWS_AS(unit_maps(net, theta, two, Box{{1, 0}, {1, 1}}, 10), std::invalid_argument);
  CHECK_THROWS_AS(unit_maps(net, theta, two, Box{{0, 0}, {INFINITY, 1}}, 10), std::invalid_argument);
  CHECK_THROWS_WITH(unit_maps(net, theta, kFour, kPlaygroundBox, 10), "unit maps: the network reads 2 features, got 4");
  CHECK_THROWS_WITH(unit_maps(net, std::vector<double>(3), two, kPlaygroundBox, 10),
                    "unit maps: the network has 13 parameters, got 3");
}

TEST_CASE("the data's box: Playground's [-6, 6], widened for noise; other data's square with a margin", "[unit_maps]") {
  const NetData none;
  CHECK(data_box(none, none, false) == kPlaygroundBox);
  for (const Playground set : {Playground::circle, Playground::xor_, Playground::gauss, Playground::spiral})
    CHECK(data_box(generate_playground({set, 300, 0, 4}), none, true) == kPlaygroundBox);
  NetData far;
  far.x1 = {1, -7};
  far.x2 = {2, 3};
  far.y = {0, 1};
  const double half = 1.05 * 7;
  CHECK(data_box(none, far, true) == Box{{-half, -half}, {half, half}});
  // Rows spanning [1, -7] x [2, 3]: centre (-3, 2.5), half-side 0.55 * 8.
  CHECK(data_box(far, none, false) == Box{{-3 - 4.4, 2.5 - 4.4}, {-3 + 4.4, 2.5 + 4.4}});
  NetData one;
  one.x1 = {2};
  one.x2 = {-1};
  one.y = {1};
  CHECK(data_box(one, one, false) == Box{{1, -2}, {3, 0}});
}
