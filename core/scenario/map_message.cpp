#include "map_message.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "parameters.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

using Json = nlohmann::json;

// The scenario of one run that carries a map's objective, run, start, steps and seed: the run
// sees its objective as the map's training says.
Scenario carrier(const Objective& f, RunSpec run, Vec2 start, long steps, const Training& training) {
  run.schedule = training.schedule;
  run.batch = training.batch;
  run.shuffle = training.shuffle;
  run.noise = training.noise;
  Scenario s;
  s.course.objective = f;
  s.course.start = start;
  s.course.steps = steps;
  s.course.seed = training.seed;
  add_run(s, run, make_look("", 0, run));
  return s;
}

Json common_json(const char* kind, const Scenario& carried, const Training& training, const Target& target) {
  Json out;
  out["map"] = kind;
  out["scenario"] = Json::parse(to_json(carried));
  out["stream"] = training.stream;
  // JSON has no NaN: a target without a known minimum is null.
  out["target"] = {{"value", std::isnan(target.value) ? Json(nullptr) : Json(target.value)},
                   {"tolerance", target.tolerance}};
  return out;
}

Json axis_json(const Axis& a) {
  return {{"name", a.parameter->name}, {"from", a.from}, {"to", a.to}, {"count", a.count}, {"log", a.log}};
}

Axis read_axis(const Json& j, const RunSpec& run) {
  Axis a;
  const std::string name = j.at("name").get<std::string>();
  for (const RealParameter* p : parameters_of(run))
    if (p->name == name) a.parameter = p;
  if (a.parameter == nullptr) throw std::invalid_argument("unknown hyperparameter \"" + name + "\"");
  a.from = j.at("from").get<double>();
  a.to = j.at("to").get<double>();
  a.count = j.at("count").get<int>();
  a.log = j.at("log").get<bool>();
  return a;
}

// The map's common parts from a request: the scenario's objective, run and setup, the training
// and the target, into `spec` (a Sweep or a Basin).
template <class Spec>
Spec read_common(const Json& j, Scenario& s) {
  s = scenario_from_json(j.at("scenario").dump());
  if (s.course.runs.size() != 1) throw std::invalid_argument("the scenario must have one run");
  Spec spec;
  spec.objective = s.course.objective;
  spec.run = s.course.runs[0];
  spec.steps = s.course.steps;
  spec.training = training_of(spec.run, s.course.seed, j.at("stream").get<std::uint64_t>());
  const Json& target = j.at("target");
  if (!target.at("value").is_null()) spec.target.value = target.at("value").get<double>();
  spec.target.tolerance = target.at("tolerance").get<double>();
  return spec;
}

void put_bytes(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

std::uint64_t get_bytes(std::span<const std::uint8_t> in, std::size_t& at, int bytes) {
  if (in.size() - at < static_cast<std::size_t>(bytes))
    throw std::invalid_argument("block message: " + std::to_string(in.size()) + " bytes, cut short");
  std::uint64_t value = 0;
  for (int i = 0; i < bytes; ++i) value |= std::uint64_t{in[at++]} << (8 * i);
  return value;
}

std::uint64_t bits(double v) {
  std::uint64_t b = 0;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

double from_bits(std::uint64_t b) {
  double v = 0;
  std::memcpy(&v, &b, sizeof v);
  return v;
}

std::uint64_t step_bits(const std::optional<long>& step) { return static_cast<std::uint64_t>(step ? *step : -1L); }

std::optional<long> read_step(std::uint64_t b) {
  const auto step = static_cast<std::int64_t>(b);
  if (step < -1 || step > kMaxMapSteps) throw std::invalid_argument("block message: a step out of range");
  return step < 0 ? std::nullopt : std::optional<long>(static_cast<long>(step));
}

constexpr std::size_t kCellBytes = 5 * 8;
constexpr std::uint32_t kErrorMark = 0xffffffff;  // in place of an error message's block

}  // namespace

std::string map_request(const Sweep& sweep) {
  Json out = common_json("sweep", carrier(sweep.objective, sweep.run, sweep.start, sweep.steps, sweep.training),
                         sweep.training, sweep.target);
  out["x"] = axis_json(sweep.x);
  out["y"] = axis_json(sweep.y);
  return out.dump();
}

std::string map_request(const Basin& basin) {
  // The start is no basin map's: the scenario carries the default one.
  Json out = common_json("basin", carrier(basin.objective, basin.run, Setup{}.start, basin.steps, basin.training),
                         basin.training, basin.target);
  out["view"] = {basin.view.min.x, basin.view.max.x, basin.view.min.y, basin.view.max.y};
  out["columns"] = basin.columns;
  out["rows"] = basin.rows;
  return out.dump();
}

RequestedMap read_map_request(std::string_view text) {
  try {
    const Json j = Json::parse(text);
    Scenario s;
    const std::string kind = j.at("map").get<std::string>();
    if (kind == "sweep") {
      Sweep sweep = read_common<Sweep>(j, s);
      sweep.start = s.course.start;
      sweep.x = read_axis(j.at("x"), sweep.run);
      sweep.y = read_axis(j.at("y"), sweep.run);
      if (std::string problem = find_sweep_problem(sweep); !problem.empty()) throw std::invalid_argument(problem);
      return sweep;
    }
    if (kind == "basin") {
      Basin basin = read_common<Basin>(j, s);
      const Json& v = j.at("view");
      basin.view = {{v.at(0).get<double>(), v.at(2).get<double>()}, {v.at(1).get<double>(), v.at(3).get<double>()}};
      basin.columns = j.at("columns").get<int>();
      basin.rows = j.at("rows").get<int>();
      if (std::string problem = find_basin_problem(basin); !problem.empty()) throw std::invalid_argument(problem);
      return basin;
    }
    throw std::invalid_argument("unknown map \"" + kind + "\" (sweep or basin)");
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("map request: ") + e.what());
  }
}

std::vector<std::uint8_t> block_message(std::uint32_t job, std::size_t block, std::span<const RunSummary> cells) {
  std::vector<std::uint8_t> out;
  out.reserve(12 + kCellBytes * cells.size());
  put_bytes(out, job, 4);
  put_bytes(out, block, 4);
  put_bytes(out, cells.size(), 4);
  for (const RunSummary& c : cells) {
    put_bytes(out, bits(c.position.x), 8);
    put_bytes(out, bits(c.position.y), 8);
    put_bytes(out, bits(c.value), 8);
    put_bytes(out, step_bits(c.reached_at), 8);
    put_bytes(out, step_bits(c.diverged_at), 8);
  }
  return out;
}

std::vector<std::uint8_t> error_message(std::uint32_t job, std::string_view what) {
  std::vector<std::uint8_t> out;
  put_bytes(out, job, 4);
  put_bytes(out, kErrorMark, 4);
  out.insert(out.end(), what.begin(), what.end());
  return out;
}

MapAnswer read_map_answer(std::span<const std::uint8_t> bytes) {
  std::size_t at = 0;
  MapAnswer m;
  m.job = static_cast<std::uint32_t>(get_bytes(bytes, at, 4));
  m.block = get_bytes(bytes, at, 4);
  if (m.block == kErrorMark) {
    m.error.assign(bytes.begin() + static_cast<std::ptrdiff_t>(at), bytes.end());
    if (m.error.empty()) m.error = tr("the worker failed without a message");
    return m;
  }
  const std::uint64_t count = get_bytes(bytes, at, 4);
  if ((bytes.size() - at) != count * kCellBytes)
    throw std::invalid_argument("block message: " + std::to_string(bytes.size()) + " bytes for " +
                                std::to_string(count) + " cells");
  m.cells.resize(count);
  for (RunSummary& c : m.cells) {
    c.position.x = from_bits(get_bytes(bytes, at, 8));
    c.position.y = from_bits(get_bytes(bytes, at, 8));
    c.value = from_bits(get_bytes(bytes, at, 8));
    c.reached_at = read_step(get_bytes(bytes, at, 8));
    c.diverged_at = read_step(get_bytes(bytes, at, 8));
  }
  return m;
}

std::uint64_t map_checksum(const Map& map) {
  std::uint64_t hash = 14695981039346656037ULL;
  const auto add = [&hash](std::uint64_t value) {
    for (int i = 0; i < 8; ++i) {
      hash ^= (value >> (8 * i)) & 0xff;
      hash *= 1099511628211ULL;
    }
  };
  // Every NaN as the quiet NaN that the CSV's "nan" reads back as: WebAssembly leaves a NaN's sign
  // and payload to the machine.
  const auto number = [](double v) { return bits(std::isnan(v) ? std::numeric_limits<double>::quiet_NaN() : v); };
  for (const RunSummary& c : map.cells) {
    add(number(c.position.x));
    add(number(c.position.y));
    add(number(c.value));
    add(step_bits(c.diverged_at));
  }
  return hash;
}

void MapServer::start(std::uint32_t job, std::string_view request) {
  end(job);
  try {
    jobs_.emplace(job, std::visit([](const auto& spec) { return MapInParts(spec, kMessageMapOptions); },
                                  read_map_request(request)));
  } catch (const std::exception& e) {
    problems_.emplace(job, e.what());
  }
}

std::vector<std::uint8_t> MapServer::answer(std::uint32_t job, std::size_t block) {
  if (const auto problem = problems_.find(job); problem != problems_.end()) return error_message(job, problem->second);
  const auto found = jobs_.find(job);
  if (found == jobs_.end()) return error_message(job, "map job " + std::to_string(job) + " is not running");
  MapInParts& parts = found->second;
  if (block >= parts.blocks())
    return error_message(job, "map job " + std::to_string(job) + " has " + std::to_string(parts.blocks()) +
                                  " blocks, not " + std::to_string(block + 1));
  parts.compute(block);
  return block_message(job, block, parts.block_cells(block));
}

void MapServer::end(std::uint32_t job) {
  jobs_.erase(job);
  problems_.erase(job);
}

}  // namespace optviz
