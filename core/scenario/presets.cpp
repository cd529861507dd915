#include "presets.hpp"

#include "embedded_presets.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

std::vector<Scenario> parse_presets() {
  std::vector<Scenario> out;
  for (const detail::EmbeddedFile& file : detail::preset_files()) {
    try {
      out.push_back(scenario_from_json(file.text));
    } catch (const ScenarioError& e) {
      throw ScenarioError(tr_format("lesson preset {0}: {1}", {file.name, e.what()}));
    }
  }
  return out;
}

}  // namespace

const std::vector<Scenario>& lesson_presets() {
  static const std::vector<Scenario> presets = parse_presets();
  return presets;
}

const Scenario& opening_scenario() { return lesson_presets().front(); }

}  // namespace optviz
