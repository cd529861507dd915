#include "run_export.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "atomic_file.hpp"
#include "csv.hpp"
#include "json_text.hpp"
#include "run_name.hpp"

namespace optviz {
namespace {

constexpr std::size_t kLongestLabelPart = 48;

using OrderedJson = nlohmann::ordered_json;

OrderedJson finite_or_null(double v) { return std::isfinite(v) ? OrderedJson(v) : OrderedJson(nullptr); }

}  // namespace

std::string run_file_name(std::size_t index, const std::string& label) {
  // Letters and digits stay (lowercased), a dot between two of them too ("0.9"); any other run of
  // characters becomes one '-'.
  const auto alnum = [&](std::size_t i) {
    return i < label.size() && std::isalnum(static_cast<unsigned char>(label[i])) != 0;
  };
  std::string slug;
  for (std::size_t i = 0; i < label.size() && slug.size() < kLongestLabelPart; ++i) {
    if (alnum(i)) {
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(label[i])));
    } else if (label[i] == '.' && i > 0 && alnum(i - 1) && alnum(i + 1)) {
      slug += '.';
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  std::array<char, 24> number{};
  std::snprintf(number.data(), number.size(), "%02zu", index);
  return std::string(number.data()) + (slug.empty() ? "" : "-" + slug) + ".csv";
}

std::string run_summary_json(const Scenario& scenario, const std::vector<Trajectory>& runs) {
  if (runs.size() != scenario.course.runs.size())
    throw std::invalid_argument("run_summary_json: " + std::to_string(runs.size()) + " trajectories for " +
                                std::to_string(scenario.course.runs.size()) + " runs");
  OrderedJson out;
  if (scenario.course.objective.is_typed())
    out["expression"] = scenario.course.objective.formula();
  else
    out["function"] = scenario.course.objective.name();
  out["start"] = {scenario.course.start.x, scenario.course.start.y};
  OrderedJson list = OrderedJson::array();
  const std::vector<std::string> names = run_names(scenario);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Trajectory& t = runs[i];
    const RunSpec& spec = scenario.course.runs[i];
    OrderedJson run;
    run["index"] = i;
    run["file"] = run_file_name(i, names[i]);
    run["label"] = names[i];
    if (spec.rule)
      run["rule"] = spec.rule->text();
    else
      run["optimizer"] = name(spec.hyper.kind);
    const Vec2 last = t.position.empty() ? scenario.course.start : t.position.back();
    run["final_point"] = {finite_or_null(last.x), finite_or_null(last.y)};
    run["final_value"] = t.value.empty() ? OrderedJson(nullptr) : finite_or_null(t.value.back());
    run["steps"] = t.rows() == 0 ? 0 : t.rows() - 1;
    run["status"] = t.diverged_at ? t.status() : std::string("finished");
    list.push_back(std::move(run));
  }
  out["runs"] = std::move(list);
  return pretty_json(out);
}

void export_runs(const Scenario& scenario, const std::vector<Trajectory>& runs, const std::filesystem::path& dir) {
  const std::string summary = run_summary_json(scenario, runs);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot write " + dir.string() + ": " + ec.message());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::ostringstream csv;
    write_csv(csv, runs[i], scenario.course.runs[i]);
    write_file_atomically(dir / run_file_name(i, run_name(scenario, i)), csv.str());
  }
  write_file_atomically(dir / "summary.json", summary);
}

}  // namespace optviz
