#include "reference.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "parameters.hpp"

namespace optviz::testing {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream s(line);
  std::string cell;
  while (std::getline(s, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

}  // namespace

std::vector<ReferenceCase> load_reference_cases() {
  const std::string dir = OPTVIZ_REFERENCE_DIR;
  const auto manifest = nlohmann::json::parse(read_text(dir + "/manifest.json"));
  std::vector<ReferenceCase> cases;
  for (const auto& c : manifest)
    cases.push_back({c, c.at("name").get<std::string>(), read_text(dir + "/" + c.at("file").get<std::string>())});
  return cases;
}

Hyperparameters hyperparameters_of(const nlohmann::json& c) {
  const auto kind = find_optimizer(c.at("optimizer").get<std::string>());
  if (!kind) throw std::runtime_error("unknown optimizer in manifest");
  Hyperparameters h = defaults(*kind);
  for (const auto& [key, value] : c.at("hyper").items()) {
    bool known = false;
    for (const RealParameter& p : real_parameters())
      if (p.name == key) h.*p.member = value.get<double>(), known = true;
    for (const FlagParameter& p : flag_parameters())
      if (p.name == key) h.*p.member = value.get<bool>(), known = true;
    if (!known) throw std::runtime_error("unknown hyperparameter in manifest: " + key);
  }
  return h;
}

Table parse_csv(const std::string& text) {
  Table t;
  std::stringstream s(text);
  std::string line;
  if (!std::getline(s, line)) return t;
  t.header = split(line);
  while (std::getline(s, line)) {
    if (line.empty()) continue;
    std::vector<std::optional<double>> row;
    for (const std::string& cell : split(line)) {
      if (cell.empty())
        row.emplace_back();
      else
        row.emplace_back(std::strtod(cell.c_str(), nullptr));  // strtod reads nan, -nan, inf
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::string compare_tables(const Table& out, const Table& ref, double rtol) {
  if (out.rows.size() != ref.rows.size())
    return std::to_string(out.rows.size()) + " rows, expected " + std::to_string(ref.rows.size());
  for (std::size_t j = 0; j < ref.header.size(); ++j) {
    const auto found = std::find(out.header.begin(), out.header.end(), ref.header[j]);
    if (found == out.header.end()) return "missing column " + ref.header[j];
    const auto k = static_cast<std::size_t>(found - out.header.begin());
    double scale = 0;
    for (const auto& row : ref.rows)
      if (j < row.size() && row[j] && std::isfinite(*row[j])) scale = std::max(scale, std::fabs(*row[j]));
    for (std::size_t i = 0; i < ref.rows.size(); ++i) {
      const auto b = j < ref.rows[i].size() ? ref.rows[i][j] : std::nullopt;
      const auto a = k < out.rows[i].size() ? out.rows[i][k] : std::nullopt;
      const std::string where = "row " + std::to_string(i) + " " + ref.header[j] + ": ";
      const auto shown = [](std::optional<double> v) { return v ? format_number(*v) : std::string("empty"); };
      if (!a || !b) {
        if (a.has_value() != b.has_value()) return where + shown(a) + ", expected " + shown(b);
        continue;
      }
      if (!std::isfinite(*b)) {
        if (std::isfinite(*a) || (std::isinf(*b) && *a != *b)) return where + shown(a) + ", expected " + shown(b);
        continue;
      }
      if (!std::isfinite(*a) || std::fabs(*a - *b) > rtol * (std::fabs(*b) + 1e-3 * scale))
        return where + shown(a) + ", expected " + shown(b);
    }
  }
  return {};
}

}  // namespace optviz::testing
