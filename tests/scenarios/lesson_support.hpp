// What the lesson tests measure on a lesson's runs: a lesson found by its title, step lengths,
// distances, when a run settles. Every claim of a lesson's text is asserted with these.
#pragma once

#include <cmath>
#include <string_view>
#include <vector>

#include "presets.hpp"
#include "scenario.hpp"

namespace optviz::testing {

struct Lesson {
  const Scenario* scenario = nullptr;
  std::vector<Trajectory> runs;
};

// The lesson preset whose title starts with `title_start`, simulated; throws when there is none.
Lesson lesson(std::string_view title_start);

inline double length(Vec2 v) { return std::hypot(v.x, v.y); }
inline double distance(Vec2 a, Vec2 b) { return length(a - b); }
// The length of the step that led to row k.
inline double step_length(const Trajectory& t, std::size_t k) { return distance(t.position[k], t.position[k - 1]); }
inline Vec2 step_vector(const Trajectory& t, std::size_t k) { return t.position[k] - t.position[k - 1]; }
inline Vec2 last(const Trajectory& t) { return t.position.back(); }

// The first step after which the run stays within r of `target`, or -1.
long settles_within(const Trajectory& t, Vec2 target, double r);
// The first step at which the run is within r of `target`, or -1.
long first_within(const Trajectory& t, Vec2 target, double r);
// How many updates raised f.
int increases_of_f(const Trajectory& t);
// Newton's method on the gradient, from a point close to a minimizer.
Vec2 refine_minimizer(const TestFunction& f, Vec2 p);

}  // namespace optviz::testing
