// The data of a scenario's runs as files: one CSV per run, in the format of `optviz run`, and a
// summary.json with each run's final point, final value, steps and status.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "scenario.hpp"
#include "train.hpp"
#include "trajectory.hpp"

namespace optviz {

// "02-rmsprop-rho-0.9.csv" for runs[2] labelled "RMSprop rho=0.9".
std::string run_file_name(std::size_t index, const std::string& label);

// The summary as JSON text: {"function", "runs": [{"index", "file", "label", "optimizer",
// "final_point", "final_value", "steps", "status"}]}; non-finite numbers are null.
std::string run_summary_json(const Scenario& scenario, const std::vector<Trajectory>& runs);

// Creates `dir` if needed and writes every run's CSV, then summary.json, each atomically.
// `runs` are simulate(scenario). Throws std::runtime_error("cannot write PATH: REASON").
void export_runs(const Scenario& scenario, const std::vector<Trajectory>& runs, const std::filesystem::path& dir);

// A network scenario's runs (trained by train_scenario_run, or the window's trainings): per run its
// rows as `optviz train` writes them ("00-sgd.csv") and its layers' statistics as `--stats` writes
// them ("00-sgd-layers.csv", when recorded), then summary.json: {"network": its title, "runs":
// [{"index", "file", "label", "optimizer" (or "rule"), "steps", "loss", "test_loss", "accuracy",
// "test_accuracy" (the last row's, those the run has), "status"}]}. Throws as export_runs.
void export_net_runs(const Scenario& scenario, const std::vector<const NetRun*>& runs,
                     const std::filesystem::path& dir);

}  // namespace optviz
