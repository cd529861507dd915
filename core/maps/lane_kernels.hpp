// The kernels that run many runs of a built-in formula at once, one per SIMD lane (lanes.hpp),
// dispatched to the widest instruction set the CPU has (simd.hpp). For sweep.cpp and grid.cpp.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>

#include "optimizer.hpp"
#include "sweep.hpp"

namespace optviz::lane_kernels {

// The packs of runs (lanes.hpp) that a map's kernel steps in turn, row by row: with one pack of two
// registers the processor would wait on each row's chain of dependent operations.
inline constexpr int kPacks = 4;
// Block sizes that are a multiple of this are a whole number of every target's kernel calls: the
// widest target's (AVX-512, 8 doubles a register), which the others' divide.
inline constexpr std::size_t kLaneMultiple = kLanesOf<8> * kPacks;

// Cells [first, end) of a map, each a run of the built-in formula `formula` with a built-in
// optimizer, `cell(c)` giving cell c's hyperparameters and start; out[c] receives its summary.
struct Cells {
  std::size_t formula = 0;
  const std::function<std::pair<Hyperparameters, Vec2>(std::size_t)>* cell = nullptr;
  std::size_t first = 0;
  std::size_t end = 0;
  long steps = 0;
  const Target* target = nullptr;
  bool every_row = false;  // test every row as a single run does (MapOptions::tests_every_row)
  RunSummary* out = nullptr;
};
void summarize(const Cells& cells);

// The built-in formula's values at (x0 + (i + 0.5) dx, y) for i in [0, columns), into out.
struct Row {
  std::size_t formula = 0;
  double x0 = 0;
  double dx = 0;
  double y = 0;
  int columns = 0;
  double* out = nullptr;
};
void values(const Row& row);

}  // namespace optviz::lane_kernels
