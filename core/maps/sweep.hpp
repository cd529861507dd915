// Maps of many runs that record only how each ends: a sweep over two hyperparameters of a run
// (one cell per configuration) and a basin map over start points (one cell per start in a view).
//
// Each cell is one run with the cell's values, stepped by the same rules (optimizer.hpp) and the
// same loop (run_loop.hpp) as a single run, so a cell equals run() with its values; it records a
// RunSummary instead of a trajectory. Cells are computed on every core. A built-in function with a
// built-in optimizer, a constant learning rate and no noise takes the fast path: many cells at
// once, one per lane of the SIMD registers (lanes.hpp), in a kernel compiled for each instruction
// set and run on the widest this CPU has (lane_kernels.cpp, simd.hpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <iosfwd>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "course.hpp"

namespace optviz {

inline constexpr int kMaxMapSide = 1024;
inline constexpr long kMaxMapSteps = 100'000;
inline constexpr long long kMaxMapUpdates = 2'000'000'000;  // cells x steps
inline constexpr double kBasinRadius = 1e-3;                // a run ends in a minimum's basin within this distance

// When a run first counts as converged: at the first row whose value is within `tolerance` of
// `value` (f_k - value <= tolerance). A NaN value (no known minimum) is never reached.
struct Target {
  double value = std::numeric_limits<double>::quiet_NaN();
  double tolerance = 1e-6;
  // Equal when both values are NaN (no known minimum), so that a map's inputs compare equal.
  friend bool operator==(const Target& a, const Target& b) {
    return (a.value == b.value || (a.value != a.value && b.value != b.value)) && a.tolerance == b.tolerance;
  }
};

// How a run ends: its last row (after the steps, or the divergent row) and the two steps that a
// map colours by.
struct RunSummary {
  Vec2 position;
  double value = 0;
  std::optional<long> reached_at;   // the first row k that reached the target
  std::optional<long> diverged_at;  // as Trajectory::diverged_at
  friend bool operator==(const RunSummary&, const RunSummary&) = default;
};

// One run as a summary: the same rows as simulate_run() gives, recorded as a RunSummary. Throws
// std::invalid_argument for an invalid configuration, as run() does.
RunSummary summarize_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training,
                         const Target& target = {});

// The values of one hyperparameter along an axis: `count` values from `from` to `to` inclusive,
// evenly spaced, or evenly on a log scale.
struct Axis {
  const RealParameter* parameter = nullptr;
  double from = 0;
  double to = 1;
  int count = 2;
  bool log = false;

  double value(int i) const;  // i = 0 .. count - 1; exactly `from` and `to` at the ends
  // The position of a value along the axis, 0 at `from` and 1 at `to` (log scale when log).
  double position(double v) const;
  friend bool operator==(const Axis&, const Axis&) = default;
};

// "NAME:FROM:TO" or "NAME:FROM:TO:log" over a hyperparameter that the run takes. Throws
// std::invalid_argument naming the problem: "unknown hyperparameter \"etaa\" of rmsprop (eta, rho,
// eps, momentum, weight_decay)", "FROM must be > 0 for :log", ...
Axis parse_axis(std::string_view text, const RunSpec& run, int count);

// The first problem of an axis for the run ("" when none): a parameter that the run does not
// take, an end out of the parameter's range, a log axis through 0, a count out of [1, 1024].
std::string find_axis_problem(const Axis& axis, const RunSpec& run);

// What a sweep computes: the run with its two hyperparameters set by the axes, from one start.
struct Sweep {
  Objective objective;
  RunSpec run;
  Vec2 start;
  long steps = 1000;
  Training training;
  Axis x;
  Axis y;
  Target target;
  friend bool operator==(const Sweep&, const Sweep&) = default;
};

// The run of a cell: the sweep's run with the cell's two values.
RunSpec cell_run(const Sweep& sweep, int i, int j);

// What a basin map computes: the run from the centre of every cell of a columns x rows grid over
// the view.
struct Basin {
  Objective objective;
  RunSpec run;
  Box view;
  int columns = 256;
  int rows = 256;
  long steps = 500;
  Training training;
  Target target;
  friend bool operator==(const Basin&, const Basin&) = default;
};

// The start of a cell: the centre of cell (i, j), row 0 at view.min.y.
Vec2 cell_start(const Basin& basin, int i, int j);

// The cells of a map, row by row (the x axis or x coordinate varying fastest), row 0 first (the
// first value of the y axis, the bottom of a basin's view).
struct Map {
  int columns = 0;
  int rows = 0;
  std::vector<RunSummary> cells;
  bool complete = false;  // false when cancelled: the cells not computed are default

  const RunSummary& at(int i, int j) const { return cells[static_cast<std::size_t>(j) * columns + i]; }
};

struct BasinMap : Map {
  std::vector<Vec2> minima;  // the known minimizers, or the ones found in the view for a typed function
  std::vector<int> minimum;  // per cell: the index of the minimizer it ends within kBasinRadius of, or -1
};

// The first problem of a sweep or a basin map ("" when none), with the limits above.
std::string find_sweep_problem(const Sweep& sweep);
std::string find_basin_problem(const Basin& basin);

// Progress for a caller on another thread: cells done so far, and a request to stop early.
struct Progress {
  std::atomic<std::size_t> cells_done{0};
  std::atomic<bool> cancel{false};
};

// How a map is computed; the defaults are the fastest.
struct MapOptions {
  unsigned threads = 0;  // 0: every core
  bool lanes = true;     // false: every cell through the loop of a single run (the tests compare)
  // true: the lanes test every row for divergence and the target as a single run does, where they
  // otherwise prove blocks of rows quiet at once and compute f only where it is needed (the tests
  // compare; the cells are the same).
  bool tests_every_row = false;
  // Updates of a block of cells through the loop of a single run (a few milliseconds); a block
  // through the lanes has twice as many, which take less time.
  std::size_t block_updates = std::size_t{1} << 22;
};

// A map computed block by block (MapOptions::block_updates), for a
// caller that cannot wait for the whole: a page without threads computes blocks between its
// frames. sweep() and basin() compute the same blocks on every core. Its constructors throw
// std::invalid_argument as sweep() and basin() do.
class MapInParts {
 public:
  explicit MapInParts(const Sweep& sweep, const MapOptions& options = {});
  explicit MapInParts(const Basin& basin, const MapOptions& options = {});
  ~MapInParts();
  MapInParts(MapInParts&&) noexcept;
  MapInParts& operator=(MapInParts&&) noexcept;

  std::size_t blocks() const;
  std::size_t cells() const;
  std::size_t cells_done() const;
  bool done() const;  // every cell computed
  // Computes block b (< blocks(), each once; different blocks may be computed on different
  // threads at once) and returns its number of cells.
  std::size_t compute(std::size_t block);
  // Computes the next block not yet taken by advance(); false when there was none.
  bool advance();
  // The cells of block b, as computed so far (the page's worker sends them).
  std::span<const RunSummary> block_cells(std::size_t block) const;
  // Block b as computed elsewhere (the page's worker, from the same map and options), each block
  // once: its cells, counted done. Throws std::invalid_argument when their number is not the block's.
  void put(std::size_t block, std::span<const RunSummary> cells);
  // The map (complete when done()), of a sweep or of a basin map (with each cell's minimum).
  Map map() &&;
  BasinMap basin_map() &&;

 private:
  struct Work;
  std::unique_ptr<Work> work_;
};

// Throw std::invalid_argument with find_*_problem's message for invalid input.
Map sweep(const Sweep& sweep, Progress* progress = nullptr, const MapOptions& options = {});
BasinMap basin(const Basin& basin, Progress* progress = nullptr, const MapOptions& options = {});

// Whether a map of this objective, run and training takes the vectorised path.
bool takes_lanes(const Objective& f, const RunSpec& run, const Training& training);

// CSV, 17 significant digits, one row per cell in the order of Map::cells:
//   the two hyperparameters by name, then x,y,f,diverged_at          (a sweep)
//   x0,y0,x,y,f,minimum,diverged_at                                  (a basin map)
// with diverged_at and minimum empty when there is none.
void write_sweep_csv(std::ostream& out, const Sweep& sweep, const Map& map);
void write_basin_csv(std::ostream& out, const Basin& basin, const BasinMap& map);

}  // namespace optviz
