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
