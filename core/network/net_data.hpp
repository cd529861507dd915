// Data for the networks: rows (x1, x2, y) read from CSV or drawn by TensorFlow Playground's recipes
// (its src/dataset.ts: four classification sets, two regression sets) from the project's seeded
// generator, split into training and test rows, and the input features a network reads from a row.
//   classification labels are 0 and 1 (Playground's -1 becomes 0); regression targets are real.
// The recipes follow dataset.ts's formulas and domains (network/playground.cpp) and differ from it
// where it does not fit a reproducible tool:
//   - the numbers come from core/base/random.hpp (seed, one stream per kind of number, counter =
//     the row), not from Math.random, so a seed gives the same rows everywhere (up to libm's sin and
//     cos, which circle and spiral use as Playground does), and the first rows of a larger set are
//     those of the smaller one for xor, plane and multi-gauss;
//   - a set has exactly `rows` rows: the sets drawn in two halves (circle, gauss, spiral) put
//     ceil(rows / 2) in the first (label 1: circle's inside, gauss around (2, 2), the first spiral
//     arm) and the rest in the second, where Playground draws ceil(rows / 2) in each;
//   - gauss draws both coordinates of a point from one normal pair (Marsaglia's polar method, as
//     Playground, which keeps only one of the pair's two numbers);
//   - the rows stay in the order drawn (Playground shuffles them; split() permutes them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"  // DataError, kMaxDataFileBytes, kMaxDataValue

namespace optviz {

inline constexpr std::size_t kMaxNetRows = 100'000;

struct NetData {
  std::vector<double> x1;
  std::vector<double> x2;
  std::vector<double> y;
  std::size_t size() const { return y.size(); }
  friend bool operator==(const NetData&, const NetData&) = default;
};

// CSV with a header naming at least x1, x2 and y (others are ignored), then numeric rows, with the
// messages of the 2D data (parse_data_csv): "line 4, column y: not a number: \"abc\"", "no column
// \"x2\" in the header", too many rows, values beyond kMaxDataValue. Throws DataError.
NetData parse_net_csv(std::string_view text);
// The same from a file; the message starts with the path.
NetData load_net_csv(const std::filesystem::path& path);
// The CSV that parse_net_csv reads back exactly (shortest round-trip numbers).
std::string net_csv(const NetData& data);

// The network's loss decides what y may be: logistic needs labels 0 and 1.
enum class NetLoss { logistic, mse };
std::string_view name(NetLoss loss);
std::optional<NetLoss> find_net_loss(std::string_view name);
// The first problem of a data set for a loss ("" when none): no rows, a label not 0 or 1, ...
std::string find_net_data_problem(const NetData& data, NetLoss loss);

// TensorFlow Playground's data sets, with its default domain (x in [-6, 6]).
enum class Playground { circle, xor_, gauss, spiral, plane, multi_gauss };
std::string_view name(Playground set);  // "circle", "xor", "gauss", "spiral", "plane", "multi-gauss"
std::optional<Playground> find_playground(std::string_view name);
bool is_classification(Playground set);  // the first four

struct PlaygroundRecipe {
  Playground set = Playground::circle;
  std::size_t rows = 200;
  double noise = 0;  // Playground's noise slider / 100: 0 .. 0.5
  std::uint64_t seed = 1;
  friend bool operator==(const PlaygroundRecipe&, const PlaygroundRecipe&) = default;
};
// "" when the recipe can be drawn, else the problem ("rows: must be 1 .. 100000, got 0"); generate
// throws it as a DataError.
std::string find_recipe_problem(const PlaygroundRecipe& recipe);
NetData generate_playground(const PlaygroundRecipe& recipe);

// Training and test rows: the last round(fraction n) rows of a seeded permutation are the test
// set (none for fraction 0), the others the training set, each in the permutation's order. Throws
// DataError for a fraction outside [0, 1) or one that leaves no training row.
struct NetSplit {
  NetData train;
  NetData test;
};
NetSplit split(const NetData& data, double test_fraction, std::uint64_t seed);

// The inputs a network reads from a row: x1 and x2, and optionally the derived features that
// Playground offers. The network's first layer has one input per chosen feature, in this order.
enum class Feature { x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2 };
std::string_view name(Feature f);  // "x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"
std::optional<Feature> find_feature(std::string_view name);
inline constexpr std::size_t kFeatureCount = 7;
// Row-major n x features.size() matrix of the chosen features of every row.
std::vector<double> feature_matrix(const NetData& data, std::span<const Feature> features);

}  // namespace optviz
