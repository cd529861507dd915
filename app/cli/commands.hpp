// What the command files share: bad input, the flags that set up one run and how they are read,
// and the commands' entry points. Each command_*.cpp holds one command with its flags; cli.cpp
// registers them in the order of --help and runs the one given.
#pragma once

// CLI11 2.1's detail::split, inlined here at -O2, trips g++ 12's -Wnull-dereference (a false
// positive inside std::string) and would fail the -Werror build.
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "objective.hpp"
#include "parameters.hpp"
#include "scenario.hpp"
#include "schedule.hpp"
#include "trajectory.hpp"
#include "translate.hpp"

namespace optviz::cli {

// The exit code of bad input (1 is a problem of the environment: a file not written, no display).
inline constexpr int kBadInput = 2;

// Input the user can correct: cli_main prints "optviz: MESSAGE" and exits with kBadInput.
struct BadInput : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// ---- The flags of one run (run_options.cpp) ----

// The values of the flags of one run, and their options where a check asks whether one was given.
struct RunOptions {
  // --function, --optimizer, ... and the command's --start, --steps and --out: what a scenario sets.
  std::vector<CLI::Option*> single_run_options;
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
  std::vector<CLI::Option*> schedule_options;  // one per field of core's schedule table
  std::string optimizer;
  std::string rule;
  std::string start;
  long steps = 0;  // each command sets its default
  std::vector<double> reals = std::vector<double>(real_parameters().size());
  std::vector<CLI::Option*> real_options;
  std::vector<bool> flags = std::vector<bool>(flag_parameters().size());
  std::vector<CLI::Option*> flag_options;
};

// The flags that set up one run: the function, the optimizer or rule, data and training, in the
// order of --help. Each command adds --start, --steps and its outputs, then the hyperparameters.
void add_configuration_options(CLI::App& cmd, RunOptions& o);
// --schedule and the flags of its fields (part of the above; `train` takes them alone).
void add_schedule_options(CLI::App& cmd, RunOptions& o);
// The hyperparameter flags of the parameter table; the footer shows the defaults of every optimizer
// after `footer_head`.
void add_hyperparameter_options(CLI::App& cmd, RunOptions& o, const std::string& footer_head = "");

// A scenario file sets up its runs: throws BadInput naming the first flag of one run that is given
// with it. `scenario_sets` says what the scenario sets and what to give instead.
void reject_run_flags(const RunOptions& o, std::string_view scenario_sets);

// One run set up by the flags.
struct FlagRun {
  Objective f;
  RunSpec spec;
  Vec2 start;
  Training training;
};

// The run of the flags, checked in this order: the objective, the start, the optimizer or rule
// and its hyperparameters (a swept one of a rule need not be given), the training. A command
// without a start (basin) passes takes_start = false. Throws BadInput.
FlagRun run_from_flags(const RunOptions& o, long steps, bool takes_start, const std::vector<std::string>& swept = {});

// The optimizer or rule of the flags with its hyperparameters, and the schedule (run_from_flags's
// checks of them, which `train` shares). Throws BadInput.
RunSpec optimizer_from_flags(const RunOptions& o, const std::vector<std::string>& swept = {});

// "X,Y" strictly: two finite numbers and nothing else; `what` names the flag in the message.
Vec2 parse_point(const std::string& text, const std::string& what);
// "x0,x1,y0,y1" strictly: four finite numbers (--view).
Box parse_view(const std::string& text);

// Opens a scenario file the user named; a file that cannot be read or is invalid is bad input.
Scenario open_scenario(const std::string& path);

// Writes the text to standard output: 0, or 1 with a message when it cannot be written.
int print_to_stdout(const std::string& text);
// Writes the text to the file `out` (atomically; throws when it cannot), or to standard output when
// `out` is empty, as print_to_stdout.
int write_output(const std::string& text, const std::string& out);

// ---- The commands, one file each ----

// A command: its parser (a subcommand of the whole program's) and what runs it once its flags
// are parsed, returning the exit code. The flags live with the command, where `run` reads them.
struct Command {
  CLI::App* parser = nullptr;
  std::function<int()> run;
};

// The command `name` of the program `app`: `add_options` registers its flags into an Options that
// the command owns (on the heap, where the parser's pointers into it stay valid), and `run` reads
// them once parsed.
// A command's parser, its --help in the group of the other options (CLI11 gives a command its
// --help before it inherits the program's group of options, whose name is translated).
inline CLI::App* add_command_parser(CLI::App& app, const char* name, const char* description) {
  CLI::App* parser = app.add_subcommand(name, description);
  parser->get_help_ptr()->group(app.option_defaults()->get_group());
  return parser;
}

template <class Options>
Command make_command(CLI::App& app, const char* name, const char* description, void (*add_options)(CLI::App&, Options&),
                     int (*run)(const Options&)) {
  CLI::App* parser = add_command_parser(app, name, description);
  const auto options = std::make_shared<Options>();
  add_options(*parser, *options);
  return {parser, [options, run] { return run(*options); }};
}

Command add_run_command(CLI::App& app);     // command_run.cpp
Command add_render_command(CLI::App& app);  // command_render.cpp
Command add_sweep_command(CLI::App& app);   // command_sweep.cpp
Command add_basin_command(CLI::App& app);   // command_basin.cpp
Command add_list_command(CLI::App& app);    // command_list.cpp
Command add_train_command(CLI::App& app);   // command_train.cpp
Command add_plane_command(CLI::App& app);   // command_plane.cpp

// `--view 2d|3d`, as the window and render take it (cli.cpp).
CLI::Option* add_view_option(CLI::App& cmd, std::string& view);

}  // namespace optviz::cli
