#include "sweep.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>

#include "lane_kernels.hpp"
#include "parallel.hpp"
#include "parameters.hpp"
#include "run_loop.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

// ---------------------------------------------------------------------------------------------
// One cell through the loop of a single run.

// What a summary keeps of each row: the last one, and the first that reached the target.
auto summary_rows(RunSummary& out, const Target& target) {
  return [&out, &target](long k, Vec2 theta, double value, Vec2) {
    out.position = theta;
    out.value = value;
    if (!out.reached_at && value - target.value <= target.tolerance) out.reached_at = k;
  };
}

RunSummary summarize_valid(const Objective& f, const Rule* rule, const Hyperparameters& h, Vec2 start, long steps,
                           const Training& training, const Target& target) {
  RunSummary out;
  if (rule != nullptr) {
    RuleUpdate update(*rule, h);
    out.diverged_at = run_rows(f, h.eta, start, steps, training, update, summary_rows(out, target));
  } else {
    BuiltinUpdate update(h);
    out.diverged_at = run_rows(f, h.eta, start, steps, training, update, summary_rows(out, target));
  }
  return out;
}

std::optional<std::size_t> lane_formula(const Objective& f, const RunSpec& run, const Training& training,
                                        const MapOptions& options) {
  if (!options.lanes || run.rule) return std::nullopt;
  return compiled_formula(f, training);
}

Hyperparameters cell_hyper(const Sweep& s, int i, int j) {
  Hyperparameters h = s.run.hyper;
  h.*s.x.parameter->member = s.x.value(i);
  h.*s.y.parameter->member = s.y.value(j);
  return h;
}

}  // namespace

RunSummary summarize_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training,
                         const Target& target) {
  if (const auto problem = run.rule ? find_rule_problem(*run.rule, run.hyper) : find_problem(run.hyper))
    throw std::invalid_argument(problem->message());
  if (const auto problem = find_course_problem(start, steps)) throw std::invalid_argument(problem->message());
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
  return summarize_valid(f, run.rule ? &*run.rule : nullptr, run.hyper, start, steps, training, target);
}

RunSpec cell_run(const Sweep& sweep, int i, int j) {
  RunSpec run = sweep.run;
  run.hyper = cell_hyper(sweep, i, j);
  return run;
}

bool takes_lanes(const Objective& f, const RunSpec& run, const Training& training) {
  return !run.rule && compiled_formula(f, training).has_value();
}

// What a map in parts keeps: the run every cell makes, with cell(c) giving cell c's
// hyperparameters and start, and the cells so far. Through the lanes when `formula` is set, else
// one by one.
struct MapInParts::Work {
  Objective f;
  std::optional<Rule> rule;
  long steps = 0;
  Training training;
  Target target;
  std::optional<std::size_t> formula;
  bool tests_every_row = false;
  std::function<std::pair<Hyperparameters, Vec2>(std::size_t)> cell;
  std::size_t per_block = 1;
  std::size_t blocks = 0;
  BasinMap map;          // a sweep's is its Map part
  std::size_t next = 0;  // of advance()
  std::atomic<std::size_t> cells_done{0};

  void init(int columns, int rows, std::size_t block_updates) {
    map.columns = columns;
    map.rows = rows;
    const auto cells = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    map.cells.resize(cells);
    // Blocks fine enough for a cancel and for balance (MapOptions::block_updates).
    const std::size_t runs = std::max<std::size_t>(1, block_updates / (static_cast<std::size_t>(steps) + 1));
    constexpr std::size_t lanes = lane_kernels::kLaneMultiple;
    per_block = formula ? lanes * std::max<std::size_t>(1, 2 * runs / lanes) : runs;
    blocks = (cells + per_block - 1) / per_block;
  }

  // Block b's cells [first, end).
  std::pair<std::size_t, std::size_t> range(std::size_t b) const {
    const std::size_t first = std::min(map.cells.size(), b * per_block);
    return {first, std::min(map.cells.size(), first + per_block)};
  }

  std::size_t compute(std::size_t b) {
    const auto [first, end] = range(b);
    if (formula) {
      lane_kernels::summarize({.formula = *formula,
                               .cell = &cell,
                               .first = first,
                               .end = end,
                               .steps = steps,
                               .target = &target,
                               .every_row = tests_every_row,
                               .out = map.cells.data()});
    } else {
      const Rule* r = rule ? &*rule : nullptr;
      for (std::size_t c = first; c < end; ++c) {
        const auto [h, start] = cell(c);
        map.cells[c] = summarize_valid(f, r, h, start, steps, training, target);
      }
    }
    cells_done += end - first;
    return end - first;
  }
};

MapInParts::MapInParts(const Sweep& s, const MapOptions& options) : work_(std::make_unique<Work>()) {
  if (std::string problem = find_sweep_problem(s); !problem.empty()) throw std::invalid_argument(problem);
  Work& w = *work_;
  w.f = s.objective;
  w.rule = s.run.rule;
  w.steps = s.steps;
  w.training = s.training;
  w.target = s.target;
  w.formula = lane_formula(s.objective, s.run, s.training, options);
  w.tests_every_row = options.tests_every_row;
  const int columns = s.x.count;
  w.cell = [s, columns](std::size_t c) {
    const int i = static_cast<int>(c % static_cast<std::size_t>(columns));
    const int j = static_cast<int>(c / static_cast<std::size_t>(columns));
    return std::pair{cell_hyper(s, i, j), s.start};
  };
  w.init(columns, s.y.count, options.block_updates);
}

MapInParts::MapInParts(const Basin& b, const MapOptions& options) : work_(std::make_unique<Work>()) {
  if (std::string problem = find_basin_problem(b); !problem.empty()) throw std::invalid_argument(problem);
  Work& w = *work_;
  w.f = b.objective;
  w.f.search_minima(b.view);
  w.rule = b.run.rule;
  w.steps = b.steps;
  w.training = b.training;
  w.target = b.target;
  w.formula = lane_formula(w.f, b.run, b.training, options);
  w.tests_every_row = options.tests_every_row;
  w.cell = [b](std::size_t c) {
    const int i = static_cast<int>(c % static_cast<std::size_t>(b.columns));
    const int j = static_cast<int>(c / static_cast<std::size_t>(b.columns));
    return std::pair{b.run.hyper, cell_start(b, i, j)};
  };
  w.init(b.columns, b.rows, options.block_updates);
  w.map.minima = w.f.minima();
}

MapInParts::~MapInParts() = default;
MapInParts::MapInParts(MapInParts&&) noexcept = default;
MapInParts& MapInParts::operator=(MapInParts&&) noexcept = default;

std::size_t MapInParts::blocks() const { return work_->blocks; }
std::size_t MapInParts::cells() const { return work_->map.cells.size(); }
std::size_t MapInParts::cells_done() const { return work_->cells_done.load(); }
bool MapInParts::done() const { return cells_done() == cells(); }
std::size_t MapInParts::compute(std::size_t block) { return work_->compute(block); }

bool MapInParts::advance() {
  const std::size_t b = work_->next++;
  if (b >= work_->blocks) return false;
  work_->compute(b);
  return true;
}

std::span<const RunSummary> MapInParts::block_cells(std::size_t block) const {
  const auto [first, end] = work_->range(block);
  return std::span(work_->map.cells).subspan(first, end - first);
}

void MapInParts::put(std::size_t block, std::span<const RunSummary> cells) {
  const auto [first, end] = work_->range(block);
  if (block >= work_->blocks || cells.size() != end - first)
    throw std::invalid_argument(tr_format("block {0} of {1}: {2} cells, expected {3}",
                                          {std::to_string(block), std::to_string(work_->blocks),
                                           std::to_string(cells.size()), std::to_string(end - first)}));
  std::copy(cells.begin(), cells.end(), work_->map.cells.begin() + static_cast<std::ptrdiff_t>(first));
  work_->cells_done += cells.size();
}

Map MapInParts::map() && {
  const bool complete = done();
  Map out = std::move(static_cast<Map&>(work_->map));
  out.complete = complete;
  return out;
}

BasinMap MapInParts::basin_map() && {
  const bool complete = done();
  BasinMap out = std::move(work_->map);
  out.complete = complete;
  out.minimum.assign(out.cells.size(), -1);
  for (std::size_t c = 0; c < out.cells.size(); ++c) {
    const RunSummary& cell = out.cells[c];
    if (cell.diverged_at) continue;
    double nearest = kBasinRadius;
    for (std::size_t m = 0; m < out.minima.size(); ++m) {
      const Vec2 d = cell.position - out.minima[m];
      const double distance = std::hypot(d.x, d.y);
      if (distance <= nearest) {
        nearest = distance;
        out.minimum[c] = static_cast<int>(m);
      }
    }
  }
  return out;
}

namespace {

// Every block of a map on `options.threads` threads, counted in `progress`.
void compute_all(MapInParts& parts, Progress* progress, const MapOptions& options) {
  for_each_block(parts.blocks(), options.threads, progress ? &progress->cancel : nullptr, [&](std::size_t b) {
    const std::size_t cells = parts.compute(b);
    if (progress != nullptr) progress->cells_done += cells;
  });
}

}  // namespace

Map sweep(const Sweep& s, Progress* progress, const MapOptions& options) {
  MapInParts parts(s, options);
  compute_all(parts, progress, options);
  return std::move(parts).map();
}

BasinMap basin(const Basin& b, Progress* progress, const MapOptions& options) {
  MapInParts parts(b, options);
  compute_all(parts, progress, options);
  return std::move(parts).basin_map();
}

}  // namespace optviz
