#include "model.hpp"

#include <algorithm>
#include <exception>

#include "grid.hpp"
#include "scenario_file.hpp"

namespace optviz::gui {
namespace {

void simulate_if_changed(Model& model) {
  // The 2D or 3D view and the camera change no trajectory: orbiting never recomputes the runs.
  model.simulated.display.view = model.scenario.display.view;
  model.simulated.display.surface = model.scenario.display.surface;
  if (model.scenario == model.simulated) {
    model.problem.clear();
    return;
  }
  if (std::string problem = find_scenario_problem(model.scenario); !problem.empty()) {
    model.problem = std::move(problem);
    return;
  }
  // From a network scenario back to a function: every run is new (changed_runs sees the same setup).
  std::vector<std::size_t> changed;
  if (model.simulated.network && !model.scenario.network)
    for (std::size_t i = 0; i < model.scenario.course.runs.size(); ++i) changed.push_back(i);
  else if (!model.scenario.network)
    changed = changed_runs(model.simulated.course, model.scenario.course);
  model.runs.resize(model.scenario.course.runs.size());
  model.run_versions.resize(model.scenario.course.runs.size());
  if (model.scenario.network) {
    // A network's runs train in the background (update_model); the trajectories stay empty.
    for (Trajectory& t : model.runs) t = Trajectory{};
  } else if (!changed.empty()) {
    try {
      simulate(model.scenario.course, model.runs, changed);  // into the memory the runs already have
    } catch (const std::exception& e) {  // a scenario without a problem simulates: only a bug gets here
      model.problem = e.what();
      model.simulated.course.runs.clear();  // what `runs` holds now is no longer known
      model.runs.clear();
      return;
    }
    ++model.generation;
    for (const std::size_t i : changed) model.run_versions[i] = model.generation;
  }
  model.problem.clear();
  const bool new_function = !(model.scenario.course.objective == model.simulated.course.objective);
  const bool new_surface = new_function || model.scenario.display.colour_scale != model.simulated.display.colour_scale;
  if (new_function) model.scenario.course.objective.search_minima(model.scenario.view);
  model.simulated = model.scenario;
  if (new_surface || !(model.heatmap.high > model.heatmap.low))
    model.heatmap = heatmap_scale(model.simulated.course.objective, model.scenario.display.colour_scale);
  if (model.selected && *model.selected >= model.scenario.course.runs.size()) {
    model.selected =
        model.scenario.course.runs.empty() ? std::nullopt : std::optional(model.scenario.course.runs.size() - 1);
  }
  model.playback.position = std::clamp(model.playback.position, 0.0, static_cast<double>(last_step(model)));
}

}  // namespace

void update_model(Model& model, bool show_spread) {
  simulate_if_changed(model);
  // A network scenario's trainings follow the last valid scenario (simulated).
  model.training->update(model.simulated);
  if (model.training->poll()) ++model.generation;
  if (model.simulated.network) return;
  // The spread belongs to what `runs` shows: only a scenario that was simulated has one.
  if (model.simulated.course.steps >= 1 && model.runs.size() == model.simulated.course.runs.size())
    update_spread(model.spread, model.simulated.course, show_spread);
}

long last_step(const Model& model) {
  if (model.simulated.network) return model.simulated.course.steps;
  std::size_t rows = 1;
  for (const Trajectory& t : model.runs) rows = std::max(rows, t.rows());
  return static_cast<long>(rows) - 1;
}

}  // namespace optviz::gui
