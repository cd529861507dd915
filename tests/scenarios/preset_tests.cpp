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
  const auto arrival = [&](const Trajectory& t) { return settles_within(t, minimum, 1e-3); };
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
  const auto most_x =
      std::max_element(average.position.begin(), average.position.end(), [](Vec2 a, Vec2 b) { return a.x < b.x; });
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
