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

std::string data_reference_dir() { return OPTVIZ_DATA_REFERENCE_DIR; }
std::string net_reference_dir() { return OPTVIZ_NET_REFERENCE_DIR; }

std::vector<ReferenceCase> load_reference_cases() { return load_reference_cases(OPTVIZ_REFERENCE_DIR); }

std::vector<ReferenceCase> load_reference_cases(const std::string& dir) {
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

TypedRule typed_rule_for(const Hyperparameters& h) {
  const bool decoupled = h.kind == OptimizerKind::adamw || h.kind == OptimizerKind::lion;
  const bool l2 = h.weight_decay != 0 && !decoupled;
  const std::string pre = l2 ? "gw = g + weight_decay*theta; " : "";
  const std::string g = l2 ? "gw" : "g";
  const auto den = [&](const std::string& s) {
    return h.eps_inside_sqrt ? "sqrt(" + s + " + eps)" : "(sqrt(" + s + ") + eps)";
  };
  switch (h.kind) {
    case OptimizerKind::sgd:
      return {pre + "theta = theta - eta*" + g, {}};
    case OptimizerKind::momentum:
      return {pre + "buf = if(t == 1, " + g + ", momentum*buf + (1 - dampening)*" + g + "); theta = theta - eta*buf",
              {"buf"}};
    case OptimizerKind::nesterov:
      return {
          pre + "buf = if(t == 1, " + g + ", momentum*buf + " + g + "); theta = theta - eta*(" + g + " + momentum*buf)",
          {"buf"}};
    case OptimizerKind::adagrad:
      return {pre + "G = if(t == 1, initial_accumulator, G) + " + g +
                  "^2\ntheta = theta - eta/(1 + (t - 1)*lr_decay)*" + g + "/" + den("G"),
              {"G"}};
    case OptimizerKind::rmsprop: {
      std::string r = pre + "G = rho*G + (1 - rho)*" + g + "^2; ";
      std::vector<std::string> cols = {"G"};
      std::string s = "G";
      if (h.centered) {
        r += "gavg = rho*gavg + (1 - rho)*" + g + "; ";
        cols.push_back("gavg");
        s = "(G - gavg^2)";
      }
      if (h.momentum > 0) {
        cols.push_back("buf");
        return {r + "buf = momentum*buf + " + g + "/" + den(s) + "; theta = theta - eta*buf", cols};
      }
      return {r + "theta = theta - eta*" + g + "/" + den(s), cols};
    }
    case OptimizerKind::adam:
    case OptimizerKind::adamw: {
      std::string r = pre + (h.kind == OptimizerKind::adamw ? "theta = theta*(1 - eta*weight_decay); " : "");
      r += "m = beta1*m + (1 - beta1)*" + g + "; v = beta2*v + (1 - beta2)*" + g + "^2; ";
      std::vector<std::string> cols = {"m", "v"};
      std::string v = "v";
      if (h.amsgrad) {
        r += "vmax = max(vmax, v); ";
        cols.push_back("vmax");
        v = "vmax";
      }
      if (!h.bias_correction) return {r + "theta = theta - eta*(m/" + den(v) + ")", cols};
      const std::string d =
          h.eps_inside_sqrt ? "sqrt(" + v + "/(1 - beta2^t) + eps)" : "(sqrt(" + v + ")/sqrt(1 - beta2^t) + eps)";
      return {r + "theta = theta - eta/(1 - beta1^t)*(m/" + d + ")", cols};
    }
    case OptimizerKind::adamax:
      return {pre + "m = beta1*m + (1 - beta1)*" + g + "; u = max(beta2*u, abs(" + g +
                  ") + eps); theta = theta - eta/(1 - beta1^t)*(m/u)",
              {"m", "u"}};
    case OptimizerKind::adadelta:
      return {pre + "G = rho*G + (1 - rho)*" + g + "^2; d = sqrt(D + eps)/sqrt(G + eps)*" + g +
                  "; D = rho*D + (1 - rho)*d^2; theta = theta - eta*d",
              {"G", "D"}};
    case OptimizerKind::nadam:
      return {pre +
                  "mu = beta1*(1 - 0.5*0.96^(t*momentum_decay)); mu1 = beta1*(1 - 0.5*0.96^((t + 1)*momentum_decay)); "
                  "P = if(t == 1, 1, P)*mu; m = beta1*m + (1 - beta1)*" +
                  g + "; v = beta2*v + (1 - beta2)*" + g +
                  "^2; d = sqrt(v/(1 - beta2^t)) + eps; theta = theta - eta*(1 - mu)/(1 - P)*(" + g +
                  "/d) - eta*mu1/(1 - P*mu1)*(m/d)",
              {"m", "v"}};
    case OptimizerKind::lion:
      return {
          "theta = theta*(1 - eta*weight_decay); c = beta1*m + (1 - beta1)*g; theta = theta - eta*sign(c); "
          "m = beta2*m + (1 - beta2)*g",
          {"m"}};
  }
  return {};
}

Table keep_columns(const Table& t, const std::vector<std::string>& state) {
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < t.header.size(); ++i) {
    const std::string& name = t.header[i];
    bool wanted = name == "step" || name == "x" || name == "y" || name == "f" || name == "gx" || name == "gy";
    for (const std::string& s : state) wanted = wanted || name == s + "_x" || name == s + "_y";
    if (wanted) keep.push_back(i);
  }
  Table out;
  for (std::size_t i : keep) out.header.push_back(t.header[i]);
  for (const auto& row : t.rows) {
    std::vector<std::optional<double>> cells;
    for (std::size_t i : keep) cells.push_back(i < row.size() ? row[i] : std::nullopt);
    out.rows.push_back(std::move(cells));
  }
  return out;
}

}  // namespace optviz::testing
