// A training step of a 2-8-8-1 tanh network on a batch of 10 (issue 24's yardstick against
// torch.optim with nn.Module, scripts/benchmark_torch.py's --network): RMSprop (eta 0.01, rho 0.9) on
// TensorFlow Playground's spiral of 200 rows, mini-batches of 10 in order, 10,000 updates from the
// seeded initial weights. `records_ends` records row 0 and the last (what a step costs); `every_step`
// records every row, each with the loss over all 200 rows (what `optviz train` does by default).
#include "network_benchmark.hpp"

#include <benchmark/benchmark.h>

#include "net_data.hpp"
#include "network.hpp"
#include "optimizer.hpp"
#include "train.hpp"

namespace optviz::bench {
namespace {

constexpr long kTrainSteps = 10'000;

void BM_TrainStep(benchmark::State& bench, long every) {
  const Network net({2, {8, 8}, Activation::tanh, NetLoss::logistic});
  NetSets sets;
  sets.train = generate_playground({Playground::spiral, 200, 0.0, 1});
  RunSpec spec;
  spec.hyper = defaults(OptimizerKind::rmsprop);
  spec.hyper.eta = 0.01;
  spec.hyper.rho = 0.9;
  spec.batch = 10;
  const std::vector<double> init = net.initial_weights(1);
  for (auto _ : bench) {
    const NetRun run = train_network(net, init, sets, spec, kTrainSteps, 1, {every, false});
    benchmark::DoNotOptimize(run.theta.data());
  }
  bench.counters["ns/step"] =
      benchmark::Counter(static_cast<double>(kTrainSteps) * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

}  // namespace

void register_network_benchmarks() {
  benchmark::RegisterBenchmark("train/2-8-8-1_tanh/batch10/rmsprop/records_ends", BM_TrainStep, kTrainSteps)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("train/2-8-8-1_tanh/batch10/rmsprop/every_step", BM_TrainStep, 1L)
      ->Unit(benchmark::kMillisecond);
}

}  // namespace optviz::bench
