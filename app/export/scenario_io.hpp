// Opening a scenario from a file the user picked: a JSON scenario or a PNG exported by optviz,
// decided by the content (the PNG signature), not by the name.
#pragma once

#include <filesystem>

#include "scenario.hpp"

namespace optviz {

// Throws ScenarioError (core/scenario/scenario_file.hpp) with a message that names the file:
// "fig.png: no optviz scenario inside (was it exported by optviz?)",
// "lesson.json: runs[2].eta: must be >= 0, got -1".
Scenario open_scenario_file(const std::filesystem::path& path);

}  // namespace optviz
