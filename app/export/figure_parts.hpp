// The pieces of the PNG figures drawn on the CPU (map_figure.cpp, plane_figure.cpp): the plot's
// place, its frame and axes with ticks, the titles, a colour bar with its ticks, swatches and rings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "colour_map.hpp"
#include "map_scale.hpp"
#include "raster.hpp"

namespace optviz::figure {

inline constexpr Rgb kPaper{255, 255, 255};
inline constexpr Rgb kInk{25, 25, 25};
inline constexpr Rgb kSubtle{90, 90, 90};
inline constexpr Rgb kBlack{0, 0, 0};

inline constexpr double kTickSize = 13;
inline constexpr double kLabelSize = 15;
inline constexpr double kTitleSize = 17;
inline constexpr int kLeft = 90, kRight = 210, kTop = 64, kBottom = 64;
inline constexpr int kPlotTarget = 512;  // cells are scaled up to about this many pixels a side
inline constexpr int kTickLength = 5;

// The text's sizes: the maps' by default; the plane's figure, read from the back of a lecture hall,
// takes larger ones.
struct TextSizes {
  double tick = kTickSize, label = kLabelSize, title = kTitleSize;
};

// Where the cells go: each cell is cell_width x cell_height pixels.
struct Plot {
  int x0 = kLeft, y0 = kTop;
  int columns = 1, rows = 1;
  int cell_width = 1, cell_height = 1;
  int width() const { return columns * cell_width; }
  int height() const { return rows * cell_height; }
};

Plot layout(int columns, int rows, int target = kPlotTarget);

Rgb to_rgb(gui::Colour c);

// Cell (i, j), row 0 at the bottom.
void fill_cell(Canvas& canvas, const Plot& p, int i, int j, Rgb colour);
void draw_frame(Canvas& canvas, const Plot& p);
void draw_axes(Canvas& canvas, const Plot& p, const std::vector<MapTick>& x, const std::vector<MapTick>& y,
               const std::string& x_name, const std::string& y_name, const TextSizes& text = {});
void draw_titles(Canvas& canvas, const std::string& title, const std::string& subtitle, const TextSizes& text = {});
void swatch(Canvas& canvas, int x, int y, Rgb colour, const std::string& label);
void ring_mark(Canvas& canvas, double x, double y, double radius);

// The colour map as a bar of `height` units from `top` at x = bar_x (bottom: position 0), framed,
// its ticks at the right and its title above.
void draw_colour_ramp(Canvas& canvas, int bar_x, int top, int height, const std::vector<MapTick>& ticks,
                      const std::string& title, const TextSizes& text = {});

}  // namespace optviz::figure
