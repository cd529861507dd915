// What `optviz sweep` and `optviz basin` share (map_options.cpp): the run that every cell repeats,
// from a scenario's run or from the flags, the size of the map, its colouring and its files.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <vector>

#include "commands.hpp"
#include "image.hpp"
#include "map_scale.hpp"
#include "sweep.hpp"

namespace optviz::cli {

// The options of both maps; each command keeps its own beside them.
struct MapCommandOptions {
  RunOptions run;  // the run's flags; --start (sweep) and --steps are registered with their own help
  std::string scenario;
  std::size_t run_index = 0;
  CLI::Option* run_index_option = nullptr;
  CLI::Option* start_option = nullptr;  // sweep only
  CLI::Option* steps_option = nullptr;
  std::string size = "256x256";
  std::string out, csv;
  std::string colour;  // map_colouring_name; "" for the command's default
};

// The options of both maps, in the order of --help, each command adding its own between them:
// the scenario (`scenario_help`: what the command does with its run), --run and the flags of the run...
void add_map_run_options(CLI::App& cmd, MapCommandOptions& o, const std::string& scenario_help);
// ... --size, --steps and --out ...
void add_map_size_options(CLI::App& cmd, MapCommandOptions& o, const std::string& size_help);
// ... and --csv (`csv_help`: its columns), the hyperparameters and the footer with the limits.
void add_map_csv_options(CLI::App& cmd, MapCommandOptions& o, const char* csv_help);

// The run of a map, from the scenario's run --run N or from the flags, and its size.
struct MapRun {
  int columns = 0;
  int rows = 0;
  Objective f;
  RunSpec spec;
  RunLook look;  // the label and colour the embedded scenario gives the run
  Vec2 start;
  long steps = 0;
  Training training;
  Box view;  // the scenario's view, or the function's (basin: --view)
  std::uint64_t seed = 0;
};

// A Sweep or a Basin of the run, with its objective, run, steps and training.
template <class MapSpec>
MapSpec map_of(const MapRun& r) {
  MapSpec m;
  m.objective = r.f;
  m.run = r.spec;
  m.steps = r.steps;
  m.training = r.training;
  return m;
}

// Checks in this order: an output file given, --size, --steps, then the run. A command without a
// start (basin) passes takes_start = false; `swept` are the hyperparameters the map sets per cell.
MapRun map_run_from(const MapCommandOptions& o, bool takes_start, const std::vector<std::string>& swept);

// --colour: one of `allowed`, or `fallback` when not given.
MapColouring parse_colouring(const std::string& text, MapColouring fallback,
                             std::initializer_list<MapColouring> allowed);

// The message of a core problem as the user's flag: "size: ..." -> "--size: ...".
std::string map_problem(const std::string& problem);

// "sweep: 4096 cells in 0.123 s; 12 diverged" on standard error, the time counted from `begin`.
void report_map(const char* what, const Map& map, std::chrono::steady_clock::time_point begin);

// Writes --csv (the cells as `write_csv` writes them) and --out (the figure `draw` draws, with the
// scenario of the map's run embedded: `optviz map.png` opens that run).
void write_map_files(const MapCommandOptions& o, const MapRun& r, const std::function<void(std::ostream&)>& write_csv,
                     const std::function<Image()>& draw);

}  // namespace optviz::cli
