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
#include "translate.hpp"

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
  const std::vector<std::string> names = run_names(scenario, as_english);  // as files store them
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
  if (ec) throw std::runtime_error(tr_format("cannot write {0}: {1}", {dir.string(), ec.message()}));
  for (std::size_t i = 0; i < runs.size(); ++i) {
    std::ostringstream csv;
    write_csv(csv, runs[i], scenario.course.runs[i]);
    write_file_atomically(dir / run_file_name(i, run_name(scenario, i, as_english)), csv.str());
  }
  write_file_atomically(dir / "summary.json", summary);
}

namespace {

std::string layers_file_name(const std::string& run_file) {
  return run_file.substr(0, run_file.size() - 4) + "-layers.csv";
}

}  // namespace

void export_net_runs(const Scenario& scenario, const std::vector<const NetRun*>& runs,
                     const std::filesystem::path& dir) {
  if (runs.size() != scenario.course.runs.size())
    throw std::invalid_argument("export_net_runs: " + std::to_string(runs.size()) + " trainings for " +
                                std::to_string(scenario.course.runs.size()) + " runs");
  OrderedJson summary;
  summary["network"] = scenario.network ? network_title(*scenario.network) : std::string();
  OrderedJson list = OrderedJson::array();
  const std::vector<std::string> names = run_names(scenario, as_english);
  std::vector<std::pair<std::string, std::string>> files;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i] == nullptr)
      throw std::invalid_argument("export_net_runs: run " + std::to_string(i) + " is not trained");
    const NetRun& r = *runs[i];
    const RunSpec& spec = scenario.course.runs[i];
    const std::string file = run_file_name(i, names[i]);
    std::ostringstream csv;
    write_net_csv(csv, r);
    files.emplace_back(file, csv.str());
    OrderedJson run;
    run["index"] = i;
    run["file"] = file;
    if (!r.layer_stats.empty()) {
      std::ostringstream stats;
      write_layer_stats_csv(stats, r.accumulator, r.layer_stats);
      files.emplace_back(layers_file_name(file), stats.str());
      run["layers_file"] = layers_file_name(file);
    }
    run["label"] = names[i];
    if (spec.rule)
      run["rule"] = spec.rule->text();
    else
      run["optimizer"] = name(spec.hyper.kind);
    run["steps"] = r.step.empty() ? 0 : r.step.back();
    for (const auto& [key, column] : {std::pair{"loss", &r.loss}, std::pair{"test_loss", &r.test_loss},
                                      std::pair{"accuracy", &r.accuracy}, std::pair{"test_accuracy", &r.test_accuracy}})
      if (!column->empty()) run[key] = finite_or_null(column->back());
    run["status"] = r.diverged_at ? r.status() : std::string("finished");
    list.push_back(std::move(run));
  }
  summary["runs"] = std::move(list);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error(tr_format("cannot write {0}: {1}", {dir.string(), ec.message()}));
  for (const auto& [file, text] : files) write_file_atomically(dir / file, text);
  write_file_atomically(dir / "summary.json", pretty_json(summary));
}

}  // namespace optviz
