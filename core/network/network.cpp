#include "network.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>

#include "activation.hpp"
#include "dataset.hpp"  // softplus, sigmoid
#include "names.hpp"
#include "random.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

constexpr Names<Activation, 3> kActivationNames{{
    {Activation::tanh, "tanh"},
    {Activation::relu, "relu"},
    {Activation::sigmoid, "sigmoid"},
}};

// Products whose sums run over at most this many terms are computed coefficient by coefficient
// (lazyProduct): Eigen's blocked product packs its operands first, which costs more than a small
// network's whole product.
constexpr Eigen::Index kLazyRows = 32;

constexpr std::uint64_t kInitStream = 0x1417;  // the initial weights' draws, apart from other streams

std::vector<LayerShape> shapes_of(const NetworkSpec& spec) {
  std::vector<LayerShape> layers;
  std::size_t in = spec.inputs;
  std::size_t offset = 0;
  for (std::size_t l = 0; l <= spec.hidden.size(); ++l) {
    const std::size_t out = l < spec.hidden.size() ? spec.hidden[l] : 1;
    layers.push_back({in, out, offset});
    offset = layers.back().end();
    in = out;
  }
  return layers;
}

// a = act(z) in place.
void activate(Activation a, Eigen::MatrixXd& z) {
  switch (a) {
    case Activation::tanh:
      tanh_in_place(std::span(z.data(), static_cast<std::size_t>(z.size())));
      return;
    case Activation::relu:
      z = z.array().max(0.0);
      return;
    case Activation::sigmoid:
      z = z.unaryExpr([](double v) { return sigmoid(v); });
      return;
  }
}

// delta *= act'(z), written with the activation's output a = act(z).
void times_derivative(Activation act, const Eigen::MatrixXd& a, Eigen::MatrixXd& delta) {
  switch (act) {
    case Activation::tanh:
      delta.array() *= 1.0 - a.array().square();
      return;
    case Activation::relu:
      delta.array() *= (a.array() > 0.0).cast<double>();  // relu'(0) = 0
      return;
    case Activation::sigmoid:
      delta.array() *= a.array() * (1.0 - a.array());
      return;
  }
}

}  // namespace

std::string_view name(Activation a) { return name_in(kActivationNames, a); }

std::optional<Activation> find_activation(std::string_view text) { return find_in(kActivationNames, text); }

std::string find_spec_problem(const NetworkSpec& spec) {
  if (spec.inputs < 1 || spec.inputs > kFeatureCount)
    return "inputs: " +
           tr_format("must be 1 .. {0}, got {1}", {std::to_string(kFeatureCount), std::to_string(spec.inputs)});
  if (spec.hidden.size() > kMaxHiddenLayers)
    return tr_format("hidden layers: at most {0}, got {1}",
                     {std::to_string(kMaxHiddenLayers), std::to_string(spec.hidden.size())});
  for (std::size_t l = 0; l < spec.hidden.size(); ++l)
    if (spec.hidden[l] < 1 || spec.hidden[l] > kMaxUnits)
      return tr_format("hidden layer {0}: must have 1 .. {1} units, got {2}",
                       {std::to_string(l + 1), std::to_string(kMaxUnits), std::to_string(spec.hidden[l])});
  return "";
}

Network::Network(NetworkSpec spec) : spec_(std::move(spec)) {
  if (const std::string problem = find_spec_problem(spec_); !problem.empty()) throw NetworkError(problem);
  layers_ = shapes_of(spec_);
}

Eigen::Map<const RowMatrix> Network::weight(std::span<const double> theta, std::size_t l) const {
  const LayerShape& s = layers_[l];
  return {theta.data() + s.offset, static_cast<Eigen::Index>(s.out), static_cast<Eigen::Index>(s.in)};
}

Eigen::Map<const Eigen::VectorXd> Network::bias(std::span<const double> theta, std::size_t l) const {
  const LayerShape& s = layers_[l];
  return {theta.data() + s.bias_offset(), static_cast<Eigen::Index>(s.out)};
}

std::vector<double> Network::initial_weights(std::uint64_t seed) const {
  std::vector<double> theta(parameter_count(), 0.0);
  for (const LayerShape& s : layers_) {
    const auto fan = static_cast<double>(spec_.activation == Activation::relu ? s.in : s.in + s.out);
    const double a = std::sqrt(6.0 / fan);
    for (std::size_t i = s.offset; i < s.bias_offset(); ++i)
      theta[i] = a * (2 * random_uniform(seed, kInitStream, i) - 1);
  }
  return theta;
}

void Network::forward(std::span<const double> theta, const Eigen::MatrixXd& x, NetWorkspace& ws) const {
  ws.activation.resize(layers_.size());
  for (std::size_t l = 0; l < layers_.size(); ++l) {
    const Eigen::MatrixXd& in = l == 0 ? x : ws.activation[l - 1];
    Eigen::MatrixXd& z = ws.activation[l];
    z.noalias() = in.lazyProduct(weight(theta, l).transpose());  // a sum of at most 16 products each
    z.rowwise() += bias(theta, l).transpose();
    if (l + 1 < layers_.size()) activate(spec_.activation, z);
  }
}

// From ws.delta = dLoss/dz of the output (n x 1), the gradient of every layer, last to first.
void Network::backward(std::span<const double> theta, const Eigen::MatrixXd& x, std::span<double> gradient,
                       NetWorkspace& ws) const {
  for (std::size_t l = layers_.size(); l-- > 0;) {
    const LayerShape& s = layers_[l];
    const Eigen::MatrixXd& in = l == 0 ? x : ws.activation[l - 1];
    Eigen::Map<RowMatrix> gw(gradient.data() + s.offset, static_cast<Eigen::Index>(s.out),
                             static_cast<Eigen::Index>(s.in));
    Eigen::Map<Eigen::VectorXd> gb(gradient.data() + s.bias_offset(), static_cast<Eigen::Index>(s.out));
    if (in.rows() <= kLazyRows)
      gw.noalias() = ws.delta.transpose().lazyProduct(in);
    else
      gw.noalias() = ws.delta.transpose() * in;
    gb = ws.delta.colwise().sum().transpose();
    if (l == 0) break;
    ws.delta_prev.noalias() = ws.delta.lazyProduct(weight(theta, l));
    times_derivative(spec_.activation, ws.activation[l - 1], ws.delta_prev);
    std::swap(ws.delta, ws.delta_prev);
  }
}

double Network::loss(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                     NetWorkspace& ws) const {
  forward(theta, x, ws);
  return mean_loss(spec_.loss, ws.activation.back().col(0), y);
}

double Network::loss_and_gradient(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  std::span<double> gradient, NetWorkspace& ws, bool want_loss) const {
  forward(theta, x, ws);
  if (!want_loss) return gradient_alone(theta, x, y, gradient, ws);
  const auto z = ws.activation.back().col(0);
  const auto n = static_cast<double>(x.rows());
  ws.delta.resize(x.rows(), 1);
  double value = 0;
  if (spec_.loss == NetLoss::logistic) {
    // softplus and sigmoid (dataset.hpp) of one exp(-|z|) each row: the same values, bit for bit.
    double sum = 0;
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      const double e = std::exp(-std::fabs(z(i)));
      sum += (std::max(z(i), 0.0) + std::log1p(e)) - y(i) * z(i);
      ws.delta(i, 0) = ((z(i) >= 0 ? 1 / (1 + e) : e / (1 + e)) - y(i)) / n;
    }
    value = sum / n;
  } else {
    ws.delta.col(0) = 2.0 * (z - y) / n;
    value = mean_loss(spec_.loss, z, y);
  }
  backward(theta, x, gradient, ws);
  return value;
}

// After forward(): the gradient, and 0 when every output is finite (where the loss is), else NaN.
double Network::gradient_alone(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                               std::span<double> gradient, NetWorkspace& ws) const {
  const auto z = ws.activation.back().col(0);
  const auto n = static_cast<double>(x.rows());
  ws.delta.resize(x.rows(), 1);
  if (spec_.loss == NetLoss::logistic)
    ws.delta.col(0) = (z.unaryExpr([](double v) { return sigmoid(v); }) - y) / n;
  else
    ws.delta.col(0) = 2.0 * (z - y) / n;
  const bool finite = z.allFinite();
  backward(theta, x, gradient, ws);
  return finite ? 0.0 : std::numeric_limits<double>::quiet_NaN();
}

double Network::loss_and_gradient(std::span<const double> theta, const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                  std::span<const std::size_t> rows, std::span<double> gradient, NetWorkspace& ws,
                                  bool want_loss) const {
  const auto n = static_cast<Eigen::Index>(rows.size());
  ws.input.resize(n, x.cols());
  ws.target.resize(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto r = static_cast<Eigen::Index>(rows[static_cast<std::size_t>(j)]);
    ws.input.row(j) = x.row(r);
    ws.target(j) = y(r);
  }
  return loss_and_gradient(theta, ws.input, ws.target, gradient, ws, want_loss);
}

Eigen::MatrixXd input_matrix(const NetData& data, std::span<const Feature> features) {
  const std::vector<double> m = feature_matrix(data, features);
  return Eigen::Map<const RowMatrix>(m.data(), static_cast<Eigen::Index>(data.size()),
                                     static_cast<Eigen::Index>(features.size()));
}

Eigen::VectorXd target_vector(const NetData& data) {
  return Eigen::Map<const Eigen::VectorXd>(data.y.data(), static_cast<Eigen::Index>(data.size()));
}

double mean_loss(NetLoss loss, const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& y) {
  double sum = 0;
  for (Eigen::Index i = 0; i < z.size(); ++i)
    sum += loss == NetLoss::logistic ? softplus(z(i)) - y(i) * z(i) : (z(i) - y(i)) * (z(i) - y(i));
  return sum / static_cast<double>(z.size());
}

double accuracy(const Eigen::Ref<const Eigen::VectorXd>& z, const Eigen::VectorXd& y) {
  Eigen::Index right = 0;
  for (Eigen::Index i = 0; i < z.size(); ++i) right += (z(i) > 0) == (y(i) > 0.5);
  return static_cast<double>(right) / static_cast<double>(z.size());
}

}  // namespace optviz
