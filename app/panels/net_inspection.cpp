#include "net_inspection.hpp"

#include "state.hpp"

namespace optviz::gui {

const Explanation* inspected_parameter_update(AppState& state) {
  const NetTraining& training = *state.model.training;
  const NetStart* start = training.start();
  const auto& parameter = state.view.selected_parameter;
  const auto& selected = state.model.selected;
  if (!start || !parameter || *parameter >= start->net.parameter_count() || !selected || !training.run(*selected) ||
      *selected >= training.trained().course.runs.size())
    return nullptr;
  NetInspection& c = state.view.net_inspection;
  const Course& course = training.trained().course;
  const RunSpec& spec = course.runs[*selected];
  const bool same = c.replay && c.start == start && c.version == training.version(*selected) && c.run == *selected &&
                    c.spec == spec && c.steps == course.steps && c.seed == course.seed &&
                    c.replay->parameter() == *parameter;
  if (!same) {
    c.start = start;
    c.version = training.version(*selected);
    c.run = *selected;
    c.spec = spec;
    c.steps = course.steps;
    c.seed = course.seed;
    c.replay.emplace(start->net, start->theta, start->sets, spec, course.steps, course.seed, *parameter);
    c.step = -1;
  }
  if (const long step = current_step(state); step != c.step) {
    c.explanation = c.replay->explain(step);
    c.step = step;
    ++c.replays;
  }
  return &c.explanation;
}

}  // namespace optviz::gui
