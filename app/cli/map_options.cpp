// What `optviz sweep` and `optviz basin` share: their common options, the run that every cell
// repeats, the size of the map, its colouring and its files.
#include <charconv>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>
#include <vector>

#include "atomic_file.hpp"
#include "map_command.hpp"
#include "png_file.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

constexpr long kDefaultSteps = 500;

// "1024x1024": the largest map.
std::string largest_map() { return std::to_string(kMaxMapSide) + "x" + std::to_string(kMaxMapSide); }

// "256x256": two integers from 1 to kMaxMapSide.
std::pair<int, int> parse_size(const std::string& text) {
  const auto x = text.find('x');
  const auto number = [&](std::string_view part) {
    int v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc() || end != part.data() + part.size())
      throw BadInput(tr_format("invalid --size: \"{0}\" (expected WIDTHxHEIGHT, for example --size 256x256)", {text}));
    return v;
  };
  if (x == std::string::npos) number("");
  const std::string_view all(text);
  const int width = number(all.substr(0, x)), height = number(all.substr(x + 1));
  if (width < 1 || height < 1 || width > kMaxMapSide || height > kMaxMapSide)
    throw BadInput(
        tr_format("invalid --size: {0} (each side must be in [1, {1}])", {text, std::to_string(kMaxMapSide)}));
  return {width, height};
}

// The scenario's run --run N, --start (sweep) and --steps overriding the scenario's.
void scenario_run(const MapCommandOptions& o, bool takes_start, MapRun& r) {
  reject_run_flags(o.run, tr("the function and the run; give either a scenario and --run N or the flags of one run"));
  Scenario scenario = open_scenario(o.scenario);
  if (o.run_index >= scenario.course.runs.size())
    throw BadInput(tr_format("--run: must be in [0, {0}] (the scenario's {1} runs), got {2}",
                             {std::to_string(scenario.course.runs.size() - 1),
                              std::to_string(scenario.course.runs.size()), std::to_string(o.run_index)}));
  r.f = scenario.course.objective;
  r.spec = scenario.course.runs[o.run_index];
  r.look = scenario.looks[o.run_index];
  r.start = scenario.course.start;
  if (takes_start && o.start_option->count() > 0) r.start = parse_point(o.run.start, "start");
  r.steps = o.steps_option->count() > 0 ? o.run.steps : scenario.course.steps;
  r.training = training_of(r.spec, scenario.course.seed, o.run_index);
  r.view = scenario.view;
  r.seed = scenario.course.seed;
}

// The run of the flags, labelled and coloured as the window's first run.
void flag_run(const MapCommandOptions& o, bool takes_start, const std::vector<std::string>& swept, MapRun& r) {
  if (o.run_index_option->count() > 0)
    throw BadInput(tr_format("--run applies to a scenario file: optviz {0} SCENARIO --run N ...",
                             {takes_start ? "sweep" : "basin"}));
  FlagRun flags = run_from_flags(o.run, o.run.steps, takes_start, swept);
  r.f = std::move(flags.f);
  r.spec = std::move(flags.spec);
  r.look = make_look({}, 0, r.spec);
  r.start = flags.start;
  r.steps = o.run.steps;
  r.training = flags.training;
  r.view = r.f.view();
  r.seed = o.run.seed;
}

// The scenario of the map's run, embedded in its PNG.
std::string scenario_json_of(const MapRun& r) {
  Scenario s;
  s.course.objective = r.f;
  s.view = r.view;
  s.course.start = r.start;
  s.course.steps = r.steps;
  add_run(s, r.spec, r.look);
  s.course.seed = r.seed;
  return to_json(s);
}

}  // namespace

void add_map_run_options(CLI::App& cmd, MapCommandOptions& o, const std::string& scenario_help) {
  cmd.add_option("scenario", o.scenario, scenario_help);
  o.run_index_option = cmd.add_option("--run", o.run_index, tr("with a scenario: the index of its run (default 0)"));
  add_configuration_options(cmd, o.run);
}

void add_map_size_options(CLI::App& cmd, MapCommandOptions& o, const std::string& size_help) {
  cmd.add_option("--size", o.size, tr_format("{0} (default {1}, at most {2})", {size_help, o.size, largest_map()}));
  o.run.steps = kDefaultSteps;
  o.steps_option = cmd.add_option("--steps", o.run.steps,
                                  tr_format("updates of every cell (default {0}, or the scenario's; at most {1})",
                                            {std::to_string(kDefaultSteps), std::to_string(kMaxMapSteps)}));
  cmd.add_option("--out", o.out,
                 tr("write the map as PNG, coloured as --colour says (the run's scenario is embedded in it)"));
}

void add_map_csv_options(CLI::App& cmd, MapCommandOptions& o, const char* csv_help) {
  cmd.add_option("--csv", o.csv, csv_help);
  add_hyperparameter_options(cmd, o.run,
                             tr_format("Limits: at most {0} cells, {1} steps and {2} updates in all (cells x steps).",
                                       {largest_map(), std::to_string(kMaxMapSteps), std::to_string(kMaxMapUpdates)}) +
                                 "\n\n");
}

MapRun map_run_from(const MapCommandOptions& o, bool takes_start, const std::vector<std::string>& swept) {
  if (o.out.empty() && o.csv.empty()) throw BadInput(tr("give --out FILE.png, --csv FILE.csv or both"));
  MapRun r;
  std::tie(r.columns, r.rows) = parse_size(o.size);
  if (o.steps_option->count() > 0 && (o.run.steps < 0 || o.run.steps > kMaxMapSteps))
    throw BadInput(tr_format("invalid steps: {0} (must be in [0, {1}])",
                             {std::to_string(o.run.steps), std::to_string(kMaxMapSteps)}));
  if (!o.scenario.empty())
    scenario_run(o, takes_start, r);
  else
    flag_run(o, takes_start, swept, r);
  return r;
}

MapColouring parse_colouring(const std::string& text, MapColouring fallback,
                             std::initializer_list<MapColouring> allowed) {
  if (text.empty()) return fallback;
  std::string names;
  for (const MapColouring c : allowed) {
    if (parse_map_colouring(text) == c) return c;
    names += (names.empty() ? "" : tr(" or ")) + std::string(map_colouring_name(c));
  }
  throw BadInput(tr_format("invalid --colour: \"{0}\" (expected {1})", {text, names}));
}

std::string map_problem(const std::string& problem) {
  for (const char* field : {"size", "steps", "view"})
    for (const char* colon : {":", "："})  // a translation may follow the name with a full-width colon
      if (problem.rfind(std::string(field) + colon, 0) == 0) return "--" + problem;
  return problem;
}

void report_map(const char* what, const Map& map, std::chrono::steady_clock::time_point begin) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::size_t diverged = 0;
  for (const RunSummary& c : map.cells) diverged += c.diverged_at.has_value();
  char time[32];
  std::snprintf(time, sizeof time, "%.3f", seconds);
  const std::string line = tr_format("{0}: {1} cells in {2} s; {3} diverged",
                                     {what, std::to_string(map.cells.size()), time, std::to_string(diverged)});
  std::fprintf(stderr, "%s\n", line.c_str());
}

void write_map_files(const MapCommandOptions& o, const MapRun& r, const std::function<void(std::ostream&)>& write_csv,
                     const std::function<Image()>& draw) {
  if (!o.csv.empty()) {
    std::ostringstream csv;
    write_csv(csv);
    write_file_atomically(o.csv, csv.str());
  }
  if (!o.out.empty()) write_png(o.out, draw(), scenario_json_of(r));
}

}  // namespace optviz::cli
