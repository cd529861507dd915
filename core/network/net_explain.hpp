// One parameter of a network run, explained as a 2D run's update is (core/run/explain.hpp): the
// optimizer sees every weight and bias as a coordinate of its own, so update t = k + 1 of one of them
// has the same parts (the gradient, g^2, the accumulator, the division, the step) with one number
// each. The numbers are the training's own: the training is replayed deterministically (NetTrainer,
// the same bits as train_network) up to row k, where it keeps the parameter, its gradient, eta_t and
// its optimizer state before the update (NetTrainer::watch); explain_step then makes the same update
// with those, and lands on the parameter the training had after it, bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "explain.hpp"
#include "layer_stats.hpp"
#include "train.hpp"

namespace optviz {

// Where parameter i lies: layer `layer` (net.layers()'s index), a weight W(to, from) or the bias of
// unit `to`.
struct ParameterPlace {
  std::size_t layer = 0;
  ParameterKind kind = ParameterKind::weight;
  std::size_t to = 0, from = 0;
  friend bool operator==(const ParameterPlace&, const ParameterPlace&) = default;
};
// i < net.parameter_count().
ParameterPlace parameter_place(const Network& net, std::size_t i);

// As the window names it, layers and units from 1 as the network view numbers its columns:
// "layer 2 weight from unit 3 to unit 1", "layer 1 weight from x1 to unit 4", "layer 3 weight from
// unit 2 to the output", "layer 2 bias of unit 3", "the output's bias". `features` name layer 1's
// inputs.
std::string parameter_name(const Network& net, std::span<const Feature> features, std::size_t i);
// "w" for a weight, "b" for a bias.
std::string_view parameter_symbol(const Network& net, std::size_t i);

// The update that `step` records, explained for `run` (a typed rule's default_accumulator drawn as
// squares), as one coordinate.
Explanation explain_parameter_step(const RunSpec& run, const ParameterStep& step);

// A run replayed for one parameter: explain(k) replays forward from where the last call stopped
// (from the start when k lies behind it), so that a playhead moving forward costs only its steps.
// `net` and `sets` must outlive it.
class ParameterReplay {
 public:
  ParameterReplay(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec, long steps,
                  std::uint64_t seed, std::size_t parameter);

  // Update k + 1 of the parameter; a message instead of parts at the run's last step, at the step
  // where it diverged, and outside 0 .. steps.
  Explanation explain(long k);
  std::size_t parameter() const { return parameter_; }
  long restarts() const { return restarts_; }  // trainings started from theta, for tests of the reuse

 private:
  void restart();

  const Network* net_;  // pointers, not references: a replay is assignable
  std::vector<double> theta_;
  const NetSets* sets_;
  RunSpec spec_;
  long steps_;
  std::uint64_t seed_;
  std::size_t parameter_;
  std::optional<NetTrainer> trainer_;
  long restarts_ = 0;
};

}  // namespace optviz
