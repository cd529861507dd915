// Networks (core/network): gradients against central differences for every activation and loss,
// with and without hidden layers and over chosen rows; relu's derivative at 0; the limits of a
// specification; the initial weights; weights files read back exactly and rejected with their
// messages; training's problems and its divergence as a status.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "network.hpp"
#include "optimizer.hpp"
#include "random.hpp"
#include "train.hpp"
#include "weights_file.hpp"

using namespace optviz;

namespace {

// 12 rows: x uniform in [-2, 2]; y a label (logistic) or a smooth target (mse).
NetData small_data(NetLoss loss) {
  NetData d;
  for (std::uint64_t i = 0; i < 12; ++i) {
    const double a = 4 * random_uniform(7, 1, i) - 2, b = 4 * random_uniform(7, 2, i) - 2;
    d.x1.push_back(a);
    d.x2.push_back(b);
    d.y.push_back(loss == NetLoss::logistic ? (a * a + b * b < 2 ? 1.0 : 0.0) : std::sin(a) + 0.5 * b);
  }
  return d;
}

// Random weights of the network, larger than its initial ones so that units saturate somewhat.
std::vector<double> random_weights(const Network& net, std::uint64_t seed) {
  std::vector<double> theta(net.parameter_count());
  for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = 2 * random_uniform(seed, 3, i) - 1;
  return theta;
}

// The largest difference between the analytic gradient and central differences, relative to the
// gradient's largest entry.
double gradient_error(const Network& net, const NetData& data, std::span<const Feature> features,
                      std::span<const std::size_t> rows) {
  const Eigen::MatrixXd x = input_matrix(data, features);
  const Eigen::VectorXd y = target_vector(data);
  NetWorkspace ws;
  std::vector<double> theta = random_weights(net, 11);
  std::vector<double> g(theta.size());
  net.loss_and_gradient(theta, x, y, rows, g, ws);
  double worst = 0, scale = 0;
  for (double v : g) scale = std::max(scale, std::fabs(v));
  std::vector<double> dummy(theta.size());
  for (std::size_t i = 0; i < theta.size(); ++i) {
    const double h = 1e-6, keep = theta[i];
    theta[i] = keep + h;
    const double up = net.loss_and_gradient(theta, x, y, rows, dummy, ws);
    theta[i] = keep - h;
    const double down = net.loss_and_gradient(theta, x, y, rows, dummy, ws);
    theta[i] = keep;
    worst = std::max(worst, std::fabs((up - down) / (2 * h) - g[i]));
  }
  return worst / scale;
}

}  // namespace

TEST_CASE("network gradients equal central differences for every activation, loss and depth", "[network]") {
  const std::vector<std::vector<std::size_t>> depths = {{}, {5}, {4, 3}, {3, 3, 2}};
  const std::vector<std::size_t> some_rows = {3, 0, 7, 3, 11};  // a batch, one row twice
  for (Activation act : {Activation::tanh, Activation::relu, Activation::sigmoid})
    for (NetLoss loss : {NetLoss::logistic, NetLoss::mse})
      for (const auto& hidden : depths) {
        const NetData data = small_data(loss);
        const std::vector<Feature> two = {Feature::x1, Feature::x2};
        const std::vector<Feature> five = {Feature::x1, Feature::x2, Feature::x1_x2, Feature::sin_x1,
                                           Feature::x2_squared};
        std::vector<std::size_t> all(data.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        INFO(name(act) << " " << name(loss) << " hidden layers " << hidden.size());
        const Network net({2, hidden, act, loss});
        CHECK(gradient_error(net, data, two, all) < 1e-7);
        CHECK(gradient_error(net, data, two, some_rows) < 1e-7);
        const Network wide({five.size(), hidden, act, loss});
        CHECK(gradient_error(wide, data, five, some_rows) < 1e-7);
      }
}

TEST_CASE("the gradient over all rows is the mean of the rows' gradients", "[network]") {
  const NetData data = small_data(NetLoss::logistic);
  const std::vector<Feature> f = {Feature::x1, Feature::x2};
  const Network net({2, {4}, Activation::tanh, NetLoss::logistic});
  const Eigen::MatrixXd x = input_matrix(data, f);
  const Eigen::VectorXd y = target_vector(data);
  const std::vector<double> theta = random_weights(net, 5);
  NetWorkspace ws;
  std::vector<double> all(theta.size()), one(theta.size()), sum(theta.size(), 0.0);
  const double loss = net.loss_and_gradient(theta, x, y, all, ws);
  double loss_sum = 0;
  for (std::size_t r = 0; r < data.size(); ++r) {
    const std::vector<std::size_t> row = {r};
    loss_sum += net.loss_and_gradient(theta, x, y, row, one, ws);
    for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += one[i];
  }
  CHECK(loss == Approx(loss_sum / 12).epsilon(1e-14));
  CHECK(net.loss(theta, x, y, ws) == loss);
  for (std::size_t i = 0; i < sum.size(); ++i) CHECK(all[i] == Approx(sum[i] / 12).epsilon(1e-12).margin(1e-16));
}

TEST_CASE("relu's derivative at 0 is 0, as torch's", "[network]") {
  // Every hidden unit's input is exactly 0: no gradient reaches the first layer.
  const Network net({2, {3}, Activation::relu, NetLoss::logistic});
  std::vector<double> theta(net.parameter_count(), 0.0);
  for (std::size_t i = net.layers()[1].offset; i < theta.size(); ++i) theta[i] = 0.5;
  const NetData data = small_data(NetLoss::logistic);
  const std::vector<Feature> f = {Feature::x1, Feature::x2};
  NetWorkspace ws;
  std::vector<double> g(theta.size());
  net.loss_and_gradient(theta, input_matrix(data, f), target_vector(data), g, ws);
  for (std::size_t i = 0; i < net.layers()[0].end(); ++i) CHECK(g[i] == 0.0);
  CHECK(g.back() != 0.0);  // the output's bias still learns
}

TEST_CASE("a network's limits are errors with messages, never allocations", "[network]") {
  const std::vector<std::pair<NetworkSpec, std::string>> rows = {
      {{2, {8, 8, 8, 8, 8, 8, 8}, Activation::tanh, NetLoss::logistic}, "hidden layers: at most 6, got 7"},
      {{2, {8, 17}, Activation::tanh, NetLoss::logistic}, "hidden layer 2: must have 1 .. 16 units, got 17"},
      {{2, {0}, Activation::tanh, NetLoss::logistic}, "hidden layer 1: must have 1 .. 16 units, got 0"},
      {{0, {}, Activation::tanh, NetLoss::logistic}, "inputs: must be 1 .. 7, got 0"},
      {{8, {}, Activation::tanh, NetLoss::logistic}, "inputs: must be 1 .. 7, got 8"},
  };
  for (const auto& [spec, message] : rows) {
    CHECK(find_spec_problem(spec) == message);
    CHECK_THROWS_WITH(Network(spec), message);
  }
  const Network biggest({7, {16, 16, 16, 16, 16, 16}, Activation::relu, NetLoss::mse});
  CHECK(biggest.parameter_count() == (7 * 16 + 16) + 5 * (16 * 16 + 16) + 17);
}

TEST_CASE("initial weights: Glorot or He uniform by seed, biases 0", "[network]") {
  for (Activation act : {Activation::tanh, Activation::sigmoid, Activation::relu}) {
    const Network net({2, {16, 8}, act, NetLoss::logistic});
    const std::vector<double> theta = net.initial_weights(3);
    CHECK(theta == net.initial_weights(3));
    CHECK(theta != net.initial_weights(4));
    for (const LayerShape& s : net.layers()) {
      const double fan = static_cast<double>(act == Activation::relu ? s.in : s.in + s.out);
      const double bound = std::sqrt(6 / fan);
      double largest = 0;
      for (std::size_t i = s.offset; i < s.bias_offset(); ++i) largest = std::max(largest, std::fabs(theta[i]));
      CHECK(largest <= bound);
      if (s.in * s.out >= 16) CHECK(largest > 0.7 * bound);  // they fill the interval
      for (std::size_t i = s.bias_offset(); i < s.end(); ++i) CHECK(theta[i] == 0.0);
    }
  }
}

TEST_CASE("a weights file reads back exactly what was written", "[network][weights]") {
  const Network net({3, {4, 2}, Activation::tanh, NetLoss::mse});
  std::vector<double> theta = random_weights(net, 9);
  theta[1] = 0.1;  // shortest texts
  theta[2] = -1e-300;
  const std::string text = weights_json(net, theta);
  CHECK(parse_weights(text, net) == theta);
  CHECK(text.find("\"weight\"") < text.find("\"bias\""));
  const Network one({2, {}, Activation::tanh, NetLoss::logistic});
  CHECK(parse_weights(R"({"layers": [{"weight": [[1, -2.5]], "bias": [0.25]}]})", one) ==
        std::vector<double>{1, -2.5, 0.25});
}

TEST_CASE("a weights file that does not fit its network names the problem", "[network][weights]") {
  const Network net({2, {3}, Activation::tanh, NetLoss::logistic});
  const std::string row3 = R"([[1, 2], [3, 4], [5, 6]])";
  const std::string good =
      R"({"layers": [{"weight": )" + row3 + R"(, "bias": [0, 0, 0]}, {"weight": [[1, 2, 3]], "bias": [0]}]})";
  REQUIRE(parse_weights(good, net).size() == 13);
  const auto with_first = [](const std::string& layer0) {
    return R"({"layers": [)" + layer0 + R"(, {"weight": [[1, 2, 3]], "bias": [0]}]})";
  };
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"[1, 2]", "expected an object with \"layers\""},
      {R"({"layers": []})", "layers: 0 layers, expected 2"},
      {R"({"layers": 3})", "layers: expected an array"},
      {with_first(R"({"weight": [[1, 2]], "bias": [0, 0, 0]})"), "layers[0].weight: 1 rows, expected 3"},
      {with_first(R"({"weight": [[1, 2], [3], [5, 6]], "bias": [0, 0, 0]})"),
       "layers[0].weight[1]: 1 columns, expected 2"},
      {with_first(R"({"weight": )" + row3 + R"(, "bias": [0, 0]})"), "layers[0].bias: 2 values, expected 3"},
      {with_first(R"({"weight": )" + row3 + R"(, "bias": [0, "a", 0]})"), "layers[0].bias[1]: not a number"},
      {with_first(R"({"weight": [[1, 2], [3, 4], [5, 1e13]], "bias": [0, 0, 0]})"),
       "layers[0].weight[2][1]: 1e+13 is beyond 1e+12"},
      {with_first(R"({"weight": )" + row3 + "}"), "layers[0]: no \"bias\""},
      {with_first(R"({"weight": )" + row3 + R"(, "bias": [0, 0, 0], "bais": 1})"), "layers[0]: unknown key \"bais\""},
      {with_first("7"), "layers[0]: expected an object with \"weight\" and \"bias\""},
  };
  for (const auto& [text, message] : rows) {
    INFO(text);
    CHECK_THROWS_WITH(parse_weights(text, net), message);
  }
  CHECK_THROWS_WITH(parse_weights("{\"layers\": [", net), Catch::Contains("not JSON: "));
  CHECK_THROWS_WITH(parse_weights(with_first(R"({"weight": [[1e999, 2], [3, 4], [5, 6]], "bias": [0, 0, 0]})"), net),
                    Catch::StartsWith("not JSON: ") && Catch::Contains("number overflow parsing '1e999'"));
  CHECK_THROWS_WITH(parse_weights(std::string(kMaxWeightsFileBytes + 1, ' '), net),
                    "too big: 1048577 bytes, at most 1048576");
  CHECK_THROWS_WITH(load_weights("/nonexistent/w.json", net), Catch::StartsWith("/nonexistent/w.json: cannot read"));
}

TEST_CASE("training's problems are named; a diverging run ends with its status", "[network][train]") {
  const Network net({2, {4}, Activation::tanh, NetLoss::logistic});
  NetSets sets;
  sets.train = small_data(NetLoss::logistic);
  RunSpec spec;
  spec.hyper = defaults(OptimizerKind::sgd);
  CHECK(find_net_training_problem(net, sets, spec, 10) == "");
  spec.batch = 13;
  CHECK(find_net_training_problem(net, sets, spec, 10) == "batch: must be at most the 12 training rows, got 13");
  spec.batch = 0;
  spec.shuffle = true;
  CHECK(find_net_training_problem(net, sets, spec, 10) == "shuffle: needs mini-batches (--batch)");
  spec.shuffle = false;
  CHECK(find_net_training_problem(net, sets, spec, -1) == "steps: must be 0 .. 1000000, got -1");
  sets.train.y[3] = 0.5;
  CHECK_THAT(find_net_training_problem(net, sets, spec, 10), Catch::StartsWith("data: "));
  sets.train = small_data(NetLoss::logistic);

  const Network mse({2, {4}, Activation::relu, NetLoss::mse});
  sets.train = small_data(NetLoss::mse);
  spec.hyper.eta = 1e6;
  const NetRun run = train_network(mse, mse.initial_weights(1), sets, spec, 50, 0);
  REQUIRE(run.diverged_at);
  CHECK(run.rows() == static_cast<std::size_t>(*run.diverged_at) + 1);
  CHECK(run.status() == "diverged at step " + std::to_string(*run.diverged_at));
  CHECK(run.accuracy.empty());  // mse
}

TEST_CASE("training records the test set and shuffles its batches by seed", "[network][train]") {
  const Network net({2, {4}, Activation::tanh, NetLoss::logistic});
  NetSets sets;
  sets.train = small_data(NetLoss::logistic);
  sets.test = sets.train;
  RunSpec spec;
  spec.hyper = defaults(OptimizerKind::adam);
  spec.batch = 5;
  const std::vector<double> init = net.initial_weights(2);
  const NetRun plain = train_network(net, init, sets, spec, 20, 0);
  CHECK(plain.rows() == 21);
  CHECK(plain.test_loss == plain.loss);  // the same rows
  CHECK(plain.test_accuracy == plain.accuracy);
  CHECK(plain.batch_loss.size() == 21);
  spec.shuffle = true;
  const NetRun shuffled = train_network(net, init, sets, spec, 20, 0);
  CHECK(shuffled.loss[0] == plain.loss[0]);
  CHECK(shuffled.loss[20] != plain.loss[20]);
  CHECK(train_network(net, init, sets, spec, 20, 0).loss == shuffled.loss);
  CHECK(train_network(net, init, sets, spec, 20, 1).loss != shuffled.loss);
}
