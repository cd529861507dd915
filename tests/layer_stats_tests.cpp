// What training records (core/network/layer_stats, train.hpp's NetRecording): distributions'
// quantiles (numpy's) and decade bins on known values; one RMSprop update's statistics against its accumulator
// and step size computed here from the gradient; a typed rule's statistics equal the built-in's; rows
// every k steps equal the same rows of a run that records every step; the default k and the limit on
// the work; a step that records nothing computes the same gradient and no loss.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "layer_stats.hpp"
#include "optimizer.hpp"
#include "random.hpp"
#include "rule.hpp"
#include "train.hpp"

using namespace optviz;

namespace {

NetSets circle_sets(std::size_t rows) {
  NetSets sets;
  for (std::uint64_t i = 0; i < rows; ++i) {
    const double a = 4 * random_uniform(5, 1, i) - 2, b = 4 * random_uniform(5, 2, i) - 2;
    sets.train.x1.push_back(a);
    sets.train.x2.push_back(b);
    sets.train.y.push_back(a * a + b * b < 2 ? 1.0 : 0.0);
  }
  return sets;
}

RunSpec rmsprop() {
  RunSpec spec;
  spec.hyper = defaults(OptimizerKind::rmsprop);
  spec.hyper.eta = 0.01;
  spec.hyper.rho = 0.9;
  return spec;
}

// The distribution of values[begin, end).
Distribution part(const std::vector<double>& values, std::size_t begin, std::size_t end) {
  std::vector<double> copy(values.begin() + static_cast<std::ptrdiff_t>(begin),
                           values.begin() + static_cast<std::ptrdiff_t>(end));
  return distribution_of(copy);
}

}  // namespace

TEST_CASE("a distribution: NaN apart, quantiles interpolated, |x| in decade bins", "[network][stats]") {
  std::vector<double> values{11, 3, std::nan(""), 1, 2, 4, 5, 6, 7, 8, 9, 10};
  const Distribution d = distribution_of(values);
  CHECK(d.nan == 1);
  CHECK(d.quantiles == std::array<double, kQuantiles>{1, 1.5, 2, 6, 10, 10.5, 11});
  CHECK(d.histogram[histogram_bin(1)] == 9);   // [1, 10)
  CHECK(d.histogram[histogram_bin(10)] == 2);  // [10, 100)
  std::vector<double> halves{0, 1};
  CHECK(distribution_of(halves).quantiles == std::array<double, kQuantiles>{0, 0.05, 0.1, 0.5, 0.9, 0.95, 1});
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> infinite{inf, inf, 1};
  CHECK(distribution_of(infinite).quantiles == std::array<double, kQuantiles>{1, inf, inf, inf, inf, inf, inf});
  std::vector<double> none{std::nan("")};
  CHECK(std::isnan(distribution_of(none).quantiles[kMedian]));

  CHECK(histogram_bin(0) == 0);
  CHECK(histogram_bin(9.99e-19) == 0);
  CHECK(histogram_bin(1e-18) == 1);
  CHECK(histogram_bin(-9.99e-18) == 1);
  CHECK(histogram_bin(1e-17) == 2);
  CHECK(histogram_bin(1) == 19);
  CHECK(histogram_bin(0.1) == 18);
  CHECK(histogram_bin(9.999999e9) == kHistogramBins - 2);
  CHECK(histogram_bin(1e10) == kHistogramBins - 1);
  CHECK(histogram_bin(inf) == kHistogramBins - 1);
  for (int e = kHistogramLowestDecade; e < kHistogramTopDecade; ++e) {  // every edge in its own bin
    INFO(e);
    CHECK(histogram_bin(std::pow(10.0, e)) == static_cast<std::size_t>(e - kHistogramLowestDecade + 1));
    CHECK(histogram_bin(std::nextafter(std::pow(10.0, e), 0.0)) ==
          static_cast<std::size_t>(e - kHistogramLowestDecade));
  }
}

TEST_CASE("one RMSprop update's statistics: G = (1 - rho) g^2, lr = eta / (sqrt(G) + eps), per layer",
          "[network][stats]") {
  const Network net({2, {4, 3}, Activation::tanh, NetLoss::logistic});
  const NetSets sets = circle_sets(20);
  const RunSpec spec = rmsprop();
  const std::vector<double> init = net.initial_weights(3);
  const NetRun run = train_network(net, init, sets, spec, 1, 0, {1, true});
  REQUIRE(run.accumulator == "G");
  REQUIRE(run.layer_stats.size() == 6);  // 3 layers, weights and biases, after update 1

  NetWorkspace ws;
  std::vector<double> g(init.size()), G(init.size()), lr(init.size());
  net.loss_and_gradient(init, input_matrix(sets.train, sets.features), target_vector(sets.train), g, ws);
  for (std::size_t i = 0; i < g.size(); ++i) {
    G[i] = spec.hyper.rho * 0.0 + (1 - spec.hyper.rho) * (g[i] * g[i]);  // as rules::rmsprop rounds
    lr[i] = spec.hyper.eta / (std::sqrt(G[i]) + spec.hyper.eps);
  }
  for (const LayerStats& row : run.layer_stats) {
    const LayerShape& s = net.layers()[row.layer];
    const bool weight = row.kind == ParameterKind::weight;
    const std::size_t begin = weight ? s.offset : s.bias_offset(), end = weight ? s.bias_offset() : s.end();
    INFO("layer " << row.layer << (weight ? " weight" : " bias"));
    CHECK(row.step == 1);
    CHECK(row.count == end - begin);
    REQUIRE(row.accumulator);
    CHECK(row.accumulator->quantiles == part(G, begin, end).quantiles);
    CHECK(row.accumulator->histogram == part(G, begin, end).histogram);
    CHECK(row.step_size.quantiles == part(lr, begin, end).quantiles);
    if (!weight) {  // biases start at 0: every one that moved moved infinitely far relative to 0
      CHECK(row.update_ratio.quantiles[0] == std::numeric_limits<double>::infinity());
      CHECK(row.update_ratio.histogram.back() == row.count);
    } else {
      CHECK(row.update_ratio.quantiles.back() < 1);
    }
  }
}

TEST_CASE("the quantiles are numpy.quantile's (linear) to the last bit", "[network][stats]") {
  // numpy 1.24: np.quantile(np.array(values), [0, 0.05, 0.1, 0.5, 0.9, 0.95, 1]), printed with repr.
  struct Case {
    std::vector<double> values;
    std::array<double, kQuantiles> numpy;
  };
  const std::vector<Case> cases{
      {{3.5, -1, 2, 8, 0.25, 7}, {-1.0, -0.6875, -0.375, 2.75, 7.5, 7.75, 8.0}},
      {{1e-3, 5e-2, 2, 7, 9, 11, 40, 41, 100, 0.3, 0.7, 13, 17},
       {0.001, 0.030400000000000007, 0.10000000000000005, 9.0, 40.8, 64.59999999999991, 100.0}},
      {{0.1, 0.2, 0.3}, {0.1, 0.11000000000000001, 0.12000000000000001, 0.2, 0.28, 0.29, 0.3}},
      {{2.5e-07, 1.25e-06, 3.1e-05, 0.00088, 0.0017, 0.012, 0.5,  1.5,  2.25, 19.5, 311.0,
        0.03,    0.07,     0.11,    0.19,    0.29,   0.37,  0.41, 0.53, 0.61, 0.67},
       {2.5e-07, 1.25e-06, 3.1e-05, 0.29, 2.25, 19.5, 311.0}},
  };
  for (Case c : cases) {
    INFO(c.values.size() << " values");
    CHECK(distribution_of(c.values).quantiles == c.numpy);
  }
  CHECK(kQuantileLevels[kQuantile05] == 0.05);
  CHECK(kQuantileLevels[kMedian] == 0.5);
  CHECK(kQuantileLevels[kQuantile95] == 0.95);
}

TEST_CASE("a typed rule's statistics are the built-in's it writes", "[network][stats]") {
  const Network net({2, {5}, Activation::tanh, NetLoss::logistic});
  const NetSets sets = circle_sets(30);
  RunSpec spec = rmsprop();
  spec.batch = 10;
  const std::vector<double> init = net.initial_weights(4);
  const NetRun built_in = train_network(net, init, sets, spec, 12, 0, {4, true});
  spec.rule.emplace("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)");
  const NetRun rule = train_network(net, init, sets, spec, 12, 0, {4, true});
  REQUIRE(rule.accumulator == "G");
  REQUIRE(rule.layer_stats.size() == built_in.layer_stats.size());
  CHECK(rule.layer_stats.size() == 3 * 2 * 2);  // updates 4, 8, 12; two layers; weights and biases
  // The rule rounds eta*g/(sqrt(G)+eps) in another order, and its step size is -(theta_t - theta_{t-1}) / g.
  const auto near = [](const Distribution& a, const Distribution& b) {
    for (std::size_t q = 0; q < kQuantiles; ++q)
      if (!(a.quantiles[q] == b.quantiles[q] ||
            std::fabs(a.quantiles[q] - b.quantiles[q]) <= 1e-9 * std::fabs(b.quantiles[q])))
        return false;
    return a.nan == b.nan;
  };
  for (std::size_t i = 0; i < rule.layer_stats.size(); ++i) {
    const LayerStats &a = rule.layer_stats[i], &b = built_in.layer_stats[i];
    INFO(i);
    CHECK(a.step == b.step);
    CHECK(near(*a.accumulator, *b.accumulator));
    CHECK(near(a.update_ratio, b.update_ratio));
    CHECK(near(a.step_size, b.step_size));
  }
}

TEST_CASE("rows every k steps are the same rows of a run that records every step", "[network][train]") {
  const Network net({2, {4}, Activation::tanh, NetLoss::logistic});
  NetSets sets = circle_sets(24);
  sets.test = circle_sets(8).train;
  RunSpec spec = rmsprop();
  spec.batch = 5;
  const std::vector<double> init = net.initial_weights(5);
  const NetRun all = train_network(net, init, sets, spec, 23, 0);
  const NetRun every = train_network(net, init, sets, spec, 23, 0, {10, false});
  CHECK(every.step == std::vector<long>{0, 10, 20, 23});
  for (std::size_t r = 0; r < every.rows(); ++r) {
    const auto k = static_cast<std::size_t>(every.step[r]);
    CHECK(every.loss[r] == all.loss[k]);
    CHECK(every.batch_loss[r] == all.batch_loss[k]);
    CHECK(every.test_loss[r] == all.test_loss[k]);
    CHECK(every.accuracy[r] == all.accuracy[k]);
  }
  CHECK(every.theta == all.theta);
  CHECK(every.layer_stats.empty());
  std::ostringstream csv;
  write_net_csv(csv, every);
  CHECK(csv.str().find("\n20,") != std::string::npos);
}

TEST_CASE("a training advanced in parts gives train_network's rows, statistics and snapshots", "[network][train]") {
  const Network net({2, {4, 3}, Activation::tanh, NetLoss::logistic});
  NetSets sets = circle_sets(24);
  sets.test = circle_sets(8).train;
  RunSpec spec = rmsprop();
  spec.batch = 5;
  spec.shuffle = true;
  const NetRecording recording{3, true, 4};
  const std::vector<double> init = net.initial_weights(5);
  const NetRun whole = train_network(net, init, sets, spec, 40, 9, recording);
  NetTrainer parts(net, init, sets, spec, 40, 9, recording);
  for (long size : {1L, 7L, 2L, 13L}) {
    CHECK_FALSE(parts.advance(size));
  }
  CHECK(parts.next_row() == 23);
  CHECK(parts.advance(100));
  CHECK(parts.done());
  const NetRun joined = std::move(parts).finish();
  CHECK(joined.step == whole.step);
  CHECK(joined.loss == whole.loss);
  CHECK(joined.batch_loss == whole.batch_loss);
  CHECK(joined.test_accuracy == whole.test_accuracy);
  CHECK(joined.theta == whole.theta);
  CHECK(joined.snapshots == whole.snapshots);
  REQUIRE(joined.layer_stats.size() == whole.layer_stats.size());
  for (std::size_t i = 0; i < joined.layer_stats.size(); ++i) {
    CHECK(joined.layer_stats[i].step_size.quantiles == whole.layer_stats[i].step_size.quantiles);
    CHECK(joined.layer_stats[i].accumulator->histogram == whole.layer_stats[i].accumulator->histogram);
  }
  CHECK(joined.accumulator == "G");
}

TEST_CASE("the default k bounds the records; too much work is an error", "[network][train]") {
  const Network net({2, {8, 8}, Activation::tanh, NetLoss::logistic});
  NetSets sets = circle_sets(200);
  CHECK(default_every(sets, 100) == 1);
  CHECK(default_every(sets, 20000) == 2);  // at most 10,000 rows
  CHECK(default_every(sets, 1'000'000) == 100);
  CHECK(default_every(circle_sets(5000), 100'000) == 50);  // 1e7 rows of data at most
  CHECK(find_net_recording_problem(net, sets, 10, 1000, {1, false}) == "");
  CHECK(find_net_recording_problem(net, sets, 10, 1000, {0, false}) == "every: must be 1 .. 1000 (the steps), got 0");
  CHECK(net_work(net, sets, 10, 1000, 1) == (10.0 * 1000 + 1001 * 200.0) * 105);
  CHECK(find_net_recording_problem(net, sets, 0, 1'000'000, {100, false}) ==
        "work: 2.1e10 rows x parameters, at most 2e10 (about a minute): fewer steps, a smaller batch, a larger every "
        "or a smaller network");
}

TEST_CASE("the statistics' CSV: a header of fixed bins, one row per recorded update, layer and kind",
          "[network][stats]") {
  const Network net({2, {3}, Activation::relu, NetLoss::logistic});
  const NetSets sets = circle_sets(10);
  RunSpec spec;
  spec.hyper = defaults(OptimizerKind::adam);
  spec.hyper.amsgrad = true;
  const NetRun run = train_network(net, net.initial_weights(1), sets, spec, 5, 0, {2, true});
  CHECK(run.accumulator == "vmax");
  std::ostringstream out;
  write_layer_stats_csv(out, run.accumulator, run.layer_stats);
  std::istringstream in(out.str());
  std::string header;
  std::getline(in, header);
  CHECK(header.starts_with(
      "step,layer,kind,count,vmax_nan,vmax_min,vmax_q05,vmax_q10,vmax_q50,vmax_q90,vmax_q95,vmax_max,"
      "vmax_0,"
      "vmax_1e-18,vmax_1e-17,"));
  CHECK(header.find(",vmax_1e9,vmax_1e10,lr_nan,") != std::string::npos);
  CHECK(header.ends_with(",ratio_1e9,ratio_1e10"));
  const auto columns = std::count(header.begin(), header.end(), ',');
  std::vector<std::string> starts;
  for (std::string line; std::getline(in, line);) {
    CHECK(std::count(line.begin(), line.end(), ',') == columns);
    starts.push_back(line.substr(0, line.find(',', line.find(',', line.find(',') + 1) + 1)));
  }
  CHECK(starts == std::vector<std::string>{"2,0,weight", "2,0,bias", "2,1,weight", "2,1,bias", "4,0,weight", "4,0,bias",
                                           "4,1,weight", "4,1,bias", "5,0,weight", "5,0,bias", "5,1,weight",
                                           "5,1,bias"});
  std::ostringstream sgd;
  write_layer_stats_csv(sgd, "", {});
  CHECK(sgd.str().starts_with("step,layer,kind,count,lr_nan,"));
}

TEST_CASE("a step that records nothing: the same gradient, 0 or NaN for its loss", "[network][train]") {
  for (const NetLoss loss : {NetLoss::logistic, NetLoss::mse}) {
    const Network net({2, {4}, Activation::tanh, loss});
    const NetSets sets = circle_sets(12);
    const Eigen::MatrixXd x = input_matrix(sets.train, sets.features);
    const Eigen::VectorXd y = target_vector(sets.train);
    std::vector<double> theta = net.initial_weights(6), with(theta.size()), without(theta.size());
    NetWorkspace ws;
    const std::vector<std::size_t> rows{3, 4, 5};
    CHECK(net.loss_and_gradient(theta, x, y, rows, with, ws) > 0);
    CHECK(net.loss_and_gradient(theta, x, y, rows, without, ws, false) == 0);
    CHECK(without == with);
    CHECK(net.loss_and_gradient(theta, x, y, without, ws, false) == 0);
    theta.back() = std::numeric_limits<double>::infinity();  // the output's bias: every z infinite
    CHECK(std::isnan(net.loss_and_gradient(theta, x, y, without, ws, false)));
  }
}
