// The flags of a network's training, which `train` and `plane` share (command_train.cpp), and the
// training they set up.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "commands.hpp"
#include "net_data.hpp"
#include "network.hpp"
#include "train.hpp"

namespace optviz::cli {

struct TrainOptions {
  RunOptions run;
  std::string data;
  std::string dataset;
  std::size_t rows = PlaygroundRecipe{}.rows;
  double noise = 0;
  std::string layers = "8,8";
  std::string activation = "tanh";
  std::string loss;
  std::string features = "x1,x2";
  std::string init;
  std::string weights_out;
  std::string stats;  // train: --stats FILE
  long every = 1;     // train: --every K
  CLI::Option* every_option = nullptr;
  double test_fraction = 0;
  std::string out;
  CLI::Option* rows_option = nullptr;
  CLI::Option* noise_option = nullptr;
};

// The data, network, optimizer and training flags (not --out or --weights-out, whose meaning is
// the command's), then the hyperparameters.
void add_training_options(CLI::App& cmd, TrainOptions& o);

// What the flags set up: the network, its sets, the optimizer and its training, the initial
// weights. Checked (find_net_training_problem); throws BadInput.
struct TrainingSetup {
  Network net;
  NetSets sets;
  RunSpec run;
  std::vector<double> theta;
};
TrainingSetup training_from_flags(const TrainOptions& o);

}  // namespace optviz::cli
