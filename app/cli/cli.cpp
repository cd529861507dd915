#include "cli.hpp"

// CLI11 2.1's detail::split, inlined here at -O2, trips g++ 12's -Wnull-dereference (a false
// positive inside std::string) and would fail the -Werror build.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <charconv>
#include <cctype>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "algorithms.hpp"
#include "atomic_file.hpp"
#include "csv.hpp"
#include "dataset.hpp"
#include "figure_export.hpp"
#include "gui.hpp"
#include "hidden_figure_renderer.hpp"
#include "map_figure.hpp"
#include "objective.hpp"
#include "parameters.hpp"
#include "png_file.hpp"
#include "rule.hpp"
#include "run_export.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "schedule.hpp"
#include "sweep.hpp"
#include "trajectory.hpp"

namespace optviz {
namespace {

constexpr int kBadInput = 2;

struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses "X,Y" strictly: two finite numbers and nothing else.
Vec2 parse_point(const std::string& text, const std::string& what) {
  const auto comma = text.find(',');
  auto number = [&](std::string_view part) {
    const std::optional<double> v = parse_number(part);
    if (!v) throw BadInput("invalid " + what + ": \"" + text + "\" (expected X,Y, for example --" + what + "=-1.5,2)");
    return *v;
  };
  if (comma == std::string::npos) number("");
  const std::string_view all(text);
  return {number(all.substr(0, comma)), number(all.substr(comma + 1))};
}

std::string defaults_table() {
  std::string out = "Each optimizer's whole algorithm, with these options: optviz list.\n"
                    "Defaults per optimizer (flags that do not apply to an optimizer are errors):\n";
  for (OptimizerKind kind : optimizer_kinds()) {
    const Hyperparameters h = defaults(kind);
    std::string line = "  " + std::string(name(kind)) + ":";
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) line += " --" + std::string(p.flag) + " " + format_number(h.*p.member);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) line += " [--" + std::string(p.flag) + "]";
    out += line + "\n";
  }
  return out;
}

struct RunOptions {
  std::string scenario;  // a scenario file instead of the flags below
  std::string out_dir;
  std::vector<CLI::Option*> single_run_options;  // --function, --optimizer, --start, --steps, --out
  std::string function;
  std::string expr;
  std::string data;
  std::string loss;
  long batch = 0;
  bool shuffle = false;
  double noise = 0;
  std::uint64_t seed = 0;
  std::string schedule;
  Schedule schedule_values;
  CLI::Option* batch_option = nullptr;
  CLI::Option* step_size_option = nullptr;
  CLI::Option* gamma_option = nullptr;
  CLI::Option* t_max_option = nullptr;
  CLI::Option* eta_min_option = nullptr;
  CLI::Option* warmup_option = nullptr;
  CLI::Option* warmup_start_option = nullptr;
  std::string optimizer;
  std::string rule;
  std::string start;
  long steps = 100;
  std::string out;
  std::vector<double> reals = std::vector<double>(real_parameters().size());
  std::vector<CLI::Option*> real_options;
  std::vector<bool> flags = std::vector<bool>(flag_parameters().size());
  std::vector<CLI::Option*> flag_options;
};

// The flags that set up one run: the function, the optimizer or rule, data and training, in the
// order of --help. Each command adds --start, --steps and its outputs, then the hyperparameters.
void add_configuration_options(CLI::App& cmd, RunOptions& o) {
  o.single_run_options = {
      cmd.add_option("--function", o.function, "test function (see `optviz list`)"),
      cmd.add_option("--expr", o.expr,
                     "a typed function of x and y instead of --function, for example '(1-x)^2 + 100*(y-x^2)^2'; "
                     "needs --start"),
      cmd.add_option("--optimizer", o.optimizer, "optimizer (see `optviz list`)"),
      cmd.add_option("--rule", o.rule,
                     "a typed update rule instead of --optimizer: statements NAME = EXPR separated by ; for example "
                     "'G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)'; every hyperparameter it reads "
                     "must be given"),
      cmd.add_option("--data", o.data,
                     "a loss from data instead of --function: a CSV file with columns x and y; the plane is (w, b)"),
      cmd.add_option("--loss", o.loss, "with --data: linear (least squares) or logistic (labels y of 0 and 1)"),
      o.batch_option = cmd.add_option("--batch", o.batch, "with --data: rows of a mini-batch (default: all)"),
      cmd.add_flag("--shuffle", o.shuffle, "with --batch: reorder the rows every epoch (reproducibly, by --seed)"),
      cmd.add_option("--noise", o.noise, "add Gaussian noise of this standard deviation to every gradient"),
      cmd.add_option("--seed", o.seed, "seed of the noise and of the shuffled batches (default 0)"),
      cmd.add_option("--schedule", o.schedule,
                     "learning-rate schedule: constant (default), step, exponential, cosine or inverse_sqrt"),
      o.step_size_option = cmd.add_option("--step-size", o.schedule_values.step_size,
                                          "--schedule step: updates between two decays"),
      o.gamma_option = cmd.add_option("--gamma", o.schedule_values.gamma,
                                      "--schedule step or exponential: the decay factor (default 0.1)"),
      o.t_max_option = cmd.add_option("--t-max", o.schedule_values.t_max,
                                      "--schedule cosine: the period (default: the step count)"),
      o.eta_min_option = cmd.add_option("--eta-min", o.schedule_values.eta_min,
                                        "--schedule cosine: the lowest rate (default 0)"),
      o.warmup_option = cmd.add_option("--warmup", o.schedule_values.warmup,
                                       "linear warm-up over this many updates, with any schedule"),
      o.warmup_start_option = cmd.add_option("--warmup-start", o.schedule_values.warmup_start,
                                             "with --warmup: the first update's fraction of eta (default 0.1)"),
  };
}

// A hyperparameter's help, then the lines of the algorithms that it switches on or that read it
// (core/optim/algorithms.hpp), as --rule takes them. Rendered once: every command that takes the flags
// (run, sweep, basin) shows the same constant text, and rendering it is the costliest part of
// setting up the command line.
const std::string& parameter_help(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> texts = [] {
    std::map<std::string, std::string, std::less<>> out;
    const auto add = [&out](std::string_view n, std::string_view help) {
      const std::string formulas = option_formulas(n, Notation::rule);
      out.emplace(std::string(n), std::string(help) + (formulas.empty() ? "" : ". " + formulas));
    };
    for (const RealParameter& p : real_parameters()) add(p.name, p.help);
    for (const FlagParameter& p : flag_parameters()) add(p.name, p.help);
    return out;
  }();
  return texts.find(name)->second;
}

// The hyperparameter flags of the parameter table, and the defaults of every optimizer.
void add_hyperparameter_options(CLI::App& cmd, RunOptions& o) {
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    std::string names = "--" + std::string(reals[i].flag);
    if (!reals[i].alias.empty()) names += ",--" + std::string(reals[i].alias);
    o.real_options.push_back(cmd.add_option(names, o.reals[i], parameter_help(reals[i].name)));
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i) {
    o.flag_options.push_back(cmd.add_flag_callback(
        "--" + std::string(flags[i].flag), [&o, i] { o.flags[i] = true; },
        parameter_help(flags[i].name)));
  }
  cmd.footer(defaults_table());
}

void add_run_options(CLI::App& cmd, RunOptions& o) {
  cmd.add_option("scenario", o.scenario,
                 "a scenario file (.json, or a PNG exported by optviz) to run instead of the flags; needs --out-dir");
  cmd.add_option("--out-dir", o.out_dir, "with a scenario: write one CSV per run and summary.json into this directory");
  add_configuration_options(cmd, o);
  o.single_run_options.push_back(
      cmd.add_option("--start", o.start, "start point X,Y (default: the function's); write --start=-1.5,2"));
  o.single_run_options.push_back(
      cmd.add_option("--steps", o.steps, "number of updates (default 100, at most 1000000)"));
  o.single_run_options.push_back(
      cmd.add_option("--out", o.out, "write the CSV to this file instead of standard output"));
  add_hyperparameter_options(cmd, o);
}

// The run's configuration from the flags; throws BadInput.
Hyperparameters hyperparameters_from(const RunOptions& o) {
  if (o.optimizer.empty())
    throw BadInput("missing --optimizer (one of " + optimizer_names(~0u) + ") or --rule");
  const auto kind = find_optimizer(o.optimizer);
  if (!kind) throw BadInput("unknown optimizer \"" + o.optimizer + "\" (one of " + optimizer_names(~0u) + ")");
  Hyperparameters h = defaults(*kind);
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    if (o.real_options[i]->count() == 0) continue;
    if (!reals[i].applies_to(*kind))
      throw BadInput("--" + std::string(reals[i].flag) + " does not apply to " + o.optimizer + "; it is taken by " +
                     optimizer_names(reals[i].kinds));
    h.*reals[i].member = o.reals[i];
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (!o.flags[i]) continue;
    if (!flags[i].applies_to(*kind))
      throw BadInput("--" + std::string(flags[i].flag) + " does not apply to " + o.optimizer + "; it is taken by " +
                     optimizer_names(flags[i].kinds));
    h.*flags[i].member = flags[i].value_when_given;
  }
  if (const std::string problem = validate(h); !problem.empty()) throw BadInput(problem);
  return h;
}

// Opens a scenario file the user named; a file that cannot be read or is invalid is bad input.
Scenario open_scenario(const std::string& path) {
  try {
    return open_scenario_file(path);
  } catch (const ScenarioError& e) {
    throw BadInput(e.what());
  }
}

// `optviz run SCENARIO --out-dir DIR`: every run of the scenario as CSV, and summary.json.
int run_scenario_command(const RunOptions& o) {
  std::vector<const CLI::Option*> given;
  for (const CLI::Option* option : o.single_run_options) given.push_back(option);
  for (const CLI::Option* option : o.real_options) given.push_back(option);
  for (const CLI::Option* option : o.flag_options) given.push_back(option);
  for (const CLI::Option* option : given)
    if (option->count() > 0)
      throw BadInput(option->get_name() +
                     " cannot be combined with a scenario file, which sets the function, the "
                     "runs, the start and the steps; give either a scenario or the flags of one run");
  if (o.out_dir.empty()) throw BadInput("a scenario has several runs: give --out-dir DIR for their CSV files");
  const Scenario scenario = open_scenario(o.scenario);
  const std::vector<Trajectory> runs = simulate(scenario.course);
  export_runs(scenario, runs, o.out_dir);
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (runs[i].diverged_at)
      std::cerr << "runs[" << i << "] (" << scenario.looks[i].label << "): " << runs[i].status() << "\n";
  return 0;
}

// "invalid --expr at column 7: unknown name "z"", with the text and a caret under the column
// when the text is short enough to show.
BadInput formula_error(const std::string& flag, const std::string& text, const ExpressionError& e) {
  std::string message = "invalid " + flag + " at column " + std::to_string(e.column()) + ": " + e.problem();
  constexpr std::size_t kShown = 160;
  if (text.size() <= kShown && text.find('\n') == std::string::npos && e.column() <= text.size() + 1)
    message += "\n  " + text + "\n  " + std::string(e.column() - 1, ' ') + "^";
  return BadInput(message);
}

Objective objective_from(const RunOptions& o) {
  if ((!o.expr.empty()) + (!o.function.empty()) + (!o.data.empty()) > 1)
    throw BadInput(o.data.empty() ? "give --function or --expr, not both" : "give one of --function, --expr and --data");
  if (!o.loss.empty() && o.data.empty()) throw BadInput("--loss applies to --data FILE");
  if (!o.data.empty()) {
    if (o.loss.empty()) throw BadInput("--data needs --loss linear or --loss logistic");
    const auto loss = find_loss(o.loss);
    if (!loss) throw BadInput("unknown loss \"" + o.loss + "\" (linear or logistic)");
    try {
      return Objective::from_data(load_data_csv(o.data), *loss, std::filesystem::path(o.data).filename().string());
    } catch (const DataError& e) {
      throw BadInput(e.what()[0] == '/' || std::string_view(e.what()).starts_with(o.data)
                         ? std::string(e.what())
                         : o.data + ": " + e.what());
    }
  }
  if (!o.expr.empty()) {
    try {
      return Objective::typed(o.expr);
    } catch (const ExpressionError& e) {
      throw formula_error("--expr", o.expr, e);
    }
  }
  if (o.function.empty()) throw BadInput("missing --function, --expr or --data (see `optviz list`)");
  const TestFunction* f = find_function(o.function);
  if (f == nullptr) throw BadInput("unknown function \"" + o.function + "\" (see `optviz list`)");
  return *f;
}

// A typed rule's hyperparameters: exactly the ones it reads, each given by its flag (or swept by a
// map, which sets it per cell).
Hyperparameters rule_hyperparameters_from(const RunOptions& o, const Rule& rule,
                                          const std::vector<std::string>& swept = {}) {
  Hyperparameters h;
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    const bool given = o.real_options[i]->count() > 0;
    const bool read = rule.reads_parameter(reals[i].name) &&
                      (given || std::find(swept.begin(), swept.end(), reals[i].name) == swept.end());
    if (given && !read)
      throw BadInput("--" + std::string(reals[i].flag) + " is given but the rule does not read " +
                     std::string(reals[i].name));
    if (read && !given)
      throw BadInput("the rule reads " + std::string(reals[i].name) + ": give its value with --" +
                     std::string(reals[i].flag));
    if (given) h.*reals[i].member = o.reals[i];
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i)
    if (o.flags[i])
      throw BadInput("--" + std::string(flags[i].flag) + " applies to built-in optimizers; a rule writes its own update");
  if (const auto problem = find_rule_problem(rule, h)) throw BadInput(problem->message());
  return h;
}

// A problem of core's training or schedule, "t_max: must be ...", as its flag's: "--t-max: must be ...".
std::string cli_training_problem(std::string problem) {
  const std::size_t colon = problem.find(':');
  std::replace(problem.begin(), problem.begin() + static_cast<long>(colon == std::string::npos ? 0 : colon), '_', '-');
  return "--" + problem;
}

// The schedule from --schedule and its flags; a flag that its schedule does not take is an error.
Schedule schedule_from(const RunOptions& o) {
  Schedule s = o.schedule_values;
  if (!o.schedule.empty()) {
    const auto kind = find_schedule(o.schedule);
    if (!kind)
      throw BadInput("unknown schedule \"" + o.schedule + "\" (constant, step, exponential, cosine or inverse_sqrt)");
    s.kind = *kind;
  }
  const auto takes = [&](CLI::Option* option, std::initializer_list<ScheduleKind> kinds, const char* which) {
    if (option->count() == 0) return;
    for (ScheduleKind k : kinds)
      if (k == s.kind) return;
    throw BadInput(option->get_name() + " applies to --schedule " + which);
  };
  takes(o.step_size_option, {ScheduleKind::step}, "step");
  takes(o.gamma_option, {ScheduleKind::step, ScheduleKind::exponential}, "step or exponential");
  takes(o.t_max_option, {ScheduleKind::cosine}, "cosine");
  takes(o.eta_min_option, {ScheduleKind::cosine}, "cosine");
  if (o.warmup_start_option->count() > 0 && o.warmup_option->count() == 0)
    throw BadInput("--warmup-start applies with --warmup W");
  if (std::string problem = find_schedule_problem(s); !problem.empty()) throw BadInput(cli_training_problem(problem));
  return s;
}

// One run set up by the flags.
struct FlagRun {
  Objective f;
  RunSpec spec;
  Vec2 start;
  Training training;
};

// The run of the flags, checked in this order: the objective, the start, the optimizer or rule
// and its hyperparameters (a swept one of a rule need not be given), the training. A command
// without a start (basin) passes takes_start = false.
FlagRun run_from_flags(const RunOptions& o, long steps, bool takes_start, const std::vector<std::string>& swept = {}) {
  FlagRun r;
  r.f = objective_from(o);
  if (takes_start && !o.expr.empty() && o.start.empty())
    throw BadInput("--expr needs --start X,Y (a typed function has no default)");
  if (o.shuffle && o.batch_option->count() == 0) throw BadInput("--shuffle applies with --batch B");
  r.start = o.start.empty() ? r.f.start() : parse_point(o.start, "start");
  if (const auto problem = find_course_problem(r.start, steps)) throw BadInput(problem->message());

  RunSpec& spec = r.spec;
  if (!o.rule.empty()) {
    if (!o.optimizer.empty()) throw BadInput("give --optimizer or --rule, not both");
    try {
      spec.rule.emplace(o.rule);
    } catch (const ExpressionError& e) {
      throw formula_error("--rule", o.rule, e);
    }
    spec.hyper = rule_hyperparameters_from(o, *spec.rule, swept);
  } else {
    spec.hyper = hyperparameters_from(o);
  }
  spec.schedule = schedule_from(o);
  spec.batch = o.batch;
  if (o.batch_option->count() > 0 && o.batch < 1) throw BadInput("invalid --batch: must be at least 1, got " + std::to_string(o.batch));
  spec.shuffle = o.shuffle;
  spec.noise = o.noise;
  r.training = training_of(spec, o.seed, 0);
  if (std::string problem = find_training_problem(r.training, r.f); !problem.empty())
    throw BadInput(cli_training_problem(problem));
  return r;
}

int run_command(const RunOptions& o) {
  if (!o.scenario.empty()) return run_scenario_command(o);
  if (!o.out_dir.empty()) throw BadInput("--out-dir needs a scenario file: optviz run SCENARIO --out-dir DIR");
  const auto [f, spec, start, training] = run_from_flags(o, o.steps, true);
  Trajectory t;
  simulate_run(f, spec, start, o.steps, training, t);
  std::ostringstream csv;
  write_csv(csv, t, spec);
  if (o.out.empty()) {
    std::cout << csv.str() << std::flush;
    if (!std::cout) {
      std::cerr << "optviz: cannot write to standard output\n";
      return 1;
    }
  } else {
    write_file_atomically(o.out, csv.str());
  }
  if (t.diverged_at) std::cerr << t.status() << "\n";
  return 0;
}

// `optviz sweep` and `optviz basin`: maps of many runs that record how each ends.
struct MapCommandOptions {
  RunOptions run;  // the run's flags; --start and --steps are registered here with their own help
  std::string scenario;
  std::size_t run_index = 0;
  CLI::Option* run_index_option = nullptr;
  CLI::Option* start_option = nullptr;
  CLI::Option* steps_option = nullptr;
  std::string x, y;  // sweep
  std::string view;  // basin
  std::string size = "256x256";
  std::string out, csv;
  std::string colour;       // map_colouring_name; "" for the default (sweep: loss, basin: minimum)
  double tolerance = 1e-6;  // sweep --colour steps
  CLI::Option* tolerance_option = nullptr;
};

void add_map_options(CLI::App& cmd, MapCommandOptions& o, bool sweep) {
  cmd.add_option("scenario", o.scenario,
                 std::string("a scenario file (.json, or a PNG exported by optviz) whose run --run N to ") +
                     (sweep ? "sweep" : "map") + " instead of the flags");
  o.run_index_option = cmd.add_option("--run", o.run_index, "with a scenario: the index of its run (default 0)");
  add_configuration_options(cmd, o.run);
  if (sweep) {
    o.start_option = cmd.add_option("--start", o.run.start,
                                    "start point X,Y of every cell (default: the function's); write --start=-1.5,2");
    cmd.add_option("--x", o.x,
                   "the x axis, NAME:FROM:TO or NAME:FROM:TO:log: a hyperparameter of the run (as in the parameter "
                   "table: eta, rho, eps, momentum, ...) from FROM to TO inclusive, evenly or on a log scale")
        ->required();
    cmd.add_option("--y", o.y, "the y axis, as --x")->required();
  } else {
    cmd.add_option("--view", o.view, "the start points' box x0,x1,y0,y1 (default: the function's view)");
  }
  cmd.add_option("--size", o.size,
                 std::string(sweep ? "cells WIDTHxHEIGHT: values of --x times values of --y" : "cells WIDTHxHEIGHT") +
                     " (default 256x256, at most " + std::to_string(kMaxMapSide) + "x" + std::to_string(kMaxMapSide) +
                     ")");
  o.run.steps = 500;
  o.steps_option = cmd.add_option(
      "--steps", o.run.steps,
      "updates of every cell (default 500, or the scenario's; at most " + std::to_string(kMaxMapSteps) + ")");
  cmd.add_option("--out", o.out,
                 "write the map as PNG, coloured as --colour says (the run's scenario is embedded in it)");
  if (sweep) {
    cmd.add_option("--colour", o.colour,
                   "what the PNG's cells show: loss (the final f - f* on a log scale, the default) or steps (the "
                   "first step at which f - f* <= --tolerance; needs a function with a known minimum)");
    o.tolerance_option =
        cmd.add_option("--tolerance", o.tolerance, "with --colour steps: when a run counts as converged (default 1e-6)");
  } else {
    cmd.add_option("--colour", o.colour,
                   "what the PNG's cells show: minimum (the minimum each start ends within 1e-3 of, the default) or "
                   "loss (the final f - f* on a log scale)");
  }
  cmd.add_option("--csv", o.csv,
                 sweep ? "write one row per cell: the two hyperparameters, then x,y,f,diverged_at"
                       : "write one row per cell: x0,y0,x,y,f,minimum,diverged_at");
  add_hyperparameter_options(cmd, o.run);
  cmd.footer("Limits: at most " + std::to_string(kMaxMapSide) + "x" + std::to_string(kMaxMapSide) + " cells, " +
             std::to_string(kMaxMapSteps) + " steps and " + std::to_string(kMaxMapUpdates) +
             " updates in all (cells x steps).\n\n" + defaults_table());
}

// "256x256": two integers from 1 to kMaxMapSide.
std::pair<int, int> parse_size(const std::string& text) {
  const auto x = text.find('x');
  const auto number = [&](std::string_view part) {
    int v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size())
      throw BadInput("invalid --size: \"" + text + "\" (expected WIDTHxHEIGHT, for example --size 256x256)");
    return v;
  };
  if (x == std::string::npos) number("");
  const std::string_view all(text);
  const int width = number(all.substr(0, x)), height = number(all.substr(x + 1));
  if (width < 1 || height < 1 || width > kMaxMapSide || height > kMaxMapSide)
    throw BadInput("invalid --size: " + text + " (each side must be in [1, " + std::to_string(kMaxMapSide) + "])");
  return {width, height};
}

// "x0,x1,y0,y1" strictly: four finite numbers.
Box parse_view(const std::string& text) {
  std::array<double, 4> v{};
  std::size_t begin = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::size_t comma = i + 1 < v.size() ? text.find(',', begin) : text.size();
    const std::string_view part = std::string_view(text).substr(begin, comma == std::string::npos ? 0 : comma - begin);
    const std::optional<double> number = parse_number(part);
    if (comma == std::string::npos || !number)
      throw BadInput("invalid --view: \"" + text + "\" (expected x0,x1,y0,y1, for example --view=-5,5,-5,5)");
    v[i] = *number;
    begin = comma + 1;
  }
  return {{v[0], v[2]}, {v[1], v[3]}};
}

// The run of a map: from the scenario's run --run N, or from the flags.
struct MapRun {
  Objective f;
  RunSpec spec;
  Vec2 start;
  long steps = 0;
  Training training;
  Box view;  // the scenario's view, or the function's
  std::uint64_t seed = 0;
};

MapRun map_run_from(const MapCommandOptions& o, bool takes_start, const std::vector<std::string>& swept) {
  if (o.steps_option->count() > 0 && (o.run.steps < 0 || o.run.steps > kMaxMapSteps))
    throw BadInput("invalid steps: " + std::to_string(o.run.steps) + " (must be in [0, " +
                   std::to_string(kMaxMapSteps) + "])");
  MapRun r;
  if (!o.scenario.empty()) {
    std::vector<const CLI::Option*> given(o.run.single_run_options.begin(), o.run.single_run_options.end());
    given.insert(given.end(), o.run.real_options.begin(), o.run.real_options.end());
    given.insert(given.end(), o.run.flag_options.begin(), o.run.flag_options.end());
    for (const CLI::Option* option : given)
      if (option->count() > 0)
        throw BadInput(option->get_name() +
                       " cannot be combined with a scenario file, which sets the function and the run; give "
                       "either a scenario and --run N or the flags of one run");
    Scenario scenario = open_scenario(o.scenario);
    if (o.run_index >= scenario.course.runs.size())
      throw BadInput("--run: must be in [0, " + std::to_string(scenario.course.runs.size() - 1) + "] (the scenario's " +
                     std::to_string(scenario.course.runs.size()) + " runs), got " + std::to_string(o.run_index));
    r.f = scenario.course.objective;
    r.spec = scenario.course.runs[o.run_index];
    r.start = scenario.course.start;
    if (takes_start && o.start_option->count() > 0) r.start = parse_point(o.run.start, "start");
    r.steps = o.steps_option->count() > 0 ? o.run.steps : scenario.course.steps;
    r.training = training_of(r.spec, scenario.course.seed, o.run_index);
    r.view = scenario.view;
    r.seed = scenario.course.seed;
    return r;
  }
  if (o.run_index_option->count() > 0)
    throw BadInput("--run applies to a scenario file: optviz " + std::string(takes_start ? "sweep" : "basin") +
                   " SCENARIO --run N ...");
  FlagRun flags = run_from_flags(o.run, o.run.steps, takes_start, swept);
  r.f = std::move(flags.f);
  r.spec = std::move(flags.spec);
  r.spec.label = r.spec.rule ? "Rule" : std::string(title(r.spec.hyper.kind));
  r.spec.colour = run_palette()[0];
  r.start = flags.start;
  r.steps = o.run.steps;
  r.training = flags.training;
  r.view = r.f.view();
  r.seed = o.run.seed;
  return r;
}

// The scenario of the map's run, embedded in its PNG: `optviz map.png` opens that run.
std::string scenario_json_of(const MapRun& r, Vec2 start, Box view) {
  Scenario s;
  s.course.objective = r.f;
  s.view = view;
  s.course.start = start;
  s.course.steps = r.steps;
  s.course.runs = {r.spec};
  s.course.seed = r.seed;
  return to_json(s);
}

// The NAME of NAME:FROM:TO (the whole text when it has no colon).
std::string axis_name(const std::string& spec) { return spec.substr(0, spec.find(':')); }

// The message of a core problem as the user's flag: "size: ..." -> "--size: ...".
std::string map_problem(const std::string& problem) {
  for (const char* field : {"size", "steps", "view"})
    if (problem.rfind(std::string(field) + ":", 0) == 0) return "--" + problem;
  return problem;
}

void report_map(const char* what, const Map& map, double seconds) {
  std::size_t diverged = 0;
  for (const RunSummary& c : map.cells) diverged += c.diverged_at.has_value();
  std::fprintf(stderr, "%s: %zu cells in %.3f s; %zu diverged\n", what, map.cells.size(), seconds, diverged);
}

// --colour: one of `allowed`, or `fallback` when not given.
MapColouring parse_colouring(const std::string& text, MapColouring fallback,
                             std::initializer_list<MapColouring> allowed) {
  if (text.empty()) return fallback;
  std::string names;
  for (const MapColouring c : allowed) {
    if (parse_map_colouring(text) == c) return c;
    names += (names.empty() ? "" : " or ") + std::string(map_colouring_name(c));
  }
  throw BadInput("invalid --colour: \"" + text + "\" (expected " + names + ")");
}

int sweep_command(const MapCommandOptions& o) {
  if (o.out.empty() && o.csv.empty()) throw BadInput("give --out FILE.png, --csv FILE.csv or both");
  const auto [columns, rows] = parse_size(o.size);
  const MapRun r = map_run_from(o, true, {axis_name(o.x), axis_name(o.y)});
  Sweep s;
  s.objective = r.f;
  s.run = r.spec;
  s.start = r.start;
  s.steps = r.steps;
  s.training = r.training;
  const MapColouring colouring =
      parse_colouring(o.colour, MapColouring::loss, {MapColouring::loss, MapColouring::steps});
  if (o.tolerance_option->count() > 0) {
    if (colouring != MapColouring::steps) throw BadInput("--tolerance applies to --colour steps");
    if (!(o.tolerance > 0) || !std::isfinite(o.tolerance))
      throw BadInput("invalid --tolerance: " + format_number(o.tolerance) + " (must be > 0 and finite)");
  }
  if (colouring == MapColouring::steps && !std::isfinite(r.f.minimum_value()))
    throw BadInput("--colour steps needs a function with a known minimum value f*; " + r.f.title() +
                   " has none (use --colour loss)");
  s.target = {r.f.minimum_value(), o.tolerance};
  const auto axis = [&](const std::string& text, int count, const char* flag) {
    try {
      return parse_axis(text, s.run, count);
    } catch (const std::invalid_argument& e) {
      throw BadInput(std::string(flag) + ": " + e.what());
    }
  };
  s.x = axis(o.x, columns, "--x");
  s.y = axis(o.y, rows, "--y");
  if (s.x.parameter == s.y.parameter)
    throw BadInput("--y: " + std::string(s.y.parameter->name) + " is already swept by --x; give two hyperparameters");
  if (std::string problem = find_sweep_problem(s); !problem.empty()) throw BadInput(map_problem(problem));
  // The run's own values, marked on the map: a rule's swept values count only when given.
  const auto given = [&](const RealParameter* p) {
    if (!s.run.rule || !o.scenario.empty()) return true;
    const auto reals = real_parameters();
    for (std::size_t i = 0; i < reals.size(); ++i)
      if (&reals[i] == p) return o.run.real_options[i]->count() > 0;
    return false;
  };
  std::optional<Vec2> current;
  if (given(s.x.parameter) && given(s.y.parameter))
    current = Vec2{s.run.hyper.*s.x.parameter->member, s.run.hyper.*s.y.parameter->member};

  const auto begin = std::chrono::steady_clock::now();
  const Map map = sweep(s);
  report_map("sweep", map, std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
  if (!o.csv.empty()) {
    std::ostringstream csv;
    write_sweep_csv(csv, s, map);
    write_file_atomically(o.csv, csv.str());
  }
  if (!o.out.empty()) write_png(o.out, draw_sweep_figure(s, map, colouring, current), scenario_json_of(r, s.start, r.view));
  return 0;
}

int basin_command(const MapCommandOptions& o) {
  if (o.out.empty() && o.csv.empty()) throw BadInput("give --out FILE.png, --csv FILE.csv or both");
  const auto [columns, rows] = parse_size(o.size);
  const MapRun r = map_run_from(o, false, {});
  const MapColouring colouring =
      parse_colouring(o.colour, MapColouring::minimum, {MapColouring::minimum, MapColouring::loss});
  Basin b;
  b.objective = r.f;
  b.run = r.spec;
  b.view = o.view.empty() ? r.view : parse_view(o.view);
  b.columns = columns;
  b.rows = rows;
  b.steps = r.steps;
  b.training = r.training;
  b.target = {r.f.minimum_value(), 1e-6};
  if (std::string problem = find_basin_problem(b); !problem.empty()) throw BadInput(map_problem(problem));

  const auto begin = std::chrono::steady_clock::now();
  const BasinMap map = basin(b);
  report_map("basin", map, std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count());
  if (!o.csv.empty()) {
    std::ostringstream csv;
    write_basin_csv(csv, b, map);
    write_file_atomically(o.csv, csv.str());
  }
  if (!o.out.empty()) write_png(o.out, draw_basin_figure(b, map, colouring), scenario_json_of(r, r.start, b.view));
  return 0;
}

struct RenderOptions {
  std::string scenario;
  std::string out;
  std::string gif;
  int width = 0;  // when not given: the PNG's default (1920x1080) or the GIF's (960x540)
  int height = 0;
  long step = 0;  // when not given: the lesson's step, or the last
  std::string view;  // "2d", "3d" or "" for the scenario's
  bool canvas_only = false;
  bool question = false;
  std::string theme = "light";
  GifSettings gif_settings;
  CLI::Option* width_option = nullptr;
  CLI::Option* height_option = nullptr;
  CLI::Option* step_option = nullptr;
  CLI::Option* fps_option = nullptr;
  CLI::Option* seconds_option = nullptr;
};

void add_render_options(CLI::App& cmd, RenderOptions& o) {
  cmd.add_option("scenario", o.scenario, "the scenario: .json, or a PNG exported by optviz")->required();
  cmd.add_option("--out", o.out, "write the figure to this PNG file (the scenario is embedded in it)");
  cmd.add_option("--gif", o.gif, "write an animated GIF of the trajectories growing to this file");
  o.width_option = cmd.add_option("--width", o.width, "width in pixels (default 1920 for --out, 960 for --gif)");
  o.height_option = cmd.add_option("--height", o.height, "height in pixels (default 1080 for --out, 540 for --gif)");
  o.step_option = cmd.add_option(
      "--step", o.step, "--out: draw the trajectories up to this step (default: the lesson's step, else the last)");
  cmd.add_option("--view", o.view, "2d (the heatmap) or 3d (the surface in perspective); default: the scenario's")
      ->check(CLI::IsMember({"2d", "3d"}));
  cmd.add_flag("--canvas-only", o.canvas_only,
               "draw the canvas alone with its title, instead of the slide (title, text, canvas and plots)");
  cmd.add_flag("--question", o.question,
               "draw the lesson's question slide: the question, the canvas without the paths, the plots empty");
  cmd.add_option("--theme", o.theme, "light (default) or dark")->check(CLI::IsMember({"light", "dark"}));
  o.fps_option = cmd.add_option("--fps", o.gif_settings.fps, "--gif: frames per second (default 30, at most 60)");
  o.seconds_option =
      cmd.add_option("--seconds", o.gif_settings.seconds, "--gif: length of the animation (default 8, at most 60)");
  cmd.footer("Limits: --out up to " + std::to_string(kMaxFigureWidth) + "x" + std::to_string(kMaxFigureHeight) +
             " pixels, --gif up to " + std::to_string(kMaxGifWidth) + "x" + std::to_string(kMaxGifHeight) + " and " +
             std::to_string(kMaxGifFrames) +
             " frames (fps x seconds).\nNeeds a display; on a machine without one, run it under xvfb-run:\n"
             "  xvfb-run -a optviz render scenario.json --out fig.png");
}

int render_command(const RenderOptions& o) {
  if (o.out.empty() && o.gif.empty()) throw BadInput("give --out FILE.png, --gif FILE.gif or both");
  if (o.gif.empty() && (o.fps_option->count() > 0 || o.seconds_option->count() > 0))
    throw BadInput((o.fps_option->count() > 0 ? "--fps" : "--seconds") + std::string(" applies to --gif only"));
  if (o.out.empty() && o.step_option->count() > 0) throw BadInput("--step applies to --out only");
  if (o.canvas_only && o.question) throw BadInput("--question draws a slide: it does not go with --canvas-only");
  if (o.question && !o.gif.empty()) throw BadInput("--question applies to --out only (a question slide does not move)");
  const int width = o.width_option->count() > 0 ? o.width : 1920;
  const int height = o.height_option->count() > 0 ? o.height : 1080;
  if (!o.out.empty())
    if (std::string problem = find_figure_size_problem(width, height); !problem.empty()) throw BadInput(problem);
  GifSettings gif = o.gif_settings;
  gif.width = o.width_option->count() > 0 ? o.width : 960;
  gif.height = o.height_option->count() > 0 ? o.height : 540;
  if (!o.gif.empty())
    if (std::string problem = find_gif_problem(gif); !problem.empty()) throw BadInput(problem);

  Scenario scenario = open_scenario(o.scenario);
  if (!o.view.empty()) scenario.display.view = o.view == "3d" ? CanvasView::surface : CanvasView::flat;
  scenario.course.objective.search_minima(scenario.view);
  if (o.question && scenario.lesson.question.empty())
    throw BadInput("--question: " + o.scenario + " asks no question (its \"lesson\" has no \"question\")");
  const long step = o.step_option->count() > 0 ? o.step : lesson_step(scenario);
  if (step < 0 || step > scenario.course.steps)
    throw BadInput("--step: must be in [0, " + std::to_string(scenario.course.steps) + "] (the scenario's steps), got " +
                   std::to_string(step));
  std::vector<Trajectory> runs = simulate(scenario.course);

  std::string error;
  const std::unique_ptr<FigureRenderer> renderer = make_hidden_figure_renderer(error);
  if (!renderer) throw std::runtime_error("render draws with OpenGL and needs a display: " + error);
  const FigureComposition composition = o.canvas_only ? FigureComposition::canvas
                                       : o.question  ? FigureComposition::question
                                                     : FigureComposition::slide;
  const bool dark = o.theme == "dark";
  if (!o.out.empty()) export_figure_png(*renderer, scenario, runs, {step, width, height, composition, dark}, o.out);
  gif.composition = composition;
  gif.dark = dark;
  if (!o.gif.empty()) {
    GifExport animation(scenario, std::move(runs), gif, o.gif);
    while (!animation.done()) animation.render_next(*renderer);
  }
  return 0;
}

// The text in lines of at most 100 columns (UTF-8 characters), each starting with `indent`.
std::string wrapped(const std::string& text, const std::string& indent) {
  constexpr std::size_t kWidth = 100;
  const auto columns = [](std::string_view s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  };
  std::string out, line = indent;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    if (line.size() > indent.size() && columns(line) + 1 + columns(word) > kWidth) {
      out += line + "\n";
      line = indent;
    }
    line += (line.size() > indent.size() ? " " : "") + word;
  }
  return out + line + "\n";
}

// Whether the locale (LC_ALL, else LC_CTYPE, else LANG) names UTF-8.
bool utf8_locale() {
  for (const char* variable : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(variable);
    if (!value || !*value) continue;
    std::string text(value);
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text.find("utf-8") != std::string::npos || text.find("utf8") != std::string::npos;
  }
  return false;
}

int list_command() {
  std::ostringstream out;
  out << "Functions (name: formula; view box; minima):\n";
  for (const TestFunction& f : test_functions()) {
    out << "  " << f.name << ": " << f.formula << "\n      view [" << format_number(f.view.min.x) << ", "
        << format_number(f.view.max.x) << "] x [" << format_number(f.view.min.y) << ", " << format_number(f.view.max.y)
        << "]; start " << format_number(f.start.x) << "," << format_number(f.start.y) << "; ";
    if (f.minima.empty()) out << "no minimum";
    for (std::size_t i = 0; i < f.minima.size(); ++i)
      out << (i ? ", " : "minima ") << "(" << format_number(f.minima[i].x) << ", " << format_number(f.minima[i].y)
          << ")";
    if (!f.minima.empty()) out << " with f = " << format_number(f.minimum_value);
    out << "\n";
  }
  // With Unicode symbols where the locale says the terminal takes UTF-8, else as --rule takes them.
  const Notation notation = utf8_locale() ? Notation::unicode : Notation::rule;
  out << "\nOptimizers (name (title): reference; algorithm; symbols; epsilon; defaults).\n"
      << render_prose("In each algorithm, g is the gradient at θ before update t = 1, 2, ...; each line assigns "
                      "per coordinate, in order; a line with a condition applies only when it holds; every name "
                      "other than g, θ, t and the hyperparameters is state that starts at 0.\n",
                      notation);
  for (OptimizerKind kind : optimizer_kinds()) {
    const Hyperparameters h = defaults(kind);
    const Algorithm& a = algorithm(kind);
    out << "  " << name(kind) << " (" << title(kind) << "): " << render_prose(a.reference, notation) << "\n"
        << algorithm_text(kind, notation, "      ");
    if (const std::string symbols = symbols_text(kind, notation); !symbols.empty())
      out << wrapped("where " + symbols + ".", "    ");
    std::string epsilon = render_prose(a.epsilon, notation);
    if (!a.eps_inside.empty())
      epsilon += "; with --eps-inside-sqrt, the convention of " + render_prose(a.eps_inside, notation);
    out << wrapped(epsilon + ".", "    ") << "    defaults:";
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(kind)) out << " " << p.name << "=" << format_number(h.*p.member);
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(kind)) out << " " << p.name << "=" << (h.*p.member ? "true" : "false");
    out << "\n";
  }
  std::cout << out.str() << std::flush;
  if (!std::cout) {
    std::cerr << "optviz: cannot write to standard output\n";
    return 1;
  }
  return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{
      "optviz: watch optimizers move over 2D loss surfaces.\n"
      "With no command, opens the window on the default scenario."};
  app.set_version_flag("--version", "optviz " OPTVIZ_VERSION);
  GuiOptions gui;
  app.add_option("--screenshot", gui.screenshot, "render the window for --frames frames, save it as PNG, exit");
  app.add_option("--frames", gui.frames, "frames to render before --screenshot (default 3)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--size", gui.size, "window size WIDTHxHEIGHT, for example 1280x800");
  app.add_option("--scale", gui.scale, "UI scale (default: the monitor's content scale)")->check(CLI::Range(0.5, 4.0));
  app.add_option("--open", gui.open,
                 "views to open at start, comma-separated: sweep (the sweep map of the selected run), basins (its "
                 "basin overlay on the canvas)")
      ->delimiter(',')
      ->check(CLI::IsMember({"sweep", "basins"}));
  app.add_flag("--present", gui.present,
               "presentation mode: full screen (or the whole --size window), the canvas as large as it allows; "
               "F11 or Escape leaves it");
  app.add_option("--step", gui.step, "the playhead's step at start (0 shows each whole path ahead, faint)")
      ->check(CLI::Range(0L, kMaxScenarioSteps));
  app.add_option("--theme", gui.theme, "dark or light (default: the remembered choice)")
      ->check(CLI::IsMember({"dark", "light"}));
  app.add_option("--explain", gui.explain,
                 "explain the selected run's next update from the playhead, paused at sub-step N (0, 1, ...); with "
                 "--screenshot, a still of that sub-step")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--view", gui.view, "2d (the heatmap) or 3d (the surface in perspective); default: the scenario's")
      ->check(CLI::IsMember({"2d", "3d"}));

  app.add_option("scenario", gui.scenario, "a scenario to open: .json, or a PNG exported by optviz");

  CLI::App* run_cmd = app.add_subcommand(
      "run", "compute one trajectory and print it as CSV, or every run of a scenario (SCENARIO --out-dir DIR)");
  RunOptions run_options;
  add_run_options(*run_cmd, run_options);
  CLI::App* render_cmd =
      app.add_subcommand("render", "draw a scenario as a PNG figure or an animated GIF, without a window");
  RenderOptions render_options;
  add_render_options(*render_cmd, render_options);
  CLI::App* sweep_cmd = app.add_subcommand(
      "sweep", "map how a run ends over two of its hyperparameters: a PNG coloured by final loss and/or CSV");
  MapCommandOptions sweep_options;
  add_map_options(*sweep_cmd, sweep_options, true);
  CLI::App* basin_cmd = app.add_subcommand(
      "basin", "map which minimum a run reaches from every start point of a view: a PNG and/or CSV");
  MapCommandOptions basin_options;
  add_map_options(*basin_cmd, basin_options, false);
  CLI::App* list_cmd = app.add_subcommand("list", "list the test functions and optimizers with their defaults");
  app.require_subcommand(0, 1);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "optviz: " << e.what() << "\n";
    return kBadInput;
  }

  try {
    if (*run_cmd) return run_command(run_options);
    if (*list_cmd) return list_command();
    if (*render_cmd) return render_command(render_options);
    if (*sweep_cmd) return sweep_command(sweep_options);
    if (*basin_cmd) return basin_command(basin_options);
    if (!gui.scenario.empty()) open_scenario(gui.scenario);  // a bad file exits 2 before any window opens
    return run_gui(gui);
  } catch (const BadInput& e) {
    std::cerr << "optviz: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::runtime_error& e) {
    std::cerr << "optviz: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace optviz
