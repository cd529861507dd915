// Training a network: every built-in optimizer (optimizer.hpp's rules with V = double) or a typed
// rule, applied element by element to every parameter, weights and biases alike, each element with
// its own state; the schedule's eta_t; mini-batches in the wrap-around order (and per-epoch
// shuffling) of the 2D data losses (run_loop.hpp's Batches). Weight decay acts on every parameter
// as the optimizer defines it (the rules themselves; a typed rule writes its own).
// Row t of a run holds the weights after t updates: the loss over all training rows, the loss of
// the batch whose gradient gives update t + 1 (at the same weights), and the test set's loss. A
// row whose loss, weights or gradient is not finite (or weights beyond kDivergenceBound) ends the
// run as diverged at that step: a normal outcome with a status, never an exception.
// What a run keeps is a policy (NetRecording): rows every k steps and the last, and per-layer
// statistics of the optimizer at those rows (layer_stats.hpp); a step that records nothing computes
// only its batch's loss and gradient and its update.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "course.hpp"
#include "layer_stats.hpp"
#include "net_data.hpp"
#include "network.hpp"
#include "optimizer.hpp"

namespace optviz {

// What a network trains on: the training rows and the test rows (none: an empty set), both read
// through the same features.
struct NetSets {
  NetData train;
  NetData test;
  std::vector<Feature> features = {Feature::x1, Feature::x2};
};

// Rows at steps 0, every, 2 every, ... and the last (the steps' number, or the step it diverged at);
// with layer_stats, the statistics of the updates of those rows (from `every`).
struct NetRecording {
  long every = 1;
  bool layer_stats = false;
  // k > 0: the weights of rows 0, k, 2k, ... and of the last row are kept (plane.hpp); never every
  // row's, unless asked.
  long snapshot_every = 0;
};

// The work a training may do, in rows through the network times its parameters: about a minute (a
// 2-8-8-1 network does 2e10 in 30 s on full batches, in 55 s on batches of 10). More is an error,
// never hours of running.
inline constexpr double kMaxNetWork = 2e10;
// The default recording keeps at most this many rows, and evaluates at most this many rows of data
// for them (the training and test rows at each).
inline constexpr long kDefaultNetRecords = 10'000;
inline constexpr double kDefaultNetRecordRows = 1e7;

// The smallest k >= 1 that keeps the recording within those two bounds.
long default_every(const NetSets& sets, long steps);
// rows x parameters of a training: its batches' rows at every step and every training and test row at
// every recorded row.
double net_work(const Network& net, const NetSets& sets, long batch, long steps, long every);
// "" or the first problem of a recording (every 1 .. steps, the work within kMaxNetWork), named as
// the flags do: "every: ...", "work: ...".
std::string find_net_recording_problem(const Network& net, const NetSets& sets, long batch, long steps,
                                       const NetRecording& recording);

struct NetRun {
  std::vector<long> step;             // the step of each row
  std::vector<double> loss;           // the recorded rows of 0 .. steps (fewer when it diverged)
  std::vector<double> batch_loss;     // with mini-batches only
  std::vector<double> accuracy;       // a logistic network's, on the training rows
  std::vector<double> test_loss;      // with a test set
  std::vector<double> test_accuracy;  // with a test set and the logistic loss
  std::vector<double> theta;          // the weights of the last row
  // With snapshot_every: the rows whose whole weights were kept, and those weights (plane.hpp).
  std::vector<long> snapshot_steps;
  std::vector<std::vector<double>> snapshots;
  std::optional<long> diverged_at;
  std::vector<LayerStats> layer_stats;  // with NetRecording::layer_stats
  std::string accumulator;              // the accumulator's name in layer_stats, "" when none
  std::string status() const;           // "diverged at step k", or ""
  std::string shown_status() const;     // status() in the language shown; status() stays English (CSV, JSON)
  std::size_t rows() const { return loss.size(); }
};

// The weights a run had at `step`: its last snapshot at or before it (the last row's weights when
// it kept none), and that snapshot's step.
struct WeightsAt {
  std::span<const double> theta;
  long step = 0;
};
WeightsAt snapshot_at(const NetRun& run, long step);

// The first problem of a training ("" when none): the data for the loss, the optimizer's
// hyperparameters, the schedule, the batch against the rows, the steps; messages name the field
// as the flags do ("batch: must be at most the 60 rows of the data, got 61").
std::string find_net_training_problem(const Network& net, const NetSets& sets, const RunSpec& spec, long steps);

// Trains from `theta` (net.parameter_count() values) for `steps` updates. The caller has checked
// find_net_training_problem (and find_net_recording_problem).
NetRun train_network(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec,
                     long steps, std::uint64_t seed, const NetRecording& recording = {});

// What update t = k + 1 of a training did to one parameter (NetTrainer::watch): what it read (the
// parameter and its gradient at row k, eta_t after the schedule, the optimizer's state of that
// parameter before it) and the parameter after it. net_explain.hpp explains it.
struct ParameterStep {
  long step = 0;  // k
  double eta = 0;
  double theta = 0, gradient = 0;
  double theta_after = 0;
  OptimizerState<double> state;    // a built-in's
  std::vector<double> rule_state;  // a typed rule's variables, in Rule::state() order
};

// A training that advances in parts, so that the window's job can drop a stale one between parts
// and a page can train between its frames; train_network is one run to its end. `net` and `sets`
// must outlive it. Its rows are train_network's, bit for bit, however it is divided.
class NetTrainer {
 public:
  NetTrainer(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec, long steps,
             std::uint64_t seed, const NetRecording& recording = {});
  ~NetTrainer();
  NetTrainer(NetTrainer&&) noexcept;
  NetTrainer& operator=(NetTrainer&&) noexcept;

  // Computes up to `rows` more rows (a row: the pass at step k and the update after it); true once
  // the run has ended (its steps done, or diverged).
  bool advance(long rows);
  bool done() const;
  long next_row() const;  // the step of the next row to compute
  // The run (the rest computed first).
  NetRun finish() &&;
  // From the next row on, keeps what each update does to parameter `parameter` (< the network's
  // parameter_count()); watched() is the last update's (null before the first). Nothing else changes.
  void watch(std::size_t parameter);
  const ParameterStep* watched() const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

// CSV: step,loss then the columns the run has (batch_loss, accuracy, test_loss, test_accuracy).
void write_net_csv(std::ostream& out, const NetRun& run);

}  // namespace optviz
