// Axes of the line plots (loss, G_t, step size against the step): ranges that are always finite
// and never zero-sized, readable ticks, and series reduced to what a pixel column can show.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geometry.hpp"
#include "polyline.hpp"

namespace optviz::gui {

inline constexpr double kMaxAxisValue = 1e300;  // beyond it, differences overflow
inline constexpr double kMinLogValue = 1e-300;

// A plot axis: min < max, both finite; on a log axis both are positive.
struct AxisRange {
  double min = 0;
  double max = 1;
  bool log = false;

  // The position of v along the axis, 0 at min and 1 at max; finite for any finite v of the
  // right sign (values far outside give large but bounded results), NaN for a value that has no
  // place (NaN, or <= 0 on a log axis).
  double fraction(double v) const;
  // The inverse of fraction.
  double value(double fraction) const;
  friend bool operator==(const AxisRange&, const AxisRange&) = default;
};

// Collects the values a plot shows and turns them into a range. Ignores non-finite values and,
// on a log axis, values <= 0. With nothing to show, gives [0, 1] (log: [0.1, 1]); a single value
// gets a range around it.
class RangeBuilder {
 public:
  explicit RangeBuilder(bool log) : log_(log) {}
  void add(double v);
  void add(const RangeBuilder& other);  // the values `other` collected (on an axis of the same kind)
  bool empty() const { return !(lo_ <= hi_); }
  AxisRange range() const;

 private:
  bool log_;
  double lo_ = 1;
  double hi_ = 0;
};

struct Tick {
  double value;
  std::string label;
};

// Up to about `max_ticks` ticks inside the range at round values (1, 2, 5 times a power of ten;
// powers of ten, or every few decades, on a log axis), with labels as short as the spacing
// allows ("0.5", "1e-08", "20k").
std::vector<Tick> axis_ticks(const AxisRange& range, int max_ticks);

// A short text for a number in a tooltip or an axis label: 4 significant digits.
std::string short_number(double v);

// Values read in place: element i is the double at first + i * stride bytes (a column of the
// trajectory's contiguous arrays, no copy), minus `minus` (f - f* for the loss).
struct StridedValues {
  const double* first = nullptr;
  std::size_t stride = sizeof(double);
  std::size_t count = 0;
  double minus = 0;

  double operator[](std::size_t i) const {
    return *reinterpret_cast<const double*>(reinterpret_cast<const char*>(first) + i * stride) - minus;
  }
  std::size_t size() const { return count; }
};

// Where the values of a series lie along x: value i at first + i (a value per step), or at steps[i]
// (rows recorded every k steps and the last, as a network's run keeps them; increasing).
struct SeriesX {
  double first = 0;
  const long* steps = nullptr;
  SeriesX(double first_x = 0) : first(first_x) {}  // implicit: most series have a value per step
  static SeriesX at_steps(const long* row_steps) {
    SeriesX x;
    x.steps = row_steps;
    return x;
  }
  double operator[](std::size_t i) const {
    return steps != nullptr ? static_cast<double>(steps[i]) : first + static_cast<double>(i);
  }
  // The index of the value nearest x among `count`, or nothing when x lies outside them.
  std::optional<std::size_t> nearest(double x, std::size_t count) const;
  friend bool operator==(const SeriesX&, const SeriesX&) = default;
};

// A series reduced once to the pixel columns of a plot `width` pixels wide: per column, its range
// of indices and the indices of its first, lowest, highest and last value that has a place on the
// y axis. Drawing then reads four values per column instead of the whole series every frame.
struct SeriesColumns {
  struct Column {
    std::size_t begin, end;  // the indices of the column
    std::size_t first, low, high, last;
    bool whole;  // every value of the column has a place (no break in the line)
    bool any;    // some value has a place
  };
  std::vector<Column> columns;
};

// What the summaries of a series depend on: its values, read in place (`version` changes whenever
// they change in place, as when their run is simulated again), the x axis, the kind of y axis and
// the plot's width.
struct SeriesKey {
  std::uint64_t version = 0;
  StridedValues values;
  SeriesX at;
  AxisRange x;
  bool log_y = false;
  float width = 0;
  friend bool operator==(const SeriesKey& a, const SeriesKey& b) {
    return a.version == b.version && a.values.first == b.values.first && a.values.stride == b.values.stride &&
           a.values.count == b.values.count && a.values.minus == b.values.minus && a.at == b.at && a.x == b.x &&
           a.log_y == b.log_y && a.width == b.width;
  }
};

// The summaries of a plot's series kept between frames, each measured again only when what it
// depends on changes: after a slider moves one run, only that run's series. A series' range of
// values does not depend on the width; its pixel columns do.
class PlotColumnsCache {
 public:
  // The values of the series that have a place on the y axis, as a range builder.
  const RangeBuilder& range(std::uint64_t version, const StridedValues& values, bool log_y);
  const SeriesColumns& columns(const SeriesKey& key);
  // Drops the summaries that were not asked for since the last call (of series no longer shown).
  void forget_unused();
  std::size_t measured() const { return measured_; }  // summaries computed so far (tests read it)

 private:
  template <class T>
  struct Entry {
    SeriesKey key;
    T value;
    bool used;
  };
  std::vector<Entry<RangeBuilder>> ranges_;
  std::vector<Entry<SeriesColumns>> columns_;
  std::size_t measured_ = 0;
};

void summarize_series(const StridedValues& y, SeriesX at, const AxisRange& x_axis, bool log_y, float width,
                      SeriesColumns& out);

// The series y[i] at x = at[i] for i < shown, inside `rect` with axes `x` and `y`: at most
// four points per pixel column (first, lowest, highest, last), broken where a value has no place on
// the axis, clamped to the rect's neighbourhood. With `columns` (summarize_series of the same
// series, axis and rect width), whole columns are taken from it.
void plot_polylines(const StridedValues& y, SeriesX at, const AxisRange& x_axis, const AxisRange& y_axis,
                    PixelRect rect, Polylines& out, std::size_t shown = static_cast<std::size_t>(-1),
                    const SeriesColumns* columns = nullptr);

}  // namespace optviz::gui
