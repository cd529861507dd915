// The CSV format of `optviz run`: step,x,y,f,gx,gy, then the optimizer's state columns
// (NAME_x,NAME_y for each field of state_fields()); 17 significant digits; the last row's state
// columns, and those of a diverged row, are empty.
#pragma once

#include <ostream>

#include "trajectory.hpp"

namespace optviz {

void write_csv(std::ostream& out, const Trajectory& t, const Hyperparameters& h);

}  // namespace optviz
