// Weights files: a network's parameters as JSON, layer by layer from the input, in torch's
// nn.Linear order (one row of `weight` per output unit, one column per unit of the layer before):
//   {"layers": [{"weight": [[w11, w12], [w21, w22], ...], "bias": [b1, b2, ...]}, ...]}
// Read with every shape and value checked against the network ("layers[1].weight: 8 rows, expected
// 16"); written with the shortest numbers that read back exactly.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "network.hpp"

namespace optviz {

inline constexpr double kMaxWeight = 1e12;  // |w| in a file
inline constexpr std::uintmax_t kMaxWeightsFileBytes = 1u << 20;

// The parameter vector of the text; throws NetworkError naming the first problem.
std::vector<double> parse_weights(std::string_view text, const Network& net);
// The same from a file; the message starts with the path.
std::vector<double> load_weights(const std::filesystem::path& path, const Network& net);

// True when every weight is finite and within kMaxWeight: what parse_weights reads back.
bool weights_within_limit(std::span<const double> theta);

std::string weights_json(const Network& net, std::span<const double> theta);
// Written atomically; throws std::runtime_error when it cannot be.
void save_weights(const std::filesystem::path& path, const Network& net, std::span<const double> theta);

}  // namespace optviz
