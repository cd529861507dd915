#include "sweep.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

#include "formulas.hpp"
#include "lanes.hpp"
#include "parallel.hpp"
#include "parameters.hpp"
#include "run_loop.hpp"

namespace optviz {
namespace {

// ---------------------------------------------------------------------------------------------
// One cell through the loop of a single run.

// What a summary keeps of each row: the last one, and the first that reached the target.
auto summary_rows(RunSummary& out, const Target& target) {
  return [&out, &target](long k, Vec2 theta, double value, Vec2) {
    out.position = theta;
    out.value = value;
    if (!out.reached_at && value - target.value <= target.tolerance) out.reached_at = k;
  };
}

RunSummary summarize_valid(const Objective& f, const Rule* rule, const Hyperparameters& h, Vec2 start, long steps,
                           const Training& training, const Target& target) {
  RunSummary out;
  if (rule != nullptr) {
    RuleUpdate update(*rule, h);
    out.diverged_at = run_rows(f, h.eta, start, steps, training, update, summary_rows(out, target));
  } else {
    BuiltinUpdate update(h);
    out.diverged_at = run_rows(f, h.eta, start, steps, training, update, summary_rows(out, target));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// kLanes cells at once: a built-in function and optimizer on packs.

// The hyperparameters and starts of kLanes runs.
struct LaneRuns {
  BasicHyperparameters<Pack> hyper;
  PackVec2 start;

  void set(int lane, const Hyperparameters& h, Vec2 p) {
    for_each_field(hyper, h, [lane](auto& lanes, const auto& value) {
      if constexpr (std::is_same_v<std::decay_t<decltype(lanes)>, Pack>)
        lanes.set_lane(lane, value);
      else
        lanes = value;
    });
    start.x.set_lane(lane, p.x);
    start.y.set_lane(lane, p.y);
  }
};

// The rows of run_rows() for every lane, with the same test for the end of each (divergence) and
// for the target; a lane that has ended computes on, unrecorded, until every lane has.
template <class Formula>
void summarize_lanes(const LaneRuns& runs, long steps, const Target& target, RunSummary* out) {
  PackVec2 theta = runs.start;
  OptimizerState<PackVec2> state = initial_state<PackVec2>(runs.hyper);
  Mask ended{}, reached{};
  Pack value;
  for (long k = 0;; ++k) {
    value = Formula::value(theta);
    const PackVec2 gradient = Formula::gradient(theta);
    const Mask diverging = divergence(theta, value, gradient) & !ended;
    const Mask reaching = (value - target.value <= target.tolerance) & !reached & !ended;
    if (ew::any(diverging | reaching)) {
      for (int l = 0; l < kLanes; ++l) {
        if (reaching.lane(l)) out[l].reached_at = k;
        if (diverging.lane(l)) {
          out[l].position = {theta.x.lane(l), theta.y.lane(l)};
          out[l].value = value.lane(l);
          out[l].diverged_at = k;
        }
      }
      ended = ended | diverging;
      reached = reached | reaching;
      if (ew::all(ended)) return;
    }
    if (k == steps) break;
    theta = step(runs.hyper, state, theta, gradient);
  }
  for (int l = 0; l < kLanes; ++l) {
    if (ended.lane(l)) continue;
    out[l].position = {theta.x.lane(l), theta.y.lane(l)};
    out[l].value = value.lane(l);
  }
}

// The hot kernel of one formula, compiled twice (AVX2 and plain x86-64) and chosen when the
// program loads; `flatten` inlines the rules and the formula, so that they are compiled for the
// chosen instruction set too. One function per formula keeps each small enough to optimise quickly.
// clang does not combine flatten with target_clones, and under AddressSanitizer inlining all of it
// takes minutes to compile: those builds (fuzzing, sanitizers) get one plain version.
#if defined(__clang__) || defined(__SANITIZE_ADDRESS__)
#define OPTVIZ_LANES_KERNEL
#else
#define OPTVIZ_LANES_KERNEL __attribute__((flatten, target_clones("avx2", "default")))
#endif

template <class Formula>
OPTVIZ_LANES_KERNEL void summarize_block(const LaneRuns& runs, long steps, const Target& target, RunSummary* out) {
  summarize_lanes<Formula>(runs, steps, target, out);
}

using Kernel = void (*)(const LaneRuns&, long, const Target&, RunSummary*);

template <std::size_t... I>
constexpr std::array<Kernel, sizeof...(I)> kernels(std::index_sequence<I...>) {
  return {&summarize_block<formulas::At<I>>...};
}

const std::array kKernels = kernels(std::make_index_sequence<formulas::kCount>());

std::optional<std::size_t> lane_formula(const Objective& f, const RunSpec& run, const Training& training,
                                        const MapOptions& options) {
  if (!options.lanes || run.rule) return std::nullopt;
  return compiled_formula(f, training);
}

// ---------------------------------------------------------------------------------------------
// Checks and text.

std::string names_of(const std::vector<const RealParameter*>& parameters) {
  std::string out;
  for (const RealParameter* p : parameters) out += (out.empty() ? "" : ", ") + std::string(p->name);
  return out;
}

std::string run_name(const RunSpec& run) { return run.rule ? "the rule" : std::string(name(run.hyper.kind)); }

std::string unknown_parameter(std::string_view name, const RunSpec& run) {
  return "unknown hyperparameter \"" + std::string(name) + "\" of " + run_name(run) + " (" +
         names_of(parameters_of(run)) + ")";
}

std::string run_problem(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training) {
  if (steps < 0 || steps > kMaxMapSteps)
    return "steps: must be in [0, " + std::to_string(kMaxMapSteps) + "], got " + std::to_string(steps);
  if (const auto problem = find_course_problem(start, steps)) return problem->message();
  if (const auto problem = run.rule ? find_rule_problem(*run.rule, run.hyper) : find_problem(run.hyper))
    return problem->message();
  return find_training_problem(training, f);
}

std::string size_problem(int columns, int rows, long steps) {
  const auto side = [](int n) { return n >= 1 && n <= kMaxMapSide; };
  if (!side(columns) || !side(rows))
    return "size: must be at most " + std::to_string(kMaxMapSide) + "x" + std::to_string(kMaxMapSide) +
           " and at least 1x1, got " + std::to_string(columns) + "x" + std::to_string(rows);
  const long long updates = static_cast<long long>(columns) * rows * std::max(steps, 0L);
  if (updates > kMaxMapUpdates)
    return "too much work: " + std::to_string(columns) + "x" + std::to_string(rows) + " cells x " +
           std::to_string(steps) + " steps is " + std::to_string(updates) + " updates, at most " +
           std::to_string(kMaxMapUpdates) + "; use fewer cells or steps";
  return "";
}

void put(std::ostream& out, double v, bool comma = true) {
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%.17g", v);
  if (comma) out << ',';
  out << text.data();
}

void put_step(std::ostream& out, const std::optional<long>& k) {
  out << ',';
  if (k) out << *k;
}

Hyperparameters cell_hyper(const Sweep& s, int i, int j) {
  Hyperparameters h = s.run.hyper;
  h.*s.x.parameter->member = s.x.value(i);
  h.*s.y.parameter->member = s.y.value(j);
  return h;
}

}  // namespace

RunSummary summarize_run(const Objective& f, const RunSpec& run, Vec2 start, long steps, const Training& training,
                         const Target& target) {
  if (const auto problem = run.rule ? find_rule_problem(*run.rule, run.hyper) : find_problem(run.hyper))
    throw std::invalid_argument(problem->message());
  if (const auto problem = find_course_problem(start, steps)) throw std::invalid_argument(problem->message());
  if (std::string problem = find_training_problem(training, f); !problem.empty()) throw std::invalid_argument(problem);
  return summarize_valid(f, run.rule ? &*run.rule : nullptr, run.hyper, start, steps, training, target);
}

double Axis::value(int i) const {
  if (count <= 1 || i <= 0) return from;
  if (i >= count - 1) return to;
  const double t = static_cast<double>(i) / (count - 1);
  const double v = log ? std::exp(std::lerp(std::log(from), std::log(to), t)) : std::lerp(from, to, t);
  return std::clamp(v, std::min(from, to), std::max(from, to));
}

double Axis::position(double v) const {
  if (from == to) return 0.5;
  return log ? (std::log(v) - std::log(from)) / (std::log(to) - std::log(from)) : (v - from) / (to - from);
}

Axis parse_axis(std::string_view text, const RunSpec& run, int count) {
  std::vector<std::string_view> parts;
  for (std::size_t begin = 0;;) {
    const std::size_t colon = text.find(':', begin);
    parts.push_back(text.substr(begin, colon == std::string_view::npos ? std::string_view::npos : colon - begin));
    if (colon == std::string_view::npos) break;
    begin = colon + 1;
  }
  if (parts.size() < 3 || parts.size() > 4)
    throw std::invalid_argument("expected NAME:FROM:TO or NAME:FROM:TO:log, for example eta:1e-4:1e-1:log, got \"" +
                                std::string(text) + "\"");
  Axis axis;
  axis.count = count;
  for (const RealParameter* p : parameters_of(run))
    if (parts[0] == p->name) axis.parameter = p;
  if (axis.parameter == nullptr) throw std::invalid_argument(unknown_parameter(parts[0], run));
  const auto number = [&](std::string_view part, const char* what) {
    const std::optional<double> v = parse_number(part);
    if (!v) throw std::invalid_argument(std::string(what) + " is not a number: \"" + std::string(part) + "\"");
    return *v;
  };
  axis.from = number(parts[1], "FROM");
  axis.to = number(parts[2], "TO");
  if (parts.size() == 4) {
    if (parts[3] != "log")
      throw std::invalid_argument("unknown scale \"" + std::string(parts[3]) +
                                  "\" (leave it out for a linear axis, or write :log)");
    axis.log = true;
  }
  if (std::string problem = find_axis_problem(axis, run); !problem.empty()) throw std::invalid_argument(problem);
  return axis;
}

std::string find_axis_problem(const Axis& axis, const RunSpec& run) {
  const auto takes = parameters_of(run);
  if (axis.parameter == nullptr) return "no hyperparameter";
  if (std::find(takes.begin(), takes.end(), axis.parameter) == takes.end())
    return unknown_parameter(axis.parameter->name, run);
  for (const auto& [value, what] : {std::pair{axis.from, "FROM"}, std::pair{axis.to, "TO"}}) {
    if (const auto problem = find_value_problem(*axis.parameter, value))
      return std::string(what) + " " + problem->value + " is out of range: " + problem->field + " must be " +
             problem->requirement;
    if (axis.log && !(value > 0)) return std::string(what) + " must be > 0 for :log";
  }
  if (axis.count < 1 || axis.count > kMaxMapSide)
    return "count: must be in [1, " + std::to_string(kMaxMapSide) + "], got " + std::to_string(axis.count);
  return "";
}

RunSpec cell_run(const Sweep& sweep, int i, int j) {
  RunSpec run = sweep.run;
  run.hyper = cell_hyper(sweep, i, j);
  return run;
}

Vec2 cell_start(const Basin& basin, int i, int j) {
  const Vec2 size = basin.view.max - basin.view.min;
  return {basin.view.min.x + (i + 0.5) / basin.columns * size.x, basin.view.min.y + (j + 0.5) / basin.rows * size.y};
}

std::string find_sweep_problem(const Sweep& s) {
  if (std::string problem = size_problem(s.x.count, s.y.count, s.steps); !problem.empty()) return problem;
  if (std::string problem = run_problem(s.objective, s.run, s.start, s.steps, s.training); !problem.empty())
    return problem;
  if (std::string problem = find_axis_problem(s.x, s.run); !problem.empty()) return "x: " + problem;
  if (std::string problem = find_axis_problem(s.y, s.run); !problem.empty()) return "y: " + problem;
  if (s.x.parameter == s.y.parameter)
    return "x and y sweep the same hyperparameter, " + std::string(s.x.parameter->name) + ": give two";
  return "";
}

std::string find_basin_problem(const Basin& b) {
  if (std::string problem = size_problem(b.columns, b.rows, b.steps); !problem.empty()) return problem;
  const Box& v = b.view;
  const auto inside = [](double a) { return std::isfinite(a) && std::fabs(a) <= kDivergenceBound; };
  if (!inside(v.min.x) || !inside(v.max.x) || !inside(v.min.y) || !inside(v.max.y) || !(v.min.x < v.max.x) ||
      !(v.min.y < v.max.y))
    return "view: must be x0,x1,y0,y1 with x0 < x1 and y0 < y1, each finite and within 1e12, got " +
           format_number(v.min.x) + "," + format_number(v.max.x) + "," + format_number(v.min.y) + "," +
           format_number(v.max.y);
  return run_problem(b.objective, b.run, cell_start(b, 0, 0), b.steps, b.training);
}

bool takes_lanes(const Objective& f, const RunSpec& run, const Training& training) {
  return !run.rule && compiled_formula(f, training).has_value();
}

// What a map in parts keeps: the run every cell makes, with cell(c) giving cell c's
// hyperparameters and start, and the cells so far. Through the lanes when `formula` is set, else
// one by one.
struct MapInParts::Work {
  Objective f;
  std::optional<Rule> rule;
  long steps = 0;
  Training training;
  Target target;
  std::optional<std::size_t> formula;
  std::function<std::pair<Hyperparameters, Vec2>(std::size_t)> cell;
  std::size_t per_block = 1;
  std::size_t blocks = 0;
  BasinMap map;  // a sweep's is its Map part
  std::size_t next = 0;  // of advance()
  std::atomic<std::size_t> cells_done{0};

  void init(int columns, int rows, std::size_t block_updates) {
    map.columns = columns;
    map.rows = rows;
    const auto cells = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    map.cells.resize(cells);
    // Blocks fine enough for a cancel and for balance (MapOptions::block_updates).
    const std::size_t runs = std::max<std::size_t>(1, block_updates / (static_cast<std::size_t>(steps) + 1));
    per_block = formula ? kLanes * std::max<std::size_t>(1, 2 * runs / kLanes) : runs;
    blocks = (cells + per_block - 1) / per_block;
  }

  std::size_t compute(std::size_t b) {
    const std::size_t cells = map.cells.size();
    const std::size_t first = b * per_block, end = std::min(cells, first + per_block);
    if (formula) {
      for (std::size_t c = first; c < end; c += kLanes) {
        LaneRuns runs;
        std::array<RunSummary, kLanes> out{};
        for (int l = 0; l < kLanes; ++l) {
          const auto [h, start] = cell(std::min(c + static_cast<std::size_t>(l), end - 1));  // repeats the last
          runs.set(l, h, start);
        }
        kKernels[*formula](runs, steps, target, out.data());
        std::copy_n(out.begin(), std::min<std::size_t>(kLanes, end - c), map.cells.begin() + static_cast<long>(c));
      }
    } else {
      const Rule* r = rule ? &*rule : nullptr;
      for (std::size_t c = first; c < end; ++c) {
        const auto [h, start] = cell(c);
        map.cells[c] = summarize_valid(f, r, h, start, steps, training, target);
      }
    }
    cells_done += end - first;
    return end - first;
  }
};

MapInParts::MapInParts(const Sweep& s, const MapOptions& options) : work_(std::make_unique<Work>()) {
  if (std::string problem = find_sweep_problem(s); !problem.empty()) throw std::invalid_argument(problem);
  Work& w = *work_;
  w.f = s.objective;
  w.rule = s.run.rule;
  w.steps = s.steps;
  w.training = s.training;
  w.target = s.target;
  w.formula = lane_formula(s.objective, s.run, s.training, options);
  const int columns = s.x.count;
  w.cell = [s, columns](std::size_t c) {
    const int i = static_cast<int>(c % static_cast<std::size_t>(columns));
    const int j = static_cast<int>(c / static_cast<std::size_t>(columns));
    return std::pair{cell_hyper(s, i, j), s.start};
  };
  w.init(columns, s.y.count, options.block_updates);
}

MapInParts::MapInParts(const Basin& b, const MapOptions& options) : work_(std::make_unique<Work>()) {
  if (std::string problem = find_basin_problem(b); !problem.empty()) throw std::invalid_argument(problem);
  Work& w = *work_;
  w.f = b.objective;
  w.f.search_minima(b.view);
  w.rule = b.run.rule;
  w.steps = b.steps;
  w.training = b.training;
  w.target = b.target;
  w.formula = lane_formula(w.f, b.run, b.training, options);
  w.cell = [b](std::size_t c) {
    const int i = static_cast<int>(c % static_cast<std::size_t>(b.columns));
    const int j = static_cast<int>(c / static_cast<std::size_t>(b.columns));
    return std::pair{b.run.hyper, cell_start(b, i, j)};
  };
  w.init(b.columns, b.rows, options.block_updates);
  w.map.minima = w.f.minima();
}

MapInParts::~MapInParts() = default;
MapInParts::MapInParts(MapInParts&&) noexcept = default;
MapInParts& MapInParts::operator=(MapInParts&&) noexcept = default;

std::size_t MapInParts::blocks() const { return work_->blocks; }
std::size_t MapInParts::cells() const { return work_->map.cells.size(); }
std::size_t MapInParts::cells_done() const { return work_->cells_done.load(); }
bool MapInParts::done() const { return cells_done() == cells(); }
std::size_t MapInParts::compute(std::size_t block) { return work_->compute(block); }

bool MapInParts::advance() {
  const std::size_t b = work_->next++;
  if (b >= work_->blocks) return false;
  work_->compute(b);
  return true;
}

Map MapInParts::map() && {
  const bool complete = done();
  Map out = std::move(static_cast<Map&>(work_->map));
  out.complete = complete;
  return out;
}

BasinMap MapInParts::basin_map() && {
  const bool complete = done();
  BasinMap out = std::move(work_->map);
  out.complete = complete;
  out.minimum.assign(out.cells.size(), -1);
  for (std::size_t c = 0; c < out.cells.size(); ++c) {
    const RunSummary& cell = out.cells[c];
    if (cell.diverged_at) continue;
    double nearest = kBasinRadius;
    for (std::size_t m = 0; m < out.minima.size(); ++m) {
      const Vec2 d = cell.position - out.minima[m];
      const double distance = std::hypot(d.x, d.y);
      if (distance <= nearest) {
        nearest = distance;
        out.minimum[c] = static_cast<int>(m);
      }
    }
  }
  return out;
}

namespace {

// Every block of a map on `options.threads` threads, counted in `progress`.
void compute_all(MapInParts& parts, Progress* progress, const MapOptions& options) {
  for_each_block(parts.blocks(), options.threads, progress ? &progress->cancel : nullptr, [&](std::size_t b) {
    const std::size_t cells = parts.compute(b);
    if (progress != nullptr) progress->cells_done += cells;
  });
}

}  // namespace

Map sweep(const Sweep& s, Progress* progress, const MapOptions& options) {
  MapInParts parts(s, options);
  compute_all(parts, progress, options);
  return std::move(parts).map();
}

BasinMap basin(const Basin& b, Progress* progress, const MapOptions& options) {
  MapInParts parts(b, options);
  compute_all(parts, progress, options);
  return std::move(parts).basin_map();
}

void write_sweep_csv(std::ostream& out, const Sweep& s, const Map& map) {
  out << s.x.parameter->name << ',' << s.y.parameter->name << ",x,y,f,diverged_at\n";
  for (int j = 0; j < map.rows; ++j) {
    for (int i = 0; i < map.columns; ++i) {
      const RunSummary& cell = map.at(i, j);
      put(out, s.x.value(i), false);
      put(out, s.y.value(j));
      put(out, cell.position.x);
      put(out, cell.position.y);
      put(out, cell.value);
      put_step(out, cell.diverged_at);
      out << '\n';
    }
  }
}

void write_basin_csv(std::ostream& out, const Basin& b, const BasinMap& map) {
  out << "x0,y0,x,y,f,minimum,diverged_at\n";
  for (int j = 0; j < map.rows; ++j) {
    for (int i = 0; i < map.columns; ++i) {
      const std::size_t c = static_cast<std::size_t>(j) * map.columns + i;
      const RunSummary& cell = map.cells[c];
      const Vec2 start = cell_start(b, i, j);
      put(out, start.x, false);
      put(out, start.y);
      put(out, cell.position.x);
      put(out, cell.position.y);
      put(out, cell.value);
      out << ',';
      if (map.minimum[c] >= 0) out << map.minimum[c];
      put_step(out, cell.diverged_at);
      out << '\n';
    }
  }
}

}  // namespace optviz
