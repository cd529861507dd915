#include "trajectory.hpp"

#include <cmath>
#include <stdexcept>

#include "random.hpp"

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

std::string find_training_problem(const Training& training, const Objective& f) {
  if (std::string problem = find_schedule_problem(training.schedule); !problem.empty()) return "schedule." + problem;
  if (training.batch < 0) return "batch: must be an integer >= 1 (0: every row), got " + std::to_string(training.batch);
  if (training.batch > 0 && !f.is_data()) return "batch: mini-batches need a loss from data (--data)";
  if (training.batch > 0 && static_cast<std::size_t>(training.batch) > f.data()->size())
    return "batch: must be at most the " + std::to_string(f.data()->size()) + " rows of the data, got " +
           std::to_string(training.batch);
  if (training.shuffle && training.batch == 0) return "shuffle: needs mini-batches (--batch)";
  if (!std::isfinite(training.noise) || training.noise < 0 || training.noise > kMaxNoise)
    return "noise: must be in [0, 1e6], got " + format_number(training.noise);
  return "";
}

namespace {

// The rows of update t's mini-batch: positions (t-1) B + j, j = 0 .. B-1, of the rows in file
// order, or in each epoch's shuffled order, wrapping around the end.
class Batches {
 public:
  Batches(const Objective& f, const Training& training) : f_(f), training_(training) {}

  const std::vector<std::size_t>& rows(long t) {
    const std::size_t n = f_.data()->size();
    const auto b = static_cast<std::size_t>(training_.batch);
    rows_.resize(b);
    for (std::size_t j = 0; j < b; ++j) {
      const std::size_t p = static_cast<std::size_t>(t - 1) * b + j;
      const std::size_t epoch = p / n;
      if (training_.shuffle && (order_.empty() || epoch != epoch_)) {
        order_ = random_permutation(n, training_.seed, kShuffleStream, epoch);
        epoch_ = epoch;
      }
      rows_[j] = training_.shuffle ? order_[p % n] : p % n;
    }
    return rows_;
  }

 private:
  static constexpr std::uint64_t kShuffleStream = 0x5ca1ab1e;  // one order for every run of a scenario
  const Objective& f_;
  const Training& training_;
  std::vector<std::size_t> rows_;
  std::vector<std::size_t> order_;
  std::size_t epoch_ = 0;
};

// The loop every run shares: `update(t, eta_t, theta, g)` returns theta_t and records the state.
template <class Update>
void record(const Objective& f, double eta, Vec2 start, long steps, const Training& training, Trajectory& out,
            Update update) {
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
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

  Batches batches(f, training);
  Vec2 theta = start;
  for (long k = 0;; ++k) {
    const long t = k + 1;  // the update that this row's gradient is for
    double value = 0;
    Vec2 gradient;
    f.evaluate(theta, value, gradient);
    if (training.batch > 0) {
      double batch_value = 0;
      f.evaluate_rows(theta, batches.rows(t), batch_value, gradient);
    }
    if (training.noise > 0)
      gradient = gradient + training.noise * random_normal_pair(training.seed, training.stream,
                                                                static_cast<std::uint64_t>(t));
    out.position.push_back(theta);
    out.value.push_back(value);
    out.gradient.push_back(gradient);
    if (is_divergent(theta, value, gradient)) {
      out.diverged_at = k;
      break;
    }
    if (k == steps) break;
    theta = update(t, training.schedule.is_constant() ? eta : training.schedule.eta(t, eta, steps), theta, gradient);
  }
}

}  // namespace

void run(const Objective& f, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training) {
  if (std::string problem = validate_run(h, start, steps); !problem.empty()) throw std::invalid_argument(problem);
  out.state.reserve(static_cast<std::size_t>(steps));
  State state = initial_state<Vec2>(h);
  Hyperparameters at_t = h;
  record(f, h.eta, start, steps, training, out, [&](long, double eta, Vec2 theta, Vec2 g) {
    at_t.eta = eta;
    theta = step(at_t, state, theta, g);
    out.state.push_back(state);
    return theta;
  });
}

void run(const Objective& f, const Rule& rule, const Hyperparameters& h, Vec2 start, long steps, Trajectory& out,
         const Training& training) {
  if (auto problem = find_rule_problem(rule, h)) throw std::invalid_argument(problem->message());
  if (auto problem = find_course_problem(start, steps)) throw std::invalid_argument(problem->message());
  const std::size_t width = rule.state().size();
  std::vector<double> x_state(width), y_state(width), registers;
  Hyperparameters at_t = h;
  record(f, h.eta, start, steps, training, out, [&](long t, double eta, Vec2 theta, Vec2 g) {
    at_t.eta = eta;
    const Vec2 next = {rule.step(at_t, t, theta.x, g.x, x_state, registers),
                       rule.step(at_t, t, theta.y, g.y, y_state, registers)};
    for (std::size_t i = 0; i < width; ++i) out.rule_state.push_back({x_state[i], y_state[i]});
    out.rule_step_size.push_back((theta - next) / g);
    return next;
  });
  out.rule_width = width;
}

}  // namespace optviz
