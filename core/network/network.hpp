// A multilayer perceptron with one output, as torch's nn.Sequential of nn.Linear layers builds it:
//   a_0 = the row's features, a_l = act(W_l a_{l-1} + b_l) for the hidden layers l = 1 .. L-1,
//   z = W_L a_{L-1} + b_L (one unit, no activation);
//   loss over n rows: logistic (1/n) sum softplus(z_i) - y_i z_i  (torch's BCEWithLogitsLoss),
//                     mse      (1/n) sum (z_i - y_i)^2            (torch's mse_loss),
// with softplus(z) = max(z, 0) + log(1 + exp(-|z|)), as the 2D data losses write it.
// The parameters are one contiguous vector, layer after layer: W_l row-major (one row per output
// unit, as nn.Linear stores it), then b_l. The optimizer sees the vector; the passes see each layer
// through Eigen maps over the same memory. Forward and backward passes are written once, over all
// the rows of a batch at a time (a matrix product per layer), never per sample.
//   relu'(0) = 0 (as torch); tanh' = 1 - a^2; sigmoid' = a (1 - a).
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "net_data.hpp"

namespace optviz {

inline constexpr std::size_t kMaxHiddenLayers = 6;
inline constexpr std::size_t kMaxUnits = 16;

// A network that cannot be built or a weights file that does not fit it.
struct NetworkError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class Activation { tanh, relu, sigmoid };
std::string_view name(Activation a);
std::optional<Activation> find_activation(std::string_view name);

struct NetworkSpec {
  std::size_t inputs = 2;           // the features of a row (net_data.hpp's feature_matrix)
  std::vector<std::size_t> hidden;  // the hidden layers' widths, from the input; empty: none
  Activation activation = Activation::tanh;
  NetLoss loss = NetLoss::logistic;
  friend bool operator==(const NetworkSpec&, const NetworkSpec&) = default;
};

// "" when the network can be built, else its first problem ("hidden layer 2: 17 units, at most 16").
std::string find_spec_problem(const NetworkSpec& spec);

// Where layer l lies in the parameter vector: W at `offset` (out x in, row-major), b after it.
struct LayerShape {
  std::size_t in = 0;
  std::size_t out = 0;
  std::size_t offset = 0;
  std::size_t bias_offset() const { return offset + in * out; }
  std::size_t end() const { return bias_offset() + out; }
};

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The buffers of the passes over batches of one size: a workspace allocates on its first pass and
// never again while the batch keeps its size.
struct NetWorkspace {
  Eigen::MatrixXd input;                    // the batch's gathered rows (n x inputs)
  std::vector<Eigen::MatrixXd> activation;  // a_l for l = 1 .. L (the last is z), n x units
  Eigen::MatrixXd delta, delta_prev;        // dLoss/dz of a layer, n x units
  Eigen::VectorXd target;                   // the batch's y
};

class Network {
 public:
  // Throws NetworkError with find_spec_problem's message.
  explicit Network(NetworkSpec spec);

  const NetworkSpec& spec() const { return spec_; }
  std::span<const LayerShape> layers() const { return layers_; }
  std::size_t parameter_count() const { return layers_.back().end(); }

  // Layer l's weight and bias in a parameter vector.
  Eigen::Map<const RowMatrix> weight(std::span<const double> theta, std::size_t l) const;
  Eigen::Map<const Eigen::VectorXd> bias(std::span<const double> theta, std::size_t l) const;

  // Initial weights from the seeded generator: Glorot uniform, U(-a, a) with a = sqrt(6 / (in + out)),
  // for tanh and sigmoid; for relu He's uniform with a = sqrt(6 / in), torch's kaiming_uniform_ with
  // relu's gain sqrt(2) on the fan-in. Biases 0.
  std::vector<double> initial_weights(std::uint64_t seed) const;

  // The loss over every row of x (n x inputs: input_matrix) with targets y; the outputs z stay in
  // ws.activation.back().
  double loss(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
              NetWorkspace& ws) const;
  // The loss over the given rows of x and its gradient (parameter_count() values) into `gradient`.
  // Without want_loss, what a step that records nothing needs: the gradient, and instead of the loss
  // 0 when every output is finite (where the loss is) and NaN otherwise.
  double loss_and_gradient(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                           std::span<const std::size_t> rows, std::span<double> gradient, NetWorkspace& ws,
                           bool want_loss = true) const;
  // The same over every row.
  double loss_and_gradient(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                           std::span<double> gradient, NetWorkspace& ws, bool want_loss = true) const;
  // The forward pass alone, over every row of x: a_l of every layer into ws.activation (the last is z),
  // the same bits as a training's pass over those rows (unit_maps.hpp draws them).
  void forward(std::span<const double> theta, const Eigen::MatrixXd& x, NetWorkspace& ws) const;

 private:
  void backward(std::span<const double> theta, const Eigen::MatrixXd& x, std::span<double> gradient,
                NetWorkspace& ws) const;
  double gradient_alone(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                        std::span<double> gradient, NetWorkspace& ws) const;

  NetworkSpec spec_;
  std::vector<LayerShape> layers_;
};

// The rows (n x features) of feature_matrix as the column-major matrix the passes read.
Eigen::MatrixXd input_matrix(const NetData& data, std::span<const Feature> features);
Eigen::VectorXd target_vector(const NetData& data);

// The mean loss of outputs z against targets y, and the fraction of rows a logistic network
// classifies right (z > 0 for label 1).
double mean_loss(NetLoss loss, const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& y);
double accuracy(const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& y);

}  // namespace optviz
