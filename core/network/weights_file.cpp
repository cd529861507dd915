#include "weights_file.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "atomic_file.hpp"
#include "json_text.hpp"
#include "number_text.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using nlohmann::json;

// A JSON array of `count` elements at `where`; throws otherwise.
const json& array_of(const json& j, std::size_t count, const std::string& where, const char* unit) {
  if (!j.is_array()) throw NetworkError(where + ": " + tr("expected an array"));
  if (j.size() != count)
    throw NetworkError(where + ": " +
                       tr_format("{0} {1}, expected {2}", {std::to_string(j.size()), tr(unit), std::to_string(count)}));
  return j;
}

double weight_at(const json& j, const std::string& where) {
  if (!j.is_number()) throw NetworkError(where + ": " + tr("not a number"));
  const double v = j.get<double>();
  if (!std::isfinite(v) || std::fabs(v) > kMaxWeight)
    throw NetworkError(where + ": " + tr_format("{0} is beyond {1}", {format_number(v), format_number(kMaxWeight)}));
  return v;
}

// Layer l's weight and bias from its JSON object into theta.
void read_layer(const json& layer, const LayerShape& s, const std::string& where, std::vector<double>& theta) {
  if (!layer.is_object()) throw NetworkError(where + ": " + tr("expected an object with \"weight\" and \"bias\""));
  for (const auto& [key, value] : layer.items())
    if (key != "weight" && key != "bias") throw NetworkError(where + ": " + tr_format("unknown key \"{0}\"", {key}));
  for (const char* key : {"weight", "bias"})
    if (!layer.contains(key)) throw NetworkError(where + ": " + tr_format("no \"{0}\"", {key}));
  const json& rows = array_of(layer["weight"], s.out, where + ".weight", translatable("rows"));
  for (std::size_t r = 0; r < s.out; ++r) {
    const std::string at = where + ".weight[" + std::to_string(r) + "]";
    const json& row = array_of(rows[r], s.in, at, translatable("columns"));
    for (std::size_t c = 0; c < s.in; ++c)
      theta[s.offset + r * s.in + c] = weight_at(row[c], at + "[" + std::to_string(c) + "]");
  }
  const json& bias = array_of(layer["bias"], s.out, where + ".bias", translatable("values"));
  for (std::size_t r = 0; r < s.out; ++r)
    theta[s.bias_offset() + r] = weight_at(bias[r], where + ".bias[" + std::to_string(r) + "]");
}

}  // namespace

std::vector<double> parse_weights(std::string_view text, const Network& net) {
  if (text.size() > kMaxWeightsFileBytes)
    throw NetworkError(tr_format("too big: {0} bytes, at most {1}",
                                 {std::to_string(text.size()), std::to_string(kMaxWeightsFileBytes)}));
  json j;
  try {
    j = json::parse(text);
  } catch (const json::exception& e) {  // a syntax error, or a number beyond a double (1e999)
    throw NetworkError(tr_format("not JSON: {0}", {e.what()}));
  }
  if (!j.is_object() || !j.contains("layers")) throw NetworkError(tr("expected an object with \"layers\""));
  const auto layers = net.layers();
  const json& list = array_of(j["layers"], layers.size(), "layers", translatable("layers"));
  std::vector<double> theta(net.parameter_count());
  for (std::size_t l = 0; l < layers.size(); ++l)
    read_layer(list[l], layers[l], "layers[" + std::to_string(l) + "]", theta);
  return theta;
}

std::vector<double> load_weights(const std::filesystem::path& path, const Network& net) {
  const std::string where = path.string() + ": ";
  std::error_code error;
  const std::uintmax_t bytes = std::filesystem::file_size(path, error);
  if (error) throw NetworkError(where + tr_format("cannot read: {0}", {error.message()}));
  if (bytes > kMaxWeightsFileBytes)
    throw NetworkError(where + tr_format("too big: {0} bytes, at most {1}",
                                         {std::to_string(bytes), std::to_string(kMaxWeightsFileBytes)}));
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  if (!file) throw NetworkError(where + tr("cannot read"));
  try {
    return parse_weights(text.str(), net);
  } catch (const NetworkError& e) {
    throw NetworkError(where + e.what());
  }
}

bool weights_within_limit(std::span<const double> theta) {
  return std::all_of(theta.begin(), theta.end(), [](double w) { return std::fabs(w) <= kMaxWeight; });
}

std::string weights_json(const Network& net, std::span<const double> theta) {
  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  for (const LayerShape& s : net.layers()) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (std::size_t r = 0; r < s.out; ++r) {
      const auto row = theta.subspan(s.offset + r * s.in, s.in);
      rows.push_back(std::vector<double>(row.begin(), row.end()));
    }
    const auto bias = theta.subspan(s.bias_offset(), s.out);
    layers.push_back({{"weight", rows}, {"bias", std::vector<double>(bias.begin(), bias.end())}});
  }
  return pretty_json({{"layers", layers}});
}

void save_weights(const std::filesystem::path& path, const Network& net, std::span<const double> theta) {
  write_file_atomically(path, weights_json(net, theta));
}

}  // namespace optviz
