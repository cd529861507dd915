// The many-run kernels, one source compiled once per instruction set by Highway
// (hwy/foreach_target.h includes this file again for each target, inside that target's
// `#pragma target` region and namespace) and chosen when the program runs (HWY_DYNAMIC_DISPATCH).
// Each target packs its own vector width (lanes.hpp's W), and the update rules, the formulas and the
// divergence test are the templates a single run uses, inlined into each target's kernel by
// `flatten`: the same IEEE operations lane by lane, so every target gives the bits of a single run.
// Highway supplies the dispatch and the targets, not its vector operations: the rules stay the
// generic templates every run shares.

// The targets: simd_targets.hpp.
#include "lane_kernels.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "formulas.hpp"
#include "lanes.hpp"
#include "parameters.hpp"
#include "simd.hpp"
#include "simd_targets.hpp"  // before Highway's headers
#include "trajectory.hpp"
#include "translate.hpp"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "lane_kernels.cpp"
#include <hwy/foreach_target.h>  // NOLINT: includes this file once per target
#include <hwy/highway.h>

// Inline every rule and formula into the kernel, so that they are compiled for its target. Under
// AddressSanitizer inlining all of it takes minutes to compile; clang inlines them unasked.
#if defined(__clang__) || defined(__SANITIZE_ADDRESS__)
#define OPTVIZ_FLATTEN
#else
#define OPTVIZ_FLATTEN __attribute__((flatten))
#endif

HWY_BEFORE_NAMESPACE();
namespace optviz {
namespace HWY_NAMESPACE {
namespace {

// This target's register width in doubles (a pack's W), at least two: the baseline that Highway
// calls SCALAR or EMU128 still has 128-bit vectors on x86-64 (SSE2) and arm64 (NEON), and where it
// has none the compiler splits them.
constexpr int kWidth = HWY_LANES(double) >= 8 ? 8 : HWY_LANES(double) >= 4 ? 4 : 2;
using Pack = BasicPack<kWidth>;
using PackVec2 = BasicPackVec2<kWidth>;
using Mask = BasicMask<kWidth>;
constexpr int kPackLanes = kLanesOf<kWidth>;
// The runs of one kernel call: kPacks packs (lane_kernels.hpp), each stepped whole before the next.
constexpr int kLanes = kPackLanes * lane_kernels::kPacks;
template <class T>
using PerPack = std::array<T, lane_kernels::kPacks>;

// Whether f(p) holds for any pack p.
template <class F>
bool any_pack(F f) {
  for (int p = 0; p < lane_kernels::kPacks; ++p)
    if (f(p)) return true;
  return false;
}

// The hyperparameters and starts of kLanes runs, kPackLanes to a pack.
struct LaneRuns {
  PerPack<BasicHyperparameters<Pack>> hyper;
  PerPack<PackVec2> start;

  void set(int lane, const Hyperparameters& h, Vec2 p) {
    const int l = lane % kPackLanes;
    BasicHyperparameters<Pack>& lanes_h = hyper[static_cast<std::size_t>(lane / kPackLanes)];
    for_each_field(lanes_h, h, [l](auto& lanes, const auto& value) {
      if constexpr (std::is_same_v<std::decay_t<decltype(lanes)>, Pack>)
        lanes.set_lane(l, value);
      else
        lanes = value;
    });
    start[static_cast<std::size_t>(lane / kPackLanes)].x.set_lane(l, p.x);
    start[static_cast<std::size_t>(lane / kPackLanes)].y.set_lane(l, p.y);
  }
  // The packs' hyperparameters without weight decay, momentum or lr_decay.
  PerPack<BareHyperparameters<Pack>> bare() const {
    return [this]<std::size_t... P>(std::index_sequence<P...>) {
      return PerPack<BareHyperparameters<Pack>>{BareHyperparameters<Pack>(hyper[P])...};
    }
    (std::make_index_sequence<lane_kernels::kPacks>());
  }
};

// A row diverges (divergence()) when |theta.x| or |theta.y| exceeds kDivergenceBound or the value or
// the gradient is not finite; then theta.x^2 + theta.y^2 + |f| + g.x^2 + g.y^2 is above this bound
// or not finite, and so is a sum of such terms over rows, each >= 0. For a formula whose value and
// gradient are finite wherever |x| and |y| are within formulas::kFiniteBound (finite_in_bound), the
// position's terms alone say as much: a sum of theta.x^2 + theta.y^2 at most this bound puts every
// row's |x| and |y| below 3.2e11, within both bounds, where f and g are finite.
constexpr double kQuietBound = kDivergenceBound * kDivergenceBound / 10;
static_assert(kQuietBound <= formulas::kFiniteBound * formulas::kFiniteBound);
// Rows between two looks at the tests.
constexpr long kBlock = 32;

// a where a < b, else b (b when either is NaN): one vminpd per part, as g++ compiles this ?:.
Pack lesser(Pack a, Pack b) {
  return Pack::map(a, b, [](auto u, auto v) { return u < v ? u : v; });
}

// The rows of run_rows() for every lane, with the same tests (divergence and the target); a lane
// that has ended computes on, unrecorded, until every lane has. H: the lanes' hyperparameters, of
// kind K, a pack's each. At every row each pack is stepped whole before the next: the processor
// overlaps one pack's chain of dependent operations with the others' square roots and divisions.
// The tests would cost as much as the updates if they were made at every row: a block of rows runs
// with only a sum that proves no lane diverged in it (kQuietBound) and, while a lane may still
// reach the target, its values kept, which are then tested for it; a block whose sum proves
// nothing runs again from its start with every test at every row, as every block does when
// `every_row` is set (the tests compare the two). Otherwise a formula that is finite_in_bound has
// its value computed only where it is needed: for the target, and on the rows tested one by one
// (the last row, and those of a block run again).
template <class Formula, OptimizerKind K, class H>
OPTVIZ_FLATTEN void summarize_lanes(const PerPack<H>& hyper, PerPack<PackVec2> theta, long steps, const Target& target,
                                    bool every_row, RunSummary* out) {
  PerPack<OptimizerState<PackVec2>> state;
  for (std::size_t p = 0; p < state.size(); ++p) state[p] = initial_state<PackVec2>(hyper[p]);
  const bool targeted = target.value == target.value;  // a NaN value is never reached
  PerPack<Mask> ended{}, reached{};
  PerPack<Pack> value{};  // of the last row tested one by one
  std::array<PerPack<Pack>, kBlock> values;
  bool exact = every_row;  // whether this block tests every row
  for (long k = 0; k <= steps;) {
    const long rows = k == steps ? 1 : std::min(kBlock, steps - k);
    const PerPack<PackVec2> theta_at_start = theta;
    const PerPack<OptimizerState<PackVec2>> state_at_start = state;
    PerPack<Pack> loudness{}, lowest;
    lowest.fill(std::numeric_limits<double>::infinity());
    // The values are needed while a lane may still reach the target.
    const bool keep_values = targeted && any_pack([&](int p) { return !ew::all(reached[p] | ended[p]); });
    for (long i = 0; i < rows; ++i) {
      const bool tested = exact || k + i == steps;
      bool ending = false;  // whether a lane ended on this row
      for (std::size_t p = 0; p < theta.size(); ++p) {
        const PackVec2 g = Formula::gradient(theta[p]);
        if (tested) {
          value[p] = Formula::value(theta[p]);
          const Mask diverging = divergence(theta[p], value[p], g) & !ended[p];
          const Mask reaching = (value[p] - target.value <= target.tolerance) & !reached[p] & !ended[p];
          if (ew::any(diverging | reaching)) {
            for (int l = 0; l < kPackLanes; ++l) {
              RunSummary& o = out[p * kPackLanes + static_cast<std::size_t>(l)];
              if (reaching.lane(l)) o.reached_at = k + i;
              if (diverging.lane(l)) {
                o.position = {theta[p].x.lane(l), theta[p].y.lane(l)};
                o.value = value[p].lane(l);
                o.diverged_at = k + i;
              }
            }
            ended[p] = ended[p] | diverging;
            reached[p] = reached[p] | reaching;
            ending = true;
          }
        } else {
          const PackVec2 t = theta[p];
          if constexpr (Formula::finite_in_bound)
            loudness[p] = loudness[p] + (t.x * t.x + t.y * t.y);
          else
            loudness[p] =
                loudness[p] + (((t.x * t.x + t.y * t.y) + ew::abs(Formula::value(t))) + (g.x * g.x + g.y * g.y));
          if (keep_values) {
            const Pack f = Formula::value(t);  // the same as above: computed once
            values[static_cast<std::size_t>(i)][p] = f;
            lowest[p] = lesser(f, lowest[p]);
          }
        }
        if (k + i < steps) theta[p] = step_as<K>(hyper[p], state[p], theta[p], g);
      }
      if (ending && !any_pack([&](int p) { return !ew::all(ended[p]); })) return;
    }
    if (!exact && any_pack([&](int p) { return ew::any(!(loudness[p] <= kQuietBound) & !ended[p]); })) {
      exact = true;  // the same block again, testing every row
      theta = theta_at_start;
      state = state_at_start;
      continue;
    }
    // value - target grows with the value: a pack's lowest tells whether any of its rows reaches.
    for (std::size_t p = 0; p < theta.size(); ++p) {
      if (exact || !keep_values || !ew::any((lowest[p] - target.value <= target.tolerance) & !reached[p] & !ended[p]))
        continue;
      for (long i = 0; i < rows; ++i) {
        const Mask reaching =
            (values[static_cast<std::size_t>(i)][p] - target.value <= target.tolerance) & !reached[p] & !ended[p];
        for (int l = 0; l < kPackLanes; ++l)
          if (reaching.lane(l)) out[p * kPackLanes + static_cast<std::size_t>(l)].reached_at = k + i;
        reached[p] = reached[p] | reaching;
      }
    }
    exact = every_row;
    k += rows;
  }
  for (std::size_t p = 0; p < theta.size(); ++p)
    for (int l = 0; l < kPackLanes; ++l) {
      if (ended[p].lane(l)) continue;
      RunSummary& o = out[p * kPackLanes + static_cast<std::size_t>(l)];
      o.position = {theta[p].x.lane(l), theta[p].y.lane(l)};
      o.value = value[p].lane(l);
    }
}

// Whether no run has weight decay, momentum or lr_decay: the kernel then leaves their terms out.
bool bare(const Hyperparameters& h) { return h.weight_decay == 0 && h.momentum == 0 && h.lr_decay == 0; }

// The cells in blocks of kLanes runs (the last block repeats the last cell), each with the kernel
// of its optimizer's kind, chosen once for the block (every cell of a map has the same kind).
template <class Formula>
void summarize_cells(const lane_kernels::Cells& cells) {
  for (std::size_t c = cells.first; c < cells.end; c += kLanes) {
    LaneRuns runs;
    bool all_bare = true;
    std::array<RunSummary, kLanes> out{};
    for (int l = 0; l < kLanes; ++l) {
      const auto [h, start] =
          (*cells.cell)(std::min(c + static_cast<std::size_t>(l), cells.end - 1));  // repeats the last
      runs.set(l, h, start);
      all_bare = all_bare && bare(h);
    }
    with_kind(runs.hyper[0].kind, [&]<OptimizerKind K>() {
      if (all_bare)
        summarize_lanes<Formula, K>(runs.bare(), runs.start, cells.steps, *cells.target, cells.every_row, out.data());
      else
        summarize_lanes<Formula, K>(runs.hyper, runs.start, cells.steps, *cells.target, cells.every_row, out.data());
    });
    std::copy_n(out.begin(), std::min<std::size_t>(kLanes, cells.end - c), cells.out + c);
  }
}

template <class Formula>
OPTVIZ_FLATTEN void row_values(const lane_kernels::Row& row) {
  for (int first = 0; first < row.columns; first += kPackLanes) {
    std::array<double, kPackLanes> x;
    for (int l = 0; l < kPackLanes; ++l) x[l] = row.x0 + (std::min(first + l, row.columns - 1) + 0.5) * row.dx;
    const Pack value = Formula::value(PackVec2{Pack::load(x.data()), Pack(row.y)});
    for (int l = 0; l < kPackLanes && first + l < row.columns; ++l) row.out[first + l] = value.lane(l);
  }
}

template <std::size_t... I>
constexpr auto summarize_table(std::index_sequence<I...>) {
  return std::array{&summarize_cells<formulas::At<I>>...};
}
template <std::size_t... I>
constexpr auto values_table(std::index_sequence<I...>) {
  return std::array{&row_values<formulas::At<I>>...};
}

}  // namespace

void SummarizeCells(const lane_kernels::Cells& cells) {
  static constexpr auto table = summarize_table(std::make_index_sequence<formulas::kCount>());
  table.at(cells.formula)(cells);
}

void RowValues(const lane_kernels::Row& row) {
  static constexpr auto table = values_table(std::make_index_sequence<formulas::kCount>());
  table.at(row.formula)(row);
}

const char* TargetName() { return hwy::TargetName(HWY_TARGET); }

}  // namespace HWY_NAMESPACE
}  // namespace optviz
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace optviz {

HWY_EXPORT(SummarizeCells);
HWY_EXPORT(RowValues);
HWY_EXPORT(TargetName);

namespace lane_kernels {
void summarize(const Cells& cells) { HWY_DYNAMIC_DISPATCH(SummarizeCells)(cells); }
void values(const Row& row) { HWY_DYNAMIC_DISPATCH(RowValues)(row); }
}  // namespace lane_kernels

namespace {

// The compiled targets this CPU runs, widest first (Highway's bits: a wider target has a lower bit).
// Read once, before use_simd_target() narrows what Highway reports as supported.
std::vector<std::int64_t> runnable_targets() {
  static const std::int64_t runnable = HWY_SUPPORTED_TARGETS & HWY_TARGETS;
  std::vector<std::int64_t> out;
  for (std::int64_t bits = runnable; bits != 0; bits &= bits - 1) out.push_back(bits & -bits);
  return out;
}

}  // namespace

std::vector<std::string> simd_targets() {
  std::vector<std::string> names;
  for (std::int64_t t : runnable_targets()) names.emplace_back(hwy::TargetName(t));
  return names;
}

std::string simd_target() { return HWY_DYNAMIC_DISPATCH(TargetName)(); }

void use_simd_target(std::string_view name) {
  const std::vector<std::int64_t> targets = runnable_targets();
  std::int64_t chosen = 0;
  for (std::int64_t t : targets)
    if (name.empty() ? chosen == 0 : name == hwy::TargetName(t)) chosen = t;
  if (chosen == 0) throw std::invalid_argument(tr_format("no SIMD target \"{0}\" on this CPU", {name}));
#if (HWY_TARGETS & (HWY_TARGETS - 1)) != 0
  // With one target compiled there is nothing to choose.
  hwy::SetSupportedTargetsForTest(name.empty() ? 0 : chosen);
#endif
}

}  // namespace optviz
#endif  // HWY_ONCE
