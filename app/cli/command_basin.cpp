// `optviz basin`: which minimum a run reaches from every start point of a view, as a PNG and/or CSV.
#include <chrono>
#include <string>

#include "map_command.hpp"
#include "map_figure.hpp"
#include "translate.hpp"

namespace optviz::cli {
namespace {

struct BasinOptions {
  MapCommandOptions map;
  std::string view;
};

void add_basin_options(CLI::App& cmd, BasinOptions& o) {
  add_map_run_options(
      cmd, o.map,
      tr("a scenario file (.json, or a PNG exported by optviz) whose run --run N to map instead of the flags"));
  cmd.add_option("--view", o.view, tr("the start points' box x0,x1,y0,y1 (default: the function's view)"));
  add_map_size_options(cmd, o.map, tr("cells WIDTHxHEIGHT"));
  cmd.add_option("--colour", o.map.colour,
                 tr("what the PNG's cells show: minimum (the minimum each start ends within 1e-3 of, the default) or "
                    "loss (the final f - f* on a log scale)"));
  add_map_csv_options(cmd, o.map, tr("write one row per cell: x0,y0,x,y,f,minimum,diverged_at"));
}

int basin_command(const BasinOptions& o) {
  MapRun r = map_run_from(o.map, false, {});
  const MapColouring colouring =
      parse_colouring(o.map.colour, MapColouring::minimum, {MapColouring::minimum, MapColouring::loss});
  if (!o.view.empty()) r.view = parse_view(o.view);
  Basin b = map_of<Basin>(r);
  b.view = r.view;
  b.columns = r.columns;
  b.rows = r.rows;
  b.target.value = r.f.minimum_value();
  if (std::string problem = find_basin_problem(b); !problem.empty()) throw BadInput(map_problem(problem));

  const auto begin = std::chrono::steady_clock::now();
  const BasinMap map = basin(b);
  report_map("basin", map, begin);
  write_map_files(
      o.map, r, [&](std::ostream& out) { write_basin_csv(out, b, map); },
      [&] { return draw_basin_figure(b, map, colouring); });
  return 0;
}

}  // namespace

Command add_basin_command(CLI::App& app) {
  return make_command(app, "basin",
                      tr("map which minimum a run reaches from every start point of a view: a PNG and/or CSV"),
                      add_basin_options, basin_command);
}

}  // namespace optviz::cli
