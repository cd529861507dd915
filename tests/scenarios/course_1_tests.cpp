// The course's chapters 1-3 (lessons 01-08): the learning rate, AdaGrad's growing sum, RMSprop's
// moving average. Every sentence of a lesson's text is asserted here, with the sentence it checks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "lesson_support.hpp"
#include "scenario_file.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

constexpr Vec2 kOrigin{0, 0};
constexpr Vec2 kMinimum3{-3, 0};  // of lesson 3's drop and bowl, also lesson 6's

double path_length(const Trajectory& t) {
  double path = 0;
  for (std::size_t k = 1; k < t.rows(); ++k) path += step_length(t, k);
  return path;
}

// The scenario with only run `index`, its eta replaced: one point of a sweep over eta.
Trajectory with_eta(const Scenario& s, std::size_t index, double eta) {
  Scenario one = s;
  one.course.runs = {s.course.runs[index]};
  one.course.runs[0].hyper.eta = eta;
  return simulate(one.course)[0];
}

// The fewest steps after which run `index` stays within r of the origin, over a sweep of eta.
long fastest_settling(const Scenario& s, std::size_t index, double eta_from, double eta_to, double eta_step, double r) {
  long fastest = s.course.steps + 1;
  for (double eta = eta_from; eta <= eta_to + 1e-12; eta += eta_step) {
    const long steps = settles_within(with_eta(s, index, eta), kOrigin, r);
    if (steps >= 0) fastest = std::min(fastest, steps);
  }
  return fastest;
}

}  // namespace

TEST_CASE("lesson 01: too small a learning rate crawls, too large a one bounces", "[presets][course]") {
  const Lesson l = lesson("Too small a learning rate crawls");
  REQUIRE(l.runs.size() == 3);
  const Trajectory& small = l.runs[0];
  const Trajectory& good = l.runs[1];
  const Trajectory& large = l.runs[2];
  // "Gradient descent steps against the gradient, and each step is the learning rate eta times the gradient:
  // long where the slope is steep, short where it is gentle."
  for (std::size_t i = 0; i < 3; ++i) {
    const double eta = l.scenario->course.runs[i].hyper.eta;
    for (std::size_t k = 1; k < l.runs[i].rows(); ++k) {
      const Vec2 expected = l.runs[i].gradient[k - 1] * -eta;
      CHECK(distance(step_vector(l.runs[i], k), expected) < 1e-12 * (1 + length(expected)));
    }
  }
  // "The three runs start together on the bowl f = 0.5(x^2 + 3y^2) and take 40 steps each."
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{-2.5, 2}})
    CHECK(l.scenario->course.objective.value(p) == Approx(0.5 * (p.x * p.x + 3 * p.y * p.y)).epsilon(1e-12));
  CHECK(l.scenario->course.steps == 40);
  // "With eta = 0.05 the steps are short: the run crawls and ends 0.32 from the minimum (0, 0)."
  CHECK(l.scenario->course.runs[0].hyper.eta == 0.05);
  CHECK(length(last(small)) == Approx(0.32).margin(0.005));
  // "With eta = 0.3 it is within 0.01 of the minimum from step 16 on."
  CHECK(l.scenario->course.runs[1].hyper.eta == 0.3);
  CHECK(settles_within(good, kOrigin, 0.01) == 16);
  // "With eta = 0.65 every step in y overshoots the valley's floor: the run bounces from side to side,
  // each bounce only 5% smaller than the last, and ends 0.26 away."
  CHECK(l.scenario->course.runs[2].hyper.eta == 0.65);
  for (std::size_t k = 1; k < large.rows(); ++k)
    CHECK(large.position[k].y / large.position[k - 1].y == Approx(-0.95).epsilon(1e-9));
  CHECK(length(last(large)) == Approx(0.26).margin(0.005));
}

TEST_CASE("lesson 02: past eta = 2 / curvature, gradient descent diverges", "[presets][course]") {
  const Lesson l = lesson("Past eta = 2 / curvature");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& below = l.runs[0];
  const Trajectory& above = l.runs[1];
  // "Along y this bowl, f = 0.5(x^2 + 3y^2), has curvature 3: the slope in y is 3y, so a step of gradient
  // descent multiplies y by 1 - 3 eta."
  const Objective& f = l.scenario->course.objective;
  CHECK(l.scenario->course.objective == lesson("Too small a learning rate crawls").scenario->course.objective);
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{-2, 0.25}}) CHECK(f.gradient(p).y == Approx(3 * p.y).epsilon(1e-12));
  // "With eta = 0.65 that factor is -0.95: each step jumps across the valley's floor to a point 5% closer,
  // and the run stays within 0.01 of the minimum from step 104 on."
  CHECK(l.scenario->course.runs[0].hyper.eta == 0.65);
  for (std::size_t k = 1; k < below.rows(); ++k)
    CHECK(below.position[k].y / below.position[k - 1].y == Approx(-0.95).epsilon(1e-9));
  CHECK(settles_within(below, kOrigin, 0.01) == 104);
  // "With eta = 0.7 the factor is -1.1: each bounce is 10% wider than the last, the run leaves the view
  // at step 3 and diverges."
  CHECK(l.scenario->course.runs[1].hyper.eta == 0.7);
  for (std::size_t k = 1; k < above.rows(); ++k)
    CHECK(above.position[k].y / above.position[k - 1].y == Approx(-1.1).epsilon(1e-9));
  const double top = l.scenario->view.max.y;
  long leaves = -1;
  for (std::size_t k = 0; k < above.rows() && leaves < 0; ++k)
    if (std::fabs(above.position[k].y) > top) leaves = static_cast<long>(k);
  CHECK(leaves == 3);
  for (std::size_t k = 3; k < above.rows(); ++k) CHECK(std::fabs(above.position[k].y) > top);
  CHECK(above.value.back() > 1e9);
  // "The limit is eta = 2/3, two over the curvature: 0.65 lies just below it, 0.7 just above."
  CHECK(0.65 < 2.0 / 3);
  CHECK(0.7 > 2.0 / 3);
}

TEST_CASE("lesson 03: AdaGrad's step size shrinks for good, RMSprop's recovers", "[presets][course]") {
  const Lesson l = lesson("AdaGrad's step size shrinks for good");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& adagrad = l.runs[0];
  const Trajectory& rmsprop = l.runs[1];
  const Hyperparameters& ha = l.scenario->course.runs[0].hyper;
  const Hyperparameters& hr = l.scenario->course.runs[1].hyper;
  REQUIRE(ha.kind == OptimizerKind::adagrad);
  REQUIRE(hr.kind == OptimizerKind::rmsprop);
  // "Both runs go down a steep drop along x (slope about 8), then across a gentle bowl to its minimum
  // (-3, 0)."
  const Vec2 minimum = kMinimum3;
  CHECK(length(l.scenario->course.objective.gradient(minimum)) < 1e-12);
  double steepest = 0;
  for (const Vec2 g : adagrad.gradient) steepest = std::max(steepest, std::fabs(g.x));
  CHECK(steepest == Approx(8).margin(0.5));
  CHECK(std::fabs(adagrad.gradient.back().x) < 0.5);
  // "Their first steps are equal: RMSprop's first step is eta / sqrt(1 - rho) per coordinate, so AdaGrad's
  // eta = 0.2 is matched by RMSprop's 0.2 sqrt(0.1) = 0.063 with rho = 0.9."
  CHECK(ha.eta == 0.2);
  CHECK(hr.rho == 0.9);
  CHECK(hr.eta == Approx(0.2 * std::sqrt(0.1)).epsilon(1e-15));
  CHECK(hr.eta == Approx(0.063).margin(5e-4));
  CHECK(std::fabs(step_vector(rmsprop, 1).x) == Approx(hr.eta / std::sqrt(1 - hr.rho)).epsilon(1e-6));
  CHECK(std::fabs(step_vector(rmsprop, 1).y) == Approx(hr.eta / std::sqrt(1 - hr.rho)).epsilon(1e-6));
  CHECK(distance(step_vector(rmsprop, 1), step_vector(adagrad, 1)) < 1e-6 * step_length(adagrad, 1));
  // "AdaGrad divides by the root of the sum of all past squared gradients: the drop stays in that sum, its x
  // step size ends 5 times below its first, and it turns down along y and stops halfway."
  const std::vector<Vec2>& lr_a = adagrad.step_size;
  for (std::size_t k = 1; k < lr_a.size(); ++k) CHECK(lr_a[k].x <= lr_a[k - 1].x);
  CHECK(lr_a.front().x / lr_a.back().x == Approx(5).margin(0.4));
  double moved_x = 0, moved_y = 0;  // after the drop
  for (std::size_t k = 20; k < adagrad.rows(); ++k) {
    moved_x += std::fabs(step_vector(adagrad, k).x);
    moved_y += std::fabs(step_vector(adagrad, k).y);
  }
  CHECK(moved_y > 1.5 * moved_x);
  CHECK(distance(last(adagrad), minimum) / distance(l.scenario->course.start, minimum) == Approx(0.5).margin(0.05));
  // "RMSprop's average forgets the drop: its x step size is back above its first by step 34; it stays within
  // 0.01 of the minimum from step 141, where its step size keeps growing (lesson 8)."
  const std::vector<Vec2>& lr_r = rmsprop.step_size;
  std::size_t back = 1;
  while (back < lr_r.size() && lr_r[back].x <= lr_r.front().x) ++back;
  CHECK(back + 1 == 34);  // step_size[k] is update k + 1
  const long settled = settles_within(rmsprop, minimum, 0.01);
  CHECK(settled == 141);
  for (auto k = static_cast<std::size_t>(settled); k < lr_r.size(); ++k) CHECK(lr_r[k].x > lr_r[k - 1].x);
}

TEST_CASE("lesson 04: on an axis-aligned bowl, AdaGrad's per-coordinate step sizes win", "[presets][course]") {
  const Lesson l = lesson("On an axis-aligned bowl");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& sgd = l.runs[0];
  const Trajectory& adagrad = l.runs[1];
  REQUIRE(l.scenario->course.runs[1].hyper.kind == OptimizerKind::adagrad);
  // "The bowl f = 0.5(x^2 + 25y^2) is 25 times more curved along y than along x, and both directions are
  // axes."
  const Objective& f = l.scenario->course.objective;
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{2.5, 1.5}}) CHECK(f.value(p) == Approx(0.5 * (p.x * p.x + 25 * p.y * p.y)));
  // "Gradient descent has one step size for both: above 2/25 it diverges along y (lesson 2), so with eta =
  // 0.076, near its fastest, it zigzags across y while it creeps along x, and stays within 0.01 of the
  // minimum only from step 70 on, and no eta from 0.01 to 0.08 does better."
  const Trajectory too_large = with_eta(*l.scenario, 0, 0.081);
  for (std::size_t k = 1; k < too_large.rows(); ++k) CHECK(too_large.value[k] > too_large.value[k - 1]);
  CHECK(l.scenario->course.runs[0].hyper.eta == 0.076);
  int sign_changes = 0;
  for (std::size_t k = 1; k < sgd.rows(); ++k) sign_changes += (sgd.position[k].y < 0) != (sgd.position[k - 1].y < 0);
  CHECK(sign_changes >= 40);
  CHECK(settles_within(sgd, kOrigin, 0.01) == 70);
  CHECK(fastest_settling(*l.scenario, 0, 0.01, 0.08, 0.0001, 0.01) == 70);
  // "AdaGrad divides each coordinate's gradient by the root of that coordinate's own sum of squares, which
  // undoes the stretch: with eta = 1, a first step half as long as SGD's, it goes almost straight in and
  // stays within 0.01 from step 15 on." Undoing the stretch: on the round bowl 0.5(x^2 + y^2) its path is
  // the same.
  Scenario round = *l.scenario;
  round.course.objective = Objective::typed("0.5*(x^2 + y^2)");
  round.course.runs = {l.scenario->course.runs[1]};
  const Trajectory on_round = simulate(round.course)[0];
  for (std::size_t k = 0; k < adagrad.rows(); ++k) CHECK(distance(on_round.position[k], adagrad.position[k]) < 1e-9);
  CHECK(l.scenario->course.runs[1].hyper.eta == 1);
  CHECK(step_length(adagrad, 1) / step_length(sgd, 1) == Approx(0.5).margin(0.01));
  CHECK(path_length(adagrad) / length(l.scenario->course.start) < 1.05);
  CHECK(settles_within(adagrad, kOrigin, 0.01) == 15);
}

TEST_CASE("lesson 05: rotate the bowl and per-coordinate step sizes lose their edge", "[presets][course]") {
  const Lesson aligned = lesson("On an axis-aligned bowl");
  const Lesson rotated = lesson("Rotate the bowl");
  REQUIRE(rotated.runs.size() == 2);
  // "Matyas's bowl, f = 0.26(x^2 + y^2) - 0.48xy, is the bowl of lesson 4 turned by 45 degrees and made 25
  // times flatter, and the start is turned too."
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{2.5, 1.5}})
    CHECK(rotated.scenario->course.objective.value(p) == Approx(0.26 * (p.x * p.x + p.y * p.y) - 0.48 * p.x * p.y));
  const double c = std::sqrt(0.5);
  // A rotation by 45 degrees (determinant +1), not a reflection.
  const auto turn = [c](Vec2 p) { return Vec2{c * (p.x - p.y), c * (p.x + p.y)}; };
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{2.5, 1.5}, Vec2{-4, 0.25}})
    CHECK(rotated.scenario->course.objective.value(turn(p)) ==
          Approx(aligned.scenario->course.objective.value(p) / 25).epsilon(1e-12));
  CHECK(distance(rotated.scenario->course.start, turn(aligned.scenario->course.start)) < 1e-15);
  // "Gradient descent does not care about the turn: with an eta 25 times larger (1.9) it follows the path
  // of lesson 4 exactly, turned, and needs the same 70 steps."
  CHECK(rotated.scenario->course.runs[0].hyper.eta ==
        Approx(25 * aligned.scenario->course.runs[0].hyper.eta).epsilon(1e-15));
  const Trajectory& sgd = rotated.runs[0];
  REQUIRE(sgd.rows() > 100);
  for (std::size_t k = 0; k < aligned.runs[0].rows(); ++k)
    CHECK(distance(sgd.position[k], turn(aligned.runs[0].position[k])) < 1e-9);
  CHECK(settles_within(sgd, kOrigin, 0.01) == 70);
  // "AdaGrad does care: its step sizes belong to the x and y axes, and the stretch now lies along a
  // diagonal, which no rescaling of x and y can undo: its two step sizes stay within 20% of each other."
  for (const Vec2 s : rotated.runs[1].step_size) {
    CHECK(s.x / s.y > 0.8);
    CHECK(s.x / s.y < 1.25);
  }
  // "With the same eta = 1 it needs 149 steps instead of 15, and no eta from 0.3 to 4 brings it under 100."
  CHECK(rotated.scenario->course.runs[1].hyper == aligned.scenario->course.runs[1].hyper);
  CHECK(settles_within(rotated.runs[1], kOrigin, 0.01) == 149);
  CHECK(fastest_settling(*rotated.scenario, 1, 0.3, 4, 0.02, 0.01) >= 100);
}

TEST_CASE("lesson 06: rho = 0.99 remembers ten times longer than rho = 0.9", "[presets][course]") {
  const Lesson l = lesson("rho = 0.99 remembers");
  REQUIRE(l.runs.size() == 2);
  const Hyperparameters& short_memory = l.scenario->course.runs[0].hyper;
  const Hyperparameters& long_memory = l.scenario->course.runs[1].hyper;
  // "G keeps rho of itself each step and adds (1 - rho) g^2: it remembers about 1 / (1 - rho) steps, 10 with
  // rho = 0.9 (the articles, Keras), 100 with rho = 0.99 (PyTorch's default)."
  CHECK(short_memory.rho == 0.9);
  CHECK(long_memory.rho == 0.99);
  // (after 1 / (1 - rho) steps an old g^2 keeps about 1/e of its weight)
  CHECK(std::pow(0.9, 10) == Approx(std::exp(-1)).margin(0.02));
  CHECK(std::pow(0.99, 100) == Approx(std::exp(-1)).margin(0.02));
  CHECK(defaults(OptimizerKind::rmsprop).rho == 0.99);
  // "Both runs use eta = 0.05 on lesson 3's drop and bowl"
  CHECK(short_memory.eta == 0.05);
  CHECK(long_memory.eta == 0.05);
  const Scenario& drop = *lesson("AdaGrad's step size shrinks for good").scenario;
  CHECK(l.scenario->course.objective == drop.course.objective);
  CHECK(l.scenario->course.start == drop.course.start);
  // "G starts at 0, so the first step is eta / sqrt(1 - rho): 0.16 with rho = 0.9, three times that with
  // 0.99, which leads until step 115."
  for (std::size_t i = 0; i < 2; ++i) {
    const Hyperparameters& h = l.scenario->course.runs[i].hyper;
    CHECK(std::fabs(step_vector(l.runs[i], 1).x) == Approx(h.eta / std::sqrt(1 - h.rho)).epsilon(1e-6));
    CHECK(std::fabs(step_vector(l.runs[i], 1).y) == Approx(h.eta / std::sqrt(1 - h.rho)).epsilon(1e-6));
  }
  CHECK(std::fabs(step_vector(l.runs[0], 1).x) == Approx(0.16).margin(0.003));
  CHECK(std::fabs(step_vector(l.runs[1], 1).x) / std::fabs(step_vector(l.runs[0], 1).x) == Approx(3.16).margin(0.01));
  const auto from_minimum = [&](std::size_t run, std::size_t k) {
    return distance(l.runs[run].position[k], kMinimum3);
  };
  for (std::size_t k = 1; k < 115; ++k) CHECK(from_minimum(1, k) < from_minimum(0, k));
  for (std::size_t k = 115; k < l.runs[0].rows(); ++k) CHECK(from_minimum(0, k) < from_minimum(1, k));
  // "rho = 0.9 soon forgets the drop: its x step size passes its first by step 39 and keeps growing; it
  // stays within 0.01 of the minimum from step 165."
  const std::vector<Vec2>& lr = l.runs[0].step_size;
  std::size_t back = 1;
  while (back < lr.size() && lr[back].x <= lr.front().x) ++back;
  CHECK(back + 1 == 39);  // step_size[k] is update k + 1
  for (std::size_t k = back + 1; k < lr.size(); ++k) CHECK(lr[k].x > lr[k - 1].x);
  CHECK(settles_within(l.runs[0], kMinimum3, 0.01) == 165);
  // "rho = 0.99 remembers it all run: its x step size falls from 0.17 to 0.09 and ends under 0.17, below
  // rho = 0.9's from step 57; it ends 0.59 short."
  const std::vector<Vec2>& lr_long = l.runs[1].step_size;
  CHECK(lr_long.front().x == Approx(0.17).margin(0.005));
  const auto lowest = std::min_element(lr_long.begin(), lr_long.end(), [](Vec2 a, Vec2 b) { return a.x < b.x; });
  CHECK(lowest->x == Approx(0.09).margin(0.005));
  for (const Vec2 s : lr_long) CHECK(s.x <= lr_long.front().x);
  CHECK(lr_long.back().x < 0.17);
  for (std::size_t k = 0; k < lr.size(); ++k) CHECK((lr_long[k].x > lr[k].x) == (k + 1 < 57));
  CHECK(l.scenario->course.steps == 170);
  CHECK(distance(last(l.runs[1]), kMinimum3) == Approx(0.59).margin(0.005));
  // The slide shows the end of both runs.
  CHECK(l.scenario->lesson.step.value_or(0) == 170);
}

TEST_CASE("lesson 07: a large epsilon turns RMSprop back into gradient descent", "[presets][course]") {
  const Lesson l = lesson("A large epsilon");
  REQUIRE(l.runs.size() == 3);
  const auto& runs = l.scenario->course.runs;
  CHECK(runs[0].hyper.eps == 1e-8);
  CHECK(runs[1].hyper.eps == 0.1);
  CHECK(runs[2].hyper.eps == 1);
  for (const RunSpec& r : runs) CHECK_FALSE(r.hyper.eps_inside_sqrt);
  // "RMSprop divides the gradient by sqrt(G) + eps, and sqrt(G) is about the size of recent gradients."
  for (std::size_t k = 10; k <= 40; ++k) {  // on the way in, before the gradient fades
    const Trajectory& t = l.runs[0];
    CHECK(std::sqrt(t.accumulator[k].x) / std::fabs(t.gradient[k].x) > 0.5);
    CHECK(std::sqrt(t.accumulator[k].x) / std::fabs(t.gradient[k].x) < 3);
  }
  // "On this shallow bowl, f = 0.05x^2 + 0.5y^2, no gradient exceeds 1.5."
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{-2.5, 1.5}})
    CHECK(l.scenario->course.objective.value(p) == Approx(0.05 * p.x * p.x + 0.5 * p.y * p.y).epsilon(1e-12));
  for (const Trajectory& t : l.runs)
    for (const Vec2 g : t.gradient) CHECK(std::max(std::fabs(g.x), std::fabs(g.y)) <= 1.5);
  // "With eps = 1e-8 (PyTorch's default) sqrt(G) dominates: x and y move at about the same speed, steep or
  // not, and the run stays within 0.01 of the minimum from step 71 on."
  CHECK(defaults(OptimizerKind::rmsprop).eps == 1e-8);
  const double eta = runs[0].hyper.eta;
  for (std::size_t k = 1; k <= 30; ++k) {
    const Vec2 step = step_vector(l.runs[0], k);
    CHECK(std::fabs(step.x / step.y) > 0.4);
    CHECK(std::fabs(step.x / step.y) < 2.5);
  }
  CHECK(settles_within(l.runs[0], kOrigin, 0.01) == 71);
  // "With eps = 1 the denominator is never below 1, so each step is at most eta times the gradient, as in
  // gradient descent: the run slides down the steep y first and crawls along x, 1.8 away at step 80."
  const Trajectory& large = l.runs[2];
  for (std::size_t k = 1; k < large.rows(); ++k) {
    CHECK(std::fabs(step_vector(large, k).x) <= eta * std::fabs(large.gradient[k - 1].x));
    CHECK(std::fabs(step_vector(large, k).y) <= eta * std::fabs(large.gradient[k - 1].y));
  }
  CHECK(l.scenario->course.steps == 80);
  CHECK(length(last(large)) == Approx(1.8).margin(0.05));
  const Vec2 start = l.scenario->course.start;
  CHECK(std::fabs(last(large).y / start.y) < 0.1);
  CHECK(std::fabs(last(large).x / start.x) > 0.7);
  // "eps = 0.1 sits between them."
  CHECK(length(last(l.runs[1])) > length(last(l.runs[0])));
  CHECK(length(last(l.runs[1])) < length(last(large)));
  for (std::size_t k = 1; k < l.runs[1].rows(); ++k) {
    CHECK(l.runs[1].value[k] > l.runs[0].value[k]);
    CHECK(l.runs[1].value[k] < large.value[k]);
  }
  // "Putting eps = 1e-8 inside the root, sqrt(G + eps) as TF1's RMSPropOptimizer does, moves no path
  // visibly here."
  Scenario inside = *l.scenario;
  inside.course.runs = {runs[0]};
  inside.course.runs[0].hyper.eps_inside_sqrt = true;
  const Trajectory moved = simulate(inside.course)[0];
  double apart = 0;
  for (std::size_t k = 0; k < moved.rows(); ++k)
    apart = std::max(apart, distance(moved.position[k], l.runs[0].position[k]));
  CHECK(apart < 1e-4);
}

TEST_CASE("lesson 08: at a minimum RMSprop's step size grows until it is thrown out", "[presets][course]") {
  const Lesson l = lesson("At a minimum RMSprop's step size grows");
  REQUIRE(l.runs.size() == 2);
  const Trajectory& t = l.runs[0];
  const Hyperparameters& h = l.scenario->course.runs[0].hyper;
  // "On lesson 7's bowl, RMSprop with eps = 1e-8 reaches the minimum by step 99." (run longer)
  const Scenario& bowl = *lesson("A large epsilon").scenario;
  CHECK(l.scenario->course.objective == bowl.course.objective);
  CHECK(l.scenario->course.start == bowl.course.start);
  CHECK(l.scenario->course.steps > bowl.course.steps);
  CHECK(h.eps == 1e-8);
  const auto lowest = std::min_element(t.value.begin(), t.value.end());
  CHECK(lowest - t.value.begin() == 99);
  CHECK(length(t.position[99]) < 2e-15);
  // "There the gradient fades, G with it, and the step size eta / (sqrt(G) + eps) grows."
  for (std::size_t k = 60; k < 99; ++k) {
    CHECK(length(t.gradient[k]) < length(t.gradient[k - 1]));
    CHECK(t.accumulator[k].y < t.accumulator[k - 1].y);
    CHECK(t.step_size[k].y > t.step_size[k - 1].y);
    CHECK(t.step_size[k].y == Approx(h.eta / (std::sqrt(t.accumulator[k].y) + h.eps)).epsilon(1e-12));
  }
  // "Above a step size of 2 / curvature each step overshoots more than it corrects (lesson 2). Along y the
  // curvature is 1: y's step size passes 2 at step 85, y's leftover of 1e-20 grows, and at step 118 the run
  // is thrown out to y = -0.11."
  const Objective& f = l.scenario->course.objective;
  CHECK(f.gradient({0.7, 0.3}).y == Approx(0.3).epsilon(1e-12));
  CHECK(f.gradient({0.7, 0.3}).x == Approx(0.07).epsilon(1e-12));
  const auto first_above = [&](double limit, bool along_x) {
    std::size_t k = 0;
    while ((along_x ? t.step_size[k].x : t.step_size[k].y) <= limit) ++k;
    return k + 1;  // step_size[k] is update k + 1
  };
  CHECK(first_above(2, false) == 85);
  CHECK(std::fabs(t.position[85].y) > 0);
  CHECK(std::fabs(t.position[85].y) < 1e-19);
  for (std::size_t k = 86; k <= 118; ++k) CHECK(std::fabs(t.position[k].y) > std::fabs(t.position[k - 1].y));
  const auto farthest_after_100 = [&](bool along_x) {
    std::size_t far = 100;
    for (std::size_t k = 100; k < t.rows(); ++k) {
      const auto c = [&](std::size_t i) { return std::fabs(along_x ? t.position[i].x : t.position[i].y); };
      if (c(k) > c(far)) far = k;
    }
    return far;
  };
  CHECK(farthest_after_100(false) == 118);
  CHECK(t.position[118].y == Approx(-0.11).margin(0.005));
  // "Along x (curvature 0.1, limit 20) the same happens at step 146."
  CHECK(first_above(20, true) < 146);
  CHECK(farthest_after_100(true) == 146);
  // "Refilled, G holds the step sizes near 20 and 2; the run ends hopping 0.035 from the minimum, 0.025 in
  // each coordinate."
  CHECK(t.accumulator[118].y > 20 * t.accumulator[116].y);
  for (std::size_t k = t.rows() - 10; k < t.rows(); ++k) {
    CHECK(std::fabs(t.position[k].x) == Approx(0.025).margin(0.001));
    CHECK(std::fabs(t.position[k].y) == Approx(0.025).margin(0.001));
    CHECK(length(t.position[k]) == Approx(0.035).margin(0.001));
    CHECK(t.position[k].x * t.position[k - 1].x < 0);
    CHECK(t.position[k].y * t.position[k - 1].y < 0);
    CHECK(t.step_size[k - 1].x == Approx(20).margin(0.5));
    CHECK(t.step_size[k - 1].y == Approx(2).margin(0.05));
  }
  // "With eps = 0.1 the step size stays under eta / eps = 0.5: it is never thrown out."
  const Hyperparameters& capped = l.scenario->course.runs[1].hyper;
  CHECK(capped.eps == 0.1);
  CHECK(capped.eta / capped.eps == Approx(0.5).epsilon(1e-12));
  const Trajectory& safe = l.runs[1];
  for (const Vec2 s : safe.step_size) CHECK((s.x < 0.5 && s.y < 0.5));
  for (std::size_t k = 1; k < safe.rows(); ++k) CHECK(safe.value[k] <= safe.value[k - 1]);
}
