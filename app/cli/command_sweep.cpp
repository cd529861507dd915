// `optviz sweep`: how a run ends over a grid of two of its hyperparameters, as a PNG coloured by
// the final loss (or the steps to converge) and/or CSV.
#include <chrono>
#include <cmath>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

#include "map_command.hpp"
#include "map_figure.hpp"
#include "number_text.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

struct SweepOptions {
  MapCommandOptions map;
  std::string x, y;  // NAME:FROM:TO[:log]
  double tolerance = Target{}.tolerance;
  CLI::Option* tolerance_option = nullptr;
};

void add_sweep_options(CLI::App& cmd, SweepOptions& o) {
  add_map_run_options(
      cmd, o.map,
      tr("a scenario file (.json, or a PNG exported by optviz) whose run --run N to sweep instead of the flags"));
  o.map.start_option = cmd.add_option(
      "--start", o.map.run.start, tr("start point X,Y of every cell (default: the function's); write --start=-1.5,2"));
  cmd.add_option("--x", o.x,
                 tr("the x axis, NAME:FROM:TO or NAME:FROM:TO:log: a hyperparameter of the run (as in the parameter "
                    "table: eta, rho, eps, momentum, ...) from FROM to TO inclusive, evenly or on a log scale"))
      ->required();
  cmd.add_option("--y", o.y, tr("the y axis, as --x"))->required();
  add_map_size_options(cmd, o.map, tr("cells WIDTHxHEIGHT: values of --x times values of --y"));
  cmd.add_option("--colour", o.map.colour,
                 tr("what the PNG's cells show: loss (the final f - f* on a log scale, the default) or steps (the "
                    "first step at which f - f* <= --tolerance; needs a function with a known minimum)"));
  o.tolerance_option = cmd.add_option("--tolerance", o.tolerance,
                                      tr("with --colour steps: when a run counts as converged (default 1e-6)"));
  add_map_csv_options(cmd, o.map, tr("write one row per cell: the two hyperparameters, then x,y,f,diverged_at"));
}

// The NAME of NAME:FROM:TO (the whole text when it has no colon).
std::string axis_name(const std::string& spec) { return spec.substr(0, spec.find(':')); }

// --colour and --tolerance, checked against the function.
MapColouring colouring_of(const SweepOptions& o, const Objective& f) {
  const MapColouring colouring =
      parse_colouring(o.map.colour, MapColouring::loss, {MapColouring::loss, MapColouring::steps});
  if (o.tolerance_option->count() > 0) {
    if (colouring != MapColouring::steps) throw BadInput(tr("--tolerance applies to --colour steps"));
    if (!(o.tolerance > 0) || !std::isfinite(o.tolerance))
      throw BadInput(tr_format("invalid --tolerance: {0} (must be > 0 and finite)", {format_number(o.tolerance)}));
  }
  if (colouring == MapColouring::steps && !std::isfinite(f.minimum_value()))
    throw BadInput(
        tr_format("--colour steps needs a function with a known minimum value f*; {0} has none (use "
                  "--colour loss)",
                  {f.title()}));
  return colouring;
}

// The sweep of the run over --x and --y, checked.
Sweep sweep_of(const SweepOptions& o, const MapRun& r) {
  Sweep s = map_of<Sweep>(r);
  s.start = r.start;
  s.target = {r.f.minimum_value(), o.tolerance};
  const auto axis = [&](const std::string& text, int count, const char* flag) {
    try {
      return parse_axis(text, s.run, count);
    } catch (const std::invalid_argument& e) {
      throw BadInput(std::string(flag) + ": " + e.what());
    }
  };
  s.x = axis(o.x, r.columns, "--x");
  s.y = axis(o.y, r.rows, "--y");
  if (s.x.parameter == s.y.parameter)
    throw BadInput(tr_format("--y: {0} is already swept by --x; give two hyperparameters", {s.y.parameter->name}));
  if (std::string problem = find_sweep_problem(s); !problem.empty()) throw BadInput(map_problem(problem));
  return s;
}

// The run's own values of the two hyperparameters, marked on the map: a rule's swept values count
// only when given.
std::optional<Vec2> current_values(const SweepOptions& o, const Sweep& s) {
  const auto given = [&](const RealParameter* p) {
    if (!s.run.rule || !o.map.scenario.empty()) return true;
    const auto reals = real_parameters();
    for (std::size_t i = 0; i < reals.size(); ++i)
      if (&reals[i] == p) return o.map.run.real_options[i]->count() > 0;
    return false;
  };
  if (!given(s.x.parameter) || !given(s.y.parameter)) return std::nullopt;
  return Vec2{s.run.hyper.*s.x.parameter->member, s.run.hyper.*s.y.parameter->member};
}

int sweep_command(const SweepOptions& o) {
  const MapRun r = map_run_from(o.map, true, {axis_name(o.x), axis_name(o.y)});
  const MapColouring colouring = colouring_of(o, r.f);
  const Sweep s = sweep_of(o, r);
  const std::optional<Vec2> current = current_values(o, s);

  const auto begin = std::chrono::steady_clock::now();
  const Map map = sweep(s);
  report_map("sweep", map, begin);
  write_map_files(
      o.map, r, [&](std::ostream& out) { write_sweep_csv(out, s, map); },
      [&] { return draw_sweep_figure(s, map, colouring, current); });
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& app) {
  return make_command(app, "sweep",
                      tr("map how a run ends over two of its hyperparameters: a PNG coloured by final loss and/or CSV"),
                      add_sweep_options, sweep_command);
}

}  // namespace optviz::cli
