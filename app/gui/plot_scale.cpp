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
  std::snprintf(buffer.data(), buffer.size(), "%.3g", v);
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

void plot_polylines(const StridedValues& y, double first_x, const AxisRange& x_axis, const AxisRange& y_axis,
                    PixelRect rect, Polylines& out) {
  out.clear();
  if (y.count == 0 || y.first == nullptr) return;
  const double width = rect.width(), height = rect.height();
  const PixelRect clip = rect.expanded(4);
  auto pixel = [&](double x, double v) {
    const double fx = x_axis.fraction(x), fy = y_axis.fraction(v);
    const double px = std::clamp(double{rect.x0} + fx * width, -1e6, 1e6);
    const double py = std::clamp(double{rect.y1} - fy * height, -1e6, 1e6);
    return Point2{static_cast<float>(px), static_cast<float>(py)};
  };
  auto column_of = [&](double x) { return std::floor(double{rect.x0} + x_axis.fraction(x) * width); };

  // One pixel column at a time: its first, lowest, highest and last point, in order of steps.
  struct Kept {
    std::size_t i;
    double v;
  };
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
  bool in_column = false;
  double column = 0;
  Kept first{}, low{}, high{}, last{};
  auto emit_column = [&] {
    if (!in_column) return;
    std::array<Kept, 4> kept = {first, low, high, last};
    std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) { return a.i < b.i; });
    for (std::size_t k = 0; k < kept.size(); ++k) {
      if (k > 0 && kept[k].i == kept[k - 1].i) continue;
      line.push_back(pixel(first_x + static_cast<double>(kept[k].i), kept[k].v));
    }
    in_column = false;
  };
  for (std::size_t i = 0; i < y.count; ++i) {
    const double v = y[i];
    const double x = first_x + static_cast<double>(i);
    if (!std::isfinite(y_axis.fraction(v))) {
      emit_column();
      flush_line();
      continue;
    }
    const double c = column_of(x);
    if (in_column && c != column) emit_column();
    if (!in_column) {
      in_column = true;
      column = c;
      first = low = high = last = {i, v};
      continue;
    }
    last = {i, v};
    if (v < low.v) low = last;
    if (v > high.v) high = last;
  }
  emit_column();
  flush_line();
}

}  // namespace optviz::gui
