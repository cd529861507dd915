// libFuzzer target: the scenario loader, optviz::scenario_from_json.
//
// Any text either gives a scenario or a ScenarioError; every other exception, crash or hang is a
// finding. A scenario that loads must also pass find_scenario_problem, save to JSON that loads
// back to the same scenario and the same bytes, and (when small enough to be quick) simulate, or train its network.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "network_setup.hpp"
#include "scenario.hpp"
#include "scenario_file.hpp"

namespace {

// simulate() costs about the total number of steps; beyond this an input is only loaded.
constexpr long kMaxSimulatedSteps = 20'000;
// A network's training costs about steps x rows x parameters; beyond this it is only loaded.
constexpr double kMaxTrainingWork = 2e6;

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
  if (scenario.network) {
    // A network scenario trains (when small enough): every run ends, as trained or diverged.
    const optviz::NetStart start = optviz::network_start(scenario);
    const double work = static_cast<double>(scenario.course.runs.size()) * static_cast<double>(scenario.course.steps) *
                        static_cast<double>(start.sets.train.size() + start.sets.test.size()) *
                        static_cast<double>(start.net.parameter_count());
    if (work <= kMaxTrainingWork)
      for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
        const optviz::NetRun run = optviz::train_scenario_run(scenario, start, i, {});
        check(run.rows() >= 1);
      }
  } else if (static_cast<long>(scenario.course.runs.size()) * scenario.course.steps <= kMaxSimulatedSteps) {
    const auto runs = optviz::simulate(scenario.course);
    check(runs.size() == scenario.course.runs.size());
  }
  return 0;
}
