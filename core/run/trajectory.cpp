#include "trajectory.hpp"

#include <cmath>
#include <stdexcept>

#include "parameters.hpp"
#include "translate.hpp"

namespace optviz {

std::string divergence_status(std::optional<long> diverged_at, Words words) {
  return diverged_at ? words_format(words, "diverged at step {0}", {std::to_string(*diverged_at)}) : std::string();
}

std::string Trajectory::status() const { return divergence_status(diverged_at, as_english); }

std::string Trajectory::shown_status() const { return divergence_status(diverged_at); }

std::string Trajectory::divergence_reason() const {
  const auto k = static_cast<std::size_t>(diverged_at.value_or(0));
  if (!diverged_at || k >= rows()) return "";
  const Vec2 p = position[k], g = gradient[k];
  const auto beyond = [](double v) { return !(std::fabs(v) <= kDivergenceBound); };
  const std::string bound = format_shown(kDivergenceBound);
  if (beyond(p.x) || beyond(p.y)) {
    const double far = beyond(p.x) ? p.x : p.y;
    const char* coordinate = beyond(p.x) ? "x" : "y";
    if (!std::isfinite(far)) return tr_format("θ's {0} is no longer finite ({1})", {coordinate, format_number(far)});
    return tr_format("θ left the plane: |{0}| = {1} > {2}", {coordinate, format_shown(std::fabs(far)), bound});
  }
  if (!std::isfinite(value[k])) return tr_format("f is no longer finite ({0})", {format_number(value[k])});
  return tr_format("the gradient is no longer finite ({0})", {format_number(std::isfinite(g.x) ? g.y : g.x)});
}

void PowerTables::prepare(const Hyperparameters& h, long steps) {
  const std::array<double, kPowers> of = {h.beta1, h.beta2, h.momentum_decay};
  const auto count = static_cast<std::size_t>(steps) + 2;
  for (std::size_t p = 0; p < kPowers; ++p) {
    if (!rules::raises(h, static_cast<Power>(p))) continue;
    if (!(of_[p] == of[p])) values_[p].clear();
    of_[p] = of[p];
    for (std::size_t t = values_[p].size(); t < count; ++t)
      values_[p].push_back(rules::power(h, static_cast<Power>(p), static_cast<long>(t)));
  }
}

std::optional<ParameterProblem> find_course_problem(Vec2 start, long steps) {
  if (!is_finite(start) || std::fabs(start.x) > kDivergenceBound || std::fabs(start.y) > kDivergenceBound)
    return ParameterProblem{"start", format_number(start.x) + "," + format_number(start.y),
                            tr("finite and within 1e12 in each coordinate")};
  if (steps < 0 || steps > kMaxSteps)
    return ParameterProblem{"steps", std::to_string(steps),
                            tr_format("in [{0}, {1}]", {"0", std::to_string(kMaxSteps)})};
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

std::string find_training_problem(const Training& training, const Objective& f) {
  if (std::string problem = find_schedule_problem(training.schedule); !problem.empty()) return "schedule." + problem;
  if (training.batch < 0)
    return "batch: " + tr_format("must be an integer >= 1 (0: every row), got {0}", {std::to_string(training.batch)});
  if (training.batch > 0 && !f.is_data())
    return "batch: " + std::string(tr("mini-batches need a loss from data (--data)"));
  if (training.batch > 0 && static_cast<std::size_t>(training.batch) > f.data()->size())
    return "batch: " + tr_format("must be at most the {0} rows of the data, got {1}",
                                 {std::to_string(f.data()->size()), std::to_string(training.batch)});
  if (training.shuffle && training.batch == 0) return "shuffle: " + std::string(tr("needs mini-batches (--batch)"));
  if (!std::isfinite(training.noise) || training.noise < 0 || training.noise > kMaxNoise)
    return "noise: " + tr_format("must be in [0, 1e6], got {0}", {format_number(training.noise)});
  return "";
}

}  // namespace optviz
