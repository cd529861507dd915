#include "train.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "number_text.hpp"
#include "optimizer.hpp"
#include "parameters.hpp"
#include "rule.hpp"
#include "run_loop.hpp"
#include "trajectory.hpp"
#include "translate.hpp"

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

  // The accumulator's name (accumulator_field, or a rule's default_accumulator), "" when none.
  std::string accumulator_name() const {
    if (rule_) return rule_->state().empty() ? "" : default_accumulator(*rule_);
    const auto field = accumulator_field<double>(hyper_);
    return field ? std::string(field->name) : "";
  }

  // The accumulator after the last update, per parameter, into `out` (when there is one).
  void accumulator(std::span<double> out) const {
    if (rule_) {
      const std::size_t k = rule_->state().size();
      const std::size_t at = *rule_->state_index(default_accumulator(*rule_));
      for (std::size_t i = 0; i < out.size(); ++i) out[i] = rule_state_[i * k + at];
      return;
    }
    const auto member = accumulator_field<double>(hyper_)->member;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = states_[i].*member;
  }

  // The step size of the last update, per parameter: the state's lr, or a rule's -(after - before) / g.
  void step_size(std::span<const double> before, std::span<const double> after, std::span<const double> g,
                 std::span<double> out) const {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = rule_ ? (before[i] - after[i]) / g[i] : states_[i].lr;
  }

  // Parameter i's state before the next update, into `out`.
  void state_of(std::size_t i, ParameterStep& out) const {
    if (!rule_) {
      out.state = states_[i];
      return;
    }
    const std::size_t k = rule_->state().size();
    out.rule_state.assign(rule_state_.begin() + static_cast<std::ptrdiff_t>(i * k),
                          rule_state_.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
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

// What a recorded update keeps for the statistics: the weights before it and its gradient.
struct StatsRecorder {
  StatsRecorder(const ParameterUpdate& u, std::size_t n) : update(u), accumulator(u.accumulator_name()) {
    before.resize(n);
    gradient.resize(n);
    after_accumulator.resize(accumulator.empty() ? 0 : n);
    step_size.resize(n);
  }
  void keep(std::span<const double> theta, std::span<const double> g) {
    std::copy(theta.begin(), theta.end(), before.begin());
    std::copy(g.begin(), g.end(), gradient.begin());
  }
  void record(const Network& net, long step, std::span<const double> theta, NetRun& run) {
    if (!accumulator.empty()) update.accumulator(after_accumulator);
    update.step_size(before, theta, gradient, step_size);
    add_layer_stats(net, {step, before, theta, after_accumulator, step_size}, run.layer_stats);
  }

  const ParameterUpdate& update;
  std::string accumulator;
  std::vector<double> before, gradient, after_accumulator, step_size;
};

}  // namespace

std::string NetRun::status() const { return divergence_status(diverged_at, as_english); }

std::string NetRun::shown_status() const { return divergence_status(diverged_at); }

std::string find_net_training_problem(const Network& net, const NetSets& sets, const RunSpec& spec, long steps) {
  if (sets.features.size() != net.spec().inputs)
    return "features: " + tr_format("{0} for a network of {1} inputs",
                                    {std::to_string(sets.features.size()), std::to_string(net.spec().inputs)});
  if (std::string p = find_net_data_problem(sets.train, net.spec().loss); !p.empty()) return "data: " + p;
  if (sets.train.size() > kMaxNetRows || sets.test.size() > kMaxNetRows)
    return "data: " + tr_format("at most {0} rows", {std::to_string(kMaxNetRows)});
  if (sets.test.size() > 0)
    if (std::string p = find_net_data_problem(sets.test, net.spec().loss); !p.empty()) return "test data: " + p;
  if (steps < 0 || steps > kMaxSteps)
    return "steps: " + tr_format("must be 0 .. {0}, got {1}", {std::to_string(kMaxSteps), std::to_string(steps)});
  if (spec.rule) {
    if (const auto p = find_rule_problem(*spec.rule, spec.hyper)) return p->message();
  } else if (std::string p = validate(spec.hyper); !p.empty()) {
    return p;
  }
  if (std::string p = find_schedule_problem(spec.schedule); !p.empty()) return "schedule." + p;
  if (spec.batch < 0)
    return "batch: " + tr_format("must be an integer >= 1 (0: every row), got {0}", {std::to_string(spec.batch)});
  if (static_cast<std::size_t>(spec.batch) > sets.train.size())
    return "batch: " + tr_format("must be at most the {0} training rows, got {1}",
                                 {std::to_string(sets.train.size()), std::to_string(spec.batch)});
  if (spec.shuffle && spec.batch == 0) return "shuffle: " + std::string(tr("needs mini-batches (--batch)"));
  if (spec.noise != 0) return "noise: " + std::string(tr("a network's gradients take no noise"));
  return "";
}

long default_every(const NetSets& sets, long steps) {
  const auto rows = static_cast<double>(sets.train.size() + sets.test.size());
  const auto by_rows = static_cast<long>(std::ceil(static_cast<double>(steps) * rows / kDefaultNetRecordRows));
  return std::max({1L, (steps + kDefaultNetRecords - 1) / kDefaultNetRecords, by_rows});
}

double net_work(const Network& net, const NetSets& sets, long batch, long steps, long every) {
  const auto train = static_cast<double>(sets.train.size());
  const double per_step = batch > 0 ? static_cast<double>(batch) : train;
  const double records = static_cast<double>(steps / every + 1 + (steps % every != 0));  // 0, every, ..., last
  const double rows = per_step * static_cast<double>(steps) +
                      records * (static_cast<double>(sets.test.size()) + (batch > 0 ? train : 0.0));
  return rows * static_cast<double>(net.parameter_count());
}

std::string find_net_recording_problem(const Network& net, const NetSets& sets, long batch, long steps,
                                       const NetRecording& recording) {
  if (recording.every < 1 || recording.every > std::max(steps, 1L))
    return "every: " + tr_format("must be 1 .. {0} (the steps), got {1}",
                                 {std::to_string(std::max(steps, 1L)), std::to_string(recording.every)});
  if (const double work = net_work(net, sets, batch, steps, recording.every); work > kMaxNetWork)
    return "work: " + tr_format(
                          "{0} rows x parameters, at most {1} (about a minute): fewer steps, a smaller batch, a "
                          "larger every or a smaller network",
                          {format_shown(work), format_shown(kMaxNetWork)});
  return "";
}

// Everything a training keeps between its parts; members in the order they are built (update
// reads spec's rule, stats reads update).
struct NetTrainer::State {
  State(const Network& n, std::vector<double> w, const NetSets& sets, const RunSpec& s, long steps_in,
        std::uint64_t seed, const NetRecording& r)
      : net(n),
        spec(s),
        steps(steps_in),
        recording(r),
        training(training_of(spec, seed, 0)),
        e(net, sets),
        batches(sets.train.size(), training),
        update(spec, w.size()),
        theta(std::move(w)),
        gradient(theta.size()) {
    if (recording.layer_stats) stats.emplace(update, theta.size());
  }

  // Row k: its pass, its record, and the update it leads to. True when it was the last.
  bool row(long k) {
    const long t = k + 1;  // the update that this row's gradient is for
    const bool full = training.batch == 0;
    const bool recorded = k % recording.every == 0 || k == steps;
    const auto pass = [&](bool want_loss) {
      return full ? net.loss_and_gradient(theta, e.x, e.y, gradient, e.all, want_loss)
                  : net.loss_and_gradient(theta, e.x, e.y, batches.rows(t), gradient, e.batch, want_loss);
    };
    double loss = pass(recorded);  // a step that records nothing computes no loss
    if (diverged(loss, theta, gradient)) run.diverged_at = k;
    if (recorded || run.diverged_at) {
      if (!recorded) loss = pass(true);  // the diverged step's row
      run.step.push_back(k);
      (full ? run.loss : run.batch_loss).push_back(loss);
      e.record(theta, run, full);
      if (!std::isfinite(run.loss.back())) run.diverged_at = k;
      if (stats && k > 0) stats->record(net, k, theta, run);
    }
    const bool last = run.diverged_at || k == steps;
    if (recording.snapshot_every > 0 && (k % recording.snapshot_every == 0 || last)) {
      run.snapshot_steps.push_back(k);
      run.snapshots.push_back(theta);
    }
    if (last) return true;
    if (stats) stats->keep(theta, gradient);
    const double eta = learning_rate(training.schedule, t, spec.hyper.eta, steps);
    if (watched_parameter) {
      const std::size_t i = *watched_parameter;
      ParameterStep& w = watched.emplace();
      w.step = k;
      w.eta = eta;
      w.theta = theta[i];
      w.gradient = gradient[i];
      update.state_of(i, w);
    }
    update(t, eta, theta, gradient);
    if (watched_parameter) watched->theta_after = theta[*watched_parameter];
    return false;
  }

  const Network& net;
  const RunSpec spec;
  const long steps;
  const NetRecording recording;
  const Training training;
  Evaluation e;
  Batches batches;
  ParameterUpdate update;
  std::optional<StatsRecorder> stats;
  std::vector<double> theta, gradient;
  NetRun run;
  std::optional<std::size_t> watched_parameter;
  std::optional<ParameterStep> watched;
  long next = 0;  // the next row
  bool done = false;
};

NetTrainer::NetTrainer(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec,
                       long steps, std::uint64_t seed, const NetRecording& recording)
    : s_(std::make_unique<State>(net, std::move(theta), sets, spec, steps, seed, recording)) {}

NetTrainer::~NetTrainer() = default;
NetTrainer::NetTrainer(NetTrainer&&) noexcept = default;
NetTrainer& NetTrainer::operator=(NetTrainer&&) noexcept = default;

bool NetTrainer::advance(long rows) {
  for (long i = 0; i < rows && !s_->done; ++i) s_->done = s_->row(s_->next++);
  return s_->done;
}

bool NetTrainer::done() const { return s_->done; }
long NetTrainer::next_row() const { return s_->next; }

void NetTrainer::watch(std::size_t parameter) {
  s_->watched_parameter = parameter;
  s_->watched.reset();
}

const ParameterStep* NetTrainer::watched() const { return s_->watched ? &*s_->watched : nullptr; }

NetRun NetTrainer::finish() && {
  while (!s_->done) advance(std::numeric_limits<long>::max());
  NetRun run = std::move(s_->run);
  if (s_->stats) run.accumulator = s_->stats->accumulator;
  run.theta = std::move(s_->theta);
  return run;
}

NetRun train_network(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec,
                     long steps, std::uint64_t seed, const NetRecording& recording) {
  return NetTrainer(net, std::move(theta), sets, spec, steps, seed, recording).finish();
}

WeightsAt snapshot_at(const NetRun& run, long step) {
  if (run.snapshot_steps.empty()) return {run.theta, run.step.empty() ? 0 : run.step.back()};
  const auto it = std::upper_bound(run.snapshot_steps.begin(), run.snapshot_steps.end(), step);
  const auto k = it == run.snapshot_steps.begin() ? 0 : static_cast<std::size_t>(it - run.snapshot_steps.begin()) - 1;
  return {run.snapshots[k], run.snapshot_steps[k]};
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
    out << run.step[k];
    for (const auto& [title, values] : columns)
      if (!values->empty()) out << ',' << format_number((*values)[k]);
    out << '\n';
  }
}

}  // namespace optviz
