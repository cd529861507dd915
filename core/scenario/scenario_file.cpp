#include "scenario_file.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "atomic_file.hpp"
#include "json_text.hpp"
#include "parameters.hpp"
#include "sweep.hpp"

namespace optviz {
namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr int kMaxJsonDepth = 16;  // a scenario needs 4 levels

[[noreturn]] void fail(const std::string& field, const std::string& problem) {
  throw ScenarioError(field + ": " + problem);
}

// The value as it appears in the file, shortened: 12, "adamm", [1, 2], {...}.
std::string shown(const Json& value) {
  std::string text =
      value.is_object() ? std::string("an object") : value.dump(-1, ' ', false, Json::error_handler_t::replace);
  constexpr std::size_t kLongest = 60;
  if (text.size() > kLongest) text = text.substr(0, kLongest) + "...";
  return text;
}

const Json& member(const Json& object, const char* key, const std::string& field) {
  const auto it = object.find(key);
  if (it == object.end()) fail(field, "missing");
  return *it;
}

void require_object(const Json& value, const std::string& field) {
  if (!value.is_object()) fail(field, "must be an object {...}, got " + shown(value));
}

// A key as messages show it: long ones shortened.
std::string key_text(std::string_view key) {
  constexpr std::size_t kLongest = 40;
  return key.size() > kLongest ? std::string(key.substr(0, kLongest)) + "..." : std::string(key);
}

void reject_unknown_keys(const Json& object, const std::string& prefix, std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : object.items()) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) fail(prefix + key_text(key), "unknown key");
  }
}

double number(const Json& value, const std::string& field) {
  if (!value.is_number()) fail(field, "must be a number, got " + shown(value));
  return value.get<double>();
}

bool boolean(const Json& value, const std::string& field) {
  if (!value.is_boolean()) fail(field, "must be true or false, got " + shown(value));
  return value.get<bool>();
}

std::string text(const Json& value, const std::string& field) {
  if (!value.is_string()) fail(field, "must be a string, got " + shown(value));
  return value.get<std::string>();
}

// An integer in [min, max]; a JSON number with a fraction or out of range is refused.
long integer(const Json& value, const std::string& field, long min, long max) {
  const std::string requirement = "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(max) || static_cast<long>(u) < min)
      fail(field, "must be " + requirement + ", got " + shown(value));
    return static_cast<long>(u);
  }
  if (!value.is_number_integer()) fail(field, "must be " + requirement + ", got " + shown(value));
  const auto i = value.get<std::int64_t>();
  if (i < min || i > max) fail(field, "must be " + requirement + ", got " + shown(value));
  return static_cast<long>(i);
}

Vec2 pair(const Json& value, const std::string& field, const char* what) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number())
    fail(field, std::string("must be ") + what + ", got " + shown(value));
  return {value[0].get<double>(), value[1].get<double>()};
}

std::string colour_text(Rgb c) {
  std::array<char, 8> out{};
  std::snprintf(out.data(), out.size(), "#%02x%02x%02x", c.r, c.g, c.b);
  return out.data();
}

Rgb parse_colour(const Json& value, const std::string& field) {
  const std::string problem = "must be a colour \"#rrggbb\", got " + shown(value);
  if (!value.is_string()) fail(field, problem);
  const std::string s = value.get<std::string>();
  if (s.size() != 7 || s[0] != '#') fail(field, problem);
  auto channel = [&](std::size_t at) {
    int v = 0;
    for (std::size_t i = at; i < at + 2; ++i) {
      const char c = s[i];
      int digit = 0;
      if (c >= '0' && c <= '9')
        digit = c - '0';
      else if (c >= 'a' && c <= 'f')
        digit = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        digit = c - 'A' + 10;
      else
        fail(field, problem);
      v = v * 16 + digit;
    }
    return static_cast<std::uint8_t>(v);
  };
  return {channel(1), channel(3), channel(5)};
}

std::string_view scale_name(ColourScale scale) { return scale == ColourScale::log ? "log" : "linear"; }

ColourScale colour_scale(const Json& value, const std::string& field) {
  const std::string scale = text(value, field);
  if (scale == "log") return ColourScale::log;
  if (scale == "linear") return ColourScale::linear;
  fail(field, "must be \"log\" or \"linear\", got " + shown(value));
}

// "schedule": {"kind": "cosine", "t_max": 120, ...}; only the fields its kind uses.
Schedule parse_schedule(const Json& value, const std::string& field) {
  require_object(value, field);
  Schedule s;
  const Json& kind = member(value, "kind", field + ".kind");
  const auto found = find_schedule(text(kind, field + ".kind"));
  if (!found) fail(field + ".kind", "must be one of constant, step, exponential, cosine, inverse_sqrt, got " + shown(kind));
  s.kind = *found;
  for (const auto& [key, item] : value.items()) {
    const std::string f = field + "." + key_text(key);
    if (key == "kind") continue;
    if (key == "step_size" && s.kind == ScheduleKind::step)
      s.step_size = integer(item, f, 1, kMaxSteps);
    else if (key == "gamma" && (s.kind == ScheduleKind::step || s.kind == ScheduleKind::exponential))
      s.gamma = number(item, f);
    else if (key == "t_max" && s.kind == ScheduleKind::cosine)
      s.t_max = integer(item, f, 1, kMaxSteps);
    else if (key == "eta_min" && s.kind == ScheduleKind::cosine)
      s.eta_min = number(item, f);
    else if (key == "warmup")
      s.warmup = integer(item, f, 0, kMaxSteps);
    else if (key == "warmup_start")
      s.warmup_start = number(item, f);
    else
      fail(f, "unknown key for a " + std::string(name(s.kind)) + " schedule");
  }
  if (std::string problem = find_schedule_problem(s); !problem.empty()) fail(field, problem);
  return s;
}

OrderedJson schedule_json(const Schedule& s) {
  OrderedJson out;
  out["kind"] = name(s.kind);
  if (s.kind == ScheduleKind::step) out["step_size"] = s.step_size;
  if (s.kind == ScheduleKind::step || s.kind == ScheduleKind::exponential) out["gamma"] = s.gamma;
  if (s.kind == ScheduleKind::cosine) {
    if (s.t_max > 0) out["t_max"] = s.t_max;
    out["eta_min"] = s.eta_min;
  }
  if (s.warmup > 0) {
    out["warmup"] = s.warmup;
    out["warmup_start"] = s.warmup_start;
  }
  return out;
}

// The keys every run may have besides its optimizer: how it sees the objective. True when `key`
// was one of them.
bool parse_training_key(RunSpec& run, const std::string& key, const Json& item, const std::string& field) {
  if (key == "schedule")
    run.schedule = parse_schedule(item, field);
  else if (key == "batch")
    run.batch = integer(item, field, 1, static_cast<long>(kMaxDataRows));
  else if (key == "shuffle")
    run.shuffle = boolean(item, field);
  else if (key == "noise")
    run.noise = number(item, field);
  else
    return false;
  return true;
}

void write_training(const RunSpec& r, OrderedJson& run) {
  if (!(r.schedule == Schedule{})) run["schedule"] = schedule_json(r.schedule);
  if (r.batch > 0) run["batch"] = r.batch;
  if (r.shuffle) run["shuffle"] = true;
  if (r.noise > 0) run["noise"] = r.noise;
}

// A run of a scenario file: its maths and its look.
struct ParsedRun {
  RunSpec run;
  RunLook look;
};

// A run's look: "label", "colour", "visible". False for a key that is none of them.
bool parse_look_key(RunLook& look, const std::string& key, const Json& item, const std::string& field) {
  if (key == "label")
    look.label = text(item, field);
  else if (key == "colour")
    look.colour = parse_colour(item, field);
  else if (key == "visible")
    look.visible = boolean(item, field);
  else
    return false;
  return true;
}

// A typed rule run: "rule", every hyperparameter the rule reads, optionally "accumulator".
ParsedRun parse_rule_run(const Json& value, std::size_t index, const std::string& prefix) {
  const std::string text_of_rule = text(value.at("rule"), prefix + "rule");
  std::optional<Rule> rule;
  try {
    rule.emplace(text_of_rule);
  } catch (const ExpressionError& e) {
    fail(prefix + "rule", e.what());
  }
  RunSpec run = make_rule_run(*rule);
  RunLook look = make_look("Rule", index, run);
  for (const RealParameter* p : rule->reads())
    if (!value.contains(p->name)) fail(prefix + std::string(p->name), "missing (the rule reads it)");
  for (const auto& [key, item] : value.items()) {
    const std::string field = prefix + key_text(key);
    if (key == "rule") continue;
    if (parse_look_key(look, key, item, field)) {
    } else if (key == "accumulator") {
      look.accumulator = text(item, field);
      if (!rule->state_index(look.accumulator))
        fail(field, "must be one of the rule's state variables, got " + shown(item));
    } else if (key == "optimizer") {
      fail(field, "a run has either an optimizer or a rule, not both");
    } else if (parse_training_key(run, key, item, field)) {
    } else {
      const auto parameters = real_parameters();
      const std::string_view wanted = key;
      const auto p = std::find_if(parameters.begin(), parameters.end(), [&](const auto& q) { return q.name == wanted; });
      if (p == parameters.end()) fail(field, "unknown key");
      if (!rule->reads_parameter(key)) fail(field, "the rule does not read it");
      run.hyper.*p->member = number(item, field);
    }
  }
  return {std::move(run), std::move(look)};
}

ParsedRun parse_run(const Json& value, std::size_t index) {
  const std::string prefix = "runs[" + std::to_string(index) + "].";
  require_object(value, "runs[" + std::to_string(index) + "]");
  if (value.contains("rule")) return parse_rule_run(value, index, prefix);
  const Json& optimizer = member(value, "optimizer", prefix + "optimizer");
  const std::string kind_name = text(optimizer, prefix + "optimizer");
  const auto kind = find_optimizer(kind_name);
  if (!kind) fail(prefix + "optimizer", "must be one of " + optimizer_names(~0u) + ", got " + shown(optimizer));

  RunSpec run = make_run(*kind);
  RunLook look = make_look(std::string(title(*kind)), index);
  for (const auto& [key, item] : value.items()) {
    const std::string field = prefix + key_text(key);
    if (key == "optimizer") continue;
    if (parse_look_key(look, key, item, field)) continue;
    if (parse_training_key(run, key, item, field)) continue;
    bool known = false;
    for (const RealParameter& p : real_parameters()) {
      if (p.name != key) continue;
      if (!p.applies_to(*kind))
        fail(field, "does not apply to " + kind_name + " (it is taken by " + optimizer_names(p.kinds) + ")");
      run.hyper.*p.member = number(item, field);
      known = true;
    }
    for (const FlagParameter& p : flag_parameters()) {
      if (p.name != key) continue;
      if (!p.applies_to(*kind))
        fail(field, "does not apply to " + kind_name + " (it is taken by " + optimizer_names(p.kinds) + ")");
      run.hyper.*p.member = boolean(item, field);
      known = true;
    }
    if (!known) fail(field, "unknown key");
  }
  return {std::move(run), std::move(look)};
}

Display parse_display(const Json& value) {
  require_object(value, "display");
  reject_unknown_keys(value, "display.", {"colour_scale", "contour_count", "view", "surface"});
  Display display;
  if (const auto it = value.find("colour_scale"); it != value.end())
    display.colour_scale = colour_scale(*it, "display.colour_scale");
  if (const auto it = value.find("contour_count"); it != value.end())
    display.contour_count = static_cast<int>(integer(*it, "display.contour_count", 0, kMaxContourCount));
  if (const auto it = value.find("view"); it != value.end()) {
    const std::string view = text(*it, "display.view");
    if (view == "2d")
      display.view = CanvasView::flat;
    else if (view == "3d")
      display.view = CanvasView::surface;
    else
      fail("display.view", "must be \"2d\" or \"3d\", got " + shown(*it));
  }
  if (const auto it = value.find("surface"); it != value.end()) {
    require_object(*it, "display.surface");
    reject_unknown_keys(*it, "display.surface.", {"yaw", "pitch", "zoom", "height"});
    SurfaceView& v = display.surface;
    if (const auto k = it->find("yaw"); k != it->end()) v.yaw = number(*k, "display.surface.yaw");
    if (const auto k = it->find("pitch"); k != it->end()) v.pitch = number(*k, "display.surface.pitch");
    if (const auto k = it->find("zoom"); k != it->end()) v.zoom = number(*k, "display.surface.zoom");
    if (const auto k = it->find("height"); k != it->end()) v.height = colour_scale(*k, "display.surface.height");
    if (const std::string problem = find_surface_view_problem(v); !problem.empty()) throw ScenarioError(problem);
  }
  return display;
}

// "lesson": {"chapter": "...", "plots": ["step_size", "loss"], "coordinate": "x", "step": 150,
// "question": "...", "sweep": {"run": 0, "x": "eta:1e-4:1:log", "y": "rho:0.5:0.999", "cells": 128}}
LessonInfo parse_lesson(const Json& value, long steps) {
  require_object(value, "lesson");
  reject_unknown_keys(value, "lesson.", {"chapter", "plots", "coordinate", "step", "question", "sweep"});
  LessonInfo lesson;
  if (const auto it = value.find("chapter"); it != value.end()) lesson.chapter = text(*it, "lesson.chapter");
  if (const auto it = value.find("plots"); it != value.end()) {
    if (!it->is_array()) fail("lesson.plots", "must be an array of plot names, got " + shown(*it));
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string field = "lesson.plots[" + std::to_string(i) + "]";
      const auto plot = find_lesson_plot(text((*it)[i], field));
      if (!plot) fail(field, "must be \"loss\", \"accumulator\", \"step_size\", \"data\" or \"sweep\", got " + shown((*it)[i]));
      lesson.plots.push_back(*plot);
    }
  }
  if (const auto it = value.find("coordinate"); it != value.end()) {
    const std::string c = text(*it, "lesson.coordinate");
    if (c == "both")
      lesson.coordinate = CoordinateChoice::both;
    else if (c == "x")
      lesson.coordinate = CoordinateChoice::x;
    else if (c == "y")
      lesson.coordinate = CoordinateChoice::y;
    else
      fail("lesson.coordinate", "must be \"x\", \"y\" or \"both\", got " + shown(*it));
  }
  if (const auto it = value.find("step"); it != value.end())
    lesson.step = integer(*it, "lesson.step", 0, std::max(0L, steps));
  if (const auto it = value.find("question"); it != value.end()) lesson.question = text(*it, "lesson.question");
  if (const auto it = value.find("sweep"); it != value.end()) {
    require_object(*it, "lesson.sweep");
    reject_unknown_keys(*it, "lesson.sweep.", {"run", "x", "y", "cells"});
    LessonSweep sweep;
    sweep.run = static_cast<std::size_t>(integer(member(*it, "run", "lesson.sweep.run"), "lesson.sweep.run", 0,
                                                 static_cast<long>(kMaxRuns) - 1));
    sweep.x = text(member(*it, "x", "lesson.sweep.x"), "lesson.sweep.x");
    sweep.y = text(member(*it, "y", "lesson.sweep.y"), "lesson.sweep.y");
    if (const auto k = it->find("cells"); k != it->end())
      sweep.cells = static_cast<int>(integer(*k, "lesson.sweep.cells", kMinLessonSweepCells, kMaxLessonSweepCells));
    lesson.sweep = std::move(sweep);
  }
  return lesson;
}

OrderedJson lesson_json(const LessonInfo& lesson) {
  OrderedJson out;
  out["chapter"] = lesson.chapter;
  OrderedJson plots = OrderedJson::array();
  for (LessonPlot p : lesson.plots) plots.push_back(std::string(name(p)));
  out["plots"] = std::move(plots);
  out["coordinate"] = std::string(name(lesson.coordinate));
  if (lesson.step) out["step"] = *lesson.step;
  if (!lesson.question.empty()) out["question"] = lesson.question;
  if (lesson.sweep)
    out["sweep"] = {{"run", lesson.sweep->run}, {"x", lesson.sweep->x}, {"y", lesson.sweep->y},
                    {"cells", lesson.sweep->cells}};
  return out;
}

std::string function_names() {
  std::string out;
  for (const TestFunction& f : test_functions()) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

// "data": {"source": "line64.csv", "loss": "linear", "x": [...], "y": [...]}: the data set is
// copied into the scenario, so that a scenario (and a PNG figure) opens by itself.
Objective parse_data(const Json& value) {
  require_object(value, "data");
  reject_unknown_keys(value, "data.", {"source", "loss", "x", "y"});
  const std::string source = text(member(value, "source", "data.source"), "data.source");
  const Json& loss_item = member(value, "loss", "data.loss");
  const auto loss = find_loss(text(loss_item, "data.loss"));
  if (!loss) fail("data.loss", "must be \"linear\" or \"logistic\", got " + shown(loss_item));
  Dataset data;
  for (const auto& [key, column] : {std::pair{"x", &data.x}, std::pair{"y", &data.y}}) {
    const Json& list = member(value, key, std::string("data.") + key);
    if (!list.is_array()) fail(std::string("data.") + key, "must be an array of numbers, got " + shown(list));
    if (list.size() > kMaxDataRows)
      fail(std::string("data.") + key, "must have at most " + std::to_string(kMaxDataRows) + " rows");
    for (std::size_t i = 0; i < list.size(); ++i) column->push_back(number(list[i], std::string("data.") + key + "[" + std::to_string(i) + "]"));
  }
  try {
    return Objective::from_data(std::move(data), *loss, source);
  } catch (const DataError& e) {
    fail("data", e.what());
  }
}

OrderedJson data_json(const Objective& f) {
  OrderedJson out;
  out["source"] = f.source();
  out["loss"] = name(f.loss());
  out["x"] = f.data()->x;
  out["y"] = f.data()->y;
  return out;
}

// "function": a built-in's name, or (version 2) "expression": a typed formula in x and y, or
// "data": a loss over a data set.
Objective parse_objective(const Json& root) {
  const auto function = root.find("function");
  const auto expression = root.find("expression");
  const auto data = root.find("data");
  if ((function != root.end()) + (expression != root.end()) + (data != root.end()) > 1)
    fail(data != root.end() ? "data" : "expression",
         "a scenario has one of a function, an expression or data, not several");
  if (data != root.end()) return parse_data(*data);
  if (expression != root.end()) {
    try {
      return Objective::typed(text(*expression, "expression"));
    } catch (const ExpressionError& e) {
      fail("expression", e.what());
    }
  }
  if (function == root.end()) fail("function", "missing (a built-in's name, or give an \"expression\" instead)");
  const TestFunction* f = find_function(text(*function, "function"));
  if (f == nullptr) fail("function", "must be one of " + function_names() + ", got " + shown(*function));
  return *f;
}

std::string range_text(double lo, double hi) { return "[" + format_number(lo) + ", " + format_number(hi) + "]"; }

}  // namespace

std::string find_scenario_problem(const Scenario& s) {
  if (s.looks.size() != s.course.runs.size())
    return "runs: " + std::to_string(s.course.runs.size()) + " runs but " + std::to_string(s.looks.size()) + " looks";
  const auto axis_problem = [](const char* field, double lo, double hi) -> std::string {
    const bool finite = std::isfinite(lo) && std::isfinite(hi) && std::fabs(lo) <= kDivergenceBound &&
                        std::fabs(hi) <= kDivergenceBound;
    if (finite && lo < hi) return "";
    return std::string(field) + ": must be [min, max] with min < max, finite and within 1e12, got " +
           range_text(lo, hi);
  };
  if (auto p = axis_problem("view.x", s.view.min.x, s.view.max.x); !p.empty()) return p;
  if (auto p = axis_problem("view.y", s.view.min.y, s.view.max.y); !p.empty()) return p;
  if (const auto problem = find_course_problem(s.course.start, s.course.steps)) return problem->message_at("");
  if (s.course.runs.size() > kMaxRuns)
    return "runs: must have at most " + std::to_string(kMaxRuns) + " runs, got " + std::to_string(s.course.runs.size());
  if (static_cast<long>(s.course.runs.size()) * s.course.steps > kMaxScenarioSteps)
    return "steps: must be at most " +
           std::to_string(kMaxScenarioSteps / std::max<long>(1, static_cast<long>(s.course.runs.size()))) + " for " +
           std::to_string(s.course.runs.size()) + " runs (at most " + std::to_string(kMaxScenarioSteps) +
           " steps in all), got " + std::to_string(s.course.steps);
  for (std::size_t i = 0; i < s.course.runs.size(); ++i)
    if (const auto problem = find_run_spec_problem(s.course.runs[i], i, s.course.objective, s.course.start, s.course.steps)) return *problem;
  if (s.display.contour_count < 0 || s.display.contour_count > kMaxContourCount)
    return "display.contour_count: must be an integer in [0, " + std::to_string(kMaxContourCount) + "], got " +
           std::to_string(s.display.contour_count);
  if (std::string problem = find_surface_view_problem(s.display.surface); !problem.empty()) return problem;
  return find_lesson_problem(s);
}

std::string find_lesson_problem(const Scenario& s) {
  const LessonInfo& l = s.lesson;
  if (l.plots.size() > kMaxLessonPlots)
    return "lesson.plots: must name at most " + std::to_string(kMaxLessonPlots) + " plots, got " +
           std::to_string(l.plots.size());
  for (std::size_t i = 0; i < l.plots.size(); ++i) {
    const std::string field = "lesson.plots[" + std::to_string(i) + "]";
    if (std::find(l.plots.begin(), l.plots.begin() + static_cast<std::ptrdiff_t>(i), l.plots[i]) !=
        l.plots.begin() + static_cast<std::ptrdiff_t>(i))
      return field + ": \"" + std::string(name(l.plots[i])) + "\" is named twice";
    if (l.plots[i] == LessonPlot::data && !s.course.objective.is_data())
      return field + ": \"data\" needs a loss from data";
    if (l.plots[i] == LessonPlot::sweep && !l.sweep) return field + ": \"sweep\" needs a lesson.sweep";
  }
  if (l.step && (*l.step < 0 || *l.step > s.course.steps))
    return "lesson.step: must be in [0, " + std::to_string(s.course.steps) + "] (the steps), got " + std::to_string(*l.step);
  if (!l.sweep) return "";
  const LessonSweep& sweep = *l.sweep;
  if (sweep.run >= s.course.runs.size())
    return "lesson.sweep.run: must be a run's index in [0, " + std::to_string(s.course.runs.size()) + "), got " +
           std::to_string(sweep.run);
  if (sweep.cells < kMinLessonSweepCells || sweep.cells > kMaxLessonSweepCells)
    return "lesson.sweep.cells: must be in [" + std::to_string(kMinLessonSweepCells) + ", " +
           std::to_string(kMaxLessonSweepCells) + "], got " + std::to_string(sweep.cells);
  try {
    lesson_sweep(s);
  } catch (const std::invalid_argument& e) {
    return std::string("lesson.sweep.") + e.what();
  }
  return "";
}

std::string find_surface_view_problem(const SurfaceView& v) {
  if (!(std::fabs(v.yaw) <= 360))
    return "display.surface.yaw: must be in [-360, 360] degrees, got " + format_number(v.yaw);
  if (!(v.pitch >= kMinSurfacePitch && v.pitch <= kMaxSurfacePitch))
    return "display.surface.pitch: must be in [" + format_number(kMinSurfacePitch) + ", " +
           format_number(kMaxSurfacePitch) + "] degrees, got " + format_number(v.pitch);
  if (!(v.zoom >= kMinSurfaceZoom && v.zoom <= kMaxSurfaceZoom))
    return "display.surface.zoom: must be in [" + format_number(kMinSurfaceZoom) + ", " +
           format_number(kMaxSurfaceZoom) + "], got " + format_number(v.zoom);
  return "";
}

std::string to_json(const Scenario& s) {
  OrderedJson out;
  out["version"] = kScenarioVersion;
  out["title"] = s.title;
  out["description"] = s.description;
  if (!s.lesson.empty()) out["lesson"] = lesson_json(s.lesson);
  if (s.course.objective.is_typed())
    out["expression"] = s.course.objective.formula();
  else if (s.course.objective.is_data())
    out["data"] = data_json(s.course.objective);
  else
    out["function"] = s.course.objective.name();
  out["view"] = {{"x", {s.view.min.x, s.view.max.x}}, {"y", {s.view.min.y, s.view.max.y}}};
  out["start"] = {s.course.start.x, s.course.start.y};
  out["steps"] = s.course.steps;
  if (s.course.seed != 0) out["seed"] = s.course.seed;
  out["display"] = {{"colour_scale", scale_name(s.display.colour_scale)}, {"contour_count", s.display.contour_count}};
  // The 3D view's keys only when they differ from the defaults: 2D scenarios keep their old text.
  if (s.display.view != CanvasView::flat) out["display"]["view"] = "3d";
  if (!(s.display.surface == SurfaceView{})) {
    const SurfaceView& v = s.display.surface;
    out["display"]["surface"] = {
        {"yaw", v.yaw}, {"pitch", v.pitch}, {"zoom", v.zoom}, {"height", scale_name(v.height)}};
  }
  OrderedJson runs = OrderedJson::array();
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) {
    const RunSpec& r = s.course.runs[i];
    const RunLook& look = s.looks[i];
    OrderedJson run;
    run["label"] = look.label;
    if (r.rule)
      run["rule"] = r.rule->text();
    else
      run["optimizer"] = name(r.hyper.kind);
    run["colour"] = colour_text(look.colour);
    run["visible"] = look.visible;
    if (r.rule) {
      run["accumulator"] = look.accumulator;
      for (const RealParameter* p : r.rule->reads()) run[std::string(p->name)] = r.hyper.*p->member;
      write_training(r, run);
      runs.push_back(std::move(run));
      continue;
    }
    for (const RealParameter& p : real_parameters())
      if (p.applies_to(r.hyper.kind)) run[std::string(p.name)] = r.hyper.*p.member;
    for (const FlagParameter& p : flag_parameters())
      if (p.applies_to(r.hyper.kind)) run[std::string(p.name)] = r.hyper.*p.member;
    write_training(r, run);
    runs.push_back(std::move(run));
  }
  out["runs"] = std::move(runs);
  return pretty_json(out);
}

Scenario scenario_from_json(std::string_view text_in) {
  Json root;
  // nlohmann keeps the last of repeated keys; a scenario refuses them instead. It also refuses deep
  // nesting, which no scenario has and which would make printing or freeing the value recurse deeply.
  std::vector<std::set<std::string>> keys;
  const auto refuse_repeated_keys = [&keys](int depth, Json::parse_event_t event, Json& parsed) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth)
      throw ScenarioError("not valid JSON for a scenario: nested deeper than " + std::to_string(kMaxJsonDepth) +
                          " levels");
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.back().insert(parsed.get<std::string>()).second)
      throw ScenarioError("not valid JSON for a scenario: the key \"" + key_text(parsed.get<std::string>()) +
                          "\" appears twice in one object");
    return true;
  };
  try {
    root = Json::parse(text_in.begin(), text_in.end(), refuse_repeated_keys);
  } catch (const Json::exception& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    std::string what = e.what();
    if (const auto end = what.find("] "); what.starts_with("[json.exception.") && end != std::string::npos)
      what = what.substr(end + 2);
    throw ScenarioError("not valid JSON: " + what);
  }
  if (!root.is_object()) throw ScenarioError("a scenario must be a JSON object {...}, got " + shown(root));

  const Json& version = member(root, "version", "version");
  // nlohmann stores every non-negative integer as unsigned.
  if (!version.is_number_unsigned() || version.get<std::uint64_t>() < 1)
    fail("version", "must be an integer >= 1, got " + shown(version));
  if (version.get<std::uint64_t>() > kScenarioVersion)
    throw ScenarioError("scenario version " + shown(version) + " is newer than this optviz (" +
                        std::to_string(kScenarioVersion) + "); update optviz");
  reject_unknown_keys(root, "",
                      {"version", "title", "description", "lesson", "function", "expression", "data", "view", "start",
                       "steps", "seed", "display", "runs"});

  Scenario s;
  s.course.objective = parse_objective(root);
  s.view = s.course.objective.view();
  if (const auto it = root.find("view"); it != root.end()) {
    require_object(*it, "view");
    reject_unknown_keys(*it, "view.", {"x", "y"});
    const Vec2 x = pair(member(*it, "x", "view.x"), "view.x", "[min, max]");
    const Vec2 y = pair(member(*it, "y", "view.y"), "view.y", "[min, max]");
    s.view = {{x.x, y.x}, {x.y, y.y}};
  }
  s.course.start = pair(member(root, "start", "start"), "start", "a point [x, y]");
  s.course.steps = integer(member(root, "steps", "steps"), "steps", 0, kMaxSteps);
  if (const auto it = root.find("seed"); it != root.end()) {
    if (!it->is_number_unsigned()) fail("seed", "must be an integer >= 0, got " + shown(*it));
    s.course.seed = it->get<std::uint64_t>();
  }
  if (const auto it = root.find("display"); it != root.end()) s.display = parse_display(*it);
  if (const auto it = root.find("title"); it != root.end()) s.title = text(*it, "title");
  if (const auto it = root.find("description"); it != root.end()) s.description = text(*it, "description");

  const Json& runs = member(root, "runs", "runs");
  if (!runs.is_array()) fail("runs", "must be an array [...], got " + shown(runs));
  if (runs.size() > kMaxRuns)
    fail("runs", "must have at most " + std::to_string(kMaxRuns) + " runs, got " + std::to_string(runs.size()));
  for (std::size_t i = 0; i < runs.size(); ++i) {
    ParsedRun parsed = parse_run(runs[i], i);
    add_run(s, std::move(parsed.run), std::move(parsed.look));
  }
  if (const auto it = root.find("lesson"); it != root.end()) s.lesson = parse_lesson(*it, s.course.steps);

  if (std::string problem = find_scenario_problem(s); !problem.empty()) throw ScenarioError(problem);
  return s;
}

Scenario load_scenario_json(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status)) throw ScenarioError(name + ": is a directory, not a scenario file");
  // A FIFO or a device would block or never end: only regular files are scenarios.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw ScenarioError(name + ": not a regular file, so not a scenario file");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw ScenarioError(name + ": cannot read: " + std::strerror(errno));
  std::string contents;
  std::array<char, 65536> buffer{};
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    contents.append(buffer.data(), n);
    if (contents.size() > kMaxScenarioFileBytes)
      throw ScenarioError(name + ": too large for a scenario file (more than " +
                          std::to_string(kMaxScenarioFileBytes >> 20) + " MB)");
    if (n < buffer.size()) break;
  }
  if (std::ferror(file.get())) throw ScenarioError(name + ": cannot read: " + std::strerror(errno));
  try {
    return scenario_from_json(contents);
  } catch (const ScenarioError& e) {
    throw ScenarioError(name + ": " + e.what());
  }
}

std::filesystem::path scenario_file_name(const std::filesystem::path& path) {
  if (path.has_extension() || !path.has_filename()) return path;
  std::filesystem::path named = path;
  named += kScenarioExtension;
  return named;
}

void save_scenario(const std::filesystem::path& path, const Scenario& scenario) {
  if (std::string problem = find_scenario_problem(scenario); !problem.empty())
    throw ScenarioError("cannot save " + path.string() + ": " + problem);
  write_file_atomically(path, to_json(scenario));
}

}  // namespace optviz
