#include "trajectory.hpp"

#include <cmath>
#include <stdexcept>

#include "parameters.hpp"

namespace optviz {

std::string Trajectory::status() const {
  return diverged_at ? "diverged at step " + std::to_string(*diverged_at) : std::string();
}

bool is_divergent(Vec2 theta, double f, Vec2 g) {
  return !is_finite(theta) || std::fabs(theta.x) > kDivergenceBound || std::fabs(theta.y) > kDivergenceBound ||
         !std::isfinite(f) || !is_finite(g);
}

std::optional<ParameterProblem> find_course_problem(Vec2 start, long steps) {
  if (!is_finite(start) || std::fabs(start.x) > kDivergenceBound || std::fabs(start.y) > kDivergenceBound)
    return ParameterProblem{"start", format_number(start.x) + "," + format_number(start.y),
                            "finite and within 1e12 in each coordinate"};
  if (steps < 0 || steps > kMaxSteps)
    return ParameterProblem{"steps", std::to_string(steps), "in [0, " + std::to_string(kMaxSteps) + "]"};
  return std::nullopt;
}

std::optional<ParameterProblem> find_run_problem(const Hyperparameters& h, Vec2 start, long steps) {
  if (auto problem = find_problem(h)) return problem;
  return find_course_problem(start, steps);
}

std::string validate_run(const Hyperparameters& h, Vec2 start, long steps) {
  const auto problem = find_run_problem(h, start, steps);
  return problem ? problem->message() : std::string();
}

Trajectory run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps) {
  Trajectory out;
  run(f, h, start, steps, out);
  return out;
}

namespace {

// The loop every run shares: `update(theta, g)` returns theta_k and records the state.
template <class Update>
void record(const Objective& f, Vec2 start, long steps, Trajectory& out, Update update) {
  out.position.clear();
  out.value.clear();
  out.gradient.clear();
  out.state.clear();
  out.rule_state.clear();
  out.rule_step_size.clear();
  out.rule_width = 0;
  out.diverged_at.reset();
  const auto capacity = static_cast<std::size_t>(steps) + 1;
  out.position.reserve(capacity);
  out.value.reserve(capacity);
  out.gradient.reserve(capacity);

  Vec2 theta = start;
  for (long k = 0;; ++k) {
    double value = 0;
    Vec2 gradient;
    f.evaluate(theta, value, gradient);
    out.position.push_back(theta);
    out.value.push_back(value);
    out.gradient.push_back(gradient);
    if (is_divergent(theta, value, gradient)) {
      out.diverged_at = k;
      break;
    }
    if (k == steps) break;
    theta = update(theta, gradient);
  }
}

}  // namespace

void run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out) {
  if (std::string problem = validate_run(h, start, steps); !problem.empty()) throw std::invalid_argument(problem);
  out.state.reserve(static_cast<std::size_t>(steps));
  State state = initial_state<Vec2>(h);
  record(f, start, steps, out, [&](Vec2 theta, Vec2 g) {
    theta = step(h, state, theta, g);
    out.state.push_back(state);
    return theta;
  });
}

void run(const Objective& f, const Rule& rule, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out) {
  if (auto problem = find_rule_problem(rule, h)) throw std::invalid_argument(problem->message());
  if (auto problem = find_course_problem(start, steps)) throw std::invalid_argument(problem->message());
  const std::size_t width = rule.state().size();
  std::vector<double> x_state(width), y_state(width), registers;
  long t = 0;
  record(f, start, steps, out, [&](Vec2 theta, Vec2 g) {
    ++t;
    const Vec2 next = {rule.step(h, t, theta.x, g.x, x_state, registers),
                       rule.step(h, t, theta.y, g.y, y_state, registers)};
    for (std::size_t i = 0; i < width; ++i) out.rule_state.push_back({x_state[i], y_state[i]});
    out.rule_step_size.push_back((theta - next) / g);
    return next;
  });
  out.rule_width = width;
}

}  // namespace optviz
