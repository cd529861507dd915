#include "state.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "algorithms.hpp"
#include "parameters.hpp"
#include "run_name.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// The palette colour used by the fewest runs, the earliest on ties.
Rgb free_colour(const Scenario& s) {
  const auto palette = run_palette();
  std::size_t best = 0;
  long best_uses = -1;
  for (std::size_t i = 0; i < palette.size(); ++i) {
    const long uses =
        std::count_if(s.looks.begin(), s.looks.end(), [&](const RunLook& r) { return r.colour == palette[i]; });
    if (best_uses < 0 || uses < best_uses) best = i, best_uses = uses;
  }
  return palette[best];
}

bool room_for_another_run(AppState& state) {
  const long runs = static_cast<long>(state.model.scenario.course.runs.size()) + 1;
  if (runs > static_cast<long>(kMaxRuns)) {
    set_notice(state, tr_format("At most {0} runs", {std::to_string(kMaxRuns)}), true);
    return false;
  }
  if (runs * state.model.scenario.course.steps > kMaxScenarioSteps) {
    set_notice(state,
               tr_format("Too many steps for another run: lower the step count to {0} first",
                         {std::to_string(kMaxScenarioSteps / runs)}),
               true);
    return false;
  }
  return true;
}

// The function becomes `f`, with its own view and start; batches follow its data.
void use_function(AppState& state, Objective f) {
  state.model.scenario.network.reset();
  state.model.scenario.view = f.view();
  state.model.scenario.course.start = f.start();
  state.view.settings.wanted = f.view();
  state.model.scenario.course.objective = std::move(f);
  fit_batches_to_function(state.model.scenario);
}

Objective generated_objective(const DataRecipe& r) {
  return Objective::from_data(generate_data(r), r.loss, std::to_string(r.points) + " generated points");
}

}  // namespace

std::uint64_t next_seed(std::uint64_t seed) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15u;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  z ^= z >> 31;
  const std::uint64_t next = 1 + z % 999'999;
  return next == seed ? next + 1 : next;
}

AppState make_state(Scenario scenario) {
  AppState state;
  replace_scenario(state, std::move(scenario));
  return state;
}

const Objective& current_function(const AppState& state) { return state.model.simulated.course.objective; }

void update_simulation(AppState& state) { update_model(state.model, state.view.settings.show_spread); }

long last_step(const AppState& state) { return last_step(state.model); }

long current_step(const AppState& state) {
  const double p = std::isfinite(state.model.playback.position) ? state.model.playback.position : 0.0;
  return std::clamp(static_cast<long>(std::floor(p)), 0L, last_step(state));
}

void set_step(AppState& state, long step) {
  state.model.playback.position = static_cast<double>(std::clamp(step, 0L, last_step(state)));
}

void advance_playback(AppState& state, double dt) {
  Playback& p = state.model.playback;
  if (!p.playing || !(dt > 0)) return;
  const double end = static_cast<double>(last_step(state));
  p.speed = std::clamp(std::isfinite(p.speed) ? p.speed : 60.0, kMinSpeed, kMaxSpeed);
  p.position += std::min(dt, 0.25) * p.speed;
  if (p.position >= end) {
    if (p.loop && end > 0) {
      p.position = 0;
    } else {
      p.position = end;
      p.playing = false;
    }
  }
}

void toggle_playing(AppState& state) {
  Playback& p = state.model.playback;
  p.playing = !p.playing;
  if (p.playing && current_step(state) >= last_step(state)) p.position = 0;
}

bool add_run(AppState& state, OptimizerKind kind) {
  if (!room_for_another_run(state)) return false;
  RunLook look = make_look(std::string(title(kind)), state.model.scenario.course.runs.size());
  look.colour = free_colour(state.model.scenario);
  add_run(state.model.scenario, make_run(kind), std::move(look));
  state.model.selected = state.model.scenario.course.runs.size() - 1;
  return true;
}

bool duplicate_run(AppState& state, std::size_t index) {
  if (index >= state.model.scenario.course.runs.size() || !room_for_another_run(state)) return false;
  RunLook look = state.model.scenario.looks[index];
  // An automatic name tells the copy apart itself; a typed one is the user's, in their language.
  if (!shown_label(look).empty()) look.label = shown_label(look) + tr(" (copy)");
  look.translated_labels.clear();
  look.colour = free_colour(state.model.scenario);
  const FormulaEdit edit = rule_edit(state, index);
  const auto at = static_cast<std::ptrdiff_t>(index) + 1;
  state.model.scenario.course.runs.insert(state.model.scenario.course.runs.begin() + at,
                                          state.model.scenario.course.runs[index]);
  state.model.scenario.looks.insert(state.model.scenario.looks.begin() + at, std::move(look));
  state.model.rule_edits.insert(state.model.rule_edits.begin() + static_cast<std::ptrdiff_t>(index) + 1, edit);
  state.model.selected = index + 1;
  return true;
}

void remove_run(AppState& state, std::size_t index) {
  if (index >= state.model.scenario.course.runs.size()) return;
  remove_run(state.model.scenario, index);
  if (index < state.model.rule_edits.size())
    state.model.rule_edits.erase(state.model.rule_edits.begin() + static_cast<std::ptrdiff_t>(index));
  if (state.model.selected &&
      (*state.model.selected > index || *state.model.selected >= state.model.scenario.course.runs.size())) {
    state.model.selected = *state.model.selected > 0 ? std::optional(*state.model.selected - 1) : std::nullopt;
  }
  if (!state.model.selected && !state.model.scenario.course.runs.empty()) state.model.selected = 0;
}

void change_optimizer(AppState& state, std::size_t index, OptimizerKind kind) {
  if (index >= state.model.scenario.course.runs.size()) return;
  RunSpec& run = state.model.scenario.course.runs[index];
  if (run.hyper.kind == kind && !run.rule) return;
  if (is_value_label(run, state.model.scenario.looks[index].label)) state.model.scenario.looks[index].label.clear();
  run.hyper = defaults(kind);
  run.rule.reset();
}

FormulaEdit& rule_edit(AppState& state, std::size_t index) {
  if (state.model.rule_edits.size() < state.model.scenario.course.runs.size())
    state.model.rule_edits.resize(state.model.scenario.course.runs.size());
  FormulaEdit& edit = state.model.rule_edits[index];
  const RunSpec& run = state.model.scenario.course.runs[index];
  if (edit.text.empty() && edit.error.empty() && run.rule) edit.text = run.rule->text();
  return edit;
}

void type_rule(AppState& state, std::size_t index, std::string text) {
  if (index >= state.model.scenario.course.runs.size()) return;
  FormulaEdit& edit = rule_edit(state, index);
  edit.text = std::move(text);
  edit.typed_at.reset();
  RunSpec& run = state.model.scenario.course.runs[index];
  try {
    Rule rule(edit.text);
    edit.error.clear();
    edit.column = 0;
    if (run.rule && *run.rule == rule) return;
    if (!rule.state_index(state.model.scenario.looks[index].accumulator))
      state.model.scenario.looks[index].accumulator = default_accumulator(rule);
    run.rule = std::move(rule);
  } catch (const ExpressionError& e) {
    edit.error = e.problem();
    edit.column = e.column();
  }
}

void change_to_rule(AppState& state, std::size_t index) {
  if (index >= state.model.scenario.course.runs.size() || state.model.scenario.course.runs[index].rule) return;
  RunSpec& run = state.model.scenario.course.runs[index];
  if (is_value_label(run, state.model.scenario.looks[index].label)) state.model.scenario.looks[index].label.clear();
  // The rule that updates as the optimizer does, reading the same hyperparameters.
  rule_edit(state, index) = {};
  type_rule(state, index, rule_text(run.hyper));
}

void select_function(AppState& state, const std::string& name) {
  const TestFunction* f = find_function(name);
  if (f == nullptr || (!state.model.scenario.network && state.model.scenario.course.objective == Objective(*f))) return;
  use_function(state, *f);
}

void type_formula(AppState& state, std::string text) {
  state.model.formula.text = std::move(text);
  state.model.formula.typed_at.reset();
  try {
    Objective typed = Objective::typed(state.model.formula.text);
    state.model.formula.error.clear();
    state.model.formula.column = 0;
    if (state.model.scenario.network || !(typed == state.model.scenario.course.objective)) {
      state.model.scenario.network.reset();
      state.model.scenario.course.objective = std::move(typed);
      fit_batches_to_function(state.model.scenario);
    }
  } catch (const ExpressionError& e) {
    state.model.formula.error = e.problem();
    state.model.formula.column = e.column();
  }
}

void choose_generated_data(AppState& state, DataLoss loss) {
  if (!state.model.scenario.network && function_is_generated(state) && state.model.generated.recipe.loss == loss)
    return;
  state.model.generated.recipe.loss = loss;
  try {
    Objective f = generated_objective(state.model.generated.recipe);
    state.model.generated.objective = f;
    use_function(state, std::move(f));
  } catch (const DataError& e) {
    set_notice(state, tr_format("cannot draw the data: {0}", {e.what()}), true);
  }
}

void regenerate_data(AppState& state) {
  DataRecipe& r = state.model.generated.recipe;
  r.points = std::clamp<std::size_t>(r.points, 2, kMaxDataRows);
  if (!(r.x_max > r.x_min)) {
    set_notice(state, tr("cannot draw the data: the x range must go from a lower to a higher value"), true);
    return;
  }
  try {
    Objective f = generated_objective(r);
    state.model.generated.objective = f;
    state.model.scenario.view = f.view();
    const auto& minima = f.minima();
    const Box& w = state.view.settings.wanted;
    if (!minima.empty()) {
      const Vec2 m = minima.front();
      if (m.x < w.min.x || m.x > w.max.x || m.y < w.min.y || m.y > w.max.y) state.view.settings.wanted = f.view();
    }
    state.model.scenario.course.objective = std::move(f);
    fit_batches_to_function(state.model.scenario);
  } catch (const DataError& e) {
    set_notice(state, tr_format("cannot draw the data: {0}", {e.what()}), true);
  }
}

void new_data_points(AppState& state) {
  state.model.generated.recipe.seed = next_seed(state.model.generated.recipe.seed);
  regenerate_data(state);
}

bool function_is_generated(const AppState& state) {
  return state.model.generated.objective && *state.model.generated.objective == state.model.scenario.course.objective;
}

bool open_data_file(AppState& state, const std::string& path, DataLoss loss) {
  Dataset data;
  try {
    data = load_data_csv(path);
  } catch (const std::exception& e) {
    set_notice(state, e.what(), true);
    return false;
  }
  const std::size_t rows = data.size();
  try {
    use_function(state, Objective::from_data(std::move(data), loss, std::filesystem::path(path).filename().string()));
  } catch (const DataError& e) {
    set_notice(state, path + ": " + e.what(), true);
    return false;
  }
  // The loss's name is a key of the scenario files: translated only here, where it is shown.
  set_notice(state, tr_format("Opened {0}: {1} rows, {2} loss",
                              {path, std::to_string(rows), tr(std::string(name(loss)).c_str())}));
  return true;
}

void change_data_loss(AppState& state, DataLoss loss) {
  const Objective& current = state.model.scenario.course.objective;
  if (!current.is_data() || current.loss() == loss) return;
  try {
    use_function(state, Objective::from_data(*current.data(), loss, current.source()));
  } catch (const DataError& e) {
    set_notice(state, current.source() + ": " + e.what(), true);
  }
}

void fit_batches_to_function(Scenario& s) {
  const Dataset* data = s.course.objective.data();
  for (RunSpec& run : s.course.runs) {
    if (data == nullptr) {
      run.batch = 0;
    } else {
      run.batch = std::min(run.batch, static_cast<long>(data->size()));
    }
    if (run.batch == 0) run.shuffle = false;
  }
}

void set_batch(AppState& state, std::size_t index, long batch) {
  if (index >= state.model.scenario.course.runs.size()) return;
  RunSpec& run = state.model.scenario.course.runs[index];
  const Dataset* data = state.model.scenario.course.objective.data();
  const std::size_t rows = state.model.scenario.network ? training_rows(state) : data == nullptr ? 0 : data->size();
  run.batch = std::clamp(batch, 0L, static_cast<long>(rows));
  if (run.batch == 0) run.shuffle = false;
}

std::size_t training_rows(const AppState& state) {
  const auto& n = state.model.scenario.network;
  if (!n) return 0;
  if (const NetStart* start = state.model.training->start(); start && state.model.training->trained().network == n)
    return start->sets.train.size();
  const std::size_t rows = n->recipe ? n->recipe->rows : n->rows.size();
  return rows - static_cast<std::size_t>(std::llround(n->test_fraction * static_cast<double>(rows)));
}

void choose_network(AppState& state) {
  if (state.model.scenario.network) return;
  Scenario s = default_network_scenario();
  s.display = state.model.scenario.display;
  state.model.scenario = std::move(s);
}

void new_network_points(AppState& state) {
  auto& recipe = state.model.scenario.network->recipe;
  if (recipe) recipe->seed = next_seed(recipe->seed);
}

void new_seed(AppState& state) { state.model.scenario.course.seed = next_seed(state.model.scenario.course.seed); }

long max_steps(const AppState& state) {
  const long runs = std::max<long>(1, static_cast<long>(state.model.scenario.course.runs.size()));
  return std::min(kMaxSteps, kMaxScenarioSteps / runs);
}

void reset_text_fields(AppState& state) {
  state.model.formula = {};
  state.model.formula.text = std::string(state.model.scenario.course.objective.formula());
  state.model.rule_edits.clear();
}

void replace_scenario(AppState& state, Scenario scenario) {
  state.model.scenario = std::move(scenario);
  reset_text_fields(state);
  state.model.simulated = Scenario{};
  state.model.simulated.course.steps = -1;  // no scenario has it: the next update simulates
  state.model.runs.clear();
  state.model.heatmap = HeatmapScale{};
  state.model.heatmap.high = state.model.heatmap.low;  // forces a new scale
  state.model.selected = preferred_run(state.model.scenario);
  state.view.settings.wanted = state.model.scenario.view;
  // A lesson opens where it is looked at, its question asked, its plots shown when presenting.
  state.model.playback.position =
      state.model.scenario.lesson.step ? static_cast<double>(*state.model.scenario.lesson.step) : 0.0;
  state.model.playback.playing = false;
  state.view.settings.hide_answer = !state.model.scenario.lesson.question.empty();
  state.view.settings.presentation.plots = !shown_plots(state.model.scenario).empty();
  // A network lesson opens on its view.
  if (state.model.scenario.network) {
    const LessonInfo& lesson = state.model.scenario.lesson;
    state.view.net_views.open = lesson.view;
    state.view.net_views.quantity = lesson.quantity;
    state.view.plane.kind = lesson.plane;
  }
  update_simulation(state);
}

void fit_view(AppState& state) { state.view.settings.wanted = state.model.scenario.view; }

void toggle_question(AppState& state) {
  state.view.settings.hide_answer = !state.view.settings.hide_answer && !state.model.scenario.lesson.question.empty();
}

void set_notice(AppState& state, std::string text, bool error) { state.view.notice = {std::move(text), error}; }

}  // namespace optviz::gui
