// The lesson presets: each loads, runs, is stored in canonical form, and does what its text says.
// Every claim of a description is asserted here, with the sentence it checks.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "lesson_support.hpp"
#include "presets.hpp"
#include "scenario_file.hpp"
#include "support.hpp"

using namespace optviz;
using namespace optviz::testing;

TEST_CASE("every preset file loads, is canonical, has a lesson text and runs", "[presets]") {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(OPTVIZ_PRESET_DIR)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  const auto& presets = lesson_presets();
  REQUIRE(presets.size() == files.size());
  REQUIRE(presets.size() >= 10);
  for (std::size_t i = 0; i < files.size(); ++i) {
    INFO(files[i]);
    const std::string text = read_file(files[i]);
    const Scenario from_file = scenario_from_json(text);
    CHECK(from_file == presets[i]);     // the embedded copy is this file
    CHECK(to_json(from_file) == text);  // stored as optviz saves it: every parameter written out
    CHECK_FALSE(from_file.title.empty());
    CHECK(from_file.description.size() > 100);
    CHECK(from_file.runs.size() >= 2);
    // A run diverges only where the lesson says so.
    const bool says_diverges = from_file.description.find("diverges") != std::string::npos;
    for (const Trajectory& t : simulate(from_file)) CHECK((t.status().empty() || says_diverges));
  }
}

TEST_CASE("preset: AdaGrad's vanishing step size against RMSprop", "[presets]") {
  const Lesson l = lesson("AdaGrad's vanishing step size");
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& adagrad = l.runs[1];
  REQUIRE(l.scenario->runs[0].hyper.kind == OptimizerKind::rmsprop);
  REQUIRE(l.scenario->runs[1].hyper.kind == OptimizerKind::adagrad);
  // "Both runs start with the same eta = 0.1."
  CHECK(l.scenario->runs[0].hyper.eta == 0.1);
  CHECK(l.scenario->runs[1].hyper.eta == 0.1);
  CHECK(l.scenario->steps == 500);
  // "its steps keep shrinking: after 500 steps they are 30 times shorter than the first one"
  for (std::size_t k = 2; k < adagrad.rows(); ++k) CHECK(step_length(adagrad, k) <= step_length(adagrad, k - 1));
  const double ratio = step_length(adagrad, 1) / step_length(adagrad, 500);
  CHECK(ratio > 28);
  CHECK(ratio < 35);
  // "AdaGrad is still far from the minimum (1, 3)"
  CHECK(distance(last(adagrad), {1, 3}) > 3);
  CHECK(adagrad.value.back() > 100);
  // "RMSprop ... its step size does not decay": at step 50 it is over 10 times AdaGrad's
  CHECK(rmsprop.step_size[49].x > 10 * adagrad.step_size[49].x);
  // "it reaches the minimum in about 100 steps"
  const long reached = settles_within(rmsprop, {1, 3}, 0.01);
  CHECK(reached >= 90);
  CHECK(reached <= 110);
}

TEST_CASE("preset: RMSprop, the effect of rho", "[presets]") {
  const Lesson l = lesson("RMSprop: the effect of rho");
  const TestFunction& f = *l.scenario->objective.builtin();
  const Vec2 minimum = refine_minimizer(f, {-2.8, 3.13});
  REQUIRE(l.runs.size() == 4);
  for (std::size_t i = 0; i < l.runs.size(); ++i) {
    const Hyperparameters& h = l.scenario->runs[i].hyper;
    const Trajectory& t = l.runs[i];
    INFO("rho = " << h.rho);
    // "the first step is eta / sqrt(1 - rho) in each coordinate"
    const Vec2 first = step_vector(t, 1);
    CHECK(std::fabs(first.x) == Approx(h.eta / std::sqrt(1 - h.rho)).epsilon(1e-6));
    CHECK(std::fabs(first.y) == Approx(h.eta / std::sqrt(1 - h.rho)).epsilon(1e-6));
    if (h.rho <= 0.9) {
      // "the run ends hopping around it with steps about eta long"
      for (std::size_t k = t.rows() - 10; k < t.rows(); ++k) {
        CHECK(step_length(t, k) > 0.5 * h.eta);
        CHECK(step_length(t, k) < 2 * h.eta);
      }
      CHECK(distance(last(t), minimum) > 0.01);
    } else {
      // "the steps shrink and the run settles on the minimum (-2.81, 3.13)"
      for (std::size_t k = t.rows() - 10; k < t.rows(); ++k) CHECK(step_length(t, k) < 1e-9);
      CHECK(distance(last(t), minimum) < 1e-9);
    }
  }
  // "0.07 for rho = 0.5 but 1.6 for rho = 0.999, which overshoots the minimum"
  CHECK(std::fabs(step_vector(l.runs[0], 1).x) == Approx(0.0707).epsilon(0.01));
  CHECK(std::fabs(step_vector(l.runs[3], 1).x) == Approx(1.58).epsilon(0.01));
  const auto& overshooting = l.runs[3].position;
  const double leftmost =
      std::min_element(overshooting.begin(), overshooting.end(), [](Vec2 a, Vec2 b) { return a.x < b.x; })->x;
  CHECK(leftmost < minimum.x - 0.5);
}

TEST_CASE("preset: epsilon 1e-8 against 1, inside or outside the square root", "[presets]") {
  const Lesson l = lesson("Epsilon:");
  REQUIRE(l.runs.size() == 4);
  const auto& runs = l.scenario->runs;
  CHECK((runs[0].hyper.eps == 1e-8 && !runs[0].hyper.eps_inside_sqrt));
  CHECK((runs[1].hyper.eps == 1e-8 && runs[1].hyper.eps_inside_sqrt));
  CHECK((runs[2].hyper.eps == 1 && !runs[2].hyper.eps_inside_sqrt));
  CHECK((runs[3].hyper.eps == 1 && runs[3].hyper.eps_inside_sqrt));
  // "With eps = 1e-8 ... the two paths coincide."
  double apart = 0;
  for (std::size_t k = 0; k < l.runs[0].rows(); ++k)
    apart = std::max(apart, distance(l.runs[0].position[k], l.runs[1].position[k]));
  CHECK(apart < 1e-5);
  // "With eps = 1 the denominator is never below 1, so a step is at most eta times the gradient"
  for (std::size_t i : {2u, 3u}) {
    const double eta = runs[i].hyper.eta;
    for (const Vec2 lr : l.runs[i].step_size) CHECK((lr.x <= eta && lr.y <= eta));
    // "where the gradient is small (along x) those runs crawl"
    CHECK(std::fabs(last(l.runs[i]).x) > 0.3);
    CHECK(std::fabs(last(l.runs[i]).y) < 1e-6);
    CHECK(l.runs[i].value.back() > 100 * l.runs[0].value.back());
  }
  // "Inside the root, sqrt(G + 1) is smaller than sqrt(G) + 1, so that run gets further."
  CHECK(l.runs[3].value.back() < 0.5 * l.runs[2].value.back());
}

TEST_CASE("preset: escaping the saddle", "[presets]") {
  const Lesson l = lesson("Escaping the saddle");
  const Trajectory& sgd = l.runs[0];
  // "The start is almost on the ridge (y = 0.001)"
  CHECK(l.scenario->start.y == 0.001);
  // "SGD ... slides down into the saddle point (0, 0) and after 200 steps has only drifted to y = 0.05."
  CHECK(std::fabs(last(sgd).x) < 0.02);
  CHECK(last(sgd).y == Approx(0.05).margin(0.005));
  for (std::size_t i : {1u, 2u}) {
    const Trajectory& t = l.runs[i];
    const double eta = l.scenario->runs[i].hyper.eta;
    INFO(l.scenario->runs[i].label);
    // "even the tiny y gradient gives steps about eta long"
    for (std::size_t k = 5; k <= 60; ++k) {
      CHECK(std::fabs(step_vector(t, k).y) > 0.5 * eta);
      CHECK(std::fabs(step_vector(t, k).y) < 2.5 * eta);
      CHECK(std::fabs(step_vector(sgd, k).y) < 0.01 * eta);
    }
    // "they leave the saddle (|y| > 1) within 80 steps"
    const auto leaves = std::find_if(t.position.begin(), t.position.end(), [](Vec2 p) { return std::fabs(p.y) > 1; });
    REQUIRE(leaves != t.position.end());
    CHECK(leaves - t.position.begin() < 80);
  }
  CHECK(std::none_of(sgd.position.begin(), sgd.position.end(), [](Vec2 p) { return std::fabs(p.y) > 1; }));
}

TEST_CASE("presets: per-coordinate scaling helps on the axis-aligned bowl, not on the rotated one", "[presets]") {
  const Lesson aligned = lesson("Per-coordinate scaling: the axis-aligned bowl");
  const Lesson rotated = lesson("Per-coordinate scaling: the rotated Matyas bowl");
  const Trajectory& sgd = aligned.runs[0];
  const Trajectory& adam = aligned.runs[1];
  const auto path_ratio = [](const Scenario& s, const Trajectory& t) {
    double path = 0;  // the path's length over the straight line to the minimum (0, 0)
    for (std::size_t k = 1; k < t.rows(); ++k) path += step_length(t, k);
    return path / length(s.start);
  };
  // "SGD's step must be small enough for y (eta < 2/25), so it zigzags across y ... its path is 4
  // times longer than the straight line to the minimum"
  CHECK(aligned.scenario->runs[0].hyper.eta < 2.0 / 25);
  int sign_changes = 0;
  for (std::size_t k = 1; k < sgd.rows(); ++k) sign_changes += (sgd.position[k].y < 0) != (sgd.position[k - 1].y < 0);
  CHECK(sign_changes >= 20);
  CHECK(path_ratio(*aligned.scenario, sgd) == Approx(4).margin(0.1));
  // "divides y's gradient by a number 12 to 15 times larger than x's"
  for (const Vec2 lr : adam.step_size) {
    CHECK(lr.x / lr.y > 11.5);
    CHECK(lr.x / lr.y < 15.5);
  }
  // "its path is only 17% longer than the straight line, and it stays within 0.01 of the minimum
  // after about 95 steps"
  CHECK(path_ratio(*aligned.scenario, adam) == Approx(1.17).margin(0.01));
  const long aligned_steps = settles_within(adam, {0, 0}, 0.01);
  CHECK(aligned_steps >= 90);
  CHECK(aligned_steps <= 100);

  // "the previous preset's bowl rotated by 45 degrees and made 25 times flatter, and the start is
  // the previous start rotated"
  const double c = std::sqrt(0.5);
  const auto rotate = [c](Vec2 p) { return Vec2{c * (p.x + p.y), c * (p.x - p.y)}; };
  const TestFunction& quadratic = *find_function("quadratic");
  const TestFunction& matyas = *find_function("matyas");
  for (Vec2 p : {Vec2{0.3, -1.7}, Vec2{2.5, 1.5}, Vec2{-4, 0.25}})
    CHECK(matyas.value(rotate(p)) == Approx(quadratic.value(p) / 25).epsilon(1e-12));
  CHECK(distance(rotated.scenario->start, rotate(aligned.scenario->start)) < 1e-15);
  // "SGD, with an eta 25 times larger for the flatter bowl, follows exactly the same path, rotated."
  CHECK(rotated.scenario->runs[0].hyper.eta == Approx(25 * aligned.scenario->runs[0].hyper.eta).epsilon(1e-15));
  const Trajectory& sgd_rotated = rotated.runs[0];
  REQUIRE(sgd_rotated.rows() == sgd.rows());
  for (std::size_t k = 0; k < sgd.rows(); ++k) CHECK(distance(sgd_rotated.position[k], rotate(sgd.position[k])) < 1e-9);
  // "Adam does not: x and y now see gradients of similar size, so its two step sizes stay within
  // 20% of each other"
  const Trajectory& adam_rotated = rotated.runs[1];
  for (const Vec2 lr : adam_rotated.step_size) {
    CHECK(lr.x / lr.y > 0.8);
    CHECK(lr.x / lr.y < 1.2);
  }
  // "With the same eta as before, Adam's path is 50% longer than the straight line and it needs
  // about 340 steps instead of 95"
  CHECK(rotated.scenario->runs[1].hyper == aligned.scenario->runs[1].hyper);
  CHECK(path_ratio(*rotated.scenario, adam_rotated) == Approx(1.5).margin(0.02));
  const long rotated_steps = settles_within(adam_rotated, {0, 0}, 0.01);
  CHECK(rotated_steps >= 320);
  CHECK(rotated_steps <= 360);
}

TEST_CASE("preset: Beale's long flat valley", "[presets]") {
  const Lesson l = lesson("Beale:");
  const Trajectory& sgd = l.runs[0];
  const Trajectory& adagrad = l.runs[1];
  // "on the flat floor its steps become tiny, 50 times shorter than its first: after 1000 steps it is
  // still near x = 2.5"
  CHECK(step_length(sgd, 1) / step_length(sgd, sgd.rows() - 1) > 45);
  CHECK(last(sgd).x == Approx(2.5).margin(0.1));
  // "AdaGrad stalls there too, as its step size only shrinks"
  CHECK(last(adagrad).x == Approx(2.5).margin(0.1));
  for (std::size_t k = 1; k < adagrad.step_size.size(); ++k) {
    CHECK(adagrad.step_size[k].x <= adagrad.step_size[k - 1].x);
    CHECK(adagrad.step_size[k].y <= adagrad.step_size[k - 1].y);
  }
  // "RMSprop and Adam ... reach the minimum"
  for (std::size_t i : {2u, 3u}) {
    INFO(l.scenario->runs[i].label);
    CHECK(distance(last(l.runs[i]), {3, 0.5}) < 0.02);
    CHECK(l.runs[i].value.back() < 1e-4);
  }
}

TEST_CASE("preset: Rastrigin's local minimum", "[presets]") {
  const Lesson l = lesson("Rastrigin:");
  const TestFunction& f = *find_function("rastrigin");
  const Vec2 local = refine_minimizer(f, {2, -2});
  // "the nearest local minimum, near (2, -2) where f = 7.96"
  CHECK(distance(local, {2, -2}) < 0.02);
  CHECK(f.value(local) == Approx(7.96).margin(0.005));
  CHECK(l.scenario->start == Vec2{2.3, -1.7});
  for (std::size_t i = 0; i < l.runs.size(); ++i) {
    const Trajectory& t = l.runs[i];
    INFO(l.scenario->runs[i].label);
    // "all roll into the nearest local minimum ... and stay there, far from the global minimum"
    CHECK(distance(last(t), local) < 1e-4);
    // "never over a ridge": every point stays in the cell of that minimum
    for (Vec2 p : t.position) CHECK((std::fabs(p.x - 2) < 0.5 && std::fabs(p.y + 2) < 0.5));
  }
  // "Momentum and Adam swing around before settling"
  const auto swing = [&](const Trajectory& t) {
    double most = 0;
    for (Vec2 p : t.position) most = std::max({most, local.x - p.x, local.y - p.y});
    return most;  // how far beyond the minimum, seen from the start's side
  };
  CHECK(swing(l.runs[1]) > 0.1);
  CHECK(swing(l.runs[3]) > 0.1);
  CHECK(swing(l.runs[0]) < 0.01);
  CHECK(swing(l.runs[2]) < 0.01);
}

TEST_CASE("preset: four ways to write RMSprop", "[presets][rule]") {
  const Lesson l = lesson("Four ways to write RMSprop");
  REQUIRE(l.runs.size() == 5);
  for (const RunSpec& r : l.scenario->runs) REQUIRE(r.rule);
  const Vec2 minimum{0, 0};
  const Trajectory& rmsprop = l.runs[0];
  const Trajectory& no_root = l.runs[1];
  const Trajectory& root_on_top = l.runs[2];
  const Trajectory& eps_inside = l.runs[3];
  const Trajectory& average = l.runs[4];
  for (const Trajectory& t : l.runs) CHECK_FALSE(t.diverged_at);

  // "whose gradients are small (at most 1.5)"
  for (const Trajectory& t : l.runs)
    for (const Vec2& g : t.gradient) CHECK(std::max(std::fabs(g.x), std::fabs(g.y)) <= 1.5);

  // RMSprop: "reaches the minimum steadily and ends hopping across it in y, 0.015 away"
  for (std::size_t k = 1; k <= 60; ++k) CHECK(rmsprop.value[k] < rmsprop.value[k - 1]);
  CHECK(distance(last(rmsprop), minimum) == Approx(0.015).epsilon(0.05));
  CHECK(std::fabs(last(rmsprop).x) < 1e-6);
  const std::size_t n = rmsprop.rows() - 1;
  CHECK(rmsprop.position[n].y * rmsprop.position[n - 1].y < 0);

  // No root: "it arrives first, in under 30 steps" ...
  const auto arrival = [&](const Trajectory& t) { return settles_within(t, minimum, 1e-3) ; };
  long first_near = -1;
  for (std::size_t k = 0; k < no_root.rows() && first_near < 0; ++k)
    if (distance(no_root.position[k], minimum) < 1e-3) first_near = static_cast<long>(k);
  CHECK(first_near > 0);
  CHECK(first_near < 30);
  for (const Trajectory* other : {&rmsprop, &root_on_top, &eps_inside, &average})
    for (std::size_t k = 0; k <= static_cast<std::size_t>(first_near); ++k)
      CHECK(distance(other->position[k], minimum) >= 1e-3);
  // ... "it is thrown out again and again": it leaves a 0.1 ball around the minimum several times
  int thrown_out = 0;
  for (std::size_t k = static_cast<std::size_t>(first_near) + 1; k < no_root.rows(); ++k)
    thrown_out += distance(no_root.position[k], minimum) > 0.1 && distance(no_root.position[k - 1], minimum) <= 0.1;
  CHECK(thrown_out >= 2);
  // ... "after 300 steps it still bounces up and down, 0.12 away"
  CHECK(no_root.position[n].y * no_root.position[n - 1].y < 0);
  CHECK(std::fabs(no_root.position[n].x) < 1e-6);
  CHECK(distance(last(no_root), minimum) == Approx(0.12).epsilon(0.05));
  CHECK(arrival(no_root) == -1);

  // sqrt(G) on top: "crawls, still 0.07 short at the end" (short in x: it has not crossed 0)
  CHECK(distance(last(root_on_top), minimum) == Approx(0.07).epsilon(0.05));
  CHECK(last(root_on_top).x < 0);
  CHECK(step_length(root_on_top, n) < 1e-3);

  // Epsilon inside: "settles instead of hopping"
  CHECK(distance(last(eps_inside), minimum) < 1e-5);
  CHECK(settles_within(eps_inside, minimum, 1e-3) > 0);

  // A moving average of g: "carries it past the minimum in a loop before it settles"
  const auto most_x = std::max_element(average.position.begin(), average.position.end(),
                                       [](Vec2 a, Vec2 b) { return a.x < b.x; });
  CHECK(most_x->x > 0.1);
  CHECK(distance(last(average), minimum) < 1e-5);
}

TEST_CASE("preset: linear regression in a narrow valley", "[presets][data]") {
  const Lesson l = lesson("Linear regression: a narrow valley");
  REQUIRE(l.scenario->objective.is_data());
  const Dataset& data = *l.scenario->objective.data();
  // "x lies between 8 and 12"
  for (double x : data.x) CHECK((x >= 8 && x <= 12));
  // "its curvature 192 across and 0.024 along it, 7,900 times less": the Hessian's eigenvalues
  double sxx = 0, sx = 0;
  for (double x : data.x) sxx += x * x, sx += x;
  const double n = static_cast<double>(data.size());
  const double a = 2 * sxx / n, b = 2 * sx / n, d = 2;
  const double mean = (a + d) / 2, spread = std::sqrt((a - d) * (a - d) / 4 + b * b);
  CHECK(mean + spread == Approx(192).epsilon(0.005));
  CHECK(mean - spread == Approx(0.024).epsilon(0.03));
  CHECK((mean + spread) / (mean - spread) == Approx(7900).epsilon(0.01));
  // "needs eta below 2/192 = 0.0104"; "at eta = 0.009"
  CHECK(2 / (mean + spread) == Approx(0.0104).epsilon(0.005));
  const RunSpec& sgd = l.scenario->runs[0];
  CHECK(sgd.hyper.kind == OptimizerKind::sgd);
  CHECK(sgd.hyper.eta == 0.009);
  const Vec2 minimum = l.scenario->objective.minima().at(0);
  CHECK(minimum.y == Approx(1.03).epsilon(0.005));  // "the minimum's 1.03"
  // "falls into the valley at once": after 20 steps f is within 12% of the minimum's value, and it
  // gains less than 0.003 in the next 580
  const double f_min = l.scenario->objective.minimum_value();
  CHECK(l.runs[0].value[20] < f_min * 1.12);
  CHECK(l.runs[0].value[20] - l.runs[0].value.back() < 0.003);
  // "after 600 steps b has gone from 0 to 0.18"; "RMSprop ... after 600 steps b is 0.82"
  CHECK(l.runs[0].position.size() == 601);
  CHECK(l.runs[0].position.front() == Vec2{0, 0});
  CHECK(last(l.runs[0]).y == Approx(0.18).epsilon(0.03));
  CHECK(last(l.runs[1]).y == Approx(0.82).epsilon(0.01));
  CHECK(l.scenario->runs[1].hyper.kind == OptimizerKind::rmsprop);
}
