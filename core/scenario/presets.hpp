// The lesson presets: the scenario files of assets/scenarios/, embedded into the binary at build
// time (the program never reads files relative to the working directory). Each has a title and a
// short explanation for students that tests/scenarios/ checks against what its runs do.
#pragma once

#include <vector>

#include "scenario.hpp"

namespace optviz {

// In the order of their file names. Parsed once, on the first call.
const std::vector<Scenario>& lesson_presets();

// What optviz opens with the first time (the window, the page): the course's first lesson.
const Scenario& opening_scenario();

}  // namespace optviz
