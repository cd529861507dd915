#include "train.hpp"

#include <cmath>

#include "number_text.hpp"
#include "optimizer.hpp"
#include "parameters.hpp"
#include "rule.hpp"
#include "run_loop.hpp"
#include "trajectory.hpp"

namespace optviz {
namespace {

// One update of every parameter: a built-in's rule or a typed rule, element by element, each
// element with its own state.
class ParameterUpdate {
 public:
  ParameterUpdate(const RunSpec& spec, std::size_t n) : hyper_(spec.hyper), rule_(spec.rule ? &*spec.rule : nullptr) {
    if (rule_)
      rule_state_.assign(n * rule_->state().size(), 0.0);
    else
      states_.assign(n, initial_state<double>(hyper_));
  }

  void operator()(long t, double eta, std::span<double> theta, std::span<const double> g) {
    hyper_.eta = eta;
    if (rule_) {
      const std::size_t k = rule_->state().size();
      for (std::size_t i = 0; i < theta.size(); ++i)
        theta[i] = rule_->step(hyper_, t, theta[i], g[i], std::span(rule_state_).subspan(i * k, k), registers_);
      return;
    }
    with_kind(hyper_.kind, [&]<OptimizerKind K>() {
      for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = step_as<K>(hyper_, states_[i], theta[i], g[i]);
    });
  }

 private:
  Hyperparameters hyper_;
  const Rule* rule_;
  std::vector<OptimizerState<double>> states_;
  std::vector<double> rule_state_, registers_;
};

bool diverged(double loss, std::span<const double> theta, std::span<const double> g) {
  if (!std::isfinite(loss)) return true;
  for (double w : theta)
    if (!std::isfinite(w) || std::fabs(w) > kDivergenceBound) return true;
  for (double v : g)
    if (!std::isfinite(v)) return true;
  return false;
}

// The rows of a run: the sets as matrices and their workspaces, allocated once.
struct Evaluation {
  Evaluation(const Network& n, const NetSets& sets)
      : net(n),
        x(input_matrix(sets.train, sets.features)),
        y(target_vector(sets.train)),
        test_x(input_matrix(sets.test, sets.features)),
        test_y(target_vector(sets.test)) {}

  // Row k's loss over the training rows (and accuracy, and the test set's) into `run`.
  void record(std::span<const double> theta, NetRun& run, bool loss_known) {
    const bool logistic = net.spec().loss == NetLoss::logistic;
    if (!loss_known) run.loss.push_back(net.loss(theta, x, y, all));
    if (logistic) run.accuracy.push_back(accuracy(all.activation.back().col(0), y));
    if (test_y.size() == 0) return;
    run.test_loss.push_back(net.loss(theta, test_x, test_y, test));
    if (logistic) run.test_accuracy.push_back(accuracy(test.activation.back().col(0), test_y));
  }

  const Network& net;
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  Eigen::MatrixXd test_x;
  Eigen::VectorXd test_y;
  NetWorkspace all, batch, test;
};

}  // namespace

std::string NetRun::status() const {
  return diverged_at ? "diverged at step " + std::to_string(*diverged_at) : std::string();
}

std::string find_net_training_problem(const Network& net, const NetSets& sets, const RunSpec& spec, long steps) {
  if (sets.features.size() != net.spec().inputs)
    return "features: " + std::to_string(sets.features.size()) + " for a network of " +
           std::to_string(net.spec().inputs) + " inputs";
  if (std::string p = find_net_data_problem(sets.train, net.spec().loss); !p.empty()) return "data: " + p;
  if (sets.train.size() > kMaxNetRows || sets.test.size() > kMaxNetRows)
    return "data: at most " + std::to_string(kMaxNetRows) + " rows";
  if (sets.test.size() > 0)
    if (std::string p = find_net_data_problem(sets.test, net.spec().loss); !p.empty()) return "test data: " + p;
  if (steps < 0 || steps > kMaxSteps)
    return "steps: must be 0 .. " + std::to_string(kMaxSteps) + ", got " + std::to_string(steps);
  if (spec.rule) {
    if (const auto p = find_rule_problem(*spec.rule, spec.hyper)) return p->message();
  } else if (std::string p = validate(spec.hyper); !p.empty()) {
    return p;
  }
  if (std::string p = find_schedule_problem(spec.schedule); !p.empty()) return "schedule." + p;
  if (spec.batch < 0) return "batch: must be an integer >= 1 (0: every row), got " + std::to_string(spec.batch);
  if (static_cast<std::size_t>(spec.batch) > sets.train.size())
    return "batch: must be at most the " + std::to_string(sets.train.size()) + " training rows, got " +
           std::to_string(spec.batch);
  if (spec.shuffle && spec.batch == 0) return "shuffle: needs mini-batches (--batch)";
  if (spec.noise != 0) return "noise: a network's gradients take no noise";
  return "";
}

NetRun train_network(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec,
                     long steps, std::uint64_t seed, long snapshot_every) {
  const Training training = training_of(spec, seed, 0);
  Evaluation e(net, sets);
  Batches batches(sets.train.size(), training);
  ParameterUpdate update(spec, theta.size());
  std::vector<double> gradient(theta.size());
  NetRun run;
  for (long k = 0;; ++k) {
    const long t = k + 1;  // the update that this row's gradient is for
    if (training.batch > 0) {
      run.batch_loss.push_back(net.loss_and_gradient(theta, e.x, e.y, batches.rows(t), gradient, e.batch));
      e.record(theta, run, false);
    } else {
      run.loss.push_back(net.loss_and_gradient(theta, e.x, e.y, gradient, e.all));
      e.record(theta, run, true);
    }
    if (diverged(run.loss.back(), theta, gradient)) run.diverged_at = k;
    const bool last = run.diverged_at || k == steps;
    if (snapshot_every > 0 && (k % snapshot_every == 0 || last)) {
      run.snapshot_steps.push_back(k);
      run.snapshots.push_back(theta);
    }
    if (last) break;
    update(t, learning_rate(training.schedule, t, spec.hyper.eta, steps), theta, gradient);
  }
  run.theta = std::move(theta);
  return run;
}

void write_net_csv(std::ostream& out, const NetRun& run) {
  const std::vector<std::pair<const char*, const std::vector<double>*>> columns{{"loss", &run.loss},
                                                                                {"batch_loss", &run.batch_loss},
                                                                                {"accuracy", &run.accuracy},
                                                                                {"test_loss", &run.test_loss},
                                                                                {"test_accuracy", &run.test_accuracy}};
  out << "step";
  for (const auto& [title, values] : columns)
    if (!values->empty()) out << ',' << title;
  out << '\n';
  for (std::size_t k = 0; k < run.rows(); ++k) {
    out << k;
    for (const auto& [title, values] : columns)
      if (!values->empty()) out << ',' << format_number((*values)[k]);
    out << '\n';
  }
}

}  // namespace optviz
