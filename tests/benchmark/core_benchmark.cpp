// Steps per second of a single run, per optimizer (Rosenbrock, 10,000 updates a run, recorded
// as the app records them: positions, values, gradients and the full state of every step).
#include <benchmark/benchmark.h>

#include "scenario.hpp"
#include "objective.hpp"
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
    f.evaluate({view.min.x + u * (view.max.x - view.min.x), view.min.y + (1 - u) * (view.max.y - view.min.y)}, value, g);
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
  static const std::vector<Objective> builtins(test_functions().begin(), test_functions().end());
  static std::vector<Objective> typed;
  for (const TestFunction& f : test_functions()) typed.push_back(Objective::typed(f.formula));
  for (std::size_t i = 0; i < builtins.size(); ++i) {
    benchmark::RegisterBenchmark(("gradient/builtin/" + std::string(builtins[i].name())).c_str(), BM_Gradient,
                                 builtins[i]);
    benchmark::RegisterBenchmark(("gradient/typed/" + std::string(builtins[i].name())).c_str(), BM_Gradient,
                                 typed[i]);
  }
  benchmark::RegisterBenchmark("run/typed_function/rmsprop", BM_RunRule, false)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("run/typed_function/rmsprop_rule", BM_RunRule, true)->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("recompute/8x20000", BM_Recompute8x20000)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("first_compute/8x20000", BM_FirstCompute8x20000)->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
