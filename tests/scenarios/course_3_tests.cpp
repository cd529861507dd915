// The course's chapters 7-9: regression on data, the sweep map, and the articles' mistakes typed as
// rules. Every sentence of each lesson's text is asserted here, with the sentence it checks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "algorithms.hpp"
#include "lesson_support.hpp"
#include "scenario_file.hpp"
#include "support.hpp"
#include "sweep.hpp"

using namespace optviz;
using namespace optviz::testing;

namespace {

// The Hessian's eigenvalues at p by central differences of the gradient: {largest, smallest}.
std::pair<double, double> curvatures(const Objective& f, Vec2 p) {
  constexpr double h = 1e-5;
  const Vec2 dx = (f.gradient(p + Vec2{h, 0}) - f.gradient(p - Vec2{h, 0})) / (2 * h);
  const Vec2 dy = (f.gradient(p + Vec2{0, h}) - f.gradient(p - Vec2{0, h})) / (2 * h);
  const double a = dx.x, b = (dx.y + dy.x) / 2, d = dy.y;
  const double mean = (a + d) / 2, spread = std::sqrt((a - d) * (a - d) / 4 + b * b);
  return {mean + spread, mean - spread};
}

bool f_never_rises(const Trajectory& t) { return increases_of_f(t) == 0; }

}  // namespace

TEST_CASE("lesson 15: linear regression's narrow valley", "[presets][data][course]") {
  const Lesson l = lesson("Linear regression's narrow valley");
  REQUIRE(l.scenario->course.objective.is_data());
  REQUIRE(l.runs.size() == 2);
  const Dataset& data = *l.scenario->course.objective.data();
  const Trajectory& sgd = l.runs[0];
  const Trajectory& rmsprop = l.runs[1];
  // "x lies between 8 and 12"
  for (double x : data.x) CHECK((x >= 8 && x <= 12));
  // "7,900 times more curved across (192) than along (0.024)"
  const Vec2 minimum = l.scenario->course.objective.minima().at(0);
  const auto [across, along] = curvatures(l.scenario->course.objective, minimum);
  CHECK(across == Approx(192).epsilon(0.005));
  CHECK(along == Approx(0.024).epsilon(0.03));
  CHECK(across / along == Approx(7900).epsilon(0.01));
  // "SGD, at eta = 0.009 just below its stable limit 2/192 = 0.0104"
  CHECK(2 / across == Approx(0.0104).epsilon(0.005));
  REQUIRE(l.scenario->course.runs[0].hyper.kind == OptimizerKind::sgd);
  CHECK(l.scenario->course.runs[0].hyper.eta == 0.009);
  // "bounces across the valley, each bounce 0.72 times the last" (for 20 steps; 1 - 0.009 x 192 =
  // -0.73), "then crawls along the floor": after 20 steps f is within 12% of the minimum's value,
  // and it gains less than 0.003 in the next 580
  for (std::size_t k = 2; k <= 20; ++k)
    CHECK(step_vector(sgd, k).x / step_vector(sgd, k - 1).x == Approx(-0.72).epsilon(0.03));
  const double f_min = l.scenario->course.objective.minimum_value();
  CHECK(sgd.value[20] < f_min * 1.12);
  CHECK(sgd.value[20] - sgd.value.back() < 0.003);
  // "b is 0.18 after 600 steps" (from 0; the minimum's b is 1.03)
  CHECK(l.scenario->course.steps == 600);
  CHECK(sgd.position.front() == Vec2{0, 0});
  CHECK(last(sgd).y == Approx(0.18).epsilon(0.03));
  CHECK(minimum.y == Approx(1.03).epsilon(0.005));
  // RMSprop as its label says: "RMSprop η=0.01 ρ=0.99"
  REQUIRE(l.scenario->course.runs[1].hyper.kind == OptimizerKind::rmsprop);
  CHECK(l.scenario->course.runs[1].hyper.eta == 0.01);
  CHECK(l.scenario->course.runs[1].hyper.rho == 0.99);
  // "b's gradient is ten times smaller than w's: its step size for b is ten times larger": 9 to 10.5
  for (const Vec2& s : rmsprop.step_size) CHECK((s.y / s.x > 9 && s.y / s.x < 10.5));
  // "It walks in diagonally, b reaching 0.55 by step 50": at step 50, b and w are equal within 2%
  CHECK(rmsprop.position[50].y / rmsprop.position[50].x == Approx(1).epsilon(0.02));
  CHECK(rmsprop.position[50].y == Approx(0.55).epsilon(0.015));
  // "then crawls too": b gains less than 0.15 in the next 550 steps
  CHECK(last(rmsprop).y - rmsprop.position[50].y < 0.15);
  // "its step size growing as the gradients fade (0.085 at step 600)"
  CHECK(rmsprop.step_size.back().y == Approx(0.085).epsilon(0.01));
  CHECK(rmsprop.step_size.back().y > 5 * rmsprop.step_size[50].y);
  // "b ends at 0.69"; the title: "RMSprop moves b 4 times farther"
  CHECK(last(rmsprop).y == Approx(0.69).epsilon(0.01));
  CHECK(last(rmsprop).y / last(sgd).y == Approx(4).epsilon(0.1));
  // "Both lines fit the points about as well.": the final losses differ by less than 10%
  CHECK(sgd.value.back() < 1.1 * rmsprop.value.back());
  // No burst to explain: f never rises in either run
  CHECK(f_never_rises(sgd));
  CHECK(f_never_rises(rmsprop));
}

TEST_CASE("lesson 16: logistic regression's round bowl", "[presets][data][course]") {
  const Lesson l = lesson("Logistic regression's round bowl");
  REQUIRE(l.scenario->course.objective.is_data());
  REQUIRE(l.runs.size() == 2);
  const Objective& f = l.scenario->course.objective;
  const Dataset& data = *f.data();
  const Trajectory& sgd = l.runs[0];
  const Trajectory& rmsprop = l.runs[1];
  REQUIRE(l.scenario->course.runs[0].hyper.kind == OptimizerKind::sgd);
  REQUIRE(l.scenario->course.runs[1].hyper.kind == OptimizerKind::rmsprop);
  // "80 points labelled 0 or 1, model p = sigmoid(w x + b)" (the logistic loss)
  CHECK(f.loss() == DataLoss::logistic);
  CHECK(data.size() == 80);
  for (double y : data.y) CHECK((y == 0 || y == 1));
  // "Its loss in (w, b) is a round, shallow bowl: its curvature, at most 0.14, differs only 2.4 times
  // between directions." (at the minimum, where the logistic loss is most curved along the runs)
  const Vec2 minimum = f.minima().at(0);
  const auto [most, least] = curvatures(f, minimum);
  CHECK(most == Approx(0.14).margin(0.005));
  CHECK(most / least == Approx(2.4).epsilon(0.02));
  // "Both runs start at (-2, -4), a curve that falls where it should rise": w < 0 < the minimum's w
  CHECK(l.scenario->course.start == Vec2{-2, -4});
  CHECK(minimum.x > 0);
  // "Each uses the smallest rate, in steps of 0.1 (SGD) and 0.01 (RMSprop), that stays within 0.01 of the
  // minimum (1.57, -0.87) soonest, with f never rising beyond rounding (1e-12)."
  CHECK(minimum.x == Approx(1.57).epsilon(0.005));
  CHECK(minimum.y == Approx(-0.87).epsilon(0.005));
  const auto rises = [](const Trajectory& t) {
    for (std::size_t k = 1; k < t.rows(); ++k)
      if (t.value[k] > t.value[k - 1] + 1e-12) return true;
    return false;
  };
  // The fastest rate of run `index` over eta = i / per_unit, i = 1..count: {steps, eta}.
  const auto fastest = [&](std::size_t index, int count, double per_unit) {
    Scenario one = *l.scenario;
    one.course.runs = {l.scenario->course.runs[index]};
    std::pair<long, double> best{l.scenario->course.steps + 1, 0};
    for (int i = 1; i <= count; ++i) {
      one.course.runs[0].hyper.eta = i / per_unit;
      const Trajectory t = simulate(one.course)[0];
      const long steps = settles_within(t, minimum, 0.01);
      if (!rises(t) && steps >= 0 && steps < best.first) best = {steps, i / per_unit};
    }
    return best;
  };
  const auto [sgd_steps, sgd_eta] = fastest(0, 200, 10);
  const auto [rmsprop_steps, rmsprop_eta] = fastest(1, 50, 100);
  CHECK(l.scenario->course.runs[0].hyper.eta == sgd_eta);
  CHECK(l.scenario->course.runs[1].hyper.eta == rmsprop_eta);
  CHECK_FALSE(rises(sgd));
  CHECK_FALSE(rises(rmsprop));
  // "SGD's is eta = 11.7, near its limit 2/0.14 = 14 (lesson 2): its first step leaps to w = 12 and it
  // walks back."
  CHECK(sgd_eta == 11.7);
  CHECK(2 / most == Approx(14).margin(0.5));
  CHECK(sgd_eta < 2 / most);
  CHECK(sgd.position[1].x == Approx(12).margin(0.05));
  for (std::size_t k = 2; k <= 18; ++k) CHECK(sgd.position[k].x < sgd.position[k - 1].x);
  // "RMSprop's, eta = 0.26, steps 2.6 in each coordinate, then b swings past the minimum, to 0.64."
  CHECK(rmsprop_eta == 0.26);
  const double first = rmsprop_eta / std::sqrt(1 - l.scenario->course.runs[1].hyper.rho);
  CHECK(first == Approx(2.6).epsilon(1e-9));
  CHECK(std::fabs(step_vector(rmsprop, 1).x) == Approx(first).epsilon(1e-6));
  CHECK(std::fabs(step_vector(rmsprop, 1).y) == Approx(first).epsilon(1e-6));
  const auto highest =
      std::max_element(rmsprop.position.begin(), rmsprop.position.end(), [](Vec2 a, Vec2 b) { return a.y < b.y; });
  CHECK(highest - rmsprop.position.begin() == 2);
  CHECK(highest->y == Approx(0.64).margin(0.005));
  CHECK(highest->y > minimum.y);
  // "RMSprop needs 13 steps, SGD 18: on a round bowl, tuned SGD comes close."
  CHECK(rmsprop_steps == 13);
  CHECK(sgd_steps == 18);
  CHECK(settles_within(rmsprop, minimum, 0.01) == 13);
  CHECK(settles_within(sgd, minimum, 0.01) == 18);
}

TEST_CASE("lesson 17: the sweep map of eta and rho on Booth", "[presets][sweep][course]") {
  const Lesson l = lesson("Sweep map on Booth");
  const Scenario& s = *l.scenario;
  REQUIRE(s.course.runs.size() == 2);
  // "Each cell is one RMSprop run of 200 steps on Booth from (5, 0), coloured by final f: eta
  // across (log scale, 1e-4 to 1), rho up (0.5 to 0.999)."
  CHECK(s.course.objective.name() == "booth");
  CHECK(s.course.steps == 200);
  CHECK(s.course.start == Vec2{5, 0});
  REQUIRE(s.course.runs[0].hyper.kind == OptimizerKind::rmsprop);
  REQUIRE(s.course.runs[1].hyper.kind == OptimizerKind::rmsprop);
  // The map the lesson shows (its "sweep" entry), on the axes the text names.
  REQUIRE(s.lesson.sweep);
  CHECK(s.lesson.sweep->run == 0);
  CHECK(s.lesson.sweep->x == "eta:1e-4:1:log");
  CHECK(s.lesson.sweep->y == "rho:0.5:0.999");
  const Sweep sweep_spec = lesson_sweep(s);
  const int cells = s.lesson.sweep->cells;
  REQUIRE(sweep_spec.x.count == cells);
  REQUIRE(sweep_spec.y.count == cells);
  const Map map = sweep(sweep_spec);
  REQUIRE(map.complete);
  double slow_least = 1e300, hop_least = 1e300, settled_most = 0;
  int diverged = 0, settled_rows = 0;
  for (int j = 0; j < cells; ++j) {
    const double rho = sweep_spec.y.value(j);
    settled_rows += rho >= 0.99;
    for (int i = 0; i < cells; ++i) {
      const double eta = sweep_spec.x.value(i);
      const RunSummary& c = map.at(i, j);
      diverged += c.diverged_at.has_value();
      if (eta < 0.005) slow_least = std::min(slow_least, c.value);
      if (eta > 0.04 && rho < 0.95) hop_least = std::min(hop_least, c.value);
      if (eta > 0.04 && rho >= 0.99) settled_most = std::max(settled_most, c.value);
    }
  }
  // "Left of eta = 0.005 no run reaches the minimum (1, 3): f above 1.9."
  CHECK(s.course.objective.minima().at(0) == Vec2{1, 3});
  CHECK(slow_least > 1.9);
  // "Right of eta = 0.04 with rho below 0.95, ... runs hop across the minimum, f above 0.006."
  CHECK(hop_least > 0.006);
  // "With rho 0.99 or more, ... runs settle, f below 1e-8." (the map's top two rows)
  CHECK(settled_rows == 2);
  CHECK(settled_most < 1e-8);
  // "No run diverges."
  CHECK(diverged == 0);
  // The two runs drawn: both with eta = 0.1, rho = 0.99 (the map's marked cell) and rho = 0.7.
  const Trajectory& remembering = l.runs[0];
  const Trajectory& hopping = l.runs[1];
  CHECK(s.course.runs[0].hyper.eta == 0.1);
  CHECK(s.course.runs[1].hyper.eta == 0.1);
  CHECK(s.course.runs[0].hyper.rho == 0.99);
  CHECK(s.course.runs[1].hyper.rho == 0.7);
  // "G forgets the large early gradients: the step size climbs to 0.11 = 2 / 18 (Booth's steepest
  // curvature, lesson 2) and runs hop across the minimum": the rho = 0.7 run ends with the step
  // size at which a gradient step along the steepest curvature lands as far on the other side, its
  // last steps about eta long in each coordinate, across the minimum.
  const double steepest = curvatures(s.course.objective, {1, 3}).first;
  CHECK(steepest == Approx(18).epsilon(1e-6));
  CHECK(hopping.step_size.back().x == Approx(2 / steepest).epsilon(1e-3));
  CHECK(hopping.step_size.back().y == Approx(2 / steepest).epsilon(1e-3));
  const std::size_t n = hopping.rows() - 1;
  CHECK(std::fabs(step_vector(hopping, n).x) == Approx(0.1).epsilon(0.05));
  CHECK(std::fabs(step_vector(hopping, n).y) == Approx(0.1).epsilon(0.05));
  CHECK(step_vector(hopping, n).x * step_vector(hopping, n - 1).x < 0);
  CHECK(hopping.value.back() > 0.006);
  // "With rho 0.99 or more, G remembers them: at step 50 the step size is 0.06 and runs settle"
  CHECK(remembering.step_size[49].x == Approx(0.06).margin(0.005));
  CHECK(remembering.step_size[49].y == Approx(0.06).margin(0.005));
  CHECK(remembering.value.back() < 1e-8);
  // "The runs drawn (eta = 0.1) part at once: the first step is eta / sqrt(1 - rho), 1 for rho =
  // 0.99 and 0.18 for rho = 0.7." They stay apart: the rho = 0.99 run's first step takes it 0.7
  // from every point of the other's path.
  for (const Trajectory* t : {&remembering, &hopping}) {
    const double rho = t == &remembering ? 0.99 : 0.7;
    CHECK(std::fabs(step_vector(*t, 1).x) == Approx(0.1 / std::sqrt(1 - rho)).epsilon(1e-6));
    CHECK(std::fabs(step_vector(*t, 1).y) == Approx(0.1 / std::sqrt(1 - rho)).epsilon(1e-6));
  }
  CHECK(std::fabs(step_vector(remembering, 1).x) == Approx(1).epsilon(1e-6));
  CHECK(std::fabs(step_vector(hopping, 1).x) == Approx(0.18).margin(0.005));
  double nearest = 1e300;
  for (const Vec2 p : hopping.position) nearest = std::min(nearest, distance(p, remembering.position[1]));
  CHECK(nearest > 0.7);
}

TEST_CASE("lesson 18: no root, or the root on top", "[presets][rule][course]") {
  const Lesson l = lesson("No root, RMSprop leaps");
  REQUIRE(l.runs.size() == 3);
  for (const RunSpec& r : l.scenario->course.runs) REQUIRE(r.rule);
  const Vec2 minimum{0, 0};
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& no_root = l.runs[1];
  const Trajectory& on_top = l.runs[2];
  // "all with eta = 0.05 and rho = 0.9, and the same average G of squared gradients"
  for (const RunSpec& r : l.scenario->course.runs) {
    CHECK(r.hyper.eta == 0.05);
    CHECK(r.hyper.rho == 0.9);
    CHECK(r.rule->text().starts_with("G = rho*G + (1-rho)*g^2\ntheta = "));
  }
  // "RMSprop divides g by sqrt(G)", "Forgetting the root divides by G", "Putting sqrt(G) on top
  // multiplies g by it"
  CHECK(l.scenario->course.runs[0].rule->text().ends_with("theta = theta - eta*g/(sqrt(G) + eps)"));
  CHECK(l.scenario->course.runs[1].rule->text().ends_with("theta = theta - eta*g/(G + eps)"));
  CHECK(l.scenario->course.runs[2].rule->text().ends_with("theta = theta - eta*sqrt(G)*g"));
  // "f falls at every step and after 90 steps it is within 1e-6 of the minimum"
  CHECK(l.scenario->course.steps == 90);
  CHECK(f_never_rises(rmsprop));
  CHECK(distance(last(rmsprop), minimum) < 1e-6);
  // "It comes within 0.001 of the minimum first, at step 26"
  const long arrival = first_within(no_root, minimum, 1e-3);
  CHECK(arrival == 26);
  CHECK(first_within(rmsprop, minimum, 1e-3) > arrival);
  CHECK(first_within(on_top, minimum, 1e-3) == -1);
  // "leaps up to 3.0 long that throw it out again and again": it leaves a 0.1 ball round the
  // minimum several times
  double longest = 0;
  int thrown_out = 0;
  for (std::size_t k = static_cast<std::size_t>(arrival) + 1; k < no_root.rows(); ++k) {
    longest = std::max(longest, step_length(no_root, k));
    thrown_out += distance(no_root.position[k], minimum) > 0.1 && distance(no_root.position[k - 1], minimum) <= 0.1;
  }
  CHECK(longest == Approx(3.0).epsilon(0.01));
  CHECK(thrown_out >= 3);
  // "the flatter the slope, the longer the step": the longest leap starts where |g| is below a
  // tenth of its value at the start
  std::size_t leap = 1;
  for (std::size_t k = 1; k < no_root.rows(); ++k)
    if (step_length(no_root, k) > step_length(no_root, leap)) leap = k;
  CHECK(length(no_root.gradient[leap - 1]) < 0.1 * length(no_root.gradient[0]));
  // "so the step is about eta g^2: ... it crawls, still 2.3 from the minimum"
  CHECK(distance(last(on_top), minimum) == Approx(2.3).epsilon(0.02));
  CHECK(step_length(on_top, on_top.rows() - 1) < 0.005);
}

TEST_CASE("lesson 19: the step without g, and a sign error", "[presets][rule][course]") {
  const Lesson l = lesson("Drop g or flip its sign");
  REQUIRE(l.runs.size() == 3);
  const Vec2 minimum{0, 0};
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& no_g = l.runs[1];
  const Trajectory& sign = l.runs[2];
  for (const RunSpec& r : l.scenario->course.runs) {
    REQUIRE(r.rule);
    CHECK(r.hyper.eta == 0.05);
    CHECK(r.hyper.rho == 0.9);
  }
  // "Leaving g out of the update, theta - eta/(sqrt(G) + eps)"; "A sign error, theta + eta g/(sqrt(G) + eps)"
  CHECK(l.scenario->course.runs[1].rule->text().ends_with("theta = theta - eta/(sqrt(G) + eps)"));
  CHECK(l.scenario->course.runs[2].rule->text().ends_with("theta = theta + eta*g/(sqrt(G) + eps)"));
  // "and farthest where the slope is gentlest (the first step: 0.63 in x, 0.11 in y)"
  CHECK(std::fabs(no_g.gradient[0].x) < std::fabs(no_g.gradient[0].y));
  CHECK(step_vector(no_g, 1).x == Approx(-0.63).epsilon(0.005));
  CHECK(step_vector(no_g, 1).y == Approx(-0.11).epsilon(0.05));
  // "every coordinate moves down at every step ... The run passes the minimum's level in y and goes on"
  for (std::size_t k = 1; k < no_g.rows(); ++k) {
    CHECK(step_vector(no_g, k).x < 0);
    CHECK(step_vector(no_g, k).y < 0);
  }
  CHECK(l.scenario->course.start.y > 0);
  CHECK(last(no_g).y < -1);
  // "After 90 steps it is 11 from the minimum and f has grown from 1.44 to 9.7."
  CHECK(l.scenario->course.steps == 90);
  CHECK(distance(last(no_g), minimum) == Approx(11).epsilon(0.02));
  CHECK(no_g.value.front() == Approx(1.44).epsilon(0.005));
  CHECK(no_g.value.back() == Approx(9.7).epsilon(0.01));
  // "every step goes uphill and f rises at every step, to 27 after 90 steps"
  for (std::size_t k = 1; k < sign.rows(); ++k) {
    CHECK(sign.value[k] > sign.value[k - 1]);
    CHECK(step_vector(sign, k).x * sign.gradient[k - 1].x > 0);
    CHECK(step_vector(sign, k).y * sign.gradient[k - 1].y > 0);
  }
  CHECK(sign.value.back() == Approx(27).epsilon(0.02));
  // "Correct RMSprop reaches the minimum, within 1e-6."
  CHECK(distance(last(rmsprop), minimum) < 1e-6);
}

TEST_CASE("lesson 20: no eps, and eps as a cap", "[presets][rule][course]") {
  const Lesson l = lesson("No eps: a zero gradient gives 0/0");
  REQUIRE(l.runs.size() == 3);
  const Vec2 minimum{0, 0};
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& no_eps = l.runs[1];
  const Trajectory& capped = l.runs[2];
  // "from (-1.5, -1.5), where the slope in y is exactly 0; all runs have eta = 0.05 and rho = 0.99"
  CHECK(l.scenario->course.start == Vec2{-1.5, -1.5});
  CHECK(rmsprop.gradient[0].y == 0);
  for (const RunSpec& r : l.scenario->course.runs) {
    REQUIRE(r.rule);
    CHECK(r.hyper.eta == 0.05);
    CHECK(r.hyper.rho == 0.99);
  }
  // "its first step is eta/sqrt(1 - rho) = 0.5 in x and 0/(0 + 1e-8) = 0 in y ... and it reaches the
  // minimum, within 0.001 from step 34 on"
  CHECK(l.scenario->course.runs[0].hyper.eps == 1e-8);
  CHECK(step_vector(rmsprop, 1).x == Approx(0.5).epsilon(1e-6));
  CHECK(step_vector(rmsprop, 1).y == 0);
  CHECK(settles_within(rmsprop, minimum, 1e-3) == 34);
  CHECK(l.scenario->course.runs[1].rule->text().ends_with("theta = theta - eta*g/sqrt(G)"));
  CHECK(l.scenario->course.runs[2].rule->text().ends_with("theta = theta - min(eta/sqrt(G), eps)*g"));
  // "Without eps, y's first update is 0/0, not a number: the run diverges at step 1."
  REQUIRE(no_eps.diverged_at);
  CHECK(*no_eps.diverged_at == 1);
  CHECK(std::isnan(no_eps.position[1].y));
  // "Taking min(eta/sqrt(G), eps) as the rate caps the step size at eps, here 0.01"
  CHECK(l.scenario->course.runs[2].hyper.eps == 0.01);
  // (the step size of a typed rule is -(theta_k - theta_{k-1}) / g: undefined where g = 0)
  for (std::size_t k = 0; k < capped.step_size.size(); ++k) {
    if (capped.gradient[k].x != 0) CHECK(capped.step_size[k].x <= 0.01 * (1 + 1e-12));
    if (capped.gradient[k].y != 0) CHECK(capped.step_size[k].y <= 0.01 * (1 + 1e-12));
  }
  // "at best gradient descent with eta = 0.01, it crawls, 1.6 from the minimum after 60 steps"
  CHECK(l.scenario->course.steps == 60);
  CHECK(distance(last(capped), minimum) == Approx(1.6).epsilon(0.03));
  // "With the usual eps = 1e-8 it would not move at all": under 1e-6 in 60 steps
  Scenario usual = *l.scenario;
  usual.course.runs[2].hyper.eps = 1e-8;
  const Trajectory frozen = simulate(usual.course)[2];
  CHECK(distance(last(frozen), l.scenario->course.start) < 1e-6);
}

TEST_CASE("lesson 21: eps inside the root", "[presets][rule][course]") {
  const Lesson l = lesson("Epsilon inside the root");
  REQUIRE(l.runs.size() == 2);
  const Vec2 minimum{0, 0};
  const Trajectory& outside = l.runs[0];
  const Trajectory& inside = l.runs[1];
  // "Lesson 18's bowl scaled down 10,000 times: f = 0.0001(0.05x^2 + 0.5y^2), with gradients of at most
  // 0.00015."
  const Lesson unscaled = lesson("No root, RMSprop leaps");
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{-2.5, 1.5}}) {
    CHECK(unscaled.scenario->course.objective.value(p) == Approx(0.05 * p.x * p.x + 0.5 * p.y * p.y).epsilon(1e-12));
    CHECK(l.scenario->course.objective.value(p) ==
          Approx(1e-4 * unscaled.scenario->course.objective.value(p)).epsilon(1e-12));
  }
  for (const Trajectory& t : l.runs)
    for (const Vec2& g : t.gradient) CHECK(std::max(std::fabs(g.x), std::fabs(g.y)) <= 0.00015 * (1 + 1e-12));
  // "Both runs use eta = 0.05, rho = 0.9 and eps = 1e-8."
  for (const RunSpec& r : l.scenario->course.runs) {
    REQUIRE(r.rule);
    CHECK(r.hyper.eta == 0.05);
    CHECK(r.hyper.rho == 0.9);
    CHECK(r.hyper.eps == 1e-8);
  }
  // "it follows its path on the unscaled bowl": RMSprop of lesson 18 (f = 0.05x^2 + 0.5y^2, the
  // same start and hyperparameters) is within 0.002 of it at every step
  REQUIRE(unscaled.scenario->course.start == l.scenario->course.start);
  REQUIRE(unscaled.scenario->course.runs[0].rule == l.scenario->course.runs[0].rule);
  for (std::size_t k = 0; k < outside.rows(); ++k)
    CHECK(distance(outside.position[k], unscaled.runs[0].position[k]) < 2e-3);
  // "within 1e-6 of the minimum after 90 steps"
  CHECK(l.scenario->course.steps == 90);
  CHECK(distance(last(outside), minimum) < 1e-6);
  // "With eps outside the root, as in PyTorch, RMSprop divides g by sqrt(G) + eps"; "TF1 and Keras 3 put
  // eps inside, sqrt(G + eps)" (the conventions as optviz's table of algorithms names them)
  CHECK(l.scenario->course.runs[0].rule->text().ends_with("theta = theta - eta*g/(sqrt(G) + eps)"));
  CHECK(l.scenario->course.runs[1].rule->text().ends_with("theta = theta - eta*g/sqrt(G + eps)"));
  const Algorithm& rmsprop = algorithm(OptimizerKind::rmsprop);
  CHECK(rmsprop.epsilon.find("PyTorch") != std::string_view::npos);
  CHECK(rmsprop.eps_inside.find("TF1") != std::string_view::npos);
  CHECK(rmsprop.eps_inside.find("Keras 3") != std::string_view::npos);
  // "the mistake is to copy that root but keep PyTorch's eps = 1e-8": the typed rule is optviz's
  // RMSprop with eps inside the root and PyTorch's default eps
  CHECK(defaults(OptimizerKind::rmsprop).eps == 1e-8);
  Scenario builtin = *l.scenario;
  builtin.course.runs = {RunSpec{}};
  builtin.course.runs[0].hyper = defaults(OptimizerKind::rmsprop);
  builtin.course.runs[0].hyper.eta = 0.05;
  builtin.course.runs[0].hyper.rho = 0.9;
  builtin.course.runs[0].hyper.eps_inside_sqrt = true;
  const Trajectory same = simulate(builtin.course)[0];
  REQUIRE(same.rows() == inside.rows());
  for (std::size_t k = 0; k < inside.rows(); ++k) CHECK(distance(same.position[k], inside.position[k]) < 1e-12);
  // "That puts a floor of sqrt(eps) = 0.0001 under the divisor, above sqrt(G) at every step here: the step
  // size stays between 350 and 500, nearly fixed as in gradient descent" (G read from the built-in
  // run, which keeps it for the plots)
  CHECK(std::sqrt(1e-8) == Approx(1e-4).epsilon(1e-12));
  REQUIRE(same.accumulator.size() == inside.step_size.size());
  for (std::size_t k = 0; k < inside.step_size.size(); ++k) {
    CHECK(std::max(std::sqrt(same.accumulator[k].x), std::sqrt(same.accumulator[k].y)) < 1e-4);
    for (const double s : {inside.step_size[k].x, inside.step_size[k].y}) {
      CHECK(s > 350);
      CHECK(s <= 500);
    }
  }
  // (nearly fixed: eps outside the root, the step size spans more than a factor of 40)
  const auto [low, high] =
      std::minmax_element(outside.step_size.begin(), outside.step_size.end(), [](Vec2 p, Vec2 q) { return p.y < q.y; });
  CHECK(high->y > 40 * low->y);
  // "and after 90 steps the run is still 1.6 away" (from the minimum)
  CHECK(distance(last(inside), minimum) == Approx(1.6).epsilon(0.01));
}
