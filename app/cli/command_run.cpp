// `optviz run`: one run set up by the flags, printed (or written) as CSV; or every run of a
// scenario file, one CSV each, with summary.json.
#include <cstddef>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "csv.hpp"
#include "network_setup.hpp"
#include "run_export.hpp"
#include "run_name.hpp"
#include "trajectory.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

constexpr long kDefaultSteps = 100;

struct RunCommandOptions {
  RunOptions run;
  std::string scenario;  // a scenario file instead of the flags of one run
  std::string out_dir;
  std::string out;
};

// `optviz run SCENARIO --out-dir DIR`: every run of the scenario as CSV, and summary.json.
int run_scenario(const RunCommandOptions& o) {
  reject_run_flags(
      o.run, tr("the function, the runs, the start and the steps; give either a scenario or the flags of one run"));
  if (o.out_dir.empty()) throw BadInput(tr("a scenario has several runs: give --out-dir DIR for their CSV files"));
  const Scenario scenario = open_scenario(o.scenario);
  if (scenario.network) {
    // A network lesson: each run trained as the window trains it (its rows, its layers' statistics).
    const NetStart start = network_start(scenario);
    NetRecording recording = window_recording(start, scenario.course.steps);
    recording.snapshot_every = 0;
    std::vector<NetRun> trained;
    for (std::size_t i = 0; i < scenario.course.runs.size(); ++i)
      trained.push_back(train_scenario_run(scenario, start, i, recording));
    std::vector<const NetRun*> runs;
    for (const NetRun& r : trained) runs.push_back(&r);
    export_net_runs(scenario, runs, o.out_dir);
    for (std::size_t i = 0; i < trained.size(); ++i)
      if (trained[i].diverged_at)
        std::cerr << "runs[" << i << "] (" << run_name(scenario, i) << "): " << trained[i].shown_status() << "\n";
    return 0;
  }
  const std::vector<Trajectory> runs = simulate(scenario.course);
  export_runs(scenario, runs, o.out_dir);
  for (std::size_t i = 0; i < runs.size(); ++i)
    if (runs[i].diverged_at)
      std::cerr << "runs[" << i << "] (" << run_name(scenario, i) << "): " << runs[i].shown_status() << "\n";
  return 0;
}

void add_run_options(CLI::App& cmd, RunCommandOptions& o) {
  cmd.add_option(
      "scenario", o.scenario,
      tr("a scenario file (.json, or a PNG exported by optviz) to run instead of the flags; needs --out-dir"));
  cmd.add_option("--out-dir", o.out_dir,
                 tr("with a scenario: write one CSV per run and summary.json into this directory"));
  add_configuration_options(cmd, o.run);
  o.run.single_run_options.push_back(
      cmd.add_option("--start", o.run.start, tr("start point X,Y (default: the function's); write --start=-1.5,2")));
  o.run.steps = kDefaultSteps;
  o.run.single_run_options.push_back(
      cmd.add_option("--steps", o.run.steps,
                     tr_format("number of updates (default {0}, at most {1})",
                               {std::to_string(kDefaultSteps), std::to_string(kMaxSteps)})));
  o.run.single_run_options.push_back(
      cmd.add_option("--out", o.out, tr("write the CSV to this file instead of standard output")));
  add_hyperparameter_options(cmd, o.run);
}

int run_command(const RunCommandOptions& o) {
  if (!o.scenario.empty()) return run_scenario(o);
  if (!o.out_dir.empty()) throw BadInput(tr("--out-dir needs a scenario file: optviz run SCENARIO --out-dir DIR"));
  const auto [f, spec, start, training] = run_from_flags(o.run, o.run.steps, true);
  Trajectory t;
  simulate_run(f, spec, start, o.run.steps, training, t);
  std::ostringstream csv;
  write_csv(csv, t, spec);
  if (const int code = write_output(csv.str(), o.out); code != 0) return code;
  if (t.diverged_at) std::cerr << t.shown_status() << "\n";
  return 0;
}

}  // namespace

Command add_run_command(CLI::App& app) {
  return make_command(app, "run",
                      tr("compute one trajectory and print it as CSV, or every run of a scenario (SCENARIO --out-dir "
                         "DIR)"),
                      add_run_options, run_command);
}

}  // namespace optviz::cli
