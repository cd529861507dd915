// A line plot widget drawn with ImDrawList: axes with ticks, series (solid or dashed) over shaded
// bands, a marker at the current step, and a hover read-out. The series are read in place from the
// trajectories (or a network's recorded rows).
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "plot_scale.hpp"
#include "theme.hpp"

namespace optviz::gui {

struct PlotSeries {
  std::string name;       // for the hover read-out: "RMSprop G_x"
  StridedValues values;   // the full series
  double first_x = 0;     // the step of values[0]
  std::size_t shown = 0;  // how many values to draw (up to the playhead)
  ImU32 colour = 0;
  bool dashed = false;
  std::uint64_t version = 0;    // changes whenever the values change in place (PlotColumnsCache)
  const long* steps = nullptr;  // with it, the step of values[i] (rows every k steps) instead of first_x + i
  SeriesX at() const { return steps != nullptr ? SeriesX::at_steps(steps) : SeriesX(first_x); }
};

// A band shaded between two series of the same steps (a distribution's 5% and 95% quantiles),
// under the lines, broken where either bound has no place on the y axis.
struct PlotBand {
  std::string name;  // for the hover read-out: "RMSprop 5-95%"
  StridedValues low, high;
  SeriesX at;
  std::size_t shown = 0;
  ImU32 colour = 0;  // drawn translucent
};

struct LinePlot {
  std::string title;
  std::string empty_text;  // shown when there is no series
  bool log_y = true;
  AxisRange x;
  std::optional<AxisRange> y;  // measured from the series when not given
  std::vector<PlotSeries> series;
  std::vector<PlotBand> bands;
  double marker = 0;                      // the current step
  bool ahead = false;                     // each series' rest beyond what is shown, faint (as paths ahead)
  std::vector<std::string> short_titles;  // tried in turn when the title does not fit
};

// The y axis that shows every value of the series (all their values, not only those shown yet, so
// that the axis stays still while the playhead moves). With a cache, only series it has not
// measured yet are read.
AxisRange series_range(const LinePlot& plot, PlotColumnsCache* cache = nullptr);

// The frame of a plot in the size area at `origin`: the title above, y ticks with grid lines on
// the left, x ticks below, the plotting area filled. Returns that area, or nothing when the size
// leaves no room for it.
// The title is the first of `title` and `short_titles` that fits the width (else the shortest).
std::optional<PixelRect> draw_plot_frame(ImDrawList& dl, ImVec2 origin, ImVec2 size, const std::string& title,
                                         const AxisRange& x, const AxisRange& y,
                                         const std::vector<std::string>& short_titles = {});

// `c` with its alpha multiplied by `alpha`.
ImU32 with_alpha(ImU32 c, float alpha);

// Draws the plot in a size x height area at the cursor. Returns the step under the mouse when the
// user clicks or drags on the plot (to move the playhead there).
// `cache` keeps each series' column summaries between frames (call its forget_unused() after
// the plots of a frame).
std::optional<long> draw_line_plot(const char* id, const LinePlot& plot, ImVec2 size, const CanvasStyle& style,
                                   Polylines& scratch, PlotColumnsCache& cache);

}  // namespace optviz::gui
