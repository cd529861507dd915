// Losses from data: a data set of points (x_i, y_i) and a loss in the two parameters (w, b) of a
// model z_i = w x_i + b, which are the plane's coordinates (horizontal w, vertical b).
//   linear    L = (1/n) sum (z_i - y_i)^2,                 grad = (1/n) sum 2 (z_i - y_i) (x_i, 1)
//   logistic  L = (1/n) sum softplus(z_i) - y_i z_i,       grad = (1/n) sum (sigmoid(z_i) - y_i) (x_i, 1)
// with softplus(z) = max(z, 0) + log(1 + exp(-|z|)) and labels y_i in {0, 1}. Sums run over the
// given rows in their order (../shared/reference/torch-data/README.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vec2.hpp"

namespace optviz {

enum class DataLoss { linear, logistic };

std::string_view name(DataLoss loss);
std::optional<DataLoss> find_loss(std::string_view name);

inline constexpr std::size_t kMaxDataRows = 100'000;
inline constexpr std::uintmax_t kMaxDataFileBytes = 8u << 20;
inline constexpr double kMaxDataValue = 1e9;  // |x| and |y|

struct Dataset {
  std::vector<double> x;
  std::vector<double> y;
  std::size_t size() const { return x.size(); }
  friend bool operator==(const Dataset&, const Dataset&) = default;
};

// A data file or table that cannot be used: the message says where and why.
struct DataError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// CSV with a header naming the columns (at least x and y; others are ignored), then numeric rows.
// Throws DataError: "line 4: column y: not a number: \"abc\"", "no column \"y\" in the header", ...
Dataset parse_data_csv(std::string_view text);
// The same from a file; the message starts with the path.
Dataset load_data_csv(const std::filesystem::path& path);

// The first problem of a data set for a loss ("" when none): sizes, values, labels.
std::string find_data_problem(const Dataset& data, DataLoss loss);

// The logistic loss's pieces without overflow: softplus(z) = log(1 + e^z) as written above, and
// sigmoid(z) = 1 / (1 + e^-z); the networks' losses use them too.
double softplus(double z);
double sigmoid(double z);

// The loss over all rows, in file order.
double data_loss(const Dataset& data, DataLoss loss, Vec2 theta);
// The loss and its gradient over the given rows, in their order.
void data_loss_and_gradient(const Dataset& data, DataLoss loss, Vec2 theta, std::span<const std::size_t> rows,
                            double& value, Vec2& gradient);

// The minimizer over all rows: least squares in closed form, logistic by Newton's method; none when
// it is not unique (all x equal) or does not exist (classes that a line separates).
std::optional<Vec2> data_minimum(const Dataset& data, DataLoss loss);

// A data set drawn by the project's generator: n points with x uniform in [x_min, x_max] and
// y = w x + b + noise (linear), or labels drawn with probability sigmoid(w x + b) (logistic).
struct DataRecipe {
  DataLoss loss = DataLoss::linear;
  std::size_t points = 64;
  double w = 2;
  double b = -1;
  double noise = 0.5;
  double x_min = -3;
  double x_max = 3;
  std::uint64_t seed = 1;
  friend bool operator==(const DataRecipe&, const DataRecipe&) = default;
};
Dataset generate_data(const DataRecipe& recipe);

}  // namespace optviz
