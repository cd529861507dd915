// libFuzzer target: the scenario loader, optviz::scenario_from_json.
//
// Any text either gives a scenario or a ScenarioError; every other exception, crash or hang is a
// finding. A scenario that loads must also pass find_scenario_problem, save to JSON that loads
// back to the same scenario and the same bytes, and (when small enough to be quick) simulate.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scenario.hpp"
#include "scenario_file.hpp"

namespace {

// simulate() costs about the total number of steps; beyond this an input is only loaded.
constexpr long kMaxSimulatedSteps = 20'000;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  optviz::Scenario scenario;
  try {
    scenario = optviz::scenario_from_json(text);
  } catch (const optviz::ScenarioError& e) {
    check(std::string_view(e.what()).size() > 0);
    return 0;
  }
  check(optviz::find_scenario_problem(scenario).empty());
  const std::string saved = optviz::to_json(scenario);
  const optviz::Scenario reloaded = optviz::scenario_from_json(saved);
  check(reloaded == scenario);
  check(optviz::to_json(reloaded) == saved);
  if (static_cast<long>(scenario.course.runs.size()) * scenario.course.steps <= kMaxSimulatedSteps) {
    const auto runs = optviz::simulate(scenario.course);
    check(runs.size() == scenario.course.runs.size());
  }
  return 0;
}
