// Training a network: every built-in optimizer (optimizer.hpp's rules with V = double) or a typed
// rule, applied element by element to every parameter, weights and biases alike, each element with
// its own state; the schedule's eta_t; mini-batches in the wrap-around order (and per-epoch
// shuffling) of the 2D data losses (run_loop.hpp's Batches). Weight decay acts on every parameter
// as the optimizer defines it (the rules themselves; a typed rule writes its own).
// Row t of a run holds the weights after t updates: the loss over all training rows, the loss of
// the batch whose gradient gives update t + 1 (at the same weights), and the test set's loss. A
// row whose loss, weights or gradient is not finite (or weights beyond kDivergenceBound) ends the
// run as diverged at that step: a normal outcome with a status, never an exception.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

#include "course.hpp"
#include "net_data.hpp"
#include "network.hpp"

namespace optviz {

// What a network trains on: the training rows and the test rows (none: an empty set), both read
// through the same features.
struct NetSets {
  NetData train;
  NetData test;
  std::vector<Feature> features = {Feature::x1, Feature::x2};
};

struct NetRun {
  std::vector<double> loss;           // rows 0 .. steps (fewer when it diverged)
  std::vector<double> batch_loss;     // with mini-batches only
  std::vector<double> accuracy;       // a logistic network's, on the training rows
  std::vector<double> test_loss;      // with a test set
  std::vector<double> test_accuracy;  // with a test set and the logistic loss
  std::vector<double> theta;          // the weights of the last row
  // With snapshot_every: the rows whose whole weights were kept, and those weights (plane.hpp).
  std::vector<long> snapshot_steps;
  std::vector<std::vector<double>> snapshots;
  std::optional<long> diverged_at;
  std::string status() const;  // "diverged at step k", or ""
  std::size_t rows() const { return loss.size(); }
};

// The first problem of a training ("" when none): the data for the loss, the optimizer's
// hyperparameters, the schedule, the batch against the rows, the steps; messages name the field
// as the flags do ("batch: must be at most the 60 rows of the data, got 61").
std::string find_net_training_problem(const Network& net, const NetSets& sets, const RunSpec& spec, long steps);

// Trains from `theta` (net.parameter_count() values) for `steps` updates. The caller has checked
// find_net_training_problem. With snapshot_every = k > 0, the weights of rows 0, k, 2k, ... and of
// the last row are kept (plane.hpp); never every row's, unless asked.
NetRun train_network(const Network& net, std::vector<double> theta, const NetSets& sets, const RunSpec& spec,
                     long steps, std::uint64_t seed, long snapshot_every = 0);

// CSV: step,loss then the columns the run has (batch_loss, accuracy, test_loss, test_accuracy).
void write_net_csv(std::ostream& out, const NetRun& run);

}  // namespace optviz
