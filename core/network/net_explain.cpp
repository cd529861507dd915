#include "net_explain.hpp"

#include <algorithm>

#include "rule.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

// One parameter's state as the 2D explanation reads it: each value in both coordinates.
State as_coordinates(const OptimizerState<double>& s) {
  const auto both = [](double v) { return Vec2{v, v}; };
  State out;
  out.t = s.t;
  out.G = both(s.G);
  out.gavg = both(s.gavg);
  out.buf = both(s.buf);
  out.m = both(s.m);
  out.v = both(s.v);
  out.vmax = both(s.vmax);
  out.u = both(s.u);
  out.D = both(s.D);
  out.lr = both(s.lr);
  out.mu_product = s.mu_product;
  return out;
}

std::string unit_name(std::size_t unit) { return tr_format("unit {0}", {std::to_string(unit + 1)}); }

}  // namespace

ParameterPlace parameter_place(const Network& net, std::size_t i) {
  for (std::size_t l = 0; l < net.layers().size(); ++l) {
    const LayerShape& s = net.layers()[l];
    if (i >= s.end()) continue;
    if (i >= s.bias_offset()) return {l, ParameterKind::bias, i - s.bias_offset(), 0};
    return {l, ParameterKind::weight, (i - s.offset) / s.in, (i - s.offset) % s.in};
  }
  return {};
}

std::string parameter_name(const Network& net, std::span<const Feature> features, std::size_t i) {
  const ParameterPlace p = parameter_place(net, i);
  const bool output = p.layer + 1 == net.layers().size();
  if (p.kind == ParameterKind::bias)
    return output ? std::string(tr("the output's bias"))
                  : tr_format("layer {0} bias of {1}", {std::to_string(p.layer + 1), unit_name(p.to)});
  const std::string from =
      p.layer == 0 && p.from < features.size() ? std::string(name(features[p.from])) : unit_name(p.from);
  return tr_format("layer {0} weight from {1} to {2}",
                   {std::to_string(p.layer + 1), from, output ? std::string(tr("the output")) : unit_name(p.to)});
}

std::string_view parameter_symbol(const Network& net, std::size_t i) {
  return parameter_place(net, i).kind == ParameterKind::bias ? "b" : "w";
}

Explanation explain_parameter_step(const RunSpec& run, const ParameterStep& step) {
  UpdateStart start;
  start.step = step.step;
  start.eta = step.eta;
  start.hyper = run.hyper;
  start.theta = {step.theta, step.theta};
  start.gradient = {step.gradient, step.gradient};
  start.coordinates = 1;
  start.gradient_source =
      run.batch > 0 ? tr_format("∂L/∂θ over this update's mini-batch of {0} rows, at θ", {std::to_string(run.batch)})
                    : std::string(tr("∂L/∂θ over every training row, at θ"));
  if (run.rule)
    for (double v : step.rule_state) start.rule_state.push_back({v, v});
  else
    start.state = as_coordinates(step.state);
  return explain_step(run, run.rule && !run.rule->state().empty() ? default_accumulator(*run.rule) : "", start);
}

ParameterReplay::ParameterReplay(const Network& net, std::vector<double> theta, const NetSets& sets,
                                 const RunSpec& spec, long steps, std::uint64_t seed, std::size_t parameter)
    : net_(&net),
      theta_(std::move(theta)),
      sets_(&sets),
      spec_(spec),
      steps_(steps),
      seed_(seed),
      parameter_(parameter) {
  if (parameter >= net.parameter_count())
    throw NetworkError(tr_format("parameter {0} of a network of {1}",
                                 {std::to_string(parameter), std::to_string(net.parameter_count())}));
}

void ParameterReplay::restart() {
  // The rows recorded do not change the weights: the fewest (0 and the last) replay fastest.
  NetRecording recording;
  recording.every = std::max(steps_, 1L);
  trainer_.emplace(*net_, theta_, *sets_, spec_, steps_, seed_, recording);
  trainer_->watch(parameter_);
  ++restarts_;
}

Explanation ParameterReplay::explain(long k) {
  Explanation e;
  e.optimizer = spec_.rule ? tr("typed rule") : std::string(title(spec_.hyper.kind));
  e.step = k;
  e.update = k + 1;
  e.coordinates = 1;
  if (k < 0 || k > steps_) {
    e.message = tr_format("Step {0} is outside the run (steps 0 to {1}).", {std::to_string(k), std::to_string(steps_)});
    return e;
  }
  if (k == steps_) {
    e.message = tr_format("Step {0} is the run's last step: there is no next update.", {std::to_string(k)});
    return e;
  }
  const auto at_k = [&] { return trainer_->watched() && trainer_->watched()->step == k; };
  if (!trainer_ || (trainer_->next_row() > k && !at_k())) restart();
  if (!at_k()) trainer_->advance(k + 1 - trainer_->next_row());
  if (at_k()) return explain_parameter_step(spec_, *trainer_->watched());
  // The training ended before update k + 1: it diverged at its last row.
  const long last = trainer_->next_row() - 1;
  e.message = k == last ? tr_format("The run diverged at step {0}: there is no next update.", {std::to_string(k)})
                        : tr_format("Step {0} is outside the run (it diverged at step {1}).",
                                    {std::to_string(k), std::to_string(last)});
  return e;
}

}  // namespace optviz
