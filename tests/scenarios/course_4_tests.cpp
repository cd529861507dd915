// The course's chapter 10 (lessons 22-25): networks trained with the same optimizers. Every sentence
// of a lesson's text is asserted here, with the sentence it checks; the runs are trained as the window
// and the slides train them (network_start, window_recording, train_scenario_run).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "plane.hpp"
#include "presets.hpp"
#include "scenario.hpp"

using namespace optviz;

namespace {

struct NetLesson {
  const Scenario* scenario = nullptr;
  NetStart start;
  std::vector<NetRun> runs;
};

const Scenario& preset(std::string_view title_start) {
  for (const Scenario& s : lesson_presets())
    if (s.title.starts_with(title_start)) return s;
  FAIL("no lesson titled " << title_start);
  throw;
}

NetLesson net_lesson(std::string_view title_start) {
  const Scenario& s = preset(title_start);
  REQUIRE(s.network);
  NetLesson l{&s, network_start(s), {}};
  const NetRecording recording = window_recording(l.start, s.course.steps);
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) l.runs.push_back(train_scenario_run(s, l.start, i, recording));
  return l;
}

// The half-decade grid of learning rates every comparison of the chapter tunes on.
const std::vector<double> kGrid{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1};

// The training loss at the last step of run `index` with each eta of the grid, else as the lesson has it.
std::vector<double> final_losses(const NetLesson& l, std::size_t index) {
  std::vector<double> losses;
  const Scenario& s = *l.scenario;
  for (double eta : kGrid) {
    RunSpec run = s.course.runs[index];
    run.hyper.eta = eta;
    const NetRun r = train_network(l.start.net, l.start.theta, l.start.sets, run, s.course.steps, s.course.seed,
                                   NetRecording{.every = s.course.steps});
    losses.push_back(r.diverged_at ? std::numeric_limits<double>::infinity() : r.loss.back());
  }
  return losses;
}

double best_eta(const NetLesson& l, std::size_t index) {
  const std::vector<double> losses = final_losses(l, index);
  return kGrid[static_cast<std::size_t>(std::min_element(losses.begin(), losses.end()) - losses.begin())];
}

// The first recorded step whose training loss is below `level`, or -1.
long first_below(const NetRun& r, double level) {
  for (std::size_t k = 0; k < r.rows(); ++k)
    if (r.loss[k] < level) return r.step[k];
  return -1;
}

// The first recorded step from which the training loss stays below `level`, or -1.
long stays_below(const NetRun& r, double level) {
  long from = -1;
  for (std::size_t k = r.rows(); k-- > 0;) {
    if (r.loss[k] >= level) break;
    from = r.step[k];
  }
  return from;
}

// The statistics row of layer `layer`'s weights recorded after update `step` (1 ..).
const LayerStats& weights_at(const NetRun& r, long step, std::size_t layer) {
  for (const LayerStats& row : r.layer_stats)
    if (row.step == step && row.layer == layer && row.kind == ParameterKind::weight) return row;
  FAIL("no statistics of layer " << layer << " at step " << step);
  throw;
}

// The share of updates that raised the training loss (a run recorded at every step).
double share_rising(const NetRun& r, long from = 0, long to = -1) {
  int rises = 0, steps = 0;
  for (std::size_t k = 1; k < r.rows(); ++k)
    if (r.step[k] > from && (to < 0 || r.step[k] <= to)) {
      ++steps;
      rises += r.loss[k] > r.loss[k - 1];
    }
  return static_cast<double>(rises) / steps;
}

// The steps at which the training loss more than doubled.
std::vector<long> jumps(const NetRun& r) {
  std::vector<long> out;
  for (std::size_t k = 1; k < r.rows(); ++k)
    if (r.loss[k] > 2 * r.loss[k - 1]) out.push_back(r.step[k]);
  return out;
}

double median_step_size(const NetRun& r, long step, std::size_t layer) {
  return weights_at(r, step, layer).step_size.quantiles[kMedian];
}

// Lesson 22's network, data, start and steps, as lessons 23 and 25 say they take them.
void check_lesson_22s_setting(const Scenario& s, const Scenario& spiral) {
  CHECK(*s.network == *spiral.network);
  CHECK(s.course.steps == spiral.course.steps);
  CHECK(s.course.seed == spiral.course.seed);
}

}  // namespace

TEST_CASE("lesson 22: RMSprop gives each of a network's 105 weights its own step size and learns the spiral",
          "[presets][course][network]") {
  const NetLesson l = net_lesson("From two parameters to many");
  const Scenario& s = *l.scenario;
  REQUIRE(l.runs.size() == 2);
  const NetRun& sgd = l.runs[0];
  const NetRun& rmsprop = l.runs[1];
  CHECK(s.course.runs[0].hyper.kind == OptimizerKind::sgd);
  CHECK(s.course.runs[1].hyper.kind == OptimizerKind::rmsprop);
  CHECK(s.lesson.view == NetView::data);
  // "This network (2 inputs, two layers of 8 tanh units, 1 output) has 105 weights and biases;"
  CHECK(s.network->features.size() == 2);
  CHECK(s.network->hidden == std::vector<std::size_t>{8, 8});
  CHECK(s.network->activation == Activation::tanh);
  CHECK(l.start.net.parameter_count() == 105);
  // "RMSprop gives each its own G and step size, as it gave x and y theirs": after the first update
  // the first layer's 16 weights have step sizes more than 10 times apart.
  const LayerStats& first = weights_at(rmsprop, 1, 0);
  CHECK(first.count == 16);
  CHECK(first.step_size.quantiles.back() > 10 * first.step_size.quantiles.front());
  // "Both runs start from the same weights and step on all 250 training points,"
  CHECK(sgd.loss.front() == rmsprop.loss.front());
  CHECK(l.start.sets.train.size() == 250);
  for (const RunSpec& run : s.course.runs) CHECK(run.batch == 250);
  // "each with the learning rate that gave it the lowest training loss at step 5000 among 0.001,
  // 0.003, 0.01, ..., 1."
  CHECK(s.course.steps == 5000);
  CHECK(best_eta(l, 0) == s.course.runs[0].hyper.eta);
  CHECK(best_eta(l, 1) == s.course.runs[1].hyper.eta);
  // "SGD's one rate (0.3) is too large for some weights: its loss rises at 37% of its steps and ends
  // at 0.11."
  CHECK(s.course.runs[0].hyper.eta == 0.3);
  REQUIRE(sgd.rows() == 5001);
  CHECK(share_rising(sgd) == Approx(0.37).margin(0.005));
  CHECK(sgd.loss.back() == Approx(0.11).margin(0.005));
  // "RMSprop's (0.003) falls below 0.1 at step 1012;"
  CHECK(s.course.runs[1].hyper.eta == 0.003);
  CHECK(first_below(rmsprop, 0.1) == 1012);
  // "its brief jumps are lesson 8's kick": at each step where its loss more than doubles, the median
  // step size of every layer had grown above its value at step 1012 (the gradients had become
  // small, G had shrunk), and within 10 steps the loss is back under 0.1.
  const std::vector<long> kicks = jumps(rmsprop);
  CHECK(kicks.size() >= 3);
  for (long k : kicks) {
    INFO("jump at step " << k);
    for (std::size_t layer = 0; layer < 3; ++layer)
      CHECK(median_step_size(rmsprop, k - 1, layer) > median_step_size(rmsprop, 1012, layer));
    CHECK(rmsprop.loss[static_cast<std::size_t>(k + 10)] < 0.1);
  }
  // "At step 5000 RMSprop classifies all the training points and 98% of the test points, SGD 96% and
  // 89%."
  CHECK(rmsprop.accuracy.back() == 1.0);
  CHECK(rmsprop.test_accuracy.back() == Approx(0.98).margin(0.005));
  CHECK(sgd.accuracy.back() == Approx(0.96).margin(0.005));
  CHECK(sgd.test_accuracy.back() == Approx(0.89).margin(0.005));
}

TEST_CASE("lesson 23: AdaGrad's step sizes all shrink, RMSprop's come back, each weight's its own",
          "[presets][course][network]") {
  const NetLesson l = net_lesson("Why each weight gets its own step size");
  const Scenario& s = *l.scenario;
  const Scenario& spiral = preset("From two parameters to many");
  REQUIRE(l.runs.size() == 2);
  const NetRun& adagrad = l.runs[0];
  const NetRun& rmsprop = l.runs[1];
  CHECK(s.lesson.view == NetView::layers);
  CHECK(s.lesson.quantity == LayerQuantity::step_size);
  // "Lesson 22's network, data and start: AdaGrad (0.1) against RMSprop (0.003), each at its best
  // rate of the same grid."
  check_lesson_22s_setting(s, spiral);
  CHECK(s.course.runs[0].hyper.kind == OptimizerKind::adagrad);
  CHECK(s.course.runs[0].hyper.eta == 0.1);
  CHECK(s.course.runs[1] == spiral.course.runs[1]);
  CHECK(best_eta(l, 0) == 0.1);
  // "A band spans one layer's step sizes from the 5th to the 95th percentile of its weights; the line
  // is their median." (layer_bands.hpp draws kQuantile05 .. kQuantile95 and kMedian)
  CHECK(kQuantileLevels[kQuantile05] == 0.05);
  CHECK(kQuantileLevels[kQuantile95] == 0.95);
  CHECK(kQuantileLevels[kMedian] == 0.5);
  // "AdaGrad's sum only grows, so every weight's step size only shrinks": every quantile of every
  // layer's step sizes is at most what it was the step before.
  std::size_t checked = 0;
  for (std::size_t i = 0; i < adagrad.layer_stats.size(); ++i) {
    const LayerStats& now = adagrad.layer_stats[i];
    if (now.step == 1) continue;
    for (const LayerStats& before : adagrad.layer_stats)
      if (before.step == now.step - 1 && before.layer == now.layer && before.kind == now.kind) {
        for (std::size_t q = 0; q < kQuantiles; ++q) CHECK(now.step_size.quantiles[q] <= before.step_size.quantiles[q]);
        ++checked;
        break;
      }
    if (checked > 3000) break;  // enough steps; each takes a search
  }
  CHECK(checked > 3000);
  // "at step 5000 the medians are 8, 9 and 4 times below their first."
  const double below[] = {8, 9, 4};
  for (std::size_t layer = 0; layer < 3; ++layer)
    CHECK(median_step_size(adagrad, 1, layer) / median_step_size(adagrad, 5000, layer) ==
          Approx(below[layer]).margin(0.5));
  // "RMSprop's average forgets: its medians end 8.5, 5 and 113 times above their first."
  const double above[] = {8.5, 5, 113};
  for (std::size_t layer = 0; layer < 3; ++layer)
    CHECK(median_step_size(rmsprop, 5000, layer) / median_step_size(rmsprop, 1, layer) ==
          Approx(above[layer]).epsilon(0.05));
  // "Each of its jumps in loss cuts its step sizes, which then climb again": after each step where the
  // loss more than doubles, every layer's median step size falls within 50 steps below what it was
  // before the jump, and 400 steps later (or at the end) it is above that low.
  for (long k : jumps(rmsprop)) {
    INFO("jump at step " << k);
    for (std::size_t layer = 0; layer < 3; ++layer) {
      double low = median_step_size(rmsprop, k, layer);
      for (long j = k + 1; j <= std::min(k + 50, s.course.steps); ++j)
        low = std::min(low, median_step_size(rmsprop, j, layer));
      CHECK(low < median_step_size(rmsprop, k - 1, layer));
      CHECK(median_step_size(rmsprop, std::min(k + 400, s.course.steps), layer) > low);
    }
  }
  // "In layer 1 they span 3.5 decades at step 5000: no single learning rate suits every weight."
  const Distribution& d = weights_at(rmsprop, 5000, 0).step_size;
  CHECK(std::log10(d.quantiles[kQuantile95] / d.quantiles[kQuantile05]) == Approx(3.5).margin(0.05));
}

TEST_CASE("lesson 24: on circles Adam settles sooner and lower than SGD with momentum, each at its best rate",
          "[presets][course][network]") {
  const NetLesson l = net_lesson("Adam against SGD with momentum");
  const Scenario& s = *l.scenario;
  REQUIRE(l.runs.size() == 2);
  const NetRun& momentum = l.runs[0];
  const NetRun& adam = l.runs[1];
  CHECK(s.lesson.view == NetView::data);
  // "TensorFlow Playground's circle: 500 points, half for testing, a 2-4-2-1 tanh network, batches
  // of 10."
  REQUIRE(s.network->recipe);
  CHECK(s.network->recipe->set == Playground::circle);
  CHECK(s.network->recipe->rows == 500);
  CHECK(s.network->test_fraction == 0.5);
  CHECK(l.start.sets.test.size() == 250);
  CHECK(s.network->features.size() == 2);
  CHECK(s.network->hidden == std::vector<std::size_t>{4, 2});
  CHECK(s.network->activation == Activation::tanh);
  for (const RunSpec& run : s.course.runs) CHECK(run.batch == 10);
  // "Both runs start from the same weights and see the same batches," (training seeds are the
  // scenario's, not the run's)
  CHECK(momentum.loss.front() == adam.loss.front());
  // "each with the learning rate that gave it the lowest training loss at step 2000 among 0.001,
  // 0.003, ..., 1: momentum (0.9) at 0.01, Adam at 0.1."
  CHECK(s.course.steps == 2000);
  CHECK(s.course.runs[0].hyper.kind == OptimizerKind::momentum);
  CHECK(s.course.runs[0].hyper.momentum == 0.9);
  CHECK(s.course.runs[0].hyper.eta == 0.01);
  CHECK(s.course.runs[1].hyper.kind == OptimizerKind::adam);
  CHECK(s.course.runs[1].hyper.eta == 0.1);
  CHECK(best_eta(l, 0) == 0.01);
  CHECK(best_eta(l, 1) == 0.1);
  // "Adam's loss stays below 0.05 from step 262, momentum's from step 571; at step 2000 Adam's is 46
  // times lower."
  CHECK(stays_below(adam, 0.05) == 262);
  CHECK(stays_below(momentum, 0.05) == 571);
  CHECK(momentum.loss.back() / adam.loss.back() == Approx(46).margin(0.5));
  // "Adam moves every weight by about eta a step whatever its gradient: at 0.1 its loss jumps up and
  // down until the ring is found." Its first update moves every weight by eta (m/sqrt(v) = +-1 at
  // t = 1); its loss rises at a quarter of its first 260 steps, at a few percent of the rest.
  const NetRun one = train_network(l.start.net, l.start.theta, l.start.sets, s.course.runs[1], 1, s.course.seed,
                                   NetRecording{.every = 1, .snapshot_every = 1});
  REQUIRE(one.snapshots.size() == 2);
  for (std::size_t i = 0; i < one.snapshots[0].size(); ++i)
    CHECK(std::fabs(one.snapshots[1][i] - one.snapshots[0][i]) == Approx(0.1).epsilon(1e-3));
  CHECK(share_rising(adam, 0, 260) > 0.25);
  CHECK(share_rising(adam, 260) < 0.05);
  // "Both classify every test point."
  CHECK(adam.test_accuracy.back() == 1.0);
  CHECK(momentum.test_accuracy.back() == 1.0);
}

TEST_CASE("lesson 25: a PCA plane holds the path's shape but misstates its loss; random directions miss it",
          "[presets][course][network]") {
  const NetLesson l = net_lesson("What a loss-landscape picture");
  const Scenario& s = *l.scenario;
  const Scenario& spiral = preset("From two parameters to many");
  REQUIRE(l.runs.size() == 2);
  const NetRun& run = l.runs[1];
  CHECK(s.lesson.view == NetView::plane);
  CHECK(s.lesson.plane == PlaneKind::pca);
  // "Lesson 22's runs, on the plane of the two principal components of RMSprop's path, through its
  // final weights." (the plane of the run a network's figure shows: preferred_run)
  check_lesson_22s_setting(s, spiral);
  CHECK(s.course.runs == spiral.course.runs);
  CHECK(preferred_run(s) == 1);
  const Eigen::MatrixXd x = input_matrix(l.start.sets.train, l.start.sets.features);
  const Eigen::VectorXd y = target_vector(l.start.sets.train);
  const PlanePaths pca = plane_paths(PlaneKind::pca, l.start.net, l.start.theta, run, nullptr, x, y, s.course.seed);
  const std::vector<PathPoint>& path = pca.paths[0];
  CHECK(path.back().step == 5000);
  CHECK(path.back().off_plane == 0);
  // "The axes hold 93.5% and 4.6% of the path's variance, yet a random walk of as many steps gives
  // 64% and 15%: most of any path lies in two directions."
  CHECK(pca.plane.explained[0] == Approx(0.935).margin(0.0005));
  CHECK(pca.plane.explained[1] == Approx(0.046).margin(0.0005));
  REQUIRE(pca.walk);
  CHECK((*pca.walk)[0] == Approx(0.64).margin(0.005));
  CHECK((*pca.walk)[1] == Approx(0.15).margin(0.005));
  CHECK((*pca.walk)[0] + (*pca.walk)[1] > 0.75);
  // "Each dot is filled with the true loss; the dashed line is the loss the plane shows where the
  // path projects." (plane_view.hpp; here: the true loss is the network's at the snapshot)
  for (std::size_t k = 0; k < path.size(); k += 50) {
    NetWorkspace ws;
    CHECK(path[k].loss == Approx(l.start.net.loss(run.snapshots[k], x, y, ws)).epsilon(1e-12));
  }
  // "At step 3000 the plane shows 0.21 where the network's loss is 0.0015, 140 times less: the valley
  // the run went down lies off the plane."
  const auto at3000 = std::find_if(path.begin(), path.end(), [](const PathPoint& p) { return p.step == 3000; });
  REQUIRE(at3000 != path.end());
  CHECK(at3000->plane_loss == Approx(0.21).margin(0.005));
  CHECK(at3000->loss == Approx(0.0015).margin(0.00005));
  CHECK(at3000->plane_loss / at3000->loss == Approx(140).margin(5));
  CHECK(at3000->off_plane > 0.3);
  // "Two random directions through the end (choose Random) miss the path: its start lies 96% of its
  // distance from the end off that plane."
  const PlanePaths random =
      plane_paths(PlaneKind::random, l.start.net, l.start.theta, run, nullptr, x, y, s.course.seed);
  CHECK(random.paths[0].front().step == 0);
  CHECK(random.paths[0].front().off_plane == Approx(0.96).margin(0.005));
}
