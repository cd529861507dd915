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

std::optional<ParameterProblem> find_run_problem(const Hyperparameters& h, Vec2 start, long steps) {
  if (auto problem = find_problem(h)) return problem;
  if (!is_finite(start) || std::fabs(start.x) > kDivergenceBound || std::fabs(start.y) > kDivergenceBound)
    return ParameterProblem{"start", format_number(start.x) + "," + format_number(start.y),
                            "finite and within 1e12 in each coordinate"};
  if (steps < 0 || steps > kMaxSteps)
    return ParameterProblem{"steps", std::to_string(steps), "in [0, " + std::to_string(kMaxSteps) + "]"};
  return std::nullopt;
}

std::string validate_run(const Hyperparameters& h, Vec2 start, long steps) {
  const auto problem = find_run_problem(h, start, steps);
  return problem ? problem->message() : std::string();
}

Trajectory run(const TestFunction& f, const Hyperparameters& h, Vec2 start, long steps) {
  Trajectory out;
  run(f, h, start, steps, out);
  return out;
}

void run(const TestFunction& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out) {
  if (std::string problem = validate_run(h, start, steps); !problem.empty()) throw std::invalid_argument(problem);
  out.position.clear();
  out.value.clear();
  out.gradient.clear();
  out.state.clear();
  out.diverged_at.reset();
  const auto capacity = static_cast<std::size_t>(steps) + 1;
  out.position.reserve(capacity);
  out.value.reserve(capacity);
  out.gradient.reserve(capacity);
  out.state.reserve(capacity - 1);

  State state = initial_state<Vec2>(h);
  Vec2 theta = start;
  for (long k = 0;; ++k) {
    const double value = f.value(theta);
    const Vec2 gradient = f.gradient(theta);
    out.position.push_back(theta);
    out.value.push_back(value);
    out.gradient.push_back(gradient);
    if (is_divergent(theta, value, gradient)) {
      out.diverged_at = k;
      break;
    }
    if (k == steps) break;
    theta = step(h, state, theta, gradient);
    out.state.push_back(state);
  }
}

}  // namespace optviz
