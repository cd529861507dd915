#include "map_views.hpp"

#include <algorithm>
#include <cmath>

#include "parameters.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

const RealParameter* find_parameter(const std::vector<const RealParameter*>& params, const std::string& name) {
  for (const RealParameter* p : params)
    if (p->name == name) return p;
  return nullptr;
}

Axis axis_of(const SweepAxisChoice& choice, const RealParameter* p, int count) {
  return {p, choice.from, choice.to, count, choice.log};
}

}  // namespace

SweepAxisChoice default_axis(const RealParameter& p, double value) {
  SweepAxisChoice c{std::string(p.name), p.min, p.max, false};
  switch (p.scale) {
    case SliderScale::log: {
      const double centre = value > 0 && std::isfinite(value) ? value : 1e-2;
      c.from = std::max(centre / 100, p.min);
      c.to = std::min(centre * 10, p.max);
      c.log = c.from > 0;
      break;
    }
    case SliderScale::one_minus_log:
      c.from = std::max(0.0, p.min);
      c.to = std::min(0.999, p.max);
      break;
    case SliderScale::linear:
      if (!std::isfinite(c.to)) c.to = std::max(1.0, 2 * value);
      break;
  }
  return c;
}

bool fit_sweep_axes(SweepSettings& settings, const RunSpec& run) {
  const auto params = parameters_of(run);
  if (params.size() < 2) return false;
  // x: the first (the learning rate); y: the first decay or momentum, else the next one.
  const auto fit = [&](SweepAxisChoice& axis, const std::string& other, bool decay) {
    if (find_parameter(params, axis.name) && axis.name != other) return;
    std::vector<const RealParameter*> candidates;
    for (const RealParameter* p : params)
      if (p->name != other && (!decay || p->scale == SliderScale::one_minus_log)) candidates.push_back(p);
    for (const RealParameter* p : params)
      if (p->name != other) candidates.push_back(p);
    const RealParameter& chosen = *candidates.front();  // params has two, so one differs from other
    axis = default_axis(chosen, run.hyper.*chosen.member);
  };
  fit(settings.x, settings.y.name, false);
  fit(settings.y, settings.x.name, true);
  return true;
}

std::optional<Sweep> wanted_sweep(const Scenario& scenario, std::size_t index, const SweepSettings& settings,
                                  std::string& problem) {
  problem.clear();
  if (index >= scenario.course.runs.size()) {
    problem = tr("select a run to sweep");
    return std::nullopt;
  }
  const RunSpec& run = scenario.course.runs[index];
  const auto params = parameters_of(run);
  const RealParameter* x = find_parameter(params, settings.x.name);
  const RealParameter* y = find_parameter(params, settings.y.name);
  if (x == nullptr || y == nullptr) {
    problem = tr("this run takes fewer than two hyperparameters");
    return std::nullopt;
  }
  Sweep s;
  s.objective = scenario.course.objective;
  s.run = run;
  s.start = scenario.course.start;
  s.steps = settings.steps > 0 ? settings.steps : scenario.course.steps;
  s.training = training_of(run, scenario.course.seed, index);
  s.x = axis_of(settings.x, x, settings.side);
  s.y = axis_of(settings.y, y, settings.side);
  // Every cell overrides the run's own values of the two: they only place the mark.
  s.run.hyper.*x->member = s.x.from;
  s.run.hyper.*y->member = s.y.from;
  s.target = {scenario.course.objective.minimum_value(), settings.tolerance};
  problem = find_sweep_problem(s);
  if (!problem.empty()) return std::nullopt;
  return s;
}

Vec2 swept_values(const RunSpec& run, const Sweep& sweep) {
  return {run.hyper.*sweep.x.parameter->member, run.hyper.*sweep.y.parameter->member};
}

void load_sweep_cell(Scenario& scenario, std::size_t index, const Sweep& sweep, int i, int j) {
  if (index >= scenario.course.runs.size()) return;
  const RunSpec cell = cell_run(sweep, i, j);
  Hyperparameters& h = scenario.course.runs[index].hyper;
  h.*sweep.x.parameter->member = round_shown(cell.hyper.*sweep.x.parameter->member);
  h.*sweep.y.parameter->member = round_shown(cell.hyper.*sweep.y.parameter->member);
}

std::optional<Basin> wanted_basin(const Scenario& scenario, std::size_t index, Box view, int columns, int rows,
                                  std::string& problem) {
  problem.clear();
  if (index >= scenario.course.runs.size()) {
    problem = tr("select a run for its basins");
    return std::nullopt;
  }
  const RunSpec& run = scenario.course.runs[index];
  Basin b;
  b.objective = scenario.course.objective;
  b.run = run;
  b.view = view;
  b.columns = std::clamp(columns, 1, kMaxMapSide);
  b.rows = std::clamp(rows, 1, kMaxMapSide);
  b.steps = std::min(scenario.course.steps, kMaxMapSteps);
  b.training = training_of(run, scenario.course.seed, index);
  b.target = {scenario.course.objective.minimum_value(), 1e-6};
  problem = find_basin_problem(b);
  if (!problem.empty()) return std::nullopt;
  return b;
}

void refresh_sweep_image(SweepView& view) {
  view.job.poll();
  const Map* map = view.job.result();
  if (map == nullptr) return;
  const Sweep& spec = *view.job.result_spec();
  // Steps need a known minimum: without one the map shows the loss.
  MapColouring colouring = view.settings.colouring;
  if (colouring == MapColouring::steps && !std::isfinite(spec.target.value)) colouring = MapColouring::loss;
  if (view.coloured == view.job.generation() && view.image_colouring == colouring) return;
  view.scale = map_scale(*map, spec.objective, colouring, spec.target);
  view.image.rgba = map_pixels(*map, view.scale);
  view.image.width = map->columns;
  view.image.height = map->rows;
  ++view.image.generation;
  view.coloured = view.job.generation();
  view.image_colouring = colouring;
}

void refresh_basin_image(BasinView& view) {
  view.job.poll();
  const BasinMap* map = view.job.result();
  if (map == nullptr) return;
  if (view.coloured == view.job.generation() && view.image_colouring == view.colouring) return;
  const Basin& spec = *view.job.result_spec();
  view.scale = map_scale(*map, spec.objective, MapColouring::loss, spec.target);
  view.image.rgba = view.colouring == MapColouring::minimum ? basin_pixels(*map, kBasinAlpha)
                                                            : map_pixels(*map, view.scale, kBasinAlpha);
  view.image.width = map->columns;
  view.image.height = map->rows;
  ++view.image.generation;
  view.coloured = view.job.generation();
  view.image_colouring = view.colouring;
}

namespace {

void update_sweep(SweepView& v, const Scenario& scenario, const Scenario& simulated, std::optional<std::size_t> index,
                  const std::string& problem, double now) {
  if (!v.show) {
    v.job.update(std::nullopt, now);
    return;
  }
  if (scenario.network) {
    v.problem = tr("Sweep maps are of runs on a 2D function; a network scenario has none.");
    v.job.update(std::nullopt, now);
  } else if (!index || *index >= scenario.course.runs.size()) {
    v.problem = tr("Select a run to sweep two of its hyperparameters.");
    v.job.update(std::nullopt, now);
  } else if (!fit_sweep_axes(v.settings, scenario.course.runs[*index])) {
    v.problem = tr("This run takes fewer than two hyperparameters.");
    v.job.update(std::nullopt, now);
  } else if (!problem.empty()) {
    v.problem = problem;  // a scenario being edited into an invalid one keeps the last map and its job
  } else {
    v.job.update(wanted_sweep(simulated, *index, v.settings, v.problem), now);
  }
  refresh_sweep_image(v);
}

void update_basin(BasinView& v, const Scenario& scenario, const Scenario& simulated, std::optional<std::size_t> index,
                  const std::string& problem, double now) {
  if (!v.region) return;  // the canvas did not draw (the 3D view): the job waits as it is
  const BasinRegion region = *v.region;
  v.region.reset();
  if (!v.show || !index || *index >= scenario.course.runs.size()) {
    v.job.update(std::nullopt, now);
    return;
  }
  if (problem.empty())
    v.job.update(wanted_basin(simulated, *index, region.shown, region.columns, region.rows, v.problem), now);
  refresh_basin_image(v);
}

}  // namespace

void update_maps(MapViews& maps, const Scenario& scenario, const Scenario& simulated,
                 std::optional<std::size_t> selected, const std::string& problem, double now) {
  update_sweep(maps.sweep, scenario, simulated, selected, problem, now);
  update_basin(maps.basin, scenario, simulated, selected, problem, now);
}

}  // namespace optviz::gui
