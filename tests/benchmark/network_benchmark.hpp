// The networks' benchmarks of core_benchmark (network_benchmark.cpp).
#pragma once

namespace optviz::bench {

// train/2-8-8-1_tanh/batch10/rmsprop: training steps of a 2-8-8-1 tanh network on batches of 10.
void register_network_benchmarks();

}  // namespace optviz::bench
