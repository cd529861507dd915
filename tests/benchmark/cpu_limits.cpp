#include "cpu_limits.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "fused_loops.hpp"
#include "grid.hpp"
#include "parallel.hpp"
#include "simd.hpp"
#include "test_function.hpp"

namespace optviz::bench {

Basin rmsprop_basin() {
  Basin b;
  b.objective = *find_function("rosenbrock");
  b.run = make_run(OptimizerKind::rmsprop);
  b.run.hyper.eps = 1e-8;
  b.view = b.objective.view();
  b.columns = 256;
  b.rows = 256;
  b.steps = 1000;
  return b;
}

namespace {

constexpr std::size_t kBlockCells = 256;  // the cells of one call of a fused loop: a row of the map
constexpr int kGridSide = 1024;

// The heatmap's colour scale, as the window measures it once per function.
const HeatmapScale& rosenbrock_scale() {
  static const HeatmapScale scale = heatmap_scale(*find_function("rosenbrock"), ColourScale::log);
  return scale;
}

// What each of the three kinds of work computes, reduced to what must be the same on every
// target: a map's cells, a grid's colour-scale positions.
std::vector<RunSummary> sweep_cells() { return sweep(rmsprop_sweep()).cells; }
std::vector<RunSummary> basin_cells() { return basin(rmsprop_basin()).cells; }
std::vector<float> heatmap_positions() {
  const Objective f = *find_function("rosenbrock");
  return heatmap_grid(f, rosenbrock_scale(), f.view(), kGridSide, kGridSide).position;
}

// The work on the dispatcher's own choice of target, computed once: what every target and every
// fused loop must give.
template <auto Work>
const auto& reference() {
  static const auto result = Work();
  return result;
}

double updates(std::size_t cells, long steps) { return static_cast<double>(cells) * static_cast<double>(steps); }

void count_rate(benchmark::State& bench, double n, const char* name) {
  bench.counters[name] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
}

// The work on one target ("" for the dispatcher's choice), forced with use_simd_target, after a
// check that it gives the reference's result.
template <auto Work>
void BM_OnTarget(benchmark::State& bench, const std::string& target, double work, const char* unit) {
  const auto& expected = reference<Work>();
  use_simd_target(target);
  bench.SetLabel(simd_target());
  if (!target.empty() && simd_target() != target)
    bench.SkipWithError(("use_simd_target(\"" + target + "\") left the kernels on " + simd_target()).c_str());
  else if (Work() != expected)
    bench.SkipWithError(("the result on " + simd_target() + " differs from the dispatcher's choice").c_str());
  for (auto _ : bench) benchmark::DoNotOptimize(Work().data());
  use_simd_target("");
  count_rate(bench, work, unit);
}

// Each run of a map as the fused loop takes it: plain arrays of its learning rate, its rho and
// its start.
struct FusedRuns {
  std::vector<double> eta, rho, x0, y0;
  double eps = 1e-8;
  long steps = 0;

  void add(const Hyperparameters& h, Vec2 start) {
    eta.push_back(h.eta);
    rho.push_back(h.rho);
    x0.push_back(start.x);
    y0.push_back(start.y);
  }
};

FusedRuns fused_sweep_runs() {
  const Sweep s = rmsprop_sweep();
  FusedRuns runs;
  runs.eps = s.run.hyper.eps;
  runs.steps = s.steps;
  for (int j = 0; j < s.y.count; ++j)
    for (int i = 0; i < s.x.count; ++i) runs.add(cell_run(s, i, j).hyper, s.start);
  return runs;
}

FusedRuns fused_basin_runs() {
  const Basin b = rmsprop_basin();
  FusedRuns runs;
  runs.eps = b.run.hyper.eps;
  runs.steps = b.steps;
  for (int j = 0; j < b.rows; ++j)
    for (int i = 0; i < b.columns; ++i) runs.add(b.run.hyper, cell_start(b, i, j));
  return runs;
}

// The fused loop over every run, block by block on every core as the maps are computed.
void run_fused(const FusedRuns& runs, std::vector<double>& x, std::vector<double>& y) {
  const std::size_t n = runs.eta.size();
  x.resize(n);
  y.resize(n);
  for_each_block((n + kBlockCells - 1) / kBlockCells, 0, nullptr, [&](std::size_t b) {
    const std::size_t first = b * kBlockCells, count = std::min(kBlockCells, n - first);
    std::copy_n(runs.x0.begin() + static_cast<long>(first), count, x.begin() + static_cast<long>(first));
    std::copy_n(runs.y0.begin() + static_cast<long>(first), count, y.begin() + static_cast<long>(first));
    fused_rmsprop_rosenbrock(count, runs.steps, runs.eta.data() + first, runs.rho.data() + first, runs.eps,
                             x.data() + first, y.data() + first);
  });
}

// The fused loop of a map's updates, after a check that it ends every run that optviz did not
// stop as divergent where optviz's map does, bit for bit: the same updates.
template <auto Work>
void BM_Fused(benchmark::State& bench, FusedRuns (*make_runs)()) {
  const FusedRuns runs = make_runs();
  const std::vector<RunSummary>& expected = reference<Work>();
  std::vector<double> x, y;
  run_fused(runs, x, y);
  std::size_t diverged = 0, different = 0;
  for (std::size_t c = 0; c < expected.size(); ++c) {
    if (expected[c].diverged_at)
      ++diverged;
    else if (!(expected[c].position.x == x[c] && expected[c].position.y == y[c]))
      ++different;
  }
  bench.counters["cells_diverged"] = static_cast<double>(diverged);
  bench.counters["cells_equal"] = static_cast<double>(expected.size() - diverged - different);
  if (different > 0)
    bench.SkipWithError(("the fused loop ends " + std::to_string(different) + " of " + std::to_string(expected.size()) +
                         " runs elsewhere than optviz's map")
                            .c_str());
  for (auto _ : bench) {
    run_fused(runs, x, y);
    benchmark::DoNotOptimize(x.data());
  }
  count_rate(bench, updates(runs.eta.size(), runs.steps), "updates/s");
}

// As many independent square roots and divisions as the sweep does, on every core.
void BM_Floor(benchmark::State& bench) {
  const Sweep s = rmsprop_sweep();
  const std::size_t n = static_cast<std::size_t>(s.x.count) * static_cast<std::size_t>(s.y.count);
  std::vector<double> a(n), b(n);
  for (auto _ : bench) {
    for_each_block((n + kBlockCells - 1) / kBlockCells, 0, nullptr, [&](std::size_t block) {
      const std::size_t first = block * kBlockCells, count = std::min(kBlockCells, n - first);
      std::fill_n(a.begin() + static_cast<long>(first), count, 1.0);
      std::fill_n(b.begin() + static_cast<long>(first), count, 1.0);
      root_division_floor(count, s.steps, a.data() + first, b.data() + first);
    });
    benchmark::DoNotOptimize(a.data());
  }
  count_rate(bench, updates(n, s.steps), "updates/s");
  count_rate(bench, 2 * updates(n, s.steps), "root_divisions/s");
}

// The heatmap grid's values (and, with `positions`, its colour-scale positions, after a check
// that they equal heatmap_grid's) by a fused loop, rows on every core.
void BM_FusedHeatmap(benchmark::State& bench, bool positions) {
  const Objective f = *find_function("rosenbrock");
  const Box box = f.view();
  const HeatmapScale& s = rosenbrock_scale();
  const LogScale scale{
      .low = s.low, .range = s.high - s.low, .offset = s.offset, .log_range = std::log1p((s.high - s.low) / s.offset)};
  const double dx = (box.max.x - box.min.x) / kGridSide, dy = (box.max.y - box.min.y) / kGridSide;
  const auto side = static_cast<std::size_t>(kGridSide);
  std::vector<float> out(side * side);
  std::vector<double> values(side * side);
  const auto grid = [&] {
    for_each_block(side, 0, nullptr, [&](std::size_t j) {
      const double y = box.min.y + (static_cast<double>(j) + 0.5) * dy;
      if (positions)
        fused_rosenbrock_positions(kGridSide, box.min.x, dx, y, scale, out.data() + j * side);
      else
        fused_rosenbrock_values(kGridSide, box.min.x, dx, y, values.data() + j * side);
    });
  };
  grid();
  if (positions && out != reference<heatmap_positions>())
    bench.SkipWithError("the fused loop's colour-scale positions differ from heatmap_grid's");
  for (auto _ : bench) {
    grid();
    benchmark::DoNotOptimize(out.data());
    benchmark::DoNotOptimize(values.data());
  }
  count_rate(bench, static_cast<double>(side * side), "values/s");
}

// Real time, as every-core figures are, and the CPU time of every thread: what the work takes
// when other processes share the cores.
void with_times(benchmark::internal::Benchmark* b) {
  b->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime();
}

}  // namespace

void register_cpu_limit_benchmarks() {
  const double map_updates = updates(256 * 256, 1000);
  std::string targets;
  for (const std::string& t : simd_targets()) targets += (targets.empty() ? "" : ",") + t;
  benchmark::AddCustomContext("simd_target", simd_target());
  benchmark::AddCustomContext("simd_targets", targets);

  with_times(benchmark::RegisterBenchmark("sweep/256x256x1000/fused_native", BM_Fused<sweep_cells>, fused_sweep_runs));
  with_times(benchmark::RegisterBenchmark("sweep/256x256x1000/floor", BM_Floor));
  with_times(benchmark::RegisterBenchmark("basin/256x256x1000/all_cores", BM_OnTarget<basin_cells>, std::string(),
                                          map_updates, "updates/s"));
  with_times(benchmark::RegisterBenchmark("basin/256x256x1000/fused_native", BM_Fused<basin_cells>, fused_basin_runs));
  with_times(benchmark::RegisterBenchmark("heatmap/1024x1024/fused_native", BM_FusedHeatmap, true));
  with_times(benchmark::RegisterBenchmark("heatmap/1024x1024/fused_native_values", BM_FusedHeatmap, false));
  for (const std::string& t : simd_targets()) {
    with_times(benchmark::RegisterBenchmark(("sweep/256x256x1000/target:" + t).c_str(), BM_OnTarget<sweep_cells>, t,
                                            map_updates, "updates/s"));
    with_times(benchmark::RegisterBenchmark(("basin/256x256x1000/target:" + t).c_str(), BM_OnTarget<basin_cells>, t,
                                            map_updates, "updates/s"));
    with_times(benchmark::RegisterBenchmark(("heatmap/1024x1024/target:" + t).c_str(), BM_OnTarget<heatmap_positions>,
                                            t, double{kGridSide} * kGridSide, "values/s"));
  }
}

}  // namespace optviz::bench
