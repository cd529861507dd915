#include "csv.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "run_loop.hpp"

namespace optviz {
namespace {

void put(std::ostream& out, double v) {
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%.17g", v);
  out << ',' << text.data();
}

// `names` are the state columns; `state(k, i)` is column i after update k+1, for k < updates.
template <class Names, class State>
void write_table(std::ostream& out, const Trajectory& t, const Names& names, std::size_t updates, State state) {
  out << "step,x,y,f,gx,gy";
  for (const auto& name : names) out << ',' << name << "_x," << name << "_y";
  out << '\n';
  for (std::size_t k = 0; k < t.rows(); ++k) {
    out << k;
    put(out, t.position[k].x);
    put(out, t.position[k].y);
    put(out, t.value[k]);
    put(out, t.gradient[k].x);
    put(out, t.gradient[k].y);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (k < updates) {
        const Vec2 v = state(k, i);
        put(out, v.x);
        put(out, v.y);
      } else {
        out << ",,";
      }
    }
    out << '\n';
  }
}

}  // namespace

void write_csv(std::ostream& out, const Trajectory& t, const Hyperparameters& h) {
  const std::vector<StateField> fields = state_fields(h);
  std::vector<std::string_view> names;
  for (const StateField& field : fields) names.push_back(field.name);
  StateReplay replay(t);  // each row's state in one update from the previous one
  write_table(out, t, names, t.updates(),
              [&](std::size_t k, std::size_t i) { return replay.state(k).*fields[i].member; });
}

void write_csv(std::ostream& out, const Trajectory& t, const Rule& rule) {
  const std::size_t updates = t.rule_width == 0 ? 0 : t.rule_state.size() / t.rule_width;
  write_table(out, t, rule.state(), updates, [&](std::size_t k, std::size_t i) { return t.rule_variable(k, i); });
}

void write_csv(std::ostream& out, const Trajectory& t, const RunSpec& run) {
  if (run.rule)
    write_csv(out, t, *run.rule);
  else
    write_csv(out, t, run.hyper);
}

}  // namespace optviz
