// Steps per second of a single run, per optimizer (Rosenbrock, 10,000 updates a run, recorded
// as the app records them: positions, values, gradients and the full state of every step).
#include <benchmark/benchmark.h>

#include "scenario.hpp"
#include "test_function.hpp"
#include "trajectory.hpp"

namespace {

using namespace optviz;

void BM_Run(benchmark::State& bench, OptimizerKind kind) {
  const TestFunction& f = *find_function("rosenbrock");
  Hyperparameters h = defaults(kind);
  h.eta = 1e-4;  // keeps every optimizer finite for the whole run
  constexpr long kSteps = 10'000;
  for (auto _ : bench) {
    Trajectory t = run(f, h, f.start, kSteps);
    benchmark::DoNotOptimize(t.position.data());
  }
  bench.counters["steps/s"] = benchmark::Counter(static_cast<double>(kSteps), benchmark::Counter::kIsIterationInvariantRate);
}

Scenario eight_long_runs() {
  Scenario s = default_scenario();
  s.steps = 20'000;
  for (int i = 0; i < 4; ++i) s.runs.push_back(s.runs[static_cast<std::size_t>(i)]);
  return s;
}

// What the app does after a slider change: recompute every run into the storage it has.
void BM_Recompute8x20000(benchmark::State& bench) {
  const Scenario s = eight_long_runs();
  std::vector<Trajectory> runs = simulate(s);
  for (auto _ : bench) {
    simulate(s, runs);
    benchmark::DoNotOptimize(runs.data());
  }
}

// The first computation, which also pays for fresh memory.
void BM_FirstCompute8x20000(benchmark::State& bench) {
  const Scenario s = eight_long_runs();
  for (auto _ : bench) {
    auto runs = simulate(s);
    benchmark::DoNotOptimize(runs.data());
  }
}

}  // namespace

int main(int argc, char** argv) {
  for (OptimizerKind kind : optimizer_kinds())
    benchmark::RegisterBenchmark(("run/" + std::string(name(kind))).c_str(), BM_Run, kind)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("recompute/8x20000", BM_Recompute8x20000)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("first_compute/8x20000", BM_FirstCompute8x20000)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
