// The flags that set up one run, shared by run, sweep and basin: their registration with their help,
// and their reading into a run, each checked where it enters with a message that names its flag.
#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <iostream>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms.hpp"
#include "atomic_file.hpp"
#include "commands.hpp"
#include "dataset.hpp"
#include "expression.hpp"
#include "number_text.hpp"
#include "parameters.hpp"
#include "rule.hpp"
#include "scenario_file.hpp"
#include "scenario_io.hpp"
#include "schedule.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

// A text of core's tables (marked there for the catalog) in the current language.
std::string tr_text(std::string_view english) { return tr(std::string(english).c_str()); }

// Every optimizer's defaults, after which flags each one takes.
std::string defaults_table() {
  std::string out = std::string(tr("Each optimizer's whole algorithm, with these options: optviz list.")) + "\n" +
                    tr("Defaults per optimizer (flags that do not apply to an optimizer are errors):") + "\n";
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
    for (const RealParameter& p : real_parameters()) add(p.name, tr_text(p.help));
    for (const FlagParameter& p : flag_parameters()) add(p.name, tr_text(p.help));
    return out;
  }();
  return texts.find(name)->second;
}

// The built-in optimizer's hyperparameters from the flags; throws BadInput.
Hyperparameters hyperparameters_from(const RunOptions& o) {
  const std::string all = optimizer_names(~0u);
  if (o.optimizer.empty()) throw BadInput(tr_format("missing --optimizer (one of {0}) or --rule", {all}));
  const auto kind = find_optimizer(o.optimizer);
  if (!kind) throw BadInput(tr_format("unknown optimizer \"{0}\" (one of {1})", {o.optimizer, all}));
  const auto takes = [&](const auto& parameter) {
    if (!parameter.applies_to(*kind))
      throw BadInput(tr_format("--{0} does not apply to {1}; it is taken by {2}",
                               {parameter.flag, o.optimizer, optimizer_names(parameter.kinds)}));
  };
  Hyperparameters h = defaults(*kind);
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    if (o.real_options[i]->count() == 0) continue;
    takes(reals[i]);
    h.*reals[i].member = o.reals[i];
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (!o.flags[i]) continue;
    takes(flags[i]);
    h.*flags[i].member = flags[i].value_when_given;
  }
  if (const std::string problem = validate(h); !problem.empty()) throw BadInput(problem);
  return h;
}

// "invalid --expr at column 7: unknown name "z"" ("at line 2, column 17" in a rule of several
// lines), with the text and a caret under the column when the text is one short line.
BadInput formula_error(const std::string& flag, const std::string& text, const ExpressionError& e) {
  std::string message = tr_format("invalid {0} at {1}: {2}", {flag, place_text(text, e.column()), e.problem()});
  constexpr std::size_t kShown = 160;
  if (text.size() <= kShown && text.find('\n') == std::string::npos && e.column() <= text.size() + 1)
    message += "\n  " + text + "\n  " + std::string(e.column() - 1, ' ') + "^";
  return BadInput(message);
}

Objective objective_from(const RunOptions& o) {
  if ((!o.expr.empty()) + (!o.function.empty()) + (!o.data.empty()) > 1)
    throw BadInput(o.data.empty() ? tr("give --function or --expr, not both")
                                  : tr("give one of --function, --expr and --data"));
  if (!o.loss.empty() && o.data.empty()) throw BadInput(tr("--loss applies to --data FILE"));
  if (!o.data.empty()) {
    if (o.loss.empty()) throw BadInput(tr("--data needs --loss linear or --loss logistic"));
    const auto loss = find_loss(o.loss);
    if (!loss) throw BadInput(tr_format("unknown loss \"{0}\" (linear or logistic)", {o.loss}));
    try {
      return Objective::from_data(load_data_csv(o.data), *loss, std::filesystem::path(o.data).filename().string());
    } catch (const DataError& e) {
      throw BadInput(e.what()[0] == '/' || std::string_view(e.what()).starts_with(o.data) ? std::string(e.what())
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
  if (o.function.empty()) throw BadInput(tr("missing --function, --expr or --data (see `optviz list`)"));
  const TestFunction* f = find_function(o.function);
  if (f == nullptr) throw BadInput(tr_format("unknown function \"{0}\" (see `optviz list`)", {o.function}));
  return *f;
}

// A typed rule's hyperparameters: exactly the ones it reads, each given by its flag (or swept by a
// map, which sets it per cell).
Hyperparameters rule_hyperparameters_from(const RunOptions& o, const Rule& rule,
                                          const std::vector<std::string>& swept) {
  Hyperparameters h;
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    const bool given = o.real_options[i]->count() > 0;
    const bool read = rule.reads_parameter(reals[i].name) &&
                      (given || std::find(swept.begin(), swept.end(), reals[i].name) == swept.end());
    if (given && !read)
      throw BadInput(tr_format("--{0} is given but the rule does not read {1}", {reals[i].flag, reals[i].name}));
    if (read && !given)
      throw BadInput(tr_format("the rule reads {0}: give its value with --{1}", {reals[i].name, reals[i].flag}));
    if (given) h.*reals[i].member = o.reals[i];
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i)
    if (o.flags[i])
      throw BadInput(tr_format("--{0} applies to built-in optimizers; a rule writes its own update", {flags[i].flag}));
  if (const auto problem = find_rule_problem(rule, h)) throw BadInput(problem->message());
  return h;
}

// A problem of core's training or schedule, "t_max: must be ...", as its flag's: "--t-max: must be ..."
// (in Chinese the colon after the name may be the full-width "：").
std::string cli_training_problem(std::string problem) {
  const std::size_t colon = std::min(problem.find(':'), problem.find("："));
  std::replace(problem.begin(), problem.begin() + static_cast<long>(colon == std::string::npos ? 0 : colon), '_', '-');
  return "--" + problem;
}

// "constant, step, exponential, cosine or inverse_sqrt", the default followed by `default_mark`.
std::string schedule_names(std::string_view default_mark = "") {
  const auto kinds = schedule_kinds();
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    out += (i == 0 ? "" : i + 1 < kinds.size() ? ", " : tr(" or ")) + std::string(name(kinds[i]));
    if (kinds[i] == Schedule{}.kind) out += default_mark;
  }
  return out;
}

// "step or exponential": the schedules that take the field.
std::string kinds_taking(const ScheduleField& f) {
  std::vector<std::string_view> names;
  for (const ScheduleKind kind : schedule_kinds())
    if (f.applies_to(kind)) names.push_back(name(kind));
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 < names.size() ? ", " : tr(" or ")) + std::string(names[i]);
  return out;
}

// "--schedule step or exponential: the decay factor ... (default 0.1)": a field's help from core's table,
// its default from Schedule's.
std::string schedule_flag_help(const ScheduleField& f) {
  const auto kinds = schedule_kinds();
  const bool every = std::all_of(kinds.begin(), kinds.end(), [&f](ScheduleKind k) { return f.applies_to(k); });
  const ScheduleField* needed = f.needs.empty() ? nullptr : find_schedule_field(f.needs);
  std::string help = needed  ? tr_format("with --{0}: {1}", {needed->flag, tr_text(f.help)})
                     : every ? std::string(tr_text(f.help))
                             : tr_format("--schedule {0}: {1}", {kinds_taking(f), tr_text(f.help)});
  if (every && !needed) help = tr_format("{0}, with any schedule", {help});
  if (f.value) help = tr_format("{0} (default {1})", {help, format_number(Schedule{}.*f.value)});
  return help;
}

// The schedule from --schedule and its flags; a flag that its schedule does not take is an error.
Schedule schedule_from(const RunOptions& o) {
  Schedule s = o.schedule_values;
  if (!o.schedule.empty()) {
    const auto kind = find_schedule(o.schedule);
    if (!kind) throw BadInput(tr_format("unknown schedule \"{0}\" ({1})", {o.schedule, schedule_names()}));
    s.kind = *kind;
  }
  const auto fields = schedule_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const ScheduleField& f = fields[i];
    if (o.schedule_options[i]->count() == 0) continue;
    if (!f.applies_to(s.kind)) throw BadInput(tr_format("--{0} applies to --schedule {1}", {f.flag, kinds_taking(f)}));
    if (const ScheduleField* needed = f.needs.empty() ? nullptr : find_schedule_field(f.needs))
      if (o.schedule_options[static_cast<std::size_t>(needed - fields.data())]->count() == 0)
        throw BadInput(tr_format("--{0} applies with --{1} {2}", {f.flag, needed->flag, needed->symbol}));
  }
  if (std::string problem = find_schedule_problem(s); !problem.empty()) throw BadInput(cli_training_problem(problem));
  return s;
}

// Parses exactly values.size() finite numbers separated by commas, and nothing else.
bool parse_numbers(std::string_view text, std::span<double> values) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::size_t comma = i + 1 < values.size() ? text.find(',', begin) : text.size();
    if (comma == std::string_view::npos) return false;
    const std::optional<double> number = parse_number(text.substr(begin, comma - begin));
    if (!number) return false;
    values[i] = *number;
    begin = comma + 1;
  }
  return true;
}

}  // namespace

void add_configuration_options(CLI::App& cmd, RunOptions& o) {
  o.single_run_options = {
      cmd.add_option("--function", o.function, tr("test function (see `optviz list`)")),
      cmd.add_option("--expr", o.expr,
                     tr("a typed function of x and y instead of --function, for example '(1-x)^2 + 100*(y-x^2)^2'; "
                        "needs --start")),
      cmd.add_option("--optimizer", o.optimizer, tr("optimizer (see `optviz list`)")),
      cmd.add_option("--rule", o.rule,
                     tr("a typed update rule instead of --optimizer: statements NAME = EXPR separated by ; for example "
                        "'G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)'; every hyperparameter it "
                        "reads must be given")),
      cmd.add_option(
          "--data", o.data,
          tr("a loss from data instead of --function: a CSV file with columns x and y; the plane is (w, b)")),
      cmd.add_option("--loss", o.loss, tr("with --data: linear (least squares) or logistic (labels y of 0 and 1)")),
      o.batch_option = cmd.add_option("--batch", o.batch, tr("with --data: rows of a mini-batch (default: all)")),
      cmd.add_flag("--shuffle", o.shuffle, tr("with --batch: reorder the rows every epoch (reproducibly, by --seed)")),
      cmd.add_option("--noise", o.noise, tr("add Gaussian noise of this standard deviation to every gradient")),
      cmd.add_option("--seed", o.seed, tr("seed of the noise and of the shuffled batches (default 0)")),
  };
  add_schedule_options(cmd, o);
}

void add_schedule_options(CLI::App& cmd, RunOptions& o) {
  o.single_run_options.push_back(cmd.add_option(
      "--schedule", o.schedule, tr_format("learning-rate schedule: {0}", {schedule_names(tr(" (default)"))})));
  for (const ScheduleField& f : schedule_fields()) {
    const std::string flag = "--" + std::string(f.flag);
    o.schedule_options.push_back(f.count ? cmd.add_option(flag, o.schedule_values.*f.count, schedule_flag_help(f))
                                         : cmd.add_option(flag, o.schedule_values.*f.value, schedule_flag_help(f)));
  }
  o.single_run_options.insert(o.single_run_options.end(), o.schedule_options.begin(), o.schedule_options.end());
}

void add_hyperparameter_options(CLI::App& cmd, RunOptions& o, const std::string& footer_head) {
  const auto reals = real_parameters();
  for (std::size_t i = 0; i < reals.size(); ++i) {
    std::string names = "--" + std::string(reals[i].flag);
    if (!reals[i].alias.empty()) names += ",--" + std::string(reals[i].alias);
    o.real_options.push_back(cmd.add_option(names, o.reals[i], parameter_help(reals[i].name)));
  }
  const auto flags = flag_parameters();
  for (std::size_t i = 0; i < flags.size(); ++i) {
    o.flag_options.push_back(cmd.add_flag_callback(
        "--" + std::string(flags[i].flag), [&o, i] { o.flags[i] = true; }, parameter_help(flags[i].name)));
  }
  cmd.footer(footer_head + defaults_table());
}

void reject_run_flags(const RunOptions& o, std::string_view scenario_sets) {
  for (const auto* options : {&o.single_run_options, &o.real_options, &o.flag_options})
    for (const CLI::Option* option : *options)
      if (option->count() > 0)
        throw BadInput(tr_format("{0} cannot be combined with a scenario file, which sets {1}",
                                 {option->get_name(), scenario_sets}));
}

FlagRun run_from_flags(const RunOptions& o, long steps, bool takes_start, const std::vector<std::string>& swept) {
  FlagRun r;
  r.f = objective_from(o);
  if (takes_start && !o.expr.empty() && o.start.empty())
    throw BadInput(tr("--expr needs --start X,Y (a typed function has no default)"));
  if (o.shuffle && o.batch_option->count() == 0) throw BadInput(tr("--shuffle applies with --batch B"));
  r.start = o.start.empty() ? r.f.start() : parse_point(o.start, "start");
  if (const auto problem = find_course_problem(r.start, steps)) throw BadInput(problem->message());

  r.spec = optimizer_from_flags(o, swept);
  RunSpec& spec = r.spec;
  spec.batch = o.batch;
  if (o.batch_option->count() > 0 && o.batch < 1)
    throw BadInput(tr_format("invalid --batch: must be at least 1, got {0}", {std::to_string(o.batch)}));
  spec.shuffle = o.shuffle;
  spec.noise = o.noise;
  r.training = training_of(spec, o.seed, 0);
  if (std::string problem = find_training_problem(r.training, r.f); !problem.empty())
    throw BadInput(cli_training_problem(problem));
  return r;
}

RunSpec optimizer_from_flags(const RunOptions& o, const std::vector<std::string>& swept) {
  RunSpec spec;
  if (!o.rule.empty()) {
    if (!o.optimizer.empty()) throw BadInput(tr("give --optimizer or --rule, not both"));
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
  return spec;
}

Vec2 parse_point(const std::string& text, const std::string& what) {
  std::array<double, 2> v{};
  if (!parse_numbers(text, v))
    throw BadInput(tr_format("invalid {0}: \"{1}\" (expected X,Y, for example --{0}=-1.5,2)", {what, text}));
  return {v[0], v[1]};
}

Box parse_view(const std::string& text) {
  std::array<double, 4> v{};
  if (!parse_numbers(text, v))
    throw BadInput(tr_format("invalid --view: \"{0}\" (expected x0,x1,y0,y1, for example --view=-5,5,-5,5)", {text}));
  return {{v[0], v[2]}, {v[1], v[3]}};
}

Scenario open_scenario(const std::string& path) {
  try {
    return open_scenario_file(path);
  } catch (const ScenarioError& e) {
    throw BadInput(e.what());
  }
}

int print_to_stdout(const std::string& text) {
  std::cout << text << std::flush;
  if (!std::cout) {
    std::cerr << "optviz: " << tr("cannot write to standard output") << "\n";
    return 1;
  }
  return 0;
}

int write_output(const std::string& text, const std::string& out) {
  if (out.empty()) return print_to_stdout(text);
  write_file_atomically(out, text);
  return 0;
}

}  // namespace optviz::cli
