#include "dataset.hpp"

#include <algorithm>
#include <cmath>

#include "data_csv.hpp"
#include "random.hpp"
#include "translate.hpp"

namespace optviz {

double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }
double sigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1 + e);
}

std::string_view name(DataLoss loss) { return loss == DataLoss::linear ? "linear" : "logistic"; }

std::optional<DataLoss> find_loss(std::string_view text) {
  if (text == "linear") return DataLoss::linear;
  if (text == "logistic") return DataLoss::logistic;
  return std::nullopt;
}

Dataset parse_data_csv(std::string_view text) {
  std::vector<std::vector<double>> columns = read_data_columns(text, {"x", "y"}, kMaxDataRows);
  return {std::move(columns[0]), std::move(columns[1])};
}

Dataset load_data_csv(const std::filesystem::path& path) {
  std::vector<std::vector<double>> columns = load_data_columns(path, {"x", "y"}, kMaxDataRows);
  return {std::move(columns[0]), std::move(columns[1])};
}

std::string find_data_problem(const Dataset& data, DataLoss loss) {
  if (data.x.size() != data.y.size()) return tr("x and y have different lengths");
  if (data.size() == 0) return tr("no rows");
  if (data.size() > kMaxDataRows) return tr_format("too many rows: more than {0}", {std::to_string(kMaxDataRows)});
  return find_row_problem({&data.x, &data.y}, loss == DataLoss::logistic ? &data.y : nullptr);
}

void data_loss_and_gradient(const Dataset& data, DataLoss loss, Vec2 theta, std::span<const std::size_t> rows,
                            double& value, Vec2& gradient) {
  const double n = static_cast<double>(rows.size());
  double sum = 0, gw = 0, gb = 0;
  for (const std::size_t i : rows) {
    const double x = data.x[i], y = data.y[i];
    const double z = theta.x * x + theta.y;
    const double r = loss == DataLoss::linear ? 2 * (z - y) : sigmoid(z) - y;
    sum += loss == DataLoss::linear ? (z - y) * (z - y) : softplus(z) - y * z;
    gw += r * x;
    gb += r;
  }
  value = sum / n;
  gradient = {gw / n, gb / n};
}

double data_loss(const Dataset& data, DataLoss loss, Vec2 theta) {
  double value = 0;
  Vec2 gradient;
  std::vector<std::size_t> all(data.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  data_loss_and_gradient(data, loss, theta, all, value, gradient);
  return value;
}

std::optional<Vec2> data_minimum(const Dataset& data, DataLoss loss) {
  const double n = static_cast<double>(data.size());
  if (data.size() == 0) return std::nullopt;
  if (loss == DataLoss::linear) {
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < data.size(); ++i) mx += data.x[i], my += data.y[i];
    mx /= n;
    my /= n;
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
      sxx += (data.x[i] - mx) * (data.x[i] - mx);
      sxy += (data.x[i] - mx) * (data.y[i] - my);
    }
    if (!(sxx > 0)) return std::nullopt;
    const double w = sxy / sxx;
    return Vec2{w, my - w * mx};
  }
  // Newton's method on the mean logistic loss; it diverges (no minimum) when a line separates the
  // classes, and then the weights only grow.
  Vec2 p{0, 0};
  for (int iteration = 0; iteration < 100; ++iteration) {
    double gw = 0, gb = 0, hww = 0, hwb = 0, hbb = 0;
    for (std::size_t i = 0; i < data.size(); ++i) {
      const double x = data.x[i];
      const double s = sigmoid(p.x * x + p.y);
      const double r = s - data.y[i];
      const double c = s * (1 - s);
      gw += r * x, gb += r;
      hww += c * x * x, hwb += c * x, hbb += c;
    }
    const double det = hww * hbb - hwb * hwb;
    if (!(det > 0) || !std::isfinite(det)) return std::nullopt;
    const Vec2 step{(hbb * gw - hwb * gb) / det, (hww * gb - hwb * gw) / det};
    p = p - step;
    if (!is_finite(p) || std::fabs(p.x) > 1e6 || std::fabs(p.y) > 1e6) return std::nullopt;
    if (std::hypot(step.x, step.y) <= 1e-15 * std::max(1.0, std::hypot(p.x, p.y))) return p;
  }
  return p;
}

Dataset generate_data(const DataRecipe& r) {
  Dataset data;
  for (std::size_t i = 0; i < r.points; ++i) {
    const double x = r.x_min + (r.x_max - r.x_min) * random_uniform(r.seed, 1, i);
    const double z = r.w * x + r.b;
    double y = 0;
    if (r.loss == DataLoss::linear) {
      y = z + r.noise * random_normal_pair(r.seed, 2, i).x;
    } else {
      // The label is 1 with probability sigmoid(z + noise).
      const double s = sigmoid(z + r.noise * random_normal_pair(r.seed, 2, i).x);
      y = random_uniform(r.seed, 3, i) < s ? 1 : 0;
    }
    // Rounded to 6 decimals, as a data file would hold them.
    data.x.push_back(std::round(x * 1e6) / 1e6);
    data.y.push_back(r.loss == DataLoss::linear ? std::round(y * 1e6) / 1e6 : y);
  }
  return data;
}

}  // namespace optviz
