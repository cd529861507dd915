// The sweep of issue 12, which the desktop's benchmarks (core_benchmark.cpp, cpu_limits.cpp) and the
// page's (tests/web/sweep_benchmark.cpp) time: RMSprop on Rosenbrock from (-1.5, 2), 256 x 256
// configurations (eta from 1e-4 to 1e-1 on a log scale, rho from 0.5 to 0.999) of 1,000 steps
// each. scripts/benchmark_torch.py does the same sweep with PyTorch.
#pragma once

#include "course.hpp"
#include "sweep.hpp"
#include "test_function.hpp"

namespace optviz::bench {

inline Sweep rmsprop_sweep() {
  Sweep s;
  s.objective = *find_function("rosenbrock");
  s.run = make_run(OptimizerKind::rmsprop);
  s.run.hyper.eps = 1e-8;
  s.start = {-1.5, 2};
  s.steps = 1000;
  s.x = parse_axis("eta:1e-4:1e-1:log", s.run, 256);
  s.y = parse_axis("rho:0.5:0.999", s.run, 256);
  return s;
}

}  // namespace optviz::bench
