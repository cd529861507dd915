#include "lesson_support.hpp"

#include <stdexcept>
#include <string>

namespace optviz::testing {

Lesson lesson(std::string_view title_start) {
  for (const Scenario& s : lesson_presets())
    if (s.title.starts_with(title_start)) return {&s, simulate(s.course)};
  throw std::runtime_error("no lesson titled " + std::string(title_start));
}

long settles_within(const Trajectory& t, Vec2 target, double r) {
  long after = -1;
  for (std::size_t k = 0; k < t.rows(); ++k)
    if (distance(t.position[k], target) >= r) after = static_cast<long>(k);
  return after + 1 < static_cast<long>(t.rows()) ? after + 1 : -1;
}

long first_within(const Trajectory& t, Vec2 target, double r) {
  for (std::size_t k = 0; k < t.rows(); ++k)
    if (distance(t.position[k], target) < r) return static_cast<long>(k);
  return -1;
}

int increases_of_f(const Trajectory& t) {
  int n = 0;
  for (std::size_t k = 1; k < t.rows(); ++k) n += t.value[k] > t.value[k - 1];
  return n;
}

Vec2 refine_minimizer(const TestFunction& f, Vec2 p) {
  constexpr double h = 1e-6;
  for (int i = 0; i < 50; ++i) {
    const Vec2 g = f.gradient(p);
    const Vec2 gx = (f.gradient(p + Vec2{h, 0}) - f.gradient(p - Vec2{h, 0})) / (2 * h);
    const Vec2 gy = (f.gradient(p + Vec2{0, h}) - f.gradient(p - Vec2{0, h})) / (2 * h);
    const double det = gx.x * gy.y - gy.x * gx.y;
    p = p - Vec2{(gy.y * g.x - gy.x * g.y) / det, (gx.x * g.y - gx.y * g.x) / det};
  }
  return p;
}

}  // namespace optviz::testing
