#include "network_setup.hpp"

#include <algorithm>

#include "number_text.hpp"
#include "scenario.hpp"
#include "translate.hpp"

namespace optviz {

NetData network_rows(const NetworkSetup& setup) {
  return setup.recipe ? generate_playground(*setup.recipe) : setup.rows;
}

NetworkSpec network_spec(const NetworkSetup& setup) {
  return {setup.features.size(), setup.hidden, setup.activation, setup.loss};
}

NetSets network_sets(const NetworkSetup& setup, std::uint64_t seed) {
  NetSets sets;
  sets.features = setup.features;
  if (setup.test_fraction > 0) {
    NetSplit parts = split(network_rows(setup), setup.test_fraction, seed);
    sets.train = std::move(parts.train);
    sets.test = std::move(parts.test);
  } else {
    sets.train = network_rows(setup);
  }
  return sets;
}

namespace {

// "2-4-2-1": the inputs, the widths of the hidden layers and the output.
std::string network_shape(const NetworkSetup& setup) {
  std::string shape = std::to_string(setup.features.size());
  for (std::size_t w : setup.hidden) shape += "-" + std::to_string(w);
  return shape + "-1";
}

}  // namespace

std::string network_title(const NetworkSetup& setup) {
  const std::string data = setup.recipe ? "the " + std::string(name(setup.recipe->set))
                                        : (setup.source.empty() ? std::string("data") : setup.source);
  return network_shape(setup) + " " + std::string(name(setup.activation)) + " network on " + data;
}

std::string shown_network_title(const NetworkSetup& setup) {
  const std::string shape = network_shape(setup);
  const std::string_view activation = name(setup.activation);
  if (setup.recipe) return tr_format("{0} {1} network on the {2}", {shape, activation, name(setup.recipe->set)});
  if (setup.source.empty()) return tr_format("{0} {1} network on data", {shape, activation});
  return tr_format("{0} {1} network on {2}", {shape, activation, setup.source});
}

namespace {

// The setup's own fields, before any data is drawn.
std::string find_setup_problem(const NetworkSetup& n) {
  if (n.recipe) {
    if (std::string p = find_recipe_problem(*n.recipe); !p.empty()) return "network.data." + p;
    if (!is_classification(n.recipe->set) && n.loss == NetLoss::logistic)
      return "network.loss: " +
             tr_format("\"logistic\" needs labels 0 and 1; the {0} set is a regression (use \"mse\")",
                       {name(n.recipe->set)});
  } else if (n.rows.x1.size() != n.rows.y.size() || n.rows.x2.size() != n.rows.y.size()) {
    return std::string("network.data: ") + tr("x1, x2 and y must have as many values");
  }
  if (!(n.test_fraction >= 0 && n.test_fraction <= kMaxTestFraction))
    return "network.test_fraction: " +
           tr_format("must be 0 .. {0}, got {1}", {format_number(kMaxTestFraction), format_number(n.test_fraction)});
  if (n.features.empty())
    return std::string("network.features: ") + tr("give at least one feature, for example [\"x1\", \"x2\"]");
  for (std::size_t i = 0; i < n.features.size(); ++i)
    if (std::find(n.features.begin(), n.features.begin() + static_cast<std::ptrdiff_t>(i), n.features[i]) !=
        n.features.begin() + static_cast<std::ptrdiff_t>(i))
      return "network.features[" + std::to_string(i) +
             "]: " + tr_format("\"{0}\" is named twice", {name(n.features[i])});
  if (n.hidden.size() > kMaxHiddenLayers)
    return "network.hidden: " + tr_format("at most {0} hidden layers, got {1}",
                                          {std::to_string(kMaxHiddenLayers), std::to_string(n.hidden.size())});
  for (std::size_t l = 0; l < n.hidden.size(); ++l)
    if (n.hidden[l] < 1 || n.hidden[l] > kMaxUnits)
      return "network.hidden[" + std::to_string(l) + "]: " +
             tr_format("must be 1 .. {0} units, got {1}", {std::to_string(kMaxUnits), std::to_string(n.hidden[l])});
  return "";
}

// "runs[2].batch: ..." for a training problem of run i; the data's own problems are the network's.
std::string run_problem(const std::string& p, std::size_t i) {
  if (p.starts_with("data: ")) return "network.data: " + p.substr(6);
  if (p.starts_with("test data: ")) return tr_format("network.data, test rows: {0}", {p.substr(11)});
  if (p.starts_with("steps: ")) return p;
  return "runs[" + std::to_string(i) + "]." + p;
}

}  // namespace

std::string find_network_problem(const Scenario& s) {
  if (!s.network) return "";
  if (std::string p = find_setup_problem(*s.network); !p.empty()) return p;
  NetSets sets;
  try {
    sets = network_sets(*s.network, s.course.seed);
  } catch (const DataError& e) {
    return std::string("network.data: ") + e.what();
  }
  const Network net(network_spec(*s.network));
  if (s.course.runs.empty())
    if (std::string p = find_net_training_problem(net, sets, RunSpec{}, s.course.steps); !p.empty())
      return run_problem(p, 0);
  const NetRecording recording = window_recording({net, sets, {}}, s.course.steps);
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) {
    const RunSpec& run = s.course.runs[i];
    if (std::string p = find_net_training_problem(net, sets, run, s.course.steps); !p.empty()) return run_problem(p, i);
    if (std::string p = find_net_recording_problem(net, sets, run.batch, s.course.steps, recording); !p.empty())
      return "runs[" + std::to_string(i) + "]: " + tr_format("too much to train ({0}): fewer steps or rows", {p});
  }
  return "";
}

NetStart network_start(const Scenario& s) {
  Network net(network_spec(*s.network));
  NetSets sets = network_sets(*s.network, s.course.seed);
  std::vector<double> theta = net.initial_weights(s.course.seed);
  return {std::move(net), std::move(sets), std::move(theta)};
}

NetRecording window_recording(const NetStart& start, long steps) {
  NetRecording r;
  r.every = default_every(start.sets, steps);
  r.layer_stats = true;
  r.snapshot_every = std::max(1L, (steps + kWindowSnapshots - 1) / kWindowSnapshots);
  return r;
}

NetRun train_scenario_run(const Scenario& s, const NetStart& start, std::size_t index, const NetRecording& recording) {
  return train_network(start.net, start.theta, start.sets, s.course.runs.at(index), s.course.steps, s.course.seed,
                       recording);
}

}  // namespace optviz
