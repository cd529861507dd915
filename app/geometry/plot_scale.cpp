#include "plot_scale.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace optviz::gui {
namespace {

bool has_place(double v, bool log) { return std::isfinite(v) && (!log || v > 0); }

// 10^e for the integer decade e, exact for the decades doubles represent.
double decade(int e) { return std::pow(10.0, e); }

// A tick at a multiple of `step`: fixed decimals as many as the step needs ("0.5", "200",
// "-1.25"), "20k" and "3M" for round thousands and millions, and %g beyond.
std::string format_tick(double v, double step) {
  std::array<char, 32> buffer{};
  const double magnitude = std::fabs(v);
  if (magnitude >= 1e4 && magnitude < 1e9) {
    const bool millions = magnitude >= 1e6;
    const double scaled = v / (millions ? 1e6 : 1e3);
    if (std::fabs(scaled - std::round(scaled * 10) / 10) < 1e-9 * std::fabs(scaled)) {
      std::snprintf(buffer.data(), buffer.size(), "%g%s", std::round(scaled * 10) / 10, millions ? "M" : "k");
      return buffer.data();
    }
  }
  if (v == 0 || (magnitude >= 1e-4 && magnitude < 1e4 && step >= 1e-6)) {
    const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 8);
    std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, v);
    return buffer.data();
  }
  // Digits enough to tell ticks one step apart: "1000000000500" next to "1000000001000".
  const int digits = std::clamp(static_cast<int>(std::ceil(std::log10(magnitude / step))) + 1, 3, 17);
  std::snprintf(buffer.data(), buffer.size(), "%.*g", digits, v);
  return buffer.data();
}

// A power of ten: "0.01" to "1000" in full, else "10⁻⁵" or "10⁶".
std::string format_decade(int e) {
  if (e >= -3 && e <= 3) {
    std::array<char, 16> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.*f", std::max(0, -e), decade(e));
    return buffer.data();
  }
  static constexpr const char* kSuperscript[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string out = e < 0 ? "10⁻" : "10";
  for (const char c : std::to_string(std::abs(e))) out += kSuperscript[c - '0'];
  return out;
}

}  // namespace

double AxisRange::fraction(double v) const {
  if (!has_place(v, log)) return std::nan("");
  v = std::clamp(v, log ? kMinLogValue : -kMaxAxisValue, kMaxAxisValue);
  if (log) return (std::log10(v) - std::log10(min)) / (std::log10(max) - std::log10(min));
  return (v - min) / (max - min);
}

double AxisRange::value(double f) const {
  if (log) return std::pow(10.0, std::log10(min) + f * (std::log10(max) - std::log10(min)));
  return min + f * (max - min);
}

void RangeBuilder::add(double v) {
  if (!has_place(v, log_)) return;
  v = std::clamp(v, log_ ? kMinLogValue : -kMaxAxisValue, kMaxAxisValue);
  if (empty()) {
    lo_ = hi_ = v;
    return;
  }
  lo_ = std::min(lo_, v);
  hi_ = std::max(hi_, v);
}

void RangeBuilder::add(const RangeBuilder& other) {
  if (other.empty()) return;
  add(other.lo_);
  add(other.hi_);
}

AxisRange RangeBuilder::range() const {
  if (empty()) return log_ ? AxisRange{0.1, 1, true} : AxisRange{0, 1, false};
  if (log_) {
    double lo = std::log10(lo_), hi = std::log10(hi_);
    // A little room above and below, and at least a factor of 10 overall.
    const double pad = std::max(0.05 * (hi - lo), 0.0);
    lo -= pad;
    hi += pad;
    if (hi - lo < 1) {
      const double mid = 0.5 * (lo + hi);
      lo = mid - 0.5, hi = mid + 0.5;
    }
    lo = std::max(lo, -300.0), hi = std::min(hi, 300.0);
    return {std::pow(10.0, lo), std::pow(10.0, hi), true};
  }
  double lo = lo_, hi = hi_;
  double span = hi - lo;
  if (!(span > std::max(std::fabs(lo), std::fabs(hi)) * 1e-12)) {
    const double half = std::max(std::fabs(lo) * 0.5, 0.5);
    lo -= half, hi += half;
    span = hi - lo;
  }
  lo = std::max(lo - 0.05 * span, -kMaxAxisValue);
  hi = std::min(hi + 0.05 * span, kMaxAxisValue);
  return {lo, hi, false};
}

std::vector<Tick> axis_ticks(const AxisRange& range, int max_ticks) {
  std::vector<Tick> ticks;
  max_ticks = std::max(max_ticks, 2);
  if (range.log) {
    const int first = static_cast<int>(std::ceil(std::log10(range.min) - 1e-9));
    const int last = static_cast<int>(std::floor(std::log10(range.max) + 1e-9));
    const int every = std::max(1, (last - first + max_ticks) / max_ticks);
    for (int e = first - (first % every + every) % every; e <= last; e += every) {
      if (e < first) continue;
      ticks.push_back({decade(e), format_decade(e)});
    }
    return ticks;
  }
  const double span = range.max - range.min;
  const double raw = span / max_ticks;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * power;
    if (step >= raw) break;
  }
  if (!(step > 0) || !std::isfinite(step)) return ticks;
  const double first = std::ceil(range.min / step);
  const double last = std::floor(range.max / step);
  if (!(last - first < 1000)) return ticks;
  for (double k = first; k <= last; ++k) {
    double v = k * step;
    if (std::fabs(v) < step * 1e-9) v = 0;
    ticks.push_back({v, format_tick(v, step)});
  }
  return ticks;
}

std::string short_number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.4g", v);
  return buffer.data();
}

std::optional<std::size_t> SeriesX::nearest(double x, std::size_t count) const {
  if (count == 0 || !(x >= (*this)[0] && x <= (*this)[count - 1])) return std::nullopt;
  if (steps == nullptr) return static_cast<std::size_t>(std::lround(x - first));
  const long* above =
      std::lower_bound(steps, steps + count, x, [](long s, double v) { return static_cast<double>(s) < v; });
  const auto i = static_cast<std::size_t>(above - steps);
  if (i > 0 && x - (*this)[i - 1] < (*this)[i] - x) return i - 1;
  return i;
}

void summarize_series(const StridedValues& y, SeriesX at, const AxisRange& x_axis, bool log_y, float width,
                      SeriesColumns& out) {
  out.columns.clear();
  bool open = false;
  double column = 0;
  for (std::size_t i = 0; i < y.count; ++i) {
    const double c = std::floor(x_axis.fraction(at[i]) * static_cast<double>(width));
    if (!open || c != column) {
      out.columns.push_back({i, i, 0, 0, 0, 0, true, false});
      open = true;
      column = c;
    }
    SeriesColumns::Column& col = out.columns.back();
    col.end = i + 1;
    const double v = y[i];
    if (!has_place(v, log_y)) {
      col.whole = false;
      continue;
    }
    if (!col.any) {
      col.first = col.low = col.high = col.last = i;
      col.any = true;
      continue;
    }
    col.last = i;
    if (v < y[col.low]) col.low = i;
    if (v > y[col.high]) col.high = i;
  }
}

namespace {

template <class Entries, class Measure>
auto& find_or_measure(Entries& entries, const SeriesKey& key, std::size_t& measured, Measure measure) {
  for (auto& e : entries)
    if (e.key == key) {
      e.used = true;
      return e.value;
    }
  entries.push_back({key, measure(), true});
  ++measured;
  return entries.back().value;
}

template <class Entries>
void forget_unused_in(Entries& entries) {
  std::erase_if(entries, [](const auto& e) { return !e.used; });
  for (auto& e : entries) e.used = false;
}

}  // namespace

const RangeBuilder& PlotColumnsCache::range(std::uint64_t version, const StridedValues& values, bool log_y) {
  SeriesKey key;
  key.version = version;
  key.values = values;
  key.log_y = log_y;
  return find_or_measure(ranges_, key, measured_, [&] {
    RangeBuilder builder(log_y);
    for (std::size_t i = 0; i < values.size(); ++i) builder.add(values[i]);
    return builder;
  });
}

const SeriesColumns& PlotColumnsCache::columns(const SeriesKey& key) {
  return find_or_measure(columns_, key, measured_, [&] {
    SeriesColumns out;
    summarize_series(key.values, key.at, key.x, key.log_y, key.width, out);
    return out;
  });
}

void PlotColumnsCache::forget_unused() {
  forget_unused_in(ranges_);
  forget_unused_in(columns_);
}

void plot_polylines(const StridedValues& y, SeriesX at, const AxisRange& x_axis, const AxisRange& y_axis,
                    PixelRect rect, Polylines& out, std::size_t shown, const SeriesColumns* columns) {
  out.clear();
  if (y.count == 0 || y.first == nullptr) return;
  const std::size_t limit = std::min(shown, y.count);
  const double width = static_cast<double>(rect.width()), height = static_cast<double>(rect.height());
  const PixelRect clip = rect.expanded(4);
  auto pixel = [&](std::size_t i) {
    const double fx = x_axis.fraction(at[i]), fy = y_axis.fraction(y[i]);
    const double px = std::clamp(static_cast<double>(rect.x0) + fx * width, -1e6, 1e6);
    const double py = std::clamp(static_cast<double>(rect.y1) - fy * height, -1e6, 1e6);
    return Point2{static_cast<float>(px), static_cast<float>(py)};
  };
  auto column_of = [&](std::size_t i) { return std::floor(x_axis.fraction(at[i]) * width); };

  std::vector<Point2> line;
  auto flush_line = [&] {
    for (std::size_t k = 1; k < line.size(); ++k) {
      Point2 a = line[k - 1], b = line[k];
      if (!clip_segment(a, b, clip)) continue;
      const bool continues = !out.starts.empty() && out.points.size() > out.starts.back() && out.points.back() == a;
      if (!continues) {
        out.starts.push_back(out.points.size());
        out.points.push_back(a);
      }
      out.points.push_back(b);
    }
    line.clear();
  };
  // A pixel column keeps its first, lowest, highest and last point, in order of steps.
  auto keep = [&](std::size_t first, std::size_t low, std::size_t high, std::size_t last) {
    std::array<std::size_t, 4> kept = {first, low, high, last};
    std::sort(kept.begin(), kept.end());
    for (std::size_t k = 0; k < kept.size(); ++k)
      if (k == 0 || kept[k] != kept[k - 1]) line.push_back(pixel(kept[k]));
  };
  bool in_column = false;
  double column = 0;
  std::size_t first = 0, low = 0, high = 0, last = 0;
  auto emit_column = [&] {
    if (in_column) keep(first, low, high, last);
    in_column = false;
  };
  // Reads the values of [begin, end) one by one.
  auto scan = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      const double v = y[i];
      if (!has_place(v, y_axis.log)) {
        emit_column();
        flush_line();
        continue;
      }
      const double c = column_of(i);
      if (in_column && c != column) emit_column();
      if (!in_column) {
        in_column = true;
        column = c;
        first = low = high = last = i;
        continue;
      }
      last = i;
      if (v < y[low]) low = i;
      if (v > y[high]) high = i;
    }
  };
  if (columns == nullptr) {
    scan(0, limit);
  } else {
    // Whole columns before the playhead come from the summary; the rest is read.
    for (const SeriesColumns::Column& c : columns->columns) {
      if (c.begin >= limit) break;
      if (c.whole && c.any && c.end <= limit) {
        emit_column();
        keep(c.first, c.low, c.high, c.last);
      } else {
        scan(c.begin, std::min(c.end, limit));
      }
    }
  }
  emit_column();
  flush_line();
}

}  // namespace optviz::gui
