// The CSV format of `optviz run`: step,x,y,f,gx,gy, then the optimizer's state columns
// (NAME_x,NAME_y for each field of state_fields(), or each state variable of a typed rule);
// 17 significant digits; the last row's state columns, and those of a diverged row, are empty.
#pragma once

#include <ostream>

#include "course.hpp"
#include "trajectory.hpp"

namespace optviz {

void write_csv(std::ostream& out, const Trajectory& t, const Hyperparameters& h);
void write_csv(std::ostream& out, const Trajectory& t, const Rule& rule);
void write_csv(std::ostream& out, const Trajectory& t, const RunSpec& run);

}  // namespace optviz
