// libFuzzer target: network specifications and weights files, as `optviz train --init` reads them.
//
// An input is a first line "WIDTHS;ACTIVATION;LOSS;INPUTS" (for example "8,8;tanh;logistic;2": the
// hidden layers' widths, comma-separated, possibly none) and then the text of a weights file. A
// specification either builds a network or is refused with find_spec_problem's message (and then
// Network throws NetworkError with it); a weights file either gives parameter_count() weights, each
// finite and within kMaxWeight, or NetworkError with a message. Weights that parse are written back
// by weights_json to the same bits, and the network's loss and gradient over a few fixed rows run at
// them (a loss >= 0, or NaN where it overflows). Every other exception, crash or hang is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "network.hpp"
#include "weights_file.hpp"

namespace {

using namespace optviz;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

// The widths of "8,8" ("" gives none); none for a text that is not such a list or is too long to be one.
std::optional<std::vector<std::size_t>> widths_of(std::string_view text) {
  std::vector<std::size_t> widths;
  if (text.empty()) return widths;
  if (text.size() > 64) return std::nullopt;
  std::size_t width = 0;
  bool digits = false;
  for (const char c : std::string(text) + ",") {
    if (c == ',') {
      if (!digits) return std::nullopt;
      widths.push_back(width);
      width = 0;
      digits = false;
    } else if (c >= '0' && c <= '9' && width < 1000) {
      width = width * 10 + static_cast<std::size_t>(c - '0');
      digits = true;
    } else {
      return std::nullopt;
    }
  }
  return widths;
}

// The specification of the first line, or none when a field names nothing.
std::optional<NetworkSpec> spec_of(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t at = 0;;) {
    const std::size_t end = line.find(';', at);
    fields.push_back(line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  if (fields.size() != 4 || fields[3].size() != 1 || fields[3][0] < '0' || fields[3][0] > '9') return std::nullopt;
  const auto hidden = widths_of(fields[0]);
  const auto activation = find_activation(fields[1]);
  const auto loss = find_net_loss(fields[2]);
  if (!hidden || !activation || !loss) return std::nullopt;
  return NetworkSpec{static_cast<std::size_t>(fields[3][0] - '0'), *hidden, *activation, *loss};
}

std::optional<Network> network_of(const NetworkSpec& spec) {
  const std::string problem = find_spec_problem(spec);
  try {
    Network net(spec);
    check(problem.empty());
    return net;
  } catch (const NetworkError& e) {
    check(!problem.empty() && problem == e.what());
    return std::nullopt;
  }
}

void check_weights(const Network& net, std::string_view text) {
  std::vector<double> theta;
  try {
    theta = parse_weights(text, net);
  } catch (const NetworkError& e) {
    check(*e.what() != '\0');
    return;
  }
  check(theta.size() == net.parameter_count());
  check(weights_within_limit(theta));
  const std::vector<double> again = parse_weights(weights_json(net, theta), net);
  check(std::memcmp(again.data(), theta.data(), theta.size() * sizeof(double)) == 0);
  // Four rows with every feature of the spec's inputs, labels 0 and 1.
  const auto n = static_cast<Eigen::Index>(4), inputs = static_cast<Eigen::Index>(net.spec().inputs);
  Eigen::MatrixXd x(n, inputs);
  for (Eigen::Index r = 0; r < n; ++r)
    for (Eigen::Index c = 0; c < inputs; ++c) x(r, c) = static_cast<double>(r - c) * 0.75;
  const Eigen::VectorXd y = Eigen::VectorXd::LinSpaced(n, 0, 1).array().round();
  NetWorkspace ws;
  std::vector<double> gradient(theta.size());
  // Weights near the limit may overflow a deep network's loss or gradient: a training's divergence,
  // never an error. The passes must run on them all the same (the sanitizers watch them).
  const double loss = net.loss_and_gradient(theta, x, y, gradient, ws);
  check(loss >= 0 || std::isnan(loss));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = text.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::optional<NetworkSpec> spec = spec_of(text.substr(0, newline));
  if (!spec) return 0;
  if (const std::optional<Network> net = network_of(*spec)) check_weights(*net, text.substr(newline + 1));
  return 0;
}
