#include "dataset.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "number_text.hpp"
#include "random.hpp"

namespace optviz {

double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }
double sigmoid(double z) {
  if (z >= 0) return 1 / (1 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1 + e);
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t comma = line.find(',', begin);
    cells.push_back(trim(line.substr(begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin)));
    if (comma == std::string_view::npos) return cells;
    begin = comma + 1;
  }
}

std::string shown(std::string_view cell) {
  constexpr std::size_t kLongest = 24;
  return "\"" + std::string(cell.substr(0, kLongest)) + (cell.size() > kLongest ? "..." : "") + "\"";
}

}  // namespace

std::string_view name(DataLoss loss) { return loss == DataLoss::linear ? "linear" : "logistic"; }

std::optional<DataLoss> find_loss(std::string_view text) {
  if (text == "linear") return DataLoss::linear;
  if (text == "logistic") return DataLoss::logistic;
  return std::nullopt;
}

Dataset parse_data_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte-order mark
  std::size_t line_number = 0;
  std::size_t pos = 0;
  const auto next_line = [&](std::string_view& line) {
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      line = text.substr(pos, end - pos);
      pos = end + 1;
      ++line_number;
      if (!trim(line).empty()) return true;
    }
    return false;
  };
  std::string_view header;
  if (!next_line(header)) throw DataError("empty: a data file needs a header line x,y and rows of numbers");
  const std::vector<std::string_view> names = split_cells(header);
  const auto column = [&](std::string_view name) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] != name) continue;
      if (found)
        throw DataError("line " + std::to_string(line_number) + ": the column \"" + std::string(name) +
                        "\" appears twice");
      found = i;
    }
    if (!found)
      throw DataError("line " + std::to_string(line_number) + ": no column \"" + std::string(name) +
                      "\" in the header (it needs x and y, for example: x,y)");
    return *found;
  };
  const std::size_t cx = column("x"), cy = column("y");
  Dataset data;
  std::string_view line;
  while (next_line(line)) {
    if (data.size() == kMaxDataRows) throw DataError("too many rows: more than " + std::to_string(kMaxDataRows));
    const std::vector<std::string_view> cells = split_cells(line);
    if (cells.size() != names.size())
      throw DataError("line " + std::to_string(line_number) + ": " + std::to_string(cells.size()) +
                      " cells, but the header has " + std::to_string(names.size()));
    const auto number = [&](std::size_t c, const char* name) {
      const std::string_view cell = cells[c];
      const std::optional<double> read = parse_number(cell.starts_with('+') ? cell.substr(1) : cell);
      const double v = read.value_or(std::nan(""));
      if (!std::isfinite(v))
        throw DataError("line " + std::to_string(line_number) + ", column " + name + ": not a number: " + shown(cell));
      if (std::fabs(v) > kMaxDataValue)
        throw DataError("line " + std::to_string(line_number) + ", column " + name + ": " + shown(cell) +
                        " is beyond 1e9");
      return v;
    };
    data.x.push_back(number(cx, "x"));
    data.y.push_back(number(cy, "y"));
  }
  if (data.size() == 0) throw DataError("no rows: a data file needs rows of numbers under its header");
  return data;
}

Dataset load_data_csv(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw DataError(name + ": no such file");
  if (!std::filesystem::is_regular_file(status)) throw DataError(name + ": not a regular file, so not a data file");
  if (std::filesystem::file_size(path, ec) > kMaxDataFileBytes)
    throw DataError(name + ": too large for a data file (more than " + std::to_string(kMaxDataFileBytes >> 20) +
                    " MB)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(name + ": cannot read it");
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_data_csv(text.str());
  } catch (const DataError& e) {
    throw DataError(name + ": " + e.what());
  }
}

std::string find_data_problem(const Dataset& data, DataLoss loss) {
  if (data.x.size() != data.y.size()) return "x and y have different lengths";
  if (data.size() == 0) return "no rows";
  if (data.size() > kMaxDataRows) return "too many rows: more than " + std::to_string(kMaxDataRows);
  for (std::size_t i = 0; i < data.size(); ++i) {
    for (const double v : {data.x[i], data.y[i]})
      if (!std::isfinite(v) || std::fabs(v) > kMaxDataValue)
        return "row " + std::to_string(i + 1) + ": values must be finite and within 1e9";
    if (loss == DataLoss::logistic && data.y[i] != 0 && data.y[i] != 1) {
      std::array<char, 32> v{};
      std::snprintf(v.data(), v.size(), "%.17g", data.y[i]);
      return "row " + std::to_string(i + 1) + ": a logistic label y must be 0 or 1, got " + v.data();
    }
  }
  return "";
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
