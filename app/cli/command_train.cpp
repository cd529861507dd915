// `optviz train`: a small network trained on 2D data with one optimizer (or typed rule), printed
// as CSV: row t holds the loss over every training row with the weights after t updates.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "net_data.hpp"
#include "network.hpp"
#include "number_text.hpp"
#include "train.hpp"
#include "train_options.hpp"
#include "translate.hpp"
#include "weights_file.hpp"

namespace optviz::cli {
namespace {

constexpr long kDefaultSteps = 100;

}  // namespace

void add_training_options(CLI::App& cmd, TrainOptions& o) {
  cmd.add_option("--data", o.data, tr("a CSV file with columns x1, x2 and y (labels 0 and 1 for --loss logistic)"));
  cmd.add_option("--dataset", o.dataset,
                 tr("instead of --data, TensorFlow Playground's set: circle, xor, gauss, spiral (classification), "
                    "plane, multi-gauss (regression)"));
  o.rows_option = cmd.add_option("--rows", o.rows, tr("with --dataset: its rows (default 200)"));
  o.noise_option = cmd.add_option("--noise", o.noise, tr("with --dataset: its noise, 0 .. 0.5 (default 0)"));
  cmd.add_option("--test-fraction", o.test_fraction,
                 tr("hold out this fraction of the rows (drawn by --seed) as a test set, 0 .. 0.9 (default 0)"));
  cmd.add_option("--layers", o.layers,
                 tr("the hidden layers' widths, for example 8,8 (default); --layers \"\" for none; at most 6 layers "
                    "of 1 .. 16 units"));
  cmd.add_option("--activation", o.activation, tr("of the hidden units: tanh (default), relu or sigmoid"));
  cmd.add_option("--loss", o.loss,
                 tr("logistic (labels 0 and 1; the default for classification) or mse (the default for --dataset "
                    "plane and multi-gauss)"));
  cmd.add_option("--features", o.features, tr("the inputs, from x1,x2,x1^2,x2^2,x1x2,sin_x1,sin_x2 (default x1,x2)"));
  cmd.add_option("--init", o.init,
                 tr("the initial weights, a JSON file {\"layers\": [{\"weight\": [[...], ...], \"bias\": [...]}, "
                    "...]} (default: drawn by --seed, Glorot uniform for tanh and sigmoid, He uniform for relu)"));
  cmd.add_option("--optimizer", o.run.optimizer, tr("optimizer (see `optviz list`)"));
  cmd.add_option("--rule", o.run.rule,
                 tr("a typed update rule instead of --optimizer, applied to every weight with its own state"));
  o.run.batch_option = cmd.add_option("--batch", o.run.batch, tr("rows of a mini-batch (default: all)"));
  cmd.add_flag("--shuffle", o.run.shuffle, tr("with --batch: reorder the rows every epoch (reproducibly, by --seed)"));
  cmd.add_option("--seed", o.run.seed,
                 tr("seed of the initial weights, the data set, the test rows and the shuffled batches (default 0)"));
  add_schedule_options(cmd, o.run);
  o.run.steps = kDefaultSteps;
  cmd.add_option("--steps", o.run.steps,
                 tr_format("number of updates (default {0}, at most {1})",
                           {std::to_string(kDefaultSteps), std::to_string(kMaxSteps)}));
  add_hyperparameter_options(cmd, o.run);
}

namespace {

void add_train_options(CLI::App& cmd, TrainOptions& o) {
  add_training_options(cmd, o);
  cmd.add_option("--weights-out", o.weights_out, tr("write the weights after the last update to this JSON file"));
  cmd.add_option("--out", o.out, tr("write the CSV to this file instead of standard output"));
  o.every_option =
      cmd.add_option("--every", o.every,
                     tr_format("record a row every K steps and the last (default: every step, unless that passes {0} "
                               "rows or {1} rows of data evaluated: then the smallest K within both)",
                               {std::to_string(kDefaultNetRecords), format_shown(kDefaultNetRecordRows)}));
  cmd.add_option("--stats", o.stats,
                 tr("write per layer (weights and biases apart), at each recorded step, the distributions of the "
                    "accumulator, the step size and |update|/|weight| as CSV to this file: quantiles and a histogram "
                    "over decades"));
}

// "8,8" -> {8, 8}; "" -> none. Each width a positive integer.
std::vector<std::size_t> parse_layers(const std::string& text) {
  std::vector<std::size_t> widths;
  if (text.empty()) return widths;
  if (const auto count = static_cast<std::size_t>(std::count(text.begin(), text.end(), ',')) + 1;
      count > kMaxHiddenLayers)  // before reading them: a limit, never an allocation
    throw BadInput(tr_format("invalid --layers \"{0}\": hidden layers: at most {1}, got {2}",
                             {text, std::to_string(kMaxHiddenLayers), std::to_string(count)}));
  std::stringstream in(text + ",");
  std::string field;
  while (std::getline(in, field, ',')) {
    const auto v = parse_number(field);
    if (!v || *v < 1 || *v > static_cast<double>(kMaxUnits) || *v != static_cast<double>(static_cast<long>(*v)))
      throw BadInput(tr_format("invalid --layers \"{0}\": \"{1}\" is not a width of 1 .. {2} units",
                               {text, field, std::to_string(kMaxUnits)}));
    widths.push_back(static_cast<std::size_t>(*v));
  }
  return widths;
}

std::vector<Feature> parse_features(const std::string& text) {
  std::vector<Feature> features;
  std::stringstream in(text);
  std::string field;
  while (std::getline(in, field, ',')) {
    const auto f = find_feature(field);
    if (!f)
      throw BadInput(
          tr_format("unknown feature \"{0}\" in --features (x1, x2, x1^2, x2^2, x1x2, sin_x1, sin_x2)", {field}));
    for (Feature g : features)
      if (g == *f) throw BadInput(tr_format("feature \"{0}\" twice in --features", {field}));
    features.push_back(*f);
  }
  if (features.empty()) throw BadInput(tr("--features: give at least one feature, for example x1,x2"));
  return features;
}

// The rows of --data or --dataset, and the loss that fits them.
NetData data_from(const TrainOptions& o, NetLoss& loss) {
  if (o.data.empty() == o.dataset.empty())
    throw BadInput(o.data.empty() ? tr("give --data FILE or --dataset NAME")
                                  : tr("give --data FILE or --dataset NAME, not both"));
  if (!o.data.empty() && (o.rows_option->count() > 0 || o.noise_option->count() > 0))
    throw BadInput(tr_format("{0} applies to --dataset", {o.rows_option->count() > 0 ? "--rows" : "--noise"}));
  bool regression = false;
  NetData data;
  try {
    if (!o.data.empty()) {
      data = load_net_csv(o.data);
    } else {
      const auto set = find_playground(o.dataset);
      if (!set)
        throw BadInput(
            tr_format("unknown dataset \"{0}\" (circle, xor, gauss, spiral, plane, multi-gauss)", {o.dataset}));
      const PlaygroundRecipe recipe{*set, o.rows, o.noise, o.run.seed};
      if (std::string p = find_recipe_problem(recipe); !p.empty()) throw BadInput("--dataset " + o.dataset + ": " + p);
      regression = !is_classification(*set);
      data = generate_playground(recipe);
    }
  } catch (const DataError& e) {
    const std::string what = e.what();
    throw BadInput(what.starts_with(o.data) ? what : o.data + ": " + what);
  }
  if (o.loss.empty()) {
    loss = regression ? NetLoss::mse : NetLoss::logistic;
  } else {
    const auto given = find_net_loss(o.loss);
    if (!given) throw BadInput(tr_format("unknown loss \"{0}\" (logistic or mse)", {o.loss}));
    loss = *given;
  }
  return data;
}

}  // namespace

TrainingSetup training_from_flags(const TrainOptions& o) {
  NetLoss loss = NetLoss::logistic;
  const NetData data = data_from(o, loss);
  NetSets sets;
  sets.features = parse_features(o.features);
  const auto activation = find_activation(o.activation);
  if (!activation) throw BadInput(tr_format("unknown activation \"{0}\" (tanh, relu or sigmoid)", {o.activation}));
  const NetworkSpec spec{sets.features.size(), parse_layers(o.layers), *activation, loss};
  if (std::string p = find_spec_problem(spec); !p.empty())
    throw BadInput(tr_format("invalid --layers \"{0}\": {1}", {o.layers, p}));
  Network net(spec);
  if (!(o.test_fraction >= 0 && o.test_fraction <= 0.9))
    throw BadInput(tr_format("invalid --test-fraction: must be 0 .. 0.9, got {0}", {format_number(o.test_fraction)}));
  if (o.test_fraction > 0) {
    NetSplit parts = split(data, o.test_fraction, o.run.seed);  // a DataError exits 2 (cli_main)
    sets.train = std::move(parts.train);
    sets.test = std::move(parts.test);
  } else {
    sets.train = data;
  }
  RunSpec run = optimizer_from_flags(o.run);
  if (o.run.shuffle && o.run.batch_option->count() == 0) throw BadInput(tr("--shuffle applies with --batch B"));
  if (o.run.batch_option->count() > 0 && o.run.batch < 1)
    throw BadInput(tr_format("invalid --batch: must be at least 1, got {0}", {std::to_string(o.run.batch)}));
  run.batch = o.run.batch;
  run.shuffle = o.run.shuffle;
  if (std::string p = find_net_training_problem(net, sets, run, o.run.steps); !p.empty()) {
    const std::string source = o.data.empty() ? "--dataset " + o.dataset : o.data;
    if (p.starts_with("data: ")) throw BadInput(source + ": " + p.substr(6));
    if (p.starts_with("test data: ")) throw BadInput(tr_format("{0}, test rows: {1}", {source, p.substr(11)}));
    throw BadInput("--" + p);
  }
  std::vector<double> theta;
  try {
    theta = o.init.empty() ? net.initial_weights(o.run.seed) : load_weights(o.init, net);
  } catch (const NetworkError& e) {
    throw BadInput(std::string("--init ") + e.what());
  }
  return {std::move(net), std::move(sets), std::move(run), std::move(theta)};
}

namespace {

int train_command(const TrainOptions& o) {
  TrainingSetup t = training_from_flags(o);
  const Network& net = t.net;
  const NetRecording recording{o.every_option->count() > 0 ? o.every : default_every(t.sets, o.run.steps),
                               !o.stats.empty()};
  if (std::string p = find_net_recording_problem(net, t.sets, t.run.batch, o.run.steps, recording); !p.empty())
    throw BadInput(p.starts_with("work: ") ? p : "--" + p);
  const NetRun result = train_network(net, std::move(t.theta), t.sets, t.run, o.run.steps, o.run.seed, recording);
  // Before the CSV: all or nothing. A diverged run's weights may lie beyond what --init reads: then
  // no file, and the status says so.
  const bool weights_readable = weights_within_limit(result.theta);
  if (!o.weights_out.empty() && weights_readable) save_weights(o.weights_out, net, result.theta);
  if (!o.stats.empty()) {
    std::ostringstream stats;
    write_layer_stats_csv(stats, result.accumulator, result.layer_stats);
    write_file_atomically(o.stats, stats.str());
  }
  std::ostringstream csv;
  write_net_csv(csv, result);
  if (const int code = write_output(csv.str(), o.out); code != 0) return code;
  if (result.diverged_at) std::cerr << result.shown_status() << "\n";
  if (!o.weights_out.empty() && !weights_readable)
    std::cerr << tr_format("--weights-out {0} not written: weights beyond {1}, which --init could not read back",
                           {o.weights_out, format_shown(kMaxWeight)})
              << "\n";
  return 0;
}

}  // namespace

Command add_train_command(CLI::App& app) {
  return make_command(app, "train",
                      tr("train a small network on 2D data (--data FILE or --dataset NAME) with one optimizer and "
                         "print its loss per step as CSV"),
                      add_train_options, train_command);
}

}  // namespace optviz::cli
