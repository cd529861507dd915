// What the optimizer does to each layer of a network, weights and biases apart: after a recorded
// update t, over the elements of one layer's weight matrix (or bias vector), the distributions of
//   the accumulator    the state the 2D plots show as G_t (accumulator_field: G, v, vmax or u; a
//                      typed rule's default_accumulator variable); none for the sgd family and lion;
//   the step size      the state's lr (eta_t / (sqrt(G) + eps) for rmsprop, eta_t for sgd), or for a
//                      typed rule -(theta_t - theta_{t-1}) / g_t, as a 2D run records them;
//   the update ratio   |theta_t - theta_{t-1}| / |theta_{t-1}| (infinite where theta_{t-1} = 0 and
//                      the element moved, 0 where it did not: a bias's first update is infinite).
// Each distribution: its NaN values counted apart, the others' quantiles (min, 5%, 10%, 50%, 90%, 95%,
// max; linear interpolation between the sorted values, numpy's default) and a histogram of |x| over
// fixed decades: bin "0" is [0, 1e-18), bin "1e{e}" is [10^e, 10^(e+1)) for e = -18 .. 9 and bin
// "1e10" is [1e10, inf]. The bins do not depend on the run, so that rows of different runs and
// steps compare column by column.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "network.hpp"

namespace optviz {

inline constexpr int kHistogramLowestDecade = -18;  // the first decade bin's lower edge: 1e-18
inline constexpr int kHistogramTopDecade = 10;      // the last bin: [1e10, inf]
// [0, 1e-18), the decades 1e-18 .. 1e9 and [1e10, inf].
inline constexpr std::size_t kHistogramBins = kHistogramTopDecade - kHistogramLowestDecade + 2;
inline constexpr std::size_t kQuantiles = 7;
// The levels of Distribution::quantiles, and the places of those the plots read.
inline constexpr std::array<double, kQuantiles> kQuantileLevels{0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0};
inline constexpr std::size_t kQuantile05 = 1, kMedian = 3, kQuantile95 = 5;

struct Distribution {
  std::size_t nan = 0;                                  // NaN values, left out of the rest
  std::array<double, kQuantiles> quantiles{};           // of the others (NaN when there are none)
  std::array<std::size_t, kHistogramBins> histogram{};  // of |x|, the bins above
};

// The distribution of `values` (sorted in place).
Distribution distribution_of(std::span<double> values);
// The histogram bin of |x| (x not NaN).
std::size_t histogram_bin(double x);

enum class ParameterKind { weight, bias };

// What a layer's statistics show: the accumulator G_t, the step size eta/(sqrt(G_t)+eps) or
// |update|/|weight|.
enum class LayerQuantity { accumulator, step_size, update_ratio };
std::string_view name(LayerQuantity quantity);  // "step_size"
std::optional<LayerQuantity> find_layer_quantity(std::string_view name);

struct LayerStats {
  long step = 0;  // after update `step`
  std::size_t layer = 0;
  ParameterKind kind = ParameterKind::weight;
  std::size_t count = 0;  // the elements
  std::optional<Distribution> accumulator;
  Distribution step_size;
  Distribution update_ratio;
};

// One update, per parameter (net.parameter_count() values each): the weights before and after it,
// the accumulator after it (empty when the optimizer has none) and the step size.
struct UpdateRecord {
  long step = 0;
  std::span<const double> before, after, accumulator, step_size;
};

// The rows of one update: per layer from the input, its weights then its biases.
void add_layer_stats(const Network& net, const UpdateRecord& update, std::vector<LayerStats>& out);

// CSV: step,layer,kind,count, then per distribution NAME_nan, NAME_min, NAME_q05, NAME_q10, NAME_q50,
// NAME_q90, NAME_q95, NAME_max and NAME_BIN per histogram bin (NAME_0, NAME_1e-18, ..., NAME_1e10), for the
// accumulator (NAME: its name; none when `accumulator` is empty), lr (the step size) and ratio.
void write_layer_stats_csv(std::ostream& out, const std::string& accumulator, std::span<const LayerStats> stats);

}  // namespace optviz
