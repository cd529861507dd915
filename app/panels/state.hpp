// The application's one state object: the model (model.hpp: the scenario, its runs and what derives
// from them) beside the view (settings, dialogs, requests, layout, fonts, textures, caches). Panels
// receive it by reference; the actions below are the only ways they change the scenario.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "view_state.hpp"

namespace optviz::gui {

// The model and the view, as Tracy keeps its Worker and its ViewData apart: the panels draw the
// model and edit both; only the frame's update recomputes the model's derived parts.
struct AppState {
  Model model;
  ViewState view;
};

// A state on the scenario, simulated, with the view fitted to its view box.
AppState make_state(Scenario scenario);

// update_model (model.hpp) with the view's spread setting: the frame's update and the actions
// that replace the scenario call it.
void update_simulation(AppState& state);

const Objective& current_function(const AppState& state);

// The rule field of run `index`, holding the run's rule text until it is edited.
FormulaEdit& rule_edit(AppState& state, std::size_t index);
// Makes run `index` the typed rule `text`; a text that does not compile keeps the previous rule
// (or optimizer) and sets the field's error.
void type_rule(AppState& state, std::size_t index, std::string text);
// Turns run `index` into a typed rule that reproduces it: its optimizer's algorithm as statements
// (algorithms.hpp's rule_text), with its hyperparameters.
void change_to_rule(AppState& state, std::size_t index);
// A short RMSprop rule, for examples and tests.
inline constexpr std::string_view kStarterRule = "G = rho*G + (1-rho)*g^2\ntheta = theta - eta*g/(sqrt(G) + eps)";

// Typing in the formula or a rule field (typing.cpp): the text is kept, and applied with
// type_formula or type_rule once typing has paused for kTypingPause seconds (settle_typing, in
// the frame's update) or at once with Enter; until then the last text that compiled runs.
inline constexpr double kTypingPause = 0.5;
void edit_formula(AppState& state, std::string text, double now);
void edit_rule(AppState& state, std::size_t index, std::string text, double now);
// Applies the texts typed at least `pause` seconds before `now`.
void settle_typing(AppState& state, double now, double pause = kTypingPause);
// "line 2, column 17: unknown name "q"" (only "column 17" in a text of one line).
std::string problem_text(const FormulaEdit& edit);

// The last step of the longest run: the playhead's range is [0, last_step].
long last_step(const AppState& state);
// The playhead's whole step.
long current_step(const AppState& state);
void set_step(AppState& state, long step);
// Moves the playhead by dt seconds of playing.
void advance_playback(AppState& state, double dt);
void toggle_playing(AppState& state);

// The run actions. Each keeps the scenario valid: at most kMaxRuns runs and kMaxScenarioSteps
// rows in total; refusing sets a notice.
bool add_run(AppState& state, OptimizerKind kind);
bool duplicate_run(AppState& state, std::size_t index);
void remove_run(AppState& state, std::size_t index);
// Changes a run's optimizer, taking the new kind's defaults but keeping eta when it applies.
void change_optimizer(AppState& state, std::size_t index, OptimizerKind kind);
void select_function(AppState& state, const std::string& name);
// Makes the function the typed formula `text`; a text that does not compile keeps the previous
// function and sets state.model.formula.error.
void type_formula(AppState& state, std::string text);
// Makes the function the loss `loss` over a data set drawn from state.model.generated.recipe (the
// view and start follow the new function).
void choose_generated_data(AppState& state, DataLoss loss);
// Draws the data set again after an edit of the recipe; a recipe that gives no usable data keeps
// the function and sets a notice. The view moves only when the new minimum is outside it.
void regenerate_data(AppState& state);
// "New points": the recipe with another seed.
void new_data_points(AppState& state);
// True while the function is the data set drawn from state.model.generated.recipe.
bool function_is_generated(const AppState& state);
// Makes the function the loss over the data of a CSV file (load_data_csv); a file that cannot be
// read or does not suit the loss keeps the previous function and sets an error notice.
bool open_data_file(AppState& state, const std::string& path, DataLoss loss);
// The same data under another loss; data that does not suit it keeps the function and sets an
// error notice.
void change_data_loss(AppState& state, DataLoss loss);
// Keeps every run's batches valid for the scenario's function: none without data, at most its rows.
void fit_batches_to_function(Scenario& scenario);
// A run's mini-batch size (0: every row); shuffling ends with the mini-batches.
void set_batch(AppState& state, std::size_t index, long batch);
// "New seed": another seed for the noise and the shuffled batches.
void new_seed(AppState& state);
// A seed after `seed` that reads as a short number (a step of a 64-bit mix, kept below a million).
std::uint64_t next_seed(std::uint64_t seed);
// "Network on data": the scenario becomes default_network_scenario() (its display kept); choosing a
// function (select_function, type_formula, data) makes it a 2D scenario again.
void choose_network(AppState& state);
// The training rows of the network scenario (0 for a 2D one).
std::size_t training_rows(const AppState& state);
// "New points": the network's data drawn again from its recipe with another seed.
void new_network_points(AppState& state);

// The largest step count the current number of runs allows.
long max_steps(const AppState& state);
// The typed formula's and the rules' fields start again from the scenario's texts.
void reset_text_fields(AppState& state);
// Replaces the scenario (opened from a file or a preset).
void replace_scenario(AppState& state, Scenario scenario);
void fit_view(AppState& state);
// Q: a lesson with a question hides its paths and curves until asked again (the reveal).
void toggle_question(AppState& state);

void set_notice(AppState& state, std::string text, bool error = false);

}  // namespace optviz::gui
