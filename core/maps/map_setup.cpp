// What a sweep or a basin map is made of: its axes, its cells' starts, its problems, and the
// lesson's sweep.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "parameters.hpp"
#include "sweep.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

std::string names_of(const std::vector<const RealParameter*>& parameters) {
  std::string out;
  for (const RealParameter* p : parameters) out += (out.empty() ? "" : ", ") + std::string(p->name);
  return out;
}

std::string run_name(const RunSpec& run) { return run.rule ? tr("the rule") : std::string(name(run.hyper.kind)); }

std::string unknown_parameter(std::string_view name, const RunSpec& run) {
  return tr_format("unknown hyperparameter \"{0}\" of {1} ({2})", {name, run_name(run), names_of(parameters_of(run))});
}

std::string run_problem(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training) {
  if (steps < 0 || steps > kMaxMapSteps)
    return "steps: " + tr_format("must be in [0, {0}], got {1}", {std::to_string(kMaxMapSteps), std::to_string(steps)});
  if (const auto problem = find_course_problem(start, steps)) return problem->message();
  if (const auto problem = run.rule ? find_rule_problem(*run.rule, run.hyper) : find_problem(run.hyper))
    return problem->message();
  return find_training_problem(training, f);
}

std::string size_problem(int columns, int rows, long steps) {
  const auto side = [](int n) { return n >= 1 && n <= kMaxMapSide; };
  if (!side(columns) || !side(rows))
    return "size: " + tr_format("must be at most {0}x{0} and at least 1x1, got {1}x{2}",
                                {std::to_string(kMaxMapSide), std::to_string(columns), std::to_string(rows)});
  const long long updates = static_cast<long long>(columns) * rows * std::max(steps, 0L);
  if (updates > kMaxMapUpdates)
    return tr_format("too much work: {0}x{1} cells x {2} steps is {3} updates, at most {4}; use fewer cells or steps",
                     {std::to_string(columns), std::to_string(rows), std::to_string(steps), std::to_string(updates),
                      std::to_string(kMaxMapUpdates)});
  return "";
}

}  // namespace

double Axis::value(int i) const {
  if (count <= 1 || i <= 0) return from;
  if (i >= count - 1) return to;
  const double t = static_cast<double>(i) / (count - 1);
  const double v = log ? std::exp(std::lerp(std::log(from), std::log(to), t)) : std::lerp(from, to, t);
  return std::clamp(v, std::min(from, to), std::max(from, to));
}

double Axis::position(double v) const {
  if (from == to) return 0.5;
  return log ? (std::log(v) - std::log(from)) / (std::log(to) - std::log(from)) : (v - from) / (to - from);
}

Axis parse_axis(std::string_view text, const RunSpec& run, int count) {
  std::vector<std::string_view> parts;
  for (std::size_t begin = 0;;) {
    const std::size_t colon = text.find(':', begin);
    parts.push_back(text.substr(begin, colon == std::string_view::npos ? std::string_view::npos : colon - begin));
    if (colon == std::string_view::npos) break;
    begin = colon + 1;
  }
  if (parts.size() < 3 || parts.size() > 4)
    throw std::invalid_argument(
        tr_format("expected NAME:FROM:TO or NAME:FROM:TO:log, for example eta:1e-4:1e-1:log, got \"{0}\"", {text}));
  Axis axis;
  axis.count = count;
  for (const RealParameter* p : parameters_of(run))
    if (parts[0] == p->name) axis.parameter = p;
  if (axis.parameter == nullptr) throw std::invalid_argument(unknown_parameter(parts[0], run));
  const auto number = [&](std::string_view part, const char* what) {
    const std::optional<double> v = parse_number(part);
    if (!v) throw std::invalid_argument(tr_format("{0} is not a number: \"{1}\"", {what, part}));
    return *v;
  };
  axis.from = number(parts[1], "FROM");
  axis.to = number(parts[2], "TO");
  if (parts.size() == 4) {
    if (parts[3] != "log")
      throw std::invalid_argument(
          tr_format("unknown scale \"{0}\" (leave it out for a linear axis, or write :log)", {parts[3]}));
    axis.log = true;
  }
  if (std::string problem = find_axis_problem(axis, run); !problem.empty()) throw std::invalid_argument(problem);
  return axis;
}

std::string find_axis_problem(const Axis& axis, const RunSpec& run) {
  const auto takes = parameters_of(run);
  if (axis.parameter == nullptr) return tr("no hyperparameter");
  if (std::find(takes.begin(), takes.end(), axis.parameter) == takes.end())
    return unknown_parameter(axis.parameter->name, run);
  for (const auto& [value, what] : {std::pair{axis.from, "FROM"}, std::pair{axis.to, "TO"}}) {
    if (const auto problem = find_value_problem(*axis.parameter, value))
      return tr_format("{0} {1} is out of range: {2} must be {3}",
                       {what, problem->value, problem->field, problem->requirement});
    if (axis.log && !(value > 0)) return tr_format("{0} must be > 0 for :log", {what});
  }
  if (axis.count < 1 || axis.count > kMaxMapSide)
    return "count: " +
           tr_format("must be in [1, {0}], got {1}", {std::to_string(kMaxMapSide), std::to_string(axis.count)});
  return "";
}

Vec2 cell_start(const Basin& basin, int i, int j) {
  const Vec2 size = basin.view.max - basin.view.min;
  return {basin.view.min.x + (i + 0.5) / basin.columns * size.x, basin.view.min.y + (j + 0.5) / basin.rows * size.y};
}

std::string find_sweep_problem(const Sweep& s) {
  if (std::string problem = size_problem(s.x.count, s.y.count, s.steps); !problem.empty()) return problem;
  if (std::string problem = run_problem(s.objective, s.run, s.start, s.steps, s.training); !problem.empty())
    return problem;
  if (std::string problem = find_axis_problem(s.x, s.run); !problem.empty()) return "x: " + problem;
  if (std::string problem = find_axis_problem(s.y, s.run); !problem.empty()) return "y: " + problem;
  if (s.x.parameter == s.y.parameter)
    return tr_format("x and y sweep the same hyperparameter, {0}: give two", {s.x.parameter->name});
  return "";
}

std::string find_basin_problem(const Basin& b) {
  if (std::string problem = size_problem(b.columns, b.rows, b.steps); !problem.empty()) return problem;
  const Box& v = b.view;
  const auto inside = [](double a) { return std::isfinite(a) && std::fabs(a) <= kDivergenceBound; };
  if (!inside(v.min.x) || !inside(v.max.x) || !inside(v.min.y) || !inside(v.max.y) || !(v.min.x < v.max.x) ||
      !(v.min.y < v.max.y))
    return "view: " + tr_format("must be x0,x1,y0,y1 with x0 < x1 and y0 < y1, each finite and within 1e12, got {0}",
                                {format_number(v.min.x) + "," + format_number(v.max.x) + "," + format_number(v.min.y) +
                                 "," + format_number(v.max.y)});
  return run_problem(b.objective, b.run, cell_start(b, 0, 0), b.steps, b.training);
}

}  // namespace optviz
