// A network scenario small enough for tests: Playground's default network and runs on `rows` of the
// circle's points, for `steps` steps.
#pragma once

#include <cstddef>

#include "scenario.hpp"

namespace optviz {

inline Scenario small_network_scenario(std::size_t rows, long steps) {
  Scenario s = default_network_scenario();
  s.network->recipe->rows = rows;
  s.course.steps = steps;
  return s;
}

}  // namespace optviz
