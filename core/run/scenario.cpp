#include "scenario.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>
#include <string_view>

#include "parameters.hpp"
#include "run.hpp"
#include "schedule.hpp"

namespace optviz {
namespace {

constexpr std::array<Rgb, 8> kPalette = {{
    {230, 159, 0},    // orange
    {86, 180, 233},   // sky blue
    {0, 158, 115},    // bluish green
    {240, 228, 66},   // yellow
    {0, 114, 178},    // blue
    {213, 94, 0},     // vermillion
    {204, 121, 167},  // reddish purple
    {255, 255, 255},  // white
}};

// Weight decay, momentum and the like at 0 are off: a legend leaves them out.
bool switches_something_off(std::string_view name) {
  return name == "momentum" || name == "dampening" || name == "weight_decay" || name == "lr_decay" ||
         name == "initial_accumulator";
}

}  // namespace

std::span<const Rgb> run_palette() { return kPalette; }

RunSpec make_run(OptimizerKind kind, std::size_t index) {
  RunSpec run;
  run.label = std::string(title(kind));
  run.hyper = defaults(kind);
  run.colour = kPalette[index % kPalette.size()];
  return run;
}

RunSpec make_rule_run(Rule rule, std::string label, std::size_t index, const Hyperparameters& defaults_from) {
  RunSpec run;
  run.label = std::move(label);
  run.hyper = defaults_from;
  run.accumulator = rule.state_index("G") || rule.state().empty() ? "G" : rule.state().front();
  run.rule = std::move(rule);
  run.colour = kPalette[index % kPalette.size()];
  return run;
}

namespace {
constexpr std::string_view kLessonPlotNames[] = {"loss", "accumulator", "step_size", "data", "sweep"};
constexpr std::string_view kCoordinateNames[] = {"both", "x", "y"};
}  // namespace

std::string_view name(LessonPlot plot) { return kLessonPlotNames[static_cast<std::size_t>(plot)]; }

std::optional<LessonPlot> find_lesson_plot(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kLessonPlotNames); ++i)
    if (kLessonPlotNames[i] == text) return static_cast<LessonPlot>(i);
  return std::nullopt;
}

std::string_view name(CoordinateChoice coordinate) { return kCoordinateNames[static_cast<std::size_t>(coordinate)]; }

std::vector<LessonPlot> shown_plots(const Scenario& s) {
  if (!s.lesson.empty()) return s.lesson.plots;
  std::vector<LessonPlot> plots;
  if (s.objective.is_data()) plots.push_back(LessonPlot::data);
  plots.insert(plots.end(), {LessonPlot::loss, LessonPlot::accumulator, LessonPlot::step_size});
  return plots;
}

std::string slide_title(const Scenario& s) { return s.title.empty() ? std::string(s.objective.title()) : s.title; }

long lesson_step(const Scenario& s) { return std::clamp(s.lesson.step.value_or(s.steps), 0L, s.steps); }

Scenario default_scenario() {
  Scenario s;
  s.view = s.objective.view();
  s.start = s.objective.start();
  s.steps = 500;
  RunSpec momentum = make_run(OptimizerKind::momentum, 0);
  momentum.hyper.eta = 5e-4;
  RunSpec adagrad = make_run(OptimizerKind::adagrad, 1);
  adagrad.hyper.eta = 0.5;
  RunSpec rmsprop = make_run(OptimizerKind::rmsprop, 2);
  rmsprop.hyper.rho = 0.9;
  RunSpec adam = make_run(OptimizerKind::adam, 4);
  adam.hyper.eta = 0.05;
  s.runs = {momentum, adagrad, rmsprop, adam};
  return s;
}

std::vector<Trajectory> simulate(const Scenario& s) {
  std::vector<Trajectory> runs;
  simulate(s, runs);
  return runs;
}

std::optional<std::string> find_run_spec_problem(const RunSpec& run, std::size_t index, const Objective& f, Vec2 start,
                                                 long steps) {
  if (const auto problem = find_course_problem(start, steps)) return problem->message_at("");
  if (std::string problem = find_training_problem(training_of(run, 0, index), f); !problem.empty())
    return "runs[" + std::to_string(index) + "]." + problem;
  const auto problem = run.rule ? find_rule_problem(*run.rule, run.hyper) : find_problem(run.hyper);
  if (problem) return problem->message_at("runs[" + std::to_string(index) + "].");
  return std::nullopt;
}

std::vector<const RealParameter*> parameters_of(const RunSpec& run) {
  if (run.rule) return run.rule->reads();
  std::vector<const RealParameter*> out;
  for (const RealParameter& p : real_parameters())
    if (p.applies_to(run.hyper.kind)) out.push_back(&p);
  return out;
}

std::string parameter_summary(const RunSpec& run) {
  const Hyperparameters& h = run.hyper;
  std::string out;
  auto add = [&out](const std::string& text) { out += (out.empty() ? "" : ", ") + text; };
  for (const RealParameter* p : parameters_of(run)) {
    const double v = h.*p->member;
    if (v == 0 && switches_something_off(p->name)) continue;
    add(parameter_symbol(p->name) + " = " + format_number(v));
  }
  if (const std::string schedule = schedule_summary(run.schedule); !schedule.empty()) add(schedule);
  if (run.batch > 0) add("batch " + std::to_string(run.batch) + (run.shuffle ? ", shuffled" : ""));
  if (run.noise > 0) add("noise σ = " + format_number(run.noise));
  if (!run.rule) {
    const Hyperparameters d = defaults(h.kind);
    if (h.centered != d.centered && h.centered) add("centered");
    if (h.amsgrad != d.amsgrad && h.amsgrad) add("AMSGrad");
    if (h.eps_inside_sqrt != d.eps_inside_sqrt) add(h.eps_inside_sqrt ? "ε inside √" : "ε outside √");
    if (h.bias_correction != d.bias_correction) add(h.bias_correction ? "bias correction" : "no bias correction");
  }
  return out;
}

Training training_of(const RunSpec& run, std::uint64_t seed, std::size_t index) {
  return {run.schedule, run.batch, run.shuffle, run.noise, seed, index};
}

void simulate_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training,
                  Trajectory& out) {
  if (run.rule)
    optviz::run(f, *run.rule, run.hyper, start, steps, out, training);
  else
    optviz::run(f, run.hyper, start, steps, out, training);
}

bool same_run_maths(const RunSpec& a, const RunSpec& b) {
  return a.hyper == b.hyper && a.rule == b.rule && a.schedule == b.schedule &&
         a.batch == b.batch && a.shuffle == b.shuffle && a.noise == b.noise;
}

bool same_course(const Scenario& a, const Scenario& b) {
  return a.objective == b.objective && a.start == b.start && a.steps == b.steps && a.seed == b.seed &&
         a.runs.size() == b.runs.size();
}

bool same_maths(const Scenario& a, const Scenario& b) {
  if (!same_course(a, b)) return false;
  for (std::size_t i = 0; i < a.runs.size(); ++i)
    if (!same_run_maths(a.runs[i], b.runs[i])) return false;
  return true;
}

void simulate(const Scenario& s, std::vector<Trajectory>& runs) {
  std::vector<std::size_t> every(s.runs.size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
  simulate(s, runs, every);
}

void simulate(const Scenario& s, std::vector<Trajectory>& runs, std::span<const std::size_t> which) {
  for (const std::size_t i : which)
    if (const auto problem = find_run_spec_problem(s.runs.at(i), i, s.objective, s.start, s.steps))
      throw std::invalid_argument(*problem);
  runs.resize(s.runs.size());
  // The built-in optimizers together (run_together pairs those that can step in lockstep), the
  // typed rules one by one.
  std::vector<Training> trainings;
  trainings.reserve(which.size());
  std::vector<RunOrder> builtins;
  for (const std::size_t i : which) {
    const RunSpec& run = s.runs[i];
    trainings.push_back(training_of(run, s.seed, i));
    if (run.rule)
      simulate_run(s.objective, run, s.start, s.steps, trainings.back(), runs[i]);
    else
      builtins.push_back({&run.hyper, &trainings.back(), &runs[i]});
  }
  run_together(s.objective, s.start, s.steps, builtins);
}

}  // namespace optviz
