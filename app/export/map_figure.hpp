// Figures of sweep and basin maps (core/maps/sweep.hpp), drawn on the CPU, without GL or a display:
// the cells, the axes with their names and ticks, a title, and a colour bar or a legend.
#pragma once

#include <optional>
#include <utility>

#include "image.hpp"
#include "map_scale.hpp"
#include "sweep.hpp"

namespace optviz {

// A sweep: each cell coloured by `colouring` (loss or steps, map_scale.hpp), diverged cells in
// red, cells that never reached the tolerance grey, and `current` (the run's own values of the two
// hyperparameters) ringed when it lies inside the axes.
// `scale` pixels to a unit of the figure (about 800 x 640 units): a slide draws it at its size.
Image draw_sweep_figure(const Sweep& sweep, const Map& map, MapColouring colouring, std::optional<Vec2> current,
                        double scale = 1);
// The size of draw_sweep_figure's figure in units, for a map of columns x rows cells.
std::pair<int, int> sweep_figure_units(int columns, int rows);

// A basin map: each start coloured by the minimum it ends within kBasinRadius of (the run
// palette, Okabe and Ito), grey when none, black when the run diverged, or by its final loss;
// the minima ringed.
Image draw_basin_figure(const Basin& basin, const BasinMap& map, MapColouring colouring);

}  // namespace optviz
