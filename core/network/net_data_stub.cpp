// TEMPORARY: the few functions of net_data.hpp that the network's part calls, until helper B's
// net_data.cpp is merged (the last commit of this branch deletes this file). CSV reading without
// B's full checks; no Playground recipes (generate_playground throws).
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

#include "net_data.hpp"
#include "number_text.hpp"
#include "random.hpp"

namespace optviz {
namespace {

constexpr std::array<std::string_view, kFeatureCount> kFeatureNames{"x1",   "x2",     "x1^2",  "x2^2",
                                                                    "x1x2", "sin_x1", "sin_x2"};
constexpr std::array<std::string_view, 6> kPlaygroundNames{"circle", "xor", "gauss", "spiral", "plane", "multi-gauss"};

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) out.push_back(field);
  return out;
}

}  // namespace

NetData parse_net_csv(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::string line;
  if (!std::getline(in, line)) throw DataError("empty file");
  const std::vector<std::string> head = split_fields(line);
  std::array<std::size_t, 3> column{};
  const std::array<std::string_view, 3> names{"x1", "x2", "y"};
  for (std::size_t c = 0; c < 3; ++c) {
    std::size_t k = 0;
    while (k < head.size() && head[k] != names[c]) ++k;
    if (k == head.size()) throw DataError("no column \"" + std::string(names[c]) + "\" in the header");
    column[c] = k;
  }
  NetData data;
  for (std::size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const std::vector<std::string> fields = split_fields(line);
    std::array<double, 3> v{};
    for (std::size_t c = 0; c < 3; ++c) {
      const auto parsed = column[c] < fields.size() ? parse_number(fields[column[c]]) : std::nullopt;
      if (!parsed)
        throw DataError("line " + std::to_string(number) + ": column " + std::string(names[c]) + ": not a number");
      v[c] = *parsed;
    }
    data.x1.push_back(v[0]);
    data.x2.push_back(v[1]);
    data.y.push_back(v[2]);
  }
  return data;
}

NetData load_net_csv(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw DataError(path.string() + ": cannot read the file");
  std::ostringstream text;
  text << file.rdbuf();
  try {
    return parse_net_csv(text.str());
  } catch (const DataError& e) {
    throw DataError(path.string() + ": " + e.what());
  }
}

std::string_view name(NetLoss loss) { return loss == NetLoss::logistic ? "logistic" : "mse"; }

std::optional<NetLoss> find_net_loss(std::string_view text) {
  if (text == "logistic") return NetLoss::logistic;
  if (text == "mse") return NetLoss::mse;
  return std::nullopt;
}

std::string find_net_data_problem(const NetData& data, NetLoss loss) {
  if (data.size() == 0) return "no rows";
  if (loss == NetLoss::logistic)
    for (double y : data.y)
      if (y != 0 && y != 1) return "a label not 0 or 1: " + format_number(y);
  return "";
}

std::string_view name(Playground set) { return kPlaygroundNames[static_cast<std::size_t>(set)]; }

std::optional<Playground> find_playground(std::string_view text) {
  for (std::size_t i = 0; i < kPlaygroundNames.size(); ++i)
    if (kPlaygroundNames[i] == text) return static_cast<Playground>(i);
  return std::nullopt;
}

bool is_classification(Playground set) { return set != Playground::plane && set != Playground::multi_gauss; }

std::string find_recipe_problem(const PlaygroundRecipe&) { return ""; }

NetData generate_playground(const PlaygroundRecipe&) {
  throw DataError("Playground sets come with net_data.cpp (helper B's part)");
}

NetSplit split(const NetData& data, double test_fraction, std::uint64_t seed) {
  const std::size_t n = data.size();
  const auto tests = static_cast<std::size_t>(std::llround(test_fraction * static_cast<double>(n)));
  if (tests == n && n > 0)
    throw DataError("test fraction " + format_number(test_fraction) + " of " + std::to_string(n) +
                    " rows leaves no training row");
  const std::vector<std::size_t> order = random_permutation(n, seed, 0x5b1, 0);
  NetSplit out;
  for (std::size_t k = 0; k < n; ++k) {
    NetData& to = k < n - tests ? out.train : out.test;
    to.x1.push_back(data.x1[order[k]]);
    to.x2.push_back(data.x2[order[k]]);
    to.y.push_back(data.y[order[k]]);
  }
  return out;
}

std::string_view name(Feature f) { return kFeatureNames[static_cast<std::size_t>(f)]; }

std::optional<Feature> find_feature(std::string_view text) {
  for (std::size_t i = 0; i < kFeatureNames.size(); ++i)
    if (kFeatureNames[i] == text) return static_cast<Feature>(i);
  return std::nullopt;
}

std::vector<double> feature_matrix(const NetData& data, std::span<const Feature> features) {
  std::vector<double> out;
  out.reserve(data.size() * features.size());
  for (std::size_t i = 0; i < data.size(); ++i) {
    const double a = data.x1[i], b = data.x2[i];
    for (Feature f : features) {
      switch (f) {
        case Feature::x1:
          out.push_back(a);
          break;
        case Feature::x2:
          out.push_back(b);
          break;
        case Feature::x1_squared:
          out.push_back(a * a);
          break;
        case Feature::x2_squared:
          out.push_back(b * b);
          break;
        case Feature::x1_x2:
          out.push_back(a * b);
          break;
        case Feature::sin_x1:
          out.push_back(std::sin(a));
          break;
        case Feature::sin_x2:
          out.push_back(std::sin(b));
          break;
      }
    }
  }
  return out;
}

}  // namespace optviz
