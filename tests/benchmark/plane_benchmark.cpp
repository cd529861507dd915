// The weight-space plane of issue 24: the loss of a 2-8-8-1 tanh network over the 500 rows of the
// spiral at each point of a 51 x 51 grid (core/network/plane.hpp), on one core and on two.
// scripts/benchmark_torch_plane.py does the same grid as one batched torch computation.
#include <benchmark/benchmark.h>

#include "net_data.hpp"
#include "network.hpp"
#include "plane.hpp"

namespace {

using namespace optviz;

void BM_Plane51x51(benchmark::State& state) {
  const Network net(NetworkSpec{2, {8, 8}, Activation::tanh, NetLoss::logistic});
  const NetData data = generate_playground({Playground::spiral, 500, 0, 0});
  const std::vector<Feature> features{Feature::x1, Feature::x2};
  const Eigen::MatrixXd x = input_matrix(data, features);
  const Eigen::VectorXd y = target_vector(data);
  const Plane plane = random_plane(net, net.initial_weights(1), 1);
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) {
    const PlaneGrid grid = plane_loss(net, plane, x, y, grid_values(-1, 1, 51), grid_values(-1, 1, 51), threads);
    benchmark::DoNotOptimize(grid.loss.data());
  }
}

BENCHMARK(BM_Plane51x51)->Name("plane/51x51/500/one_core")->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Plane51x51)->Name("plane/51x51/500/two_cores")->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
