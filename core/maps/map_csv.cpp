// Sweeps and basin maps as CSV, one row per cell, every number to 17 significant digits.
#include <array>
#include <cstdio>
#include <ostream>

#include "sweep.hpp"

namespace optviz {
namespace {

void put(std::ostream& out, double v, bool comma = true) {
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%.17g", v);
  if (comma) out << ',';
  out << text.data();
}

void put_step(std::ostream& out, const std::optional<long>& k) {
  out << ',';
  if (k) out << *k;
}

}  // namespace

void write_sweep_csv(std::ostream& out, const Sweep& s, const Map& map) {
  out << s.x.parameter->name << ',' << s.y.parameter->name << ",x,y,f,diverged_at\n";
  for (int j = 0; j < map.rows; ++j) {
    for (int i = 0; i < map.columns; ++i) {
      const RunSummary& cell = map.at(i, j);
      put(out, s.x.value(i), false);
      put(out, s.y.value(j));
      put(out, cell.position.x);
      put(out, cell.position.y);
      put(out, cell.value);
      put_step(out, cell.diverged_at);
      out << '\n';
    }
  }
}

void write_basin_csv(std::ostream& out, const Basin& b, const BasinMap& map) {
  out << "x0,y0,x,y,f,minimum,diverged_at\n";
  for (int j = 0; j < map.rows; ++j) {
    for (int i = 0; i < map.columns; ++i) {
      const std::size_t c = static_cast<std::size_t>(j) * map.columns + i;
      const RunSummary& cell = map.cells[c];
      const Vec2 start = cell_start(b, i, j);
      put(out, start.x, false);
      put(out, start.y);
      put(out, cell.position.x);
      put(out, cell.position.y);
      put(out, cell.value);
      out << ',';
      if (map.minimum[c] >= 0) out << map.minimum[c];
      put_step(out, cell.diverged_at);
      out << '\n';
    }
  }
}

}  // namespace optviz
