// `optviz plane`: a network trained as `optviz train` trains it, its path in weight space seen on a
// plane (core/network/plane.hpp): the loss over a grid of the plane and the snapshots projected onto
// it, as CSV and as a PNG with its honesty marks.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "map_scale.hpp"
#include "number_text.hpp"
#include "plane.hpp"
#include "plane_figure.hpp"
#include "png_file.hpp"
#include "train_options.hpp"
#include "translate.hpp"
#include "weights_file.hpp"

namespace optviz::cli {
namespace {

constexpr long kDefaultSnapshotCount = 50;

struct PlaneOptions {
  TrainOptions train;
  std::string directions = "pca";
  std::size_t grid = kDefaultPlaneGrid;
  double span = kPlaneSpan;
  long snapshots = 0;  // every k steps; 0: about kDefaultSnapshotCount
  std::uint64_t second_seed = 0;
  std::string second_init;
  CLI::Option* second_seed_option = nullptr;
  std::string csv;
  std::string png;
};

void add_plane_options(CLI::App& cmd, PlaneOptions& o) {
  cmd.add_option("--directions", o.directions,
                 tr("the plane: pca (the top two principal components of the snapshots, through the final weights; "
                    "the default), random (two filter-normalised random directions, drawn by --seed, through the "
                    "final weights), three-point (through the initial weights and the final weights of two runs) or "
                    "line (from the initial to the final weights, 1D)"));
  cmd.add_option(
      "--grid", o.grid,
      tr_format("points of the grid a side, {0} .. {1} (default {2})",
                {std::to_string(kMinPlaneGrid), std::to_string(kMaxPlaneGrid), std::to_string(kDefaultPlaneGrid)}));
  cmd.add_option("--span", o.span,
                 tr("how far the grid reaches beyond the path (and the three points), as a fraction of their extent "
                    "along each axis, 0 .. 10 (default 0.25); the narrower axis then widens to the other's extent, "
                    "so that both have one scale"));
  cmd.add_option("--snapshots", o.snapshots,
                 tr_format("keep the weights every K steps (and the last); default: about {0} snapshots",
                           {std::to_string(kDefaultSnapshotCount)}));
  o.second_seed_option =
      cmd.add_option("--second-seed", o.second_seed,
                     tr("three-point: the second run's initial weights and shuffling are drawn by this seed "
                        "(default --seed + 1)"));
  cmd.add_option("--second-init", o.second_init, tr("three-point: the second run's initial weights, a JSON file"));
  cmd.add_option("--csv", o.csv,
                 tr("write the grid and the path to this CSV file (columns kind,run,step,a,b,loss,plane_loss,"
                    "off_plane; without --csv or --out, to standard output)"));
  cmd.add_option("--out", o.png,
                 tr("write the figure to this PNG: the loss on a log colour scale; each snapshot's dot filled with "
                    "the colour of its true loss (unlike the colour under it: the plane misstates the loss there) "
                    "and ringed with a radius that grows with its distance from the plane over the path's reach (its "
                    "farthest snapshot from the final weights), none under 0.1; pca's axes with their explained "
                    "variance beside a random walk's"));
  add_training_options(cmd, o.train);
}

// One run of the training with its snapshots; a diverged run has no plane.
NetRun train_with_snapshots(const TrainingSetup& t, std::vector<double> theta, long steps, std::uint64_t seed,
                            long every) {
  NetRun run = train_network(t.net, std::move(theta), t.sets, t.run, steps, seed, {.snapshot_every = every});
  if (run.diverged_at)
    throw BadInput(tr_format("the training diverged at step {0}: a plane needs finite weights (a smaller --eta?)",
                             {std::to_string(*run.diverged_at)}));
  return run;
}

long snapshot_interval(const PlaneOptions& o) {
  const long steps = o.train.run.steps;
  const long every =
      o.snapshots != 0 ? o.snapshots : std::max(1L, (steps + kDefaultSnapshotCount - 1) / kDefaultSnapshotCount);
  if (every < 1)
    throw BadInput(tr_format("invalid --snapshots: must be at least 1, got {0}", {std::to_string(o.snapshots)}));
  if (const long kept = steps / every + 2; kept > static_cast<long>(kMaxSnapshots))
    throw BadInput(
        tr_format("--snapshots {0} keeps {1} snapshots of {2} steps, at most {3}",
                  {std::to_string(every), std::to_string(kept), std::to_string(steps), std::to_string(kMaxSnapshots)}));
  return every;
}

void check_options(const PlaneOptions& o, PlaneKind kind) {
  if (o.grid < kMinPlaneGrid || o.grid > kMaxPlaneGrid)
    throw BadInput(tr_format("invalid --grid: must be {0} .. {1}, got {2}",
                             {std::to_string(kMinPlaneGrid), std::to_string(kMaxPlaneGrid), std::to_string(o.grid)}));
  if (!(o.span >= 0 && o.span <= 10))
    throw BadInput(tr_format("invalid --span: must be 0 .. 10, got {0}", {format_number(o.span)}));
  if (kind != PlaneKind::three_point && (o.second_seed_option->count() > 0 || !o.second_init.empty()))
    throw BadInput(tr_format("{0} applies to --directions three-point",
                             {o.second_init.empty() ? "--second-seed" : "--second-init"}));
  if (o.second_seed_option->count() > 0 && !o.second_init.empty())
    throw BadInput(tr("give --second-seed or --second-init, not both"));
}

struct PlaneResult {
  Plane plane;
  PlaneGrid grid;
  std::vector<std::vector<PathPoint>> paths;
  std::optional<std::array<double, 2>> walk;
  std::string second_start;  // three-point: where run 2's initial weights come from
};

PlaneResult compute_plane(const PlaneOptions& o, PlaneKind kind, const TrainingSetup& t) {
  const long every = snapshot_interval(o), steps = o.train.run.steps;
  const std::uint64_t seed = o.train.run.seed;
  const NetRun run = train_with_snapshots(t, t.theta, steps, seed, every);
  if (kind == PlaneKind::pca && run.snapshots.size() < 3)
    throw BadInput(tr("--directions pca needs at least 3 snapshots: more --steps, or a smaller --snapshots"));
  const Eigen::MatrixXd x = input_matrix(t.sets.train, t.sets.features);
  const Eigen::VectorXd y = target_vector(t.sets.train);
  PlaneResult r;
  NetRun second;
  if (kind == PlaneKind::three_point) {
    const std::uint64_t second_seed = o.second_seed_option->count() > 0 ? o.second_seed : seed + 1;
    std::vector<double> start;
    try {
      start = o.second_init.empty() ? t.net.initial_weights(second_seed) : load_weights(o.second_init, t.net);
    } catch (const NetworkError& e) {
      throw BadInput(std::string("--second-init ") + e.what());
    }
    second = train_with_snapshots(t, std::move(start), steps, second_seed, every);
    r.second_start = o.second_init.empty() ? tr_format("seed {0}", {std::to_string(second_seed)}) : o.second_init;
  }
  PlanePaths p;
  try {
    p = plane_paths(kind, t.net, t.theta, run, kind == PlaneKind::three_point ? &second : nullptr, x, y, seed);
  } catch (const std::invalid_argument& e) {
    throw BadInput("--directions " + std::string(name(kind)) + ": " + e.what());
  }
  r.grid = empty_path_grid(p, o.span, o.grid);
  plane_loss_rows(t.net, p.plane, x, y, r.grid, 0, r.grid.b.size(), 0);
  r.plane = std::move(p.plane);
  r.paths = std::move(p.paths);
  r.walk = p.walk;
  return r;
}

std::string plane_csv(const PlaneResult& r) {
  std::ostringstream out;
  out << "kind,run,step,a,b,loss,plane_loss,off_plane\n";
  for (std::size_t j = 0; j < r.grid.b.size(); ++j)
    for (std::size_t i = 0; i < r.grid.a.size(); ++i)
      out << "grid,,," << format_number(r.grid.a[i]) << ',' << format_number(r.grid.b[j]) << ','
          << format_number(r.grid.at(i, j)) << ",,\n";
  for (std::size_t k = 0; k < r.paths.size(); ++k)
    for (const PathPoint& p : r.paths[k])
      out << "path," << k + 1 << ',' << p.step << ',' << format_number(p.at.a) << ',' << format_number(p.at.b) << ','
          << format_number(p.loss) << ',' << format_number(p.plane_loss) << ',' << format_number(p.off_plane) << '\n';
  if (r.plane.kind == PlaneKind::pca) {
    out << "explained,1,,," << format_number(r.plane.explained[0]) << "," << format_number(r.plane.explained[1])
        << ",,\n";
    out << "random_walk,,,," << format_number((*r.walk)[0]) << "," << format_number((*r.walk)[1]) << ",,\n";
  }
  return out.str();
}

std::string figure_title(const PlaneOptions& o, const TrainingSetup& t, PlaneKind kind) {
  std::string shape = std::to_string(t.net.spec().inputs);
  for (std::size_t w : t.net.spec().hidden) shape += "-" + std::to_string(w);
  const std::string optimizer = t.run.rule ? std::string(tr("a typed rule")) : std::string(title(t.run.hyper.kind));
  const std::string source = o.train.data.empty() ? o.train.dataset : o.train.data;
  const char* what = kind == PlaneKind::pca           ? tr("the plane of its path's principal components")
                     : kind == PlaneKind::random      ? tr("a filter-normalised random plane")
                     : kind == PlaneKind::three_point ? tr("the plane through the start and two runs' ends")
                                                      : tr("the line from start to end");
  return tr_format("{0}, {1}-1 {2} on {3}: {4}", {optimizer, shape, name(t.net.spec().activation), source, what});
}

int plane_command(const PlaneOptions& o) {
  const auto kind = find_plane_kind(o.directions);
  if (!kind)
    throw BadInput(tr_format("unknown --directions \"{0}\" (pca, random, three-point or line)", {o.directions}));
  check_options(o, *kind);
  const TrainingSetup t = training_from_flags(o.train);
  const PlaneResult r = compute_plane(o, *kind, t);
  if (!o.png.empty()) {
    PlaneFigure f{&r.plane, &r.grid, r.paths, plane_labels(*kind, r.paths), r.walk, figure_title(o, t, *kind), "", {}};
    if (*kind == PlaneKind::three_point) {
      // One sentence for its translator, in the lines of the legend's column.
      std::istringstream lines(
          tr_format("Run 2 starts from other initial\nweights ({0}), off the plane:\nits start is "
                    "drawn where it\nprojects, ringed by its distance",
                    {r.second_start}));
      for (std::string line; std::getline(lines, line);) f.notes.push_back(line);
    }
    const std::string points = r.plane.is_line()
                                   ? std::to_string(r.grid.a.size())
                                   : std::to_string(r.grid.a.size()) + " x " + std::to_string(r.grid.b.size());
    f.subtitle = tr_format("eta = {0}, {1} steps, a snapshot every {2}; loss over the {3} training rows at {4} points",
                           {map_number(t.run.hyper.eta, 4), std::to_string(o.train.run.steps),
                            std::to_string(snapshot_interval(o)), std::to_string(t.sets.train.size()), points});
    write_png(o.png, draw_plane_figure(f, 2));
  }
  if (!o.csv.empty() || o.png.empty()) return write_output(plane_csv(r), o.csv);
  return 0;
}

}  // namespace

Command add_plane_command(CLI::App& app) {
  return make_command(app, "plane",
                      tr("train a small network as `train` does and draw its path in weight space on a plane (pca, "
                         "random, three-point or line): the loss over a grid of the plane and the projected "
                         "snapshots, as CSV and PNG"),
                      add_plane_options, plane_command);
}

}  // namespace optviz::cli
