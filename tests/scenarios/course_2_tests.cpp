// The course's chapters 4-6 (momentum and Adam, noise and mini-batches, warm-up): every sentence of
// each lesson's text, asserted on the lesson's own runs, with the sentence it checks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "lesson_support.hpp"
#include "presets.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// The mean length of the steps that led to rows from..to (both included).
double mean_step(const Trajectory& t, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t k = from; k <= to; ++k) sum += step_length(t, k);
  return sum / static_cast<double>(to - from + 1);
}

// The mean distance of rows from..to (both included) to `target`.
double mean_distance(const Trajectory& t, Vec2 target, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t k = from; k <= to; ++k) sum += distance(t.position[k], target);
  return sum / static_cast<double>(to - from + 1);
}

// How many updates among those that led to rows from..to raised f.
int increases_between(const Trajectory& t, std::size_t from, std::size_t to) {
  int n = 0;
  for (std::size_t k = from; k <= to; ++k) n += t.value[k] > t.value[k - 1];
  return n;
}

// Where plain gradient descent with a small rate goes from p: the basin p lies in.
Vec2 gradient_flow_end(const TestFunction& f, Vec2 p) {
  for (int i = 0; i < 20000; ++i) p = p - 0.002 * f.gradient(p);
  return p;
}

}  // namespace

TEST_CASE("lesson 09: momentum makes RMSprop's steps ten times longer along a valley", "[presets][course]") {
  const Lesson l = lesson("Momentum makes RMSprop's steps");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& heavy = l.runs[0];
  const Trajectory& plain = l.runs[1];
  // "Both runs are RMSprop with eta = 0.001 and rho = 0.9 in the Rosenbrock valley."
  CHECK(l.scenario->course.objective.builtin()->name == "rosenbrock");
  for (const RunSpec& r : l.scenario->course.runs) {
    CHECK(r.hyper.kind == OptimizerKind::rmsprop);
    CHECK(r.hyper.eta == 0.001);
    CHECK(r.hyper.rho == 0.9);
  }
  // "The orange run adds momentum mu = 0.9"
  CHECK(l.scenario->course.runs[0].hyper.momentum == 0.9);
  CHECK(l.scenario->course.runs[1].hyper.momentum == 0);
  // "from step 100 to 300 its steps are 10 times longer: 0.013 against plain RMSprop's 0.0013"
  const double heavy_step = mean_step(heavy, 100, 300);
  const double plain_step = mean_step(plain, 100, 300);
  CHECK(heavy_step / plain_step == Approx(10).epsilon(0.05));
  CHECK(heavy_step == Approx(0.013).margin(0.0005));
  CHECK(plain_step == Approx(0.0013).margin(0.00005));
  // "It comes within 0.01 of the minimum (1, 1) at step 523; plain RMSprop ends at x = -1.25."
  CHECK(first_within(heavy, {1, 1}, 0.01) == 523);
  CHECK(last(plain).x == Approx(-1.25).margin(0.005));
  CHECK(l.scenario->course.steps == 600);
  // "This heavy ball swings from wall to wall at the start and on the narrow last stretch,
  // where its loss rises." It crosses the valley floor y = x^2 at the start and on the last
  // stretch, and f rises there and nowhere in between.
  const auto crossings = [&](std::size_t from, std::size_t to) {
    int n = 0;
    for (std::size_t k = from; k <= to; ++k) {
      const Vec2 a = heavy.position[k - 1], b = heavy.position[k];
      n += (a.y - a.x * a.x < 0) != (b.y - b.x * b.x < 0);
    }
    return n;
  };
  CHECK(crossings(1, 60) >= 4);
  CHECK(crossings(400, 600) >= 50);
  CHECK(increases_between(heavy, 1, 60) > 0);
  CHECK(increases_between(heavy, 61, 420) == 0);
  CHECK(increases_between(heavy, 421, 600) > 0);
}

TEST_CASE("lesson 10: centered RMSprop speeds up where the gradient is steady", "[presets][course]") {
  const Lesson l = lesson("Centered RMSprop speeds up");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& plain = l.runs[0];
  const Trajectory& centered = l.runs[1];
  // "Both runs are RMSprop with eta = 0.01 and rho = 0.9 on the bowl 0.5 (x^2 + 25 y^2), from
  // (2.5, 1.5); their first steps nearly match, 0.033 and 0.032 in each coordinate."
  CHECK(l.scenario->course.objective.builtin()->name == "quadratic");
  CHECK(l.scenario->course.start == Vec2{2.5, 1.5});
  for (const RunSpec& r : l.scenario->course.runs) {
    CHECK(r.hyper.kind == OptimizerKind::rmsprop);
    CHECK((r.hyper.eta == 0.01 && r.hyper.rho == 0.9 && r.hyper.momentum == 0));
  }
  CHECK_FALSE(l.scenario->course.runs[0].hyper.centered);
  CHECK(l.scenario->course.runs[1].hyper.centered);
  CHECK(std::fabs(step_vector(centered, 1).x) == Approx(0.033).margin(0.0005));
  CHECK(std::fabs(step_vector(centered, 1).y) == Approx(0.033).margin(0.0005));
  CHECK(std::fabs(step_vector(plain, 1).x) == Approx(0.032).margin(0.0005));
  CHECK(std::fabs(step_vector(plain, 1).y) == Approx(0.032).margin(0.0005));
  // "Both step sizes first fall while G, which starts at 0, fills up."
  for (std::size_t k = 1; k < 6; ++k) {
    CHECK(plain.step_size[k].x < plain.step_size[k - 1].x);
    CHECK(centered.step_size[k].x < centered.step_size[k - 1].x);
  }
  CHECK(plain.accumulator[0].x < plain.accumulator[5].x);
  // "Down the long slope in x the gradient changes slowly, so its spread is small: the step size in
  // x grows at every update after the sixth, and at step 40 it is 6 times plain
  // RMSprop's" (step_size[k] is that of update k + 1)
  for (std::size_t k = 6; k < centered.step_size.size(); ++k)
    CHECK(centered.step_size[k].x > centered.step_size[k - 1].x);
  CHECK(centered.step_size[5].x < centered.step_size[4].x);
  CHECK(centered.step_size[39].x / plain.step_size[39].x == Approx(6).margin(0.25));
  // The spread sqrt(G - gavg^2) = eta / step size (eps aside) is then about a fifth of the size sqrt(G).
  CHECK(0.01 / centered.step_size[39].x < 0.25 * std::sqrt(centered.accumulator[39].x));
  // "The centered run is within 0.1 of the minimum at step 100; plain RMSprop is 1.5 away."
  CHECK(first_within(centered, {0, 0}, 0.1) == 100);
  CHECK(length(plain.position[100]) == Approx(1.5).margin(0.05));
}

TEST_CASE("lesson 11: without bias correction, Adam's first step is 3.2 times eta", "[presets][course]") {
  const Lesson l = lesson("Without bias correction, Adam's first step");
  const Trajectory& with = l.runs[0];
  const Trajectory& without = l.runs[1];
  REQUIRE(l.scenario->course.runs[0].hyper.bias_correction);
  REQUIRE_FALSE(l.scenario->course.runs[1].hyper.bias_correction);
  const Hyperparameters& h = l.scenario->course.runs[0].hyper;
  REQUIRE(h.eta == l.scenario->course.runs[1].hyper.eta);
  CHECK((h.beta1 == 0.9 && h.beta2 == 0.999));
  // "Without it, v (beta2 = 0.999) stays too small much longer than m (beta1 = 0.9)": after 20
  // updates m holds 88% of its full weight 1 - beta1^t, v only 2%.
  CHECK(1 - std::pow(h.beta1, 20) > 0.87);
  CHECK(1 - std::pow(h.beta2, 20) < 0.02);
  // "the first step is 0.1 / sqrt(0.001) = 3.2 times eta in each coordinate"
  CHECK(std::fabs(step_vector(without, 1).x) == Approx(h.eta * 0.1 / std::sqrt(0.001)).epsilon(1e-6));
  CHECK(std::fabs(step_vector(without, 1).y) == Approx(h.eta * 0.1 / std::sqrt(0.001)).epsilon(1e-6));
  CHECK(0.1 / std::sqrt(0.001) == Approx(3.2).margin(0.05));
  // How far a run went beyond 0 in each coordinate (the start is in the positive quadrant).
  const auto past = [](const Trajectory& t) {
    Vec2 most{0, 0};
    for (Vec2 p : t.position) most = Vec2{std::max(most.x, -p.x), std::max(most.y, -p.y)};
    return most;
  };
  // "and the run swings 0.87 past the minimum in x."
  CHECK(past(without).x == Approx(0.87).margin(0.005));
  CHECK(past(without).y < past(without).x);
  CHECK(length(last(without)) < 1e-4);
  // "With it the first step is exactly eta and the run swings past by at most 0.09 (in y)."
  CHECK(std::fabs(step_vector(with, 1).x) == Approx(h.eta).epsilon(1e-6));
  CHECK(std::fabs(step_vector(with, 1).y) == Approx(h.eta).epsilon(1e-6));
  CHECK(past(with).y == Approx(0.09).margin(0.005));
  CHECK(past(with).x < past(with).y);
  CHECK(length(last(with)) < 1e-3);
  // "Without it the steps stay (1 - beta1^t) / sqrt(1 - beta2^t) times too large, still 2.3 at step 200,
  // as with a larger eta: after its swing it settles sooner, within 0.01 from step 101 against 123." (of
  // the minimum) The factor is the ratio of the uncorrected m / sqrt(v) to the corrected one.
  const auto factor = [&h](double t) { return (1 - std::pow(h.beta1, t)) / std::sqrt(1 - std::pow(h.beta2, t)); };
  for (int t = 1; t <= l.scenario->course.steps; ++t) CHECK(factor(t) > 1);
  CHECK(l.scenario->course.steps == 200);
  CHECK(factor(200) == Approx(2.3).margin(0.05));
  CHECK(settles_within(without, Vec2{0, 0}, 0.01) == 101);
  CHECK(settles_within(with, Vec2{0, 0}, 0.01) == 123);
  // "With beta1 = 0 and no bias correction Adam is exactly RMSprop with rho = beta2": the same path,
  // bit for bit, from this lesson's start.
  Scenario pair = *l.scenario;
  pair.course.runs.resize(2);
  pair.course.runs[0].hyper.beta1 = 0;
  pair.course.runs[0].hyper.bias_correction = false;
  pair.course.runs[1].hyper = defaults(OptimizerKind::rmsprop);
  pair.course.runs[1].hyper.eta = h.eta;
  pair.course.runs[1].hyper.rho = h.beta2;
  pair.course.runs[1].hyper.eps = h.eps;
  const std::vector<Trajectory> both = simulate(pair.course);
  CHECK(both[0].position == both[1].position);
}

TEST_CASE("lesson 12: Adam averages its momentum, PyTorch's RMSprop adds it up", "[presets][course]") {
  const Lesson l = lesson("Adam averages its momentum");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& adam = l.runs[1];
  const Hyperparameters& r = l.scenario->course.runs[0].hyper;
  const Hyperparameters& a = l.scenario->course.runs[1].hyper;
  // "Both runs use eta = 0.01 on the bowl 0.5 (x^2 + 25 y^2), with rho = beta2 = 0.9 and
  // mu = beta1 = 0.9."
  CHECK(l.scenario->course.objective.builtin()->name == "quadratic");
  CHECK((r.kind == OptimizerKind::rmsprop && a.kind == OptimizerKind::adam));
  CHECK((r.eta == 0.01 && a.eta == 0.01));
  CHECK((r.rho == 0.9 && a.beta2 == 0.9));
  CHECK((r.momentum == 0.9 && a.beta1 == 0.9));
  CHECK((!r.centered && a.bias_correction));
  // "Adam's steps are never longer than eta in each coordinate (its momentum still carries it 0.04
  // past y = 0)"
  for (std::size_t k = 1; k < adam.rows(); ++k) {
    CHECK(std::fabs(step_vector(adam, k).x) <= a.eta * (1 + 1e-9));
    CHECK(std::fabs(step_vector(adam, k).y) <= a.eta * (1 + 1e-9));
  }
  double lowest = 0;
  for (Vec2 p : adam.position) lowest = std::min(lowest, p.y);
  CHECK(lowest == Approx(-0.04).margin(0.005));
  // "at step 10 its steps are 9.4 times Adam's"
  CHECK(step_length(rmsprop, 10) / step_length(adam, 10) == Approx(9.4).margin(0.05));
  // "It swings past the minimum and circles it, stays within 0.01 of it from step 84 and hops there"
  double left = 0, below = 0;
  for (Vec2 p : rmsprop.position) {
    left = std::min(left, p.x);
    below = std::min(below, p.y);
  }
  CHECK(left < -0.15);
  CHECK(below < -0.2);
  CHECK(increases_of_f(rmsprop) > 20);
  CHECK(settles_within(rmsprop, {0, 0}, 0.01) == 84);
  CHECK(mean_step(rmsprop, 151, 200) > 0.003);
  // "Adam is still at x = 0.51 after 200 steps."
  CHECK(l.scenario->course.steps == 200);
  CHECK(last(adam).x == Approx(0.51).margin(0.005));
}

TEST_CASE("lesson 13: with mini-batches RMSprop keeps wandering; AdaGrad and a decay settle",
          "[presets][course][data]") {
  const Lesson l = lesson("Mini-batch noise: RMSprop keeps wandering");
  REQUIRE(l.runs.size() == 3);
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& cosine = l.runs[1];
  const Trajectory& adagrad = l.runs[2];
  const auto& spec = l.scenario->course.runs;
  CHECK(spec[0].hyper.kind == OptimizerKind::rmsprop);
  CHECK(spec[1].hyper.kind == OptimizerKind::rmsprop);
  CHECK(spec[1].schedule.kind == ScheduleKind::cosine);
  CHECK(spec[2].hyper.kind == OptimizerKind::adagrad);
  // "Linear regression on line.csv (64 points), each gradient taken on a mini-batch of 4 points,
  // reshuffled every pass (seed 1)."
  REQUIRE(l.scenario->course.objective.is_data());
  CHECK(l.scenario->course.objective.data()->size() == 64);
  CHECK(l.scenario->course.seed == 1);
  for (const RunSpec& r : spec) CHECK((r.batch == 4 && r.shuffle));
  // "The three runs see the same batches and take the same first step, 0.16 in each coordinate
  // (AdaGrad's eta = 0.05 / sqrt(1 - 0.9))."
  CHECK((spec[0].hyper.eta == 0.05 && spec[0].hyper.rho == 0.9));
  CHECK((spec[1].hyper.eta == 0.05 && spec[1].hyper.rho == 0.9));
  CHECK(spec[2].hyper.eta == Approx(0.05 / std::sqrt(1 - 0.9)).epsilon(1e-9));
  for (const Trajectory& t : l.runs) {
    CHECK(t.gradient[0] == rmsprop.gradient[0]);
    CHECK(std::fabs(step_vector(t, 1).x) == Approx(0.158).margin(0.001));
    CHECK(std::fabs(step_vector(t, 1).y) == Approx(0.158).margin(0.001));
  }
  const Vec2 minimum = l.scenario->course.objective.minima().at(0);
  REQUIRE(rmsprop.rows() == 401);
  // "Near the minimum only noise is left in the gradients": over the last 100 updates the batch
  // gradients' mean is small beside their spread.
  Vec2 sum{}, squares{};
  for (std::size_t k = 300; k < 400; ++k) {
    sum = sum + rmsprop.gradient[k];
    squares = squares + rmsprop.gradient[k] * rmsprop.gradient[k];
  }
  CHECK(std::fabs(sum.x / 100) < 0.3 * std::sqrt(squares.x / 100));
  CHECK(std::fabs(sum.y / 100) < 0.3 * std::sqrt(squares.y / 100));
  // "RMSprop's G averages about the last ten squared gradients, so g / sqrt(G) stays near 1 and its steps
  // about 0.06 long: over steps 101-400 it is 0.083 from the minimum on average."
  double scaled = 0;
  for (std::size_t k = 300; k < 400; ++k)
    scaled += std::fabs(rmsprop.gradient[k].x) / std::sqrt(rmsprop.accumulator[k].x);
  CHECK(scaled / 100 > 0.6);
  CHECK(scaled / 100 < 1.4);
  CHECK(mean_step(rmsprop, 301, 400) == Approx(0.06).margin(0.005));
  CHECK(mean_distance(rmsprop, minimum, 101, 400) == Approx(0.083).margin(0.001));
  // "AdaGrad's G keeps growing, so its w step size shrinks from 0.033 to 0.0055: 0.019, the tightest
  // cloud." (w is x; the cloud over steps 101-400, as above)
  for (std::size_t k = 1; k < adagrad.step_size.size(); ++k) {
    CHECK(adagrad.accumulator[k].x >= adagrad.accumulator[k - 1].x);
    CHECK(adagrad.step_size[k].x <= adagrad.step_size[k - 1].x);
  }
  CHECK(adagrad.step_size.front().x == Approx(0.033).margin(0.0005));
  CHECK(adagrad.step_size.back().x == Approx(0.0055).margin(0.00005));
  CHECK(mean_distance(adagrad, minimum, 101, 400) == Approx(0.019).margin(0.0005));
  // "Cosine decay wanders more (0.032) until its rate falls to nearly 0: over steps 301-400, 0.008
  // against AdaGrad's 0.017."
  CHECK(mean_distance(cosine, minimum, 101, 400) == Approx(0.032).margin(0.0005));
  CHECK(mean_distance(adagrad, minimum, 101, 400) < mean_distance(cosine, minimum, 101, 400));
  CHECK(spec[1].schedule.eta(400, 0.05, 400) < 1e-4 * 0.05);
  CHECK(cosine.step_size.back().x < 1e-4 * cosine.step_size.front().x);
  CHECK(mean_distance(cosine, minimum, 301, 400) == Approx(0.008).margin(0.0005));
  CHECK(mean_distance(adagrad, minimum, 301, 400) == Approx(0.017).margin(0.0005));
  // "A loss curve's deep dips are steps that land by chance next to the minimum": every row whose
  // f - f* is 30 times below both neighbours' lies within a third of its run's mean distance
  // (steps 101-400) of the minimum; AdaGrad's deepest, at step 306, 0.0004 from it.
  const double lowest = l.scenario->course.objective.value(minimum);
  int dips = 0;
  for (const Trajectory& t : l.runs) {
    const double typical = mean_distance(t, minimum, 101, 400);
    for (std::size_t k = 1; k + 1 < t.rows(); ++k) {
      const double here = t.value[k] - lowest;
      if (30 * here < t.value[k - 1] - lowest && 30 * here < t.value[k + 1] - lowest) {
        ++dips;
        CHECK(distance(t.position[k], minimum) < typical / 3);
      }
    }
  }
  CHECK(dips >= 3);
  const auto deepest = std::min_element(adagrad.value.begin(), adagrad.value.end());
  CHECK(deepest - adagrad.value.begin() == 306);
  CHECK(distance(adagrad.position[306], minimum) == Approx(0.0004).margin(0.0001));
}

TEST_CASE("lesson 14: a warm-up keeps RMSprop and Adam from leaping to a far minimum", "[presets][course][schedule]") {
  const Lesson l = lesson("A warm-up keeps RMSprop and Adam");
  REQUIRE(l.runs.size() == 4);
  const TestFunction& f = *l.scenario->course.objective.builtin();
  const auto& spec = l.scenario->course.runs;
  // "Himmelblau's function from (0.9, -1.8), where the nearest minimum is (3.58, -1.85)."
  CHECK(f.name == "himmelblau");
  const Vec2 start = l.scenario->course.start;
  CHECK(start == Vec2{0.9, -1.8});
  const Vec2 near = *std::min_element(f.minima.begin(), f.minima.end(),
                                      [&](Vec2 a, Vec2 b) { return distance(a, start) < distance(b, start); });
  CHECK(near.x == Approx(3.58).margin(0.005));
  CHECK(near.y == Approx(-1.85).margin(0.005));
  CHECK(distance(gradient_flow_end(f, start), near) < 1e-6);
  // "RMSprop's first step is eta / sqrt(1 - rho) in each coordinate whatever the gradient: with
  // eta = 0.1 and rho = 0.99 it is 1. Adam's first step is eta in each coordinate; with eta = 1 it
  // is the same."
  CHECK((spec[0].hyper.kind == OptimizerKind::rmsprop && spec[1].hyper.kind == OptimizerKind::rmsprop));
  CHECK((spec[2].hyper.kind == OptimizerKind::adam && spec[3].hyper.kind == OptimizerKind::adam));
  for (std::size_t i : {0u, 1u}) CHECK((spec[i].hyper.eta == 0.1 && spec[i].hyper.rho == 0.99));
  for (std::size_t i : {2u, 3u}) CHECK(spec[i].hyper.eta == 1);
  for (std::size_t i : {0u, 2u}) {
    CHECK(std::fabs(step_vector(l.runs[i], 1).x) == Approx(1).epsilon(1e-6));
    CHECK(std::fabs(step_vector(l.runs[i], 1).y) == Approx(1).epsilon(1e-6));
  }
  // "Their first three steps carry both into the basin of the minimum (3, 2), where they end." The
  // basin of a point: where gradient descent with a small rate goes from it.
  for (std::size_t i : {0u, 2u}) {
    CHECK(distance(gradient_flow_end(f, l.runs[i].position[3]), {3, 2}) < 1e-6);
    CHECK(distance(last(l.runs[i]), {3, 2}) < 1e-6);
  }
  // "A linear warm-up raises the rate from 0.1 eta to eta over the first 100 updates: the first
  // steps are 10 times shorter, and both runs roll into the nearest minimum."
  for (std::size_t i : {1u, 3u}) {
    const Schedule& s = spec[i].schedule;
    CHECK((s.warmup == 100 && s.warmup_start == 0.1));
    CHECK(step_length(l.runs[i - 1], 1) / step_length(l.runs[i], 1) == Approx(10).epsilon(1e-6));
    CHECK(distance(last(l.runs[i]), near) < 1e-6);
  }
  // "All four rates then decay to 0 along a cosine; until they are small, the runs hop around their
  // minimum and Adam's momentum swings it in loops." Each run's f rises again and again before
  // step 250, and its last step is nothing; Adam with warm-up circles its minimum: it passes on
  // both sides of it in x and in y after having come within 0.3 of it.
  CHECK(l.scenario->course.steps == 500);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("run " << i);
    CHECK(spec[i].schedule.kind == ScheduleKind::cosine);
    CHECK(spec[i].schedule.eta_min == 0);
    CHECK(step_length(l.runs[i], 500) < 1e-6);
    CHECK(increases_between(l.runs[i], 1, 250) >= 5);
  }
  const Trajectory& adam = l.runs[3];
  const long arrived = first_within(adam, near, 0.3);
  REQUIRE(arrived > 0);
  Vec2 low = near, high = near;
  for (std::size_t k = static_cast<std::size_t>(arrived); k < adam.rows(); ++k) {
    low = {std::min(low.x, adam.position[k].x), std::min(low.y, adam.position[k].y)};
    high = {std::max(high.x, adam.position[k].x), std::max(high.y, adam.position[k].y)};
  }
  CHECK(near.x - low.x > 0.1);
  CHECK(high.x - near.x > 0.1);
  CHECK(near.y - low.y > 0.1);
  CHECK(high.y - near.y > 0.1);
  // The slide: no plot (the loss would not tell the two minima apart, f = 0 at both), the canvas at
  // step 20, where each path drawn so far already lies in the basin it ends in: the leaps of the
  // runs without warm-up to (3, 2), the short first steps of the others towards the nearest minimum.
  CHECK(l.scenario->lesson.plots.empty());
  REQUIRE(l.scenario->lesson.step == 20);
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("run " << i);
    const Vec2 end = i % 2 == 0 ? Vec2{3, 2} : near;
    CHECK(distance(gradient_flow_end(f, l.runs[i].position[20]), end) < 1e-6);
  }
}
