// A network lesson: what a scenario holds instead of a 2D function when its runs train a network
// (core/network): the data (TensorFlow Playground's recipe, or rows read from a file and copied in),
// the share held out for testing, the features, the layers, the activation and the loss. The
// scenario's steps, seed and runs (each an optimizer or a typed rule with its schedule, batch and
// shuffle) are a 2D scenario's. One seed, the scenario's, splits the rows, draws the initial weights
// and shuffles the batches, as `optviz train --seed` does; the recipe's own seed draws the points
// ("New points" changes it alone).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "net_data.hpp"
#include "network.hpp"
#include "train.hpp"

namespace optviz {

struct Scenario;

struct NetworkSetup {
  std::optional<PlaygroundRecipe> recipe = PlaygroundRecipe{};  // none: `rows`, read from `source`
  NetData rows;
  std::string source;
  double test_fraction = 0.5;  // Playground's default: half the points train, half test
  std::vector<Feature> features = {Feature::x1, Feature::x2};
  std::vector<std::size_t> hidden = {4, 2};  // Playground's default network
  Activation activation = Activation::tanh;
  NetLoss loss = NetLoss::logistic;
  friend bool operator==(const NetworkSetup&, const NetworkSetup&) = default;
};

inline constexpr double kMaxTestFraction = 0.9;

// "2-4-2-1 tanh network on the circle": the title of a network scenario without one, in English
// (summary.json's "network"); shown_network_title is the same in the language shown.
std::string network_title(const NetworkSetup& setup);
std::string shown_network_title(const NetworkSetup& setup);

// The rows: drawn from the recipe, or the rows read. Throws DataError for a recipe that cannot be
// drawn.
NetData network_rows(const NetworkSetup& setup);
NetworkSpec network_spec(const NetworkSetup& setup);
// The training and test rows, split with `seed`, read through the setup's features.
NetSets network_sets(const NetworkSetup& setup, std::uint64_t seed);

// The first problem of a network scenario ("" when none), named by its field in the file:
// "network.hidden[1]: must be 1 .. 16 units, got 17", "runs[0].batch: must be at most the 100
// training rows, got 200", "network.data.rows: ...".
std::string find_network_problem(const Scenario& s);

// What every run of a network scenario starts from: the network, its sets and the initial weights.
// The scenario passes find_network_problem.
struct NetStart {
  Network net;
  NetSets sets;
  std::vector<double> theta;
};
NetStart network_start(const Scenario& s);

// What the window records of a run: rows as `optviz train` writes them by default (default_every),
// the layers' statistics at those rows, and snapshots of the weights every k steps so that at most
// kWindowSnapshots + 1 are kept (for the weight-space plane).
inline constexpr long kWindowSnapshots = 200;
NetRecording window_recording(const NetStart& start, long steps);

// Run `index` of a network scenario, trained from `start` as `optviz train` trains it.
NetRun train_scenario_run(const Scenario& s, const NetStart& start, std::size_t index, const NetRecording& recording);

}  // namespace optviz
