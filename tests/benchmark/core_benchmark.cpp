// The figures of scripts/benchmark.sh: a single run per optimizer, the recompute after a slider
// change, the heatmap grid and the sweep, with a few breakdowns (gradients, typed functions and
// rules, replaying a state); cpu_limits.cpp adds the many-run kernels against this CPU's limits.
#include <benchmark/benchmark.h>

#include "cpu_limits.hpp"
#include "grid.hpp"
#include "network_benchmark.hpp"
#include "objective.hpp"
#include "run.hpp"
#include "scenario.hpp"
#include "sweep.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

namespace {

using namespace optviz;
using bench::rmsprop_sweep;

constexpr long kRunSteps = 10'000;

Hyperparameters benchmark_hyper(OptimizerKind kind) {
  Hyperparameters h = defaults(kind);
  h.eta = 1e-4;  // keeps every optimizer finite for the whole run
  return h;
}

// One run of 10,000 updates on Rosenbrock, recorded as the app records it (positions, values,
// gradients, the plotted accumulator and step size, checkpoints of the state) into the storage of
// the previous one, as a recompute does.
void BM_Run(benchmark::State& bench, OptimizerKind kind) {
  const TestFunction& f = *find_function("rosenbrock");
  const Hyperparameters h = benchmark_hyper(kind);
  Trajectory t;
  for (auto _ : bench) {
    run(f, h, f.start, kRunSteps, t);
    benchmark::DoNotOptimize(t.position.data());
  }
  bench.counters["steps/s"] =
      benchmark::Counter(static_cast<double>(kRunSteps), benchmark::Counter::kIsIterationInvariantRate);
  bench.counters["ns/step"] =
      benchmark::Counter(static_cast<double>(kRunSteps) * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The whole state at a step, as the inspector asks for it: replayed from the checkpoint before it.
void BM_ReplayState(benchmark::State& bench, OptimizerKind kind) {
  const TestFunction& f = *find_function("rosenbrock");
  const Trajectory t = run(f, benchmark_hyper(kind), f.start, kRunSteps);
  std::size_t k = 0;
  for (auto _ : bench) {
    benchmark::DoNotOptimize(t.state(k));
    k = (k + 7919) % t.updates();
  }
}

// Evaluating f and its gradient: a built-in's hand-written code against the same formula typed
// (compiled once, evaluated in dual numbers).
void BM_Gradient(benchmark::State& bench, const Objective& f) {
  const Box view = f.view();
  double sum = 0;
  std::size_t i = 0;
  for (auto _ : bench) {
    const double u = static_cast<double>(i++ % 1024) / 1024;
    double value = 0;
    Vec2 g;
    f.evaluate({view.min.x + u * (view.max.x - view.min.x), view.min.y + (1 - u) * (view.max.y - view.min.y)}, value,
               g);
    sum += value + g.x + g.y;
  }
  benchmark::DoNotOptimize(sum);
  bench.counters["evaluations/s"] = benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate);
}

// A whole run: built-in RMSprop against the same update typed as a rule, on a typed Rosenbrock.
void BM_RunRule(benchmark::State& bench, bool typed_rule) {
  const Objective f = Objective::typed(find_function("rosenbrock")->formula);
  Hyperparameters h = defaults(OptimizerKind::rmsprop);
  h.eta = 1e-4;
  const Rule rule("G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)");
  constexpr long kSteps = 10'000;
  Trajectory t;
  for (auto _ : bench) {
    if (typed_rule)
      run(f, rule, h, f.start(), kSteps, t);
    else
      run(f, h, f.start(), kSteps, t);
    benchmark::DoNotOptimize(t.position.data());
  }
  bench.counters["steps/s"] =
      benchmark::Counter(static_cast<double>(kSteps), benchmark::Counter::kIsIterationInvariantRate);
}

// The default scenario's four runs (momentum, AdaGrad, RMSprop, Adam), twice, of 10,000 steps.
Scenario eight_long_runs() {
  Scenario s = default_scenario();
  s.course.steps = 10'000;
  for (int i = 0; i < 4; ++i) s.course.runs.push_back(s.course.runs[static_cast<std::size_t>(i)]);
  return s;
}

// What the app does after a slider change: recompute every run into the storage it has.
void BM_Recompute8x10000(benchmark::State& bench) {
  const Scenario s = eight_long_runs();
  std::vector<Trajectory> runs = simulate(s.course);
  for (auto _ : bench) {
    simulate(s.course, runs);
    benchmark::DoNotOptimize(runs.data());
  }
}

// The first computation, which also pays for fresh memory.
void BM_FirstCompute8x10000(benchmark::State& bench) {
  const Scenario s = eight_long_runs();
  for (auto _ : bench) {
    auto runs = simulate(s.course);
    benchmark::DoNotOptimize(runs.data());
  }
}

// The heatmap grid of a view of 2048 x 2048 pixels (one point per 2 x 2 pixels, as the window
// samples), over Rosenbrock's view with the log colour scale.
void BM_Heatmap1024(benchmark::State& bench) {
  const Objective f = *find_function("rosenbrock");
  const HeatmapScale scale = heatmap_scale(f, ColourScale::log);
  for (auto _ : bench) {
    const HeatmapGrid grid = heatmap_grid(f, scale, f.view(), 1024, 1024);
    benchmark::DoNotOptimize(grid.position.data());
  }
}

// The sweep of issue 12 (cpu_limits.hpp) on every core (or on `threads`), through the vectorised
// lanes or, for comparison, cell by cell through the loop of a single run.
void BM_Sweep256x256x1000(benchmark::State& bench, unsigned threads, bool lanes) {
  const Sweep s = rmsprop_sweep();
  for (auto _ : bench) {
    const Map map = sweep(s, nullptr, {.threads = threads, .lanes = lanes});
    benchmark::DoNotOptimize(map.cells.data());
  }
  const double updates = 256.0 * 256.0 * 1000.0;
  bench.counters["config_steps/s"] = benchmark::Counter(updates, benchmark::Counter::kIsIterationInvariantRate);
  bench.counters["ns/config_step"] =
      benchmark::Counter(updates * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

int main(int argc, char** argv) {
  for (OptimizerKind kind : optimizer_kinds())
    benchmark::RegisterBenchmark(("run/" + std::string(name(kind))).c_str(), BM_Run, kind)
        ->Unit(benchmark::kMicrosecond);
  static const std::vector<Objective> builtins(test_functions().begin(), test_functions().end());
  static std::vector<Objective> typed;
  for (const TestFunction& f : test_functions()) typed.push_back(Objective::typed(f.formula));
  for (std::size_t i = 0; i < builtins.size(); ++i) {
    benchmark::RegisterBenchmark(("gradient/builtin/" + std::string(builtins[i].name())).c_str(), BM_Gradient,
                                 builtins[i]);
    benchmark::RegisterBenchmark(("gradient/typed/" + std::string(builtins[i].name())).c_str(), BM_Gradient, typed[i]);
  }
  benchmark::RegisterBenchmark("run/typed_function/rmsprop", BM_RunRule, false)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("run/typed_function/rmsprop_rule", BM_RunRule, true)->Unit(benchmark::kMicrosecond);
  for (OptimizerKind kind : {OptimizerKind::rmsprop, OptimizerKind::nadam})
    benchmark::RegisterBenchmark(("replay_state/" + std::string(name(kind))).c_str(), BM_ReplayState, kind);
  benchmark::RegisterBenchmark("recompute/8x10000", BM_Recompute8x10000)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("first_compute/8x10000", BM_FirstCompute8x10000)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("heatmap/1024x1024", BM_Heatmap1024)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
  benchmark::RegisterBenchmark("sweep/256x256x1000/all_cores", BM_Sweep256x256x1000, 0u, true)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->MeasureProcessCPUTime();
  benchmark::RegisterBenchmark("sweep/256x256x1000/one_core", BM_Sweep256x256x1000, 1u, true)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("sweep/256x256x1000/all_cores_cell_by_cell", BM_Sweep256x256x1000, 0u, false)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(1);
  bench::register_cpu_limit_benchmarks();
  bench::register_network_benchmarks();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
