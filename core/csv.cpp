#include "csv.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace optviz {
namespace {

void put(std::ostream& out, double v) {
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%.17g", v);
  out << ',' << text.data();
}

}  // namespace

void write_csv(std::ostream& out, const Trajectory& t, const Hyperparameters& h) {
  const std::vector<StateField> fields = state_fields(h);
  out << "step,x,y,f,gx,gy";
  for (const StateField& field : fields) out << ',' << field.name << "_x," << field.name << "_y";
  out << '\n';
  for (std::size_t k = 0; k < t.rows(); ++k) {
    out << k;
    put(out, t.position[k].x);
    put(out, t.position[k].y);
    put(out, t.value[k]);
    put(out, t.gradient[k].x);
    put(out, t.gradient[k].y);
    for (const StateField& field : fields) {
      if (k < t.state.size()) {
        const Vec2 v = t.state[k].*field.member;
        put(out, v.x);
        put(out, v.y);
      } else {
        out << ",,";
      }
    }
    out << '\n';
  }
}

}  // namespace optviz
