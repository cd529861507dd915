#include "map_scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "colour_map.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

constexpr int kMaxDecades = 16;  // a loss scale spans at most this many decades; below, the darkest colour

// About five round values in [lo, hi]: steps of 1, 2 or 5 times a power of ten.
std::vector<double> round_values(double lo, double hi) {
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / 5;
  const double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  std::vector<double> out;
  for (double k = std::ceil(lo / step); k * step <= hi * (1 + 1e-12) + 1e-300; ++k) out.push_back(k * step);
  return out;
}

// Powers of ten in [lo, hi] (a few of them when there are many), with 2 and 5 times them when
// the range spans less than two decades.
std::vector<double> decade_values(double lo, double hi) {
  const int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
  const int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
  std::vector<double> out;
  if (last - first < 2) {
    for (int k = first - 1; k <= last; ++k)
      for (const double m : {1.0, 2.0, 5.0}) {
        const double v = m * std::pow(10, k);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push_back(v);
      }
    return out;
  }
  const int step = std::max(1, (last - first + 7) / 8);
  for (int k = first; k <= last; k += step) out.push_back(std::pow(10, k));
  return out;
}

Rgb to_rgb(gui::Colour c) {
  const auto byte = [](float v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255)); };
  return {byte(c.r), byte(c.g), byte(c.b)};
}

void put(std::vector<std::uint8_t>& out, std::size_t cell, Rgb c, std::uint8_t alpha) {
  out[4 * cell + 0] = c.r;
  out[4 * cell + 1] = c.g;
  out[4 * cell + 2] = c.b;
  out[4 * cell + 3] = alpha;
}

}  // namespace

std::string_view map_colouring_name(MapColouring colouring) {
  switch (colouring) {
    case MapColouring::loss:
      return "loss";
    case MapColouring::steps:
      return "steps";
    case MapColouring::minimum:
      return "minimum";
  }
  return "loss";
}

std::optional<MapColouring> parse_map_colouring(std::string_view name) {
  for (const MapColouring c : {MapColouring::loss, MapColouring::steps, MapColouring::minimum})
    if (name == map_colouring_name(c)) return c;
  return std::nullopt;
}

MapScale map_scale(const Map& map, const Objective& f, MapColouring colouring, const Target& target) {
  MapScale s;
  s.colouring = colouring;
  s.tolerance = target.tolerance;
  if (colouring == MapColouring::steps) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const RunSummary& c : map.cells)
      if (c.reached_at && !c.diverged_at) {
        lo = std::min(lo, static_cast<double>(*c.reached_at));
        hi = std::max(hi, static_cast<double>(*c.reached_at));
      }
    if (!std::isfinite(lo)) lo = hi = 0;
    s.lo = lo;
    s.hi = hi > lo ? hi : lo + 1;
    s.floor = target.value;
    return s;
  }
  // The log scale of f - floor over the cells that did not diverge.
  double floor = f.minimum_value();
  double lowest = std::numeric_limits<double>::infinity();
  for (const RunSummary& c : map.cells)
    if (!c.diverged_at) lowest = std::min(lowest, c.value);
  s.known_floor = std::isfinite(floor) && floor <= lowest;
  s.floor = s.known_floor ? floor : lowest;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const RunSummary& c : map.cells) {
    if (c.diverged_at || !(c.value - s.floor > 0)) continue;
    lo = std::min(lo, std::log10(c.value - s.floor));
    hi = std::max(hi, std::log10(c.value - s.floor));
  }
  if (!std::isfinite(lo)) lo = hi = 0;
  lo = std::max(lo, hi - kMaxDecades);
  s.lo = hi > lo ? lo : hi - 1;
  s.hi = hi;
  return s;
}

double MapScale::position(const RunSummary& cell) const {
  constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
  if (cell.diverged_at) return kNone;
  if (colouring == MapColouring::steps) {
    if (!cell.reached_at) return kNone;
    return std::clamp((static_cast<double>(*cell.reached_at) - lo) / (hi - lo), 0.0, 1.0);
  }
  if (!(cell.value - floor > 0)) return 0.0;
  return std::clamp((std::log10(cell.value - floor) - lo) / (hi - lo), 0.0, 1.0);
}

std::vector<MapTick> MapScale::ticks() const {
  std::vector<MapTick> out;
  if (colouring == MapColouring::steps) {
    for (const double v : round_values(lo, hi))
      if (v == std::round(v)) out.push_back({v, (v - lo) / (hi - lo), map_number(v, 6)});
    return out;
  }
  for (const double v : decade_values(std::pow(10, lo), std::pow(10, hi)))
    out.push_back({v, (std::log10(v) - lo) / (hi - lo), map_number(v)});
  return out;
}

std::string MapScale::title() const {
  if (colouring == MapColouring::steps) return tr_format("steps to f - f* <= {0}", {map_number(tolerance)});
  return known_floor ? (floor == 0 ? tr("final f") : tr("final f - f*")) : tr("final f - lowest");
}

Rgb cell_colour(const MapScale& scale, const RunSummary& cell) {
  if (cell.diverged_at) return kDivergedColour;
  const double t = scale.position(cell);
  return std::isnan(t) ? kNotReachedColour : to_rgb(gui::colour_map(t));
}

Rgb minimum_colour(std::size_t minimum) {
  const auto palette = run_palette();
  return palette[minimum % (palette.size() - 1)];  // not the palette's last colour, white
}

Rgb basin_colour(const BasinMap& map, std::size_t cell) {
  if (map.cells[cell].diverged_at) return kBasinDivergedColour;
  const int m = map.minimum[cell];
  return m < 0 ? kNotReachedColour : minimum_colour(static_cast<std::size_t>(m));
}

std::vector<std::uint8_t> map_pixels(const Map& map, const MapScale& scale, std::uint8_t alpha) {
  std::vector<std::uint8_t> out(4 * map.cells.size());
  for (std::size_t c = 0; c < map.cells.size(); ++c) put(out, c, cell_colour(scale, map.cells[c]), alpha);
  return out;
}

std::vector<std::uint8_t> basin_pixels(const BasinMap& map, std::uint8_t alpha) {
  std::vector<std::uint8_t> out(4 * map.cells.size());
  for (std::size_t c = 0; c < map.cells.size(); ++c) put(out, c, basin_colour(map, c), alpha);
  return out;
}

double sweep_axis_position(const Axis& axis, double value) {
  return axis.count > 1 ? (axis.position(value) * (axis.count - 1) + 0.5) / axis.count : 0.5;
}

std::vector<MapTick> sweep_axis_ticks(const Axis& axis) {
  const double lo = std::min(axis.from, axis.to), hi = std::max(axis.from, axis.to);
  std::vector<MapTick> out;
  for (const double v : axis.log ? decade_values(lo, hi) : round_values(lo, hi))
    out.push_back({v, sweep_axis_position(axis, v), map_number(v)});
  return out;
}

std::vector<MapTick> linear_ticks(double lo, double hi) {
  std::vector<MapTick> out;
  for (const double v : round_values(lo, hi)) out.push_back({v, (v - lo) / (hi - lo), map_number(v)});
  return out;
}

std::string map_number(double v, int digits) {
  if (v == 0) return "0";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
  std::string s = buffer;
  const auto e = s.find('e');
  if (e != std::string::npos) {
    std::string mantissa = s.substr(0, e), exponent = s.substr(e + 1);
    const bool negative = exponent[0] == '-';
    exponent = exponent.substr(1);
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    s = mantissa + "e" + (negative ? "-" : "") + exponent;
  }
  return s;
}

}  // namespace optviz
