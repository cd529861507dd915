#include "course.hpp"

#include <stdexcept>
#include <string_view>

#include "parameters.hpp"
#include "run.hpp"
#include "schedule.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

// Weight decay, momentum and the like at 0 are off: a legend leaves them out.
bool switches_something_off(std::string_view name) {
  return name == "momentum" || name == "dampening" || name == "weight_decay" || name == "lr_decay" ||
         name == "initial_accumulator";
}

}  // namespace

RunSpec make_run(OptimizerKind kind) {
  RunSpec run;
  run.hyper = defaults(kind);
  return run;
}

RunSpec make_rule_run(Rule rule, const Hyperparameters& defaults_from) {
  RunSpec run;
  run.hyper = defaults_from;
  run.rule = std::move(rule);
  return run;
}

std::vector<Trajectory> simulate(const Course& s) {
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
    add(parameter_symbol(p->name) + " = " + format_shown(v));
  }
  if (const std::string schedule = schedule_summary(run.schedule); !schedule.empty()) add(schedule);
  if (run.batch > 0)
    add(run.shuffle ? tr_format("batch {0}, shuffled", {std::to_string(run.batch)})
                    : tr_format("batch {0}", {std::to_string(run.batch)}));
  if (run.noise > 0) add(tr_format("noise σ = {0}", {format_shown(run.noise)}));
  if (!run.rule) {
    const Hyperparameters d = defaults(h.kind);
    if (h.centered != d.centered && h.centered) add(tr("centered"));
    if (h.amsgrad != d.amsgrad && h.amsgrad) add("AMSGrad");
    if (h.eps_inside_sqrt != d.eps_inside_sqrt) add(h.eps_inside_sqrt ? tr("ε inside √") : tr("ε outside √"));
    if (h.bias_correction != d.bias_correction)
      add(h.bias_correction ? tr("bias correction") : tr("no bias correction"));
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

std::vector<std::size_t> changed_runs(const Course& a, const Course& b) {
  const bool same_setup =
      static_cast<const Setup&>(a) == static_cast<const Setup&>(b) && a.runs.size() == b.runs.size();
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < b.runs.size(); ++i)
    if (!same_setup || !(a.runs[i] == b.runs[i])) out.push_back(i);
  return out;
}

void simulate(const Course& s, std::vector<Trajectory>& runs) {
  std::vector<std::size_t> every(s.runs.size());
  for (std::size_t i = 0; i < every.size(); ++i) every[i] = i;
  simulate(s, runs, every);
}

void simulate(const Course& s, std::vector<Trajectory>& runs, std::span<const std::size_t> which) {
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
