#include "layer_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "names.hpp"
#include "number_text.hpp"

namespace optviz {
namespace {

constexpr Names<LayerQuantity, 3> kQuantityNames{{{LayerQuantity::accumulator, "accumulator"},
                                                  {LayerQuantity::step_size, "step_size"},
                                                  {LayerQuantity::update_ratio, "update_ratio"}}};

constexpr std::array<const char*, kQuantiles> kQuantileNames{"min", "q05", "q10", "q50", "q90", "q95", "max"};

// The q-quantile of sorted values, interpolated linearly between the two nearest as numpy's default
// (numpy.quantile's _lerp, to the last bit: from the lower value below the middle, from the upper one
// from it on). Between a finite value and an infinite one it is the infinite one, where numpy's
// subtraction from the upper value would give NaN.
double quantile(std::span<const double> sorted, double q) {
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double t = at - static_cast<double>(below);
  const double a = sorted[below], b = sorted[above];
  if (t == 0 || a == b) return a;  // exact, also when infinite
  if (std::isinf(a) || std::isinf(b)) return std::isinf(b) ? b : a;
  const double difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

std::string bin_name(std::size_t bin) {
  if (bin == 0) return "0";
  return "1e" + std::to_string(kHistogramLowestDecade + static_cast<int>(bin) - 1);
}

void write_header(std::ostream& out, const std::string& name) {
  out << ',' << name << "_nan";
  for (const char* q : kQuantileNames) out << ',' << name << '_' << q;
  for (std::size_t b = 0; b < kHistogramBins; ++b) out << ',' << name << '_' << bin_name(b);
}

void write_distribution(std::ostream& out, const Distribution& d) {
  out << ',' << d.nan;
  for (double q : d.quantiles) out << ',' << format_number(q);
  for (std::size_t count : d.histogram) out << ',' << count;
}

// The distribution of values[i] over [begin, end) of a parameter vector.
Distribution distribution_over(std::span<const double> values, std::size_t begin, std::size_t end,
                               std::vector<double>& scratch) {
  scratch.assign(values.begin() + static_cast<std::ptrdiff_t>(begin),
                 values.begin() + static_cast<std::ptrdiff_t>(end));
  return distribution_of(scratch);
}

}  // namespace

std::size_t histogram_bin(double x) {
  const double a = std::fabs(x);
  if (a < std::pow(10.0, kHistogramLowestDecade)) return 0;
  if (a >= std::pow(10.0, kHistogramTopDecade)) return kHistogramBins - 1;
  // floor(log10) can be one off near a power of ten: the edges decide.
  int e = static_cast<int>(std::floor(std::log10(a)));
  if (a < std::pow(10.0, e)) --e;
  if (a >= std::pow(10.0, e + 1)) ++e;
  return static_cast<std::size_t>(e - kHistogramLowestDecade + 1);
}

Distribution distribution_of(std::span<double> values) {
  Distribution d;
  const auto numbers = std::partition(values.begin(), values.end(), [](double v) { return !std::isnan(v); });
  d.nan = static_cast<std::size_t>(values.end() - numbers);
  const std::span<double> kept(values.begin(), numbers);
  std::sort(kept.begin(), kept.end());
  for (std::size_t i = 0; i < kQuantiles; ++i)
    d.quantiles[i] = kept.empty() ? std::numeric_limits<double>::quiet_NaN() : quantile(kept, kQuantileLevels[i]);
  for (double v : kept) ++d.histogram[histogram_bin(v)];
  return d;
}

void add_layer_stats(const Network& net, const UpdateRecord& update, std::vector<LayerStats>& out) {
  std::vector<double> scratch, ratio(update.after.size());
  for (std::size_t i = 0; i < ratio.size(); ++i) {
    const double moved = std::fabs(update.after[i] - update.before[i]);
    ratio[i] = moved == 0 ? 0.0 : moved / std::fabs(update.before[i]);
  }
  const auto layers = net.layers();
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const LayerShape& s = layers[l];
    for (const ParameterKind kind : {ParameterKind::weight, ParameterKind::bias}) {
      const std::size_t begin = kind == ParameterKind::weight ? s.offset : s.bias_offset();
      const std::size_t end = kind == ParameterKind::weight ? s.bias_offset() : s.end();
      LayerStats row{update.step, l, kind, end - begin, std::nullopt, {}, {}};
      if (!update.accumulator.empty()) row.accumulator = distribution_over(update.accumulator, begin, end, scratch);
      row.step_size = distribution_over(update.step_size, begin, end, scratch);
      row.update_ratio = distribution_over(ratio, begin, end, scratch);
      out.push_back(row);
    }
  }
}

void write_layer_stats_csv(std::ostream& out, const std::string& accumulator, std::span<const LayerStats> stats) {
  // A typed rule's variable may be called lr or ratio: its columns then say that it is state.
  const std::string name = accumulator == "lr" || accumulator == "ratio" ? "state_" + accumulator : accumulator;
  out << "step,layer,kind,count";
  if (!accumulator.empty()) write_header(out, name);
  write_header(out, "lr");
  write_header(out, "ratio");
  out << '\n';
  for (const LayerStats& row : stats) {
    out << row.step << ',' << row.layer << ',' << (row.kind == ParameterKind::weight ? "weight" : "bias") << ','
        << row.count;
    if (!accumulator.empty()) write_distribution(out, row.accumulator.value_or(Distribution{}));
    write_distribution(out, row.step_size);
    write_distribution(out, row.update_ratio);
    out << '\n';
  }
}

std::string_view name(LayerQuantity quantity) { return name_in(kQuantityNames, quantity); }

std::optional<LayerQuantity> find_layer_quantity(std::string_view text) { return find_in(kQuantityNames, text); }

}  // namespace optviz
