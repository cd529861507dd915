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

TEST_CASE("preset: Adam's bias correction on and off", "[presets]") {
  const Lesson l = lesson("Adam's bias correction");
  const Trajectory& with = l.runs[0];
  const Trajectory& without = l.runs[1];
  REQUIRE(l.scenario->runs[0].hyper.bias_correction);
  REQUIRE_FALSE(l.scenario->runs[1].hyper.bias_correction);
  const double eta = l.scenario->runs[0].hyper.eta;
  REQUIRE(eta == l.scenario->runs[1].hyper.eta);
  // "the first step is exactly eta in each coordinate"
  CHECK(std::fabs(step_vector(with, 1).x) == Approx(eta).epsilon(1e-6));
  CHECK(std::fabs(step_vector(with, 1).y) == Approx(eta).epsilon(1e-6));
  // "the first step is 0.1 / sqrt(0.001) = 3.2 times eta"
  CHECK(std::fabs(step_vector(without, 1).x) == Approx(eta * 0.1 / std::sqrt(0.001)).epsilon(1e-6));
  CHECK(std::fabs(step_vector(without, 1).y) == Approx(eta * 0.1 / std::sqrt(0.001)).epsilon(1e-6));
  const auto past = [](const Trajectory& t) {
    double most = 0;  // the start is in the positive quadrant: how far the run went beyond 0
    for (Vec2 p : t.position) most = std::max({most, -p.x, -p.y});
    return most;
  };
  // "the run swings 0.87 past the minimum before it settles"
  CHECK(past(without) == Approx(0.87).margin(0.005));
  CHECK(length(last(without)) < 1e-4);
  // "the run swings past the minimum by only 0.09"
  CHECK(past(with) == Approx(0.09).margin(0.005));
  CHECK(length(last(with)) < 1e-3);
}

TEST_CASE("preset: momentum overshoots in the Rosenbrock valley", "[presets]") {
  const Lesson l = lesson("Momentum overshoots");
  const auto floor_crossings = [](const Trajectory& t) {
    int n = 0;
    for (std::size_t k = 1; k < t.rows(); ++k) {
      const Vec2 a = t.position[k - 1], b = t.position[k];
      n += (a.y - a.x * a.x < 0) != (b.y - b.x * b.x < 0);
    }
    return n;
  };
  const Trajectory& sgd = l.runs[0];
  const Trajectory& momentum = l.runs[1];
  const Trajectory& nesterov = l.runs[2];
  REQUIRE(l.scenario->runs[1].hyper.kind == OptimizerKind::momentum);
  REQUIRE(l.scenario->runs[2].hyper.kind == OptimizerKind::nesterov);
  CHECK(l.scenario->runs[1].hyper.momentum == 0.95);
  CHECK(l.scenario->runs[2].hyper.momentum == 0.95);
  // "Plain SGD (eta = 0.0005) crawls: after 2000 steps it is still at x = -0.67."
  CHECK(l.scenario->steps == 2000);
  CHECK(last(sgd).x == Approx(-0.67).margin(0.01));
  CHECK(increases_of_f(sgd) == 0);
  // "Momentum (mu = 0.95) ... reaches the minimum (1, 1), but ... crossing the valley floor 30 times,
  // and f goes up 34 times on the way."
  CHECK(distance(last(momentum), {1, 1}) < 1e-3);
  CHECK(floor_crossings(momentum) == 30);
  CHECK(increases_of_f(momentum) == 34);
  // "Nesterov ... crosses the floor only 4 times, f never goes up, and it arrives as close."
  CHECK(floor_crossings(nesterov) == 4);
  CHECK(increases_of_f(nesterov) == 0);
  CHECK(distance(last(nesterov), {1, 1}) < 1e-3);
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

TEST_CASE("preset: mini-batch noise", "[presets][data]") {
  const Lesson l = lesson("Mini-batch noise");
  REQUIRE(l.scenario->objective.is_data());
  CHECK(l.scenario->objective.data()->size() == 64);
  const RunSpec& sgd = l.scenario->runs[0];
  const RunSpec& rms = l.scenario->runs[1];
  const RunSpec& full = l.scenario->runs[2];
  CHECK((sgd.batch == 4 && sgd.shuffle && rms.batch == 4 && rms.shuffle && full.batch == 0));
  CHECK(l.scenario->seed == 1);
  // "Full-batch gradient descent ... ends on the minimum (2.06, -1.13)"
  const Vec2 minimum = l.scenario->objective.minima().at(0);
  CHECK(minimum.x == Approx(2.06).epsilon(0.005));
  CHECK(minimum.y == Approx(-1.13).epsilon(0.005));
  CHECK(distance(last(l.runs[2]), minimum) < 1e-9);
  const auto mean_step = [](const Trajectory& t, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t k = from; k < to; ++k) sum += step_length(t, k);
    return sum / static_cast<double>(to - from);
  };
  const std::size_t n = l.runs[0].rows();
  // SGD: "0.46 long on average over the first 10 steps"; "near the minimum ... about 0.07 long"
  CHECK(mean_step(l.runs[0], 1, 11) == Approx(0.46).epsilon(0.02));
  CHECK(mean_step(l.runs[0], n - 100, n) == Approx(0.07).epsilon(0.1));
  CHECK(distance(last(l.runs[0]), minimum) > 1e-3);  // "keeps wandering"
  // RMSprop: its rate "small while the gradients are large (0.007 for w at the start), four to five
  // times larger near the minimum"
  const Trajectory& r = l.runs[1];
  CHECK(r.step_size[0].x == Approx(0.007).epsilon(0.05));
  const Vec2 late = r.step_size.back();
  CHECK(late.x / r.step_size[0].x >= 4);
  CHECK(late.y / r.step_size[0].y >= 3.5);
  CHECK(late.y / r.step_size[0].y <= 5.5);
  // "Its steps start about 0.1 long ... and ends wandering with steps of about 0.06"
  CHECK(mean_step(r, 1, 11) == Approx(0.1).epsilon(0.05));
  CHECK(mean_step(r, n - 100, n) == Approx(0.06).epsilon(0.1));
  // "walks in without the leaps"
  double longest_rms = 0, longest_sgd = 0;
  for (std::size_t k = 1; k < n; ++k) longest_rms = std::max(longest_rms, step_length(r, k));
  for (std::size_t k = 1; k < n; ++k) longest_sgd = std::max(longest_sgd, step_length(l.runs[0], k));
  CHECK(longest_rms * 3 < longest_sgd);
}

TEST_CASE("preset: warm-up and cosine decay", "[presets][schedule]") {
  const Lesson l = lesson("Warm-up and cosine decay");
  REQUIRE(l.runs.size() == 4);
  for (const RunSpec& r : l.scenario->runs) {
    CHECK(r.hyper.kind == OptimizerKind::momentum);
    CHECK(r.hyper.momentum == 0.9);
    CHECK(r.hyper.eta == 0.003);
  }
  // "At the full rate from the first update ... diverges at step 8"
  CHECK(l.runs[0].diverged_at == 8);
  // "A linear warm-up over 100 updates from 0.1 eta ... ends at (0.999, 0.999)"
  const Schedule& warm = l.scenario->runs[1].schedule;
  CHECK((warm.kind == ScheduleKind::constant && warm.warmup == 100 && warm.warmup_start == 0.1));
  CHECK_FALSE(l.runs[1].diverged_at);
  CHECK(last(l.runs[1]).x == Approx(0.999).margin(0.0006));
  CHECK(last(l.runs[1]).y == Approx(0.999).margin(0.0006));
  // "lets it reach the valley floor with small steps": every step of the first 100 is shorter than 0.1
  for (std::size_t k = 1; k <= 100; ++k) CHECK(step_length(l.runs[1], k) < 0.1);
  // "Cosine decay without warm-up ... diverges at step 8 just the same"
  CHECK(l.scenario->runs[2].schedule.kind == ScheduleKind::cosine);
  CHECK(l.scenario->runs[2].schedule.warmup == 0);
  CHECK(l.runs[2].diverged_at == 8);
  // "With warm-up and cosine decay ... its rate shrinks to 0 at the end, so it stops short, at (0.97, 0.95)"
  const Trajectory& both = l.runs[3];
  CHECK_FALSE(both.diverged_at);
  CHECK(both.step_size.back().x < 1e-6 * 0.003 * 1e3);
  CHECK(last(both).x == Approx(0.97).margin(0.006));
  CHECK(last(both).y == Approx(0.95).margin(0.006));
  CHECK(step_length(both, both.rows() - 1) < 1e-4);
}
