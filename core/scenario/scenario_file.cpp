#include "scenario_file.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "atomic_file.hpp"
#include "json_text.hpp"
#include "network_json.hpp"
#include "parameters.hpp"
#include "run_name.hpp"
#include "scenario_fields.hpp"
#include "sweep.hpp"
#include "translate.hpp"

namespace optviz {

using namespace scenario_fields;

namespace {

constexpr int kMaxJsonDepth = 16;  // a scenario needs 4 levels

Rgb parse_colour(const Json& value, const std::string& field) {
  const std::string problem = tr_format("must be a colour \"#rrggbb\", got {0}", {shown(value)});
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

ColourScale colour_scale(const Json& value, const std::string& field) {
  const std::string scale = text(value, field);
  if (scale == "log") return ColourScale::log;
  if (scale == "linear") return ColourScale::linear;
  fail(field, tr_format("must be \"log\" or \"linear\", got {0}", {shown(value)}));
}

// "schedule": {"kind": "cosine", "t_max": 120, ...}; only the fields its kind uses.
// "constant, step, exponential, cosine, inverse_sqrt"
std::string schedule_list() {
  std::string out;
  for (const ScheduleKind kind : schedule_kinds()) out += (out.empty() ? "" : ", ") + std::string(name(kind));
  return out;
}

Schedule parse_schedule(const Json& value, const std::string& field) {
  require_object(value, field);
  Schedule s;
  const Json& kind = member(value, "kind", field + ".kind");
  const auto found = find_schedule(text(kind, field + ".kind"));
  if (!found) fail(field + ".kind", tr_format("must be one of {0}, got {1}", {schedule_list(), shown(kind)}));
  s.kind = *found;
  for (const auto& [key, item] : value.items()) {
    const std::string f = field + "." + key_text(key);
    if (key == "kind") continue;
    const ScheduleField* taken = find_schedule_field(key);
    if (taken == nullptr || !taken->applies_to(s.kind))
      fail(f, tr_format("unknown key for a {0} schedule", {name(s.kind)}));
    if (taken->count)
      s.*taken->count = integer(item, f, static_cast<long>(taken->min), kMaxSteps);
    else
      s.*taken->value = number(item, f);
  }
  if (std::string problem = find_schedule_problem(s); !problem.empty()) fail(field, problem);
  return s;
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

// A run of a scenario file: its maths and its look.
struct ParsedRun {
  RunSpec run;
  RunLook look;
};

// A language code as the catalogs name them: "zh_CN", "en", "de".
bool is_language_code(std::string_view code) {
  const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const std::size_t letters = code.find('_') == std::string_view::npos ? code.size() : code.find('_');
  if (letters < 2 || letters > 3 || !std::all_of(code.begin(), code.begin() + letters, lower)) return false;
  const std::string_view region = code.substr(letters);
  return region.empty() || (region.size() == 3 && upper(region[1]) && upper(region[2]));
}

// "translations": {"zh_CN": {...}, ...}: each language's object handed to `read` with its path.
template <typename Read>
void parse_translations(const Json& value, const std::string& field, Read read) {
  require_object(value, field);
  for (const auto& [code, words] : value.items()) {
    const std::string path = field + "." + key_text(code);
    if (!is_language_code(code)) fail(path, tr("must be named by a language code such as \"zh_CN\""));
    require_object(words, path);
    read(code, words, path + ".");
  }
}

// A scenario's "translations": {"zh_CN": {"title", "description", "chapter", "question"}}.
std::map<std::string, LessonText> parse_lesson_translations(const Json& value) {
  std::map<std::string, LessonText> out;
  parse_translations(value, "translations", [&](const std::string& code, const Json& words, const std::string& prefix) {
    reject_unknown_keys(words, prefix, {"title", "description", "chapter", "question"});
    LessonText& t = out[code];
    for (auto [key, member] :
         {std::pair{"title", &LessonText::title}, std::pair{"description", &LessonText::description},
          std::pair{"chapter", &LessonText::chapter}, std::pair{"question", &LessonText::question}})
      if (const auto it = words.find(key); it != words.end()) t.*member = text(*it, prefix + key);
  });
  return out;
}

// A run's "translations": {"zh_CN": {"label": "..."}}.
std::map<std::string, std::string> parse_label_translations(const Json& value, const std::string& field) {
  std::map<std::string, std::string> out;
  parse_translations(value, field, [&](const std::string& code, const Json& words, const std::string& prefix) {
    reject_unknown_keys(words, prefix, {"label"});
    out[code] = text(member(words, "label", prefix + "label"), prefix + "label");
  });
  return out;
}

// A run's look: "label", "translations", "colour", "visible". False for a key that is none of them.
bool parse_look_key(RunLook& look, const std::string& key, const Json& item, const std::string& field) {
  if (key == "label")
    look.label = text(item, field);
  else if (key == "translations")
    look.translated_labels = parse_label_translations(item, field);
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
    fail(prefix + "rule", place_text(text_of_rule, e.column()) + ": " + e.problem());
  }
  RunSpec run = make_rule_run(*rule);
  RunLook look = make_look({}, index, run);
  for (const RealParameter* p : rule->reads())
    if (!value.contains(p->name)) fail(prefix + std::string(p->name), tr("missing (the rule reads it)"));
  for (const auto& [key, item] : value.items()) {
    const std::string field = prefix + key_text(key);
    if (key == "rule") continue;
    if (parse_look_key(look, key, item, field)) {
    } else if (key == "accumulator") {
      look.accumulator = text(item, field);
      if (!rule->state_index(look.accumulator))
        fail(field, tr_format("must be one of the rule's state variables, got {0}", {shown(item)}));
    } else if (key == "optimizer") {
      fail(field, tr("a run has either an optimizer or a rule, not both"));
    } else if (parse_training_key(run, key, item, field)) {
    } else {
      const auto parameters = real_parameters();
      const std::string_view wanted = key;
      const auto p =
          std::find_if(parameters.begin(), parameters.end(), [&](const auto& q) { return q.name == wanted; });
      if (p == parameters.end()) fail(field, tr("unknown key"));
      if (!rule->reads_parameter(key)) fail(field, tr("the rule does not read it"));
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
  if (!kind)
    fail(prefix + "optimizer", tr_format("must be one of {0}, got {1}", {optimizer_names(~0u), shown(optimizer)}));

  RunSpec run = make_run(*kind);
  RunLook look = make_look({}, index);
  for (const auto& [key, item] : value.items()) {
    const std::string field = prefix + key_text(key);
    if (key == "optimizer") continue;
    if (parse_look_key(look, key, item, field)) continue;
    if (parse_training_key(run, key, item, field)) continue;
    bool known = false;
    for (const RealParameter& p : real_parameters()) {
      if (p.name != key) continue;
      if (!p.applies_to(*kind))
        fail(field, tr_format("does not apply to {0} (it is taken by {1})", {kind_name, optimizer_names(p.kinds)}));
      run.hyper.*p.member = number(item, field);
      known = true;
    }
    for (const FlagParameter& p : flag_parameters()) {
      if (p.name != key) continue;
      if (!p.applies_to(*kind))
        fail(field, tr_format("does not apply to {0} (it is taken by {1})", {kind_name, optimizer_names(p.kinds)}));
      run.hyper.*p.member = boolean(item, field);
      known = true;
    }
    if (!known) fail(field, tr("unknown key"));
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
      fail("display.view", tr_format("must be \"2d\" or \"3d\", got {0}", {shown(*it)}));
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
// "question": "...", "sweep": {"run": 0, "x": "eta:1e-4:1:log", "y": "rho:0.5:0.999", "cells": 128}};
// a network lesson's "view": "layers", "quantity": "step_size", "plane": "pca".
LessonInfo parse_lesson(const Json& value, long steps) {
  require_object(value, "lesson");
  reject_unknown_keys(value, "lesson.",
                      {"chapter", "plots", "coordinate", "step", "question", "sweep", "view", "quantity", "plane"});
  LessonInfo lesson;
  if (const auto it = value.find("chapter"); it != value.end()) lesson.chapter = text(*it, "lesson.chapter");
  if (const auto it = value.find("plots"); it != value.end()) {
    if (!it->is_array()) fail("lesson.plots", tr_format("must be an array of plot names, got {0}", {shown(*it)}));
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string field = "lesson.plots[" + std::to_string(i) + "]";
      const auto plot = find_lesson_plot(text((*it)[i], field));
      if (!plot)
        fail(field, tr_format("must be \"loss\", \"accumulator\", \"step_size\", \"data\" or \"sweep\", got {0}",
                              {shown((*it)[i])}));
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
      fail("lesson.coordinate", tr_format("must be \"x\", \"y\" or \"both\", got {0}", {shown(*it)}));
  }
  if (const auto it = value.find("step"); it != value.end())
    lesson.step = integer(*it, "lesson.step", 0, std::max(0L, steps));
  if (const auto it = value.find("question"); it != value.end()) lesson.question = text(*it, "lesson.question");
  if (const auto it = value.find("sweep"); it != value.end()) {
    require_object(*it, "lesson.sweep");
    reject_unknown_keys(*it, "lesson.sweep.", {"run", "x", "y", "cells"});
    LessonSweep sweep;
    sweep.run = static_cast<std::size_t>(
        integer(member(*it, "run", "lesson.sweep.run"), "lesson.sweep.run", 0, static_cast<long>(kMaxRuns) - 1));
    sweep.x = text(member(*it, "x", "lesson.sweep.x"), "lesson.sweep.x");
    sweep.y = text(member(*it, "y", "lesson.sweep.y"), "lesson.sweep.y");
    if (const auto k = it->find("cells"); k != it->end())
      sweep.cells = static_cast<int>(integer(*k, "lesson.sweep.cells", kMinLessonSweepCells, kMaxLessonSweepCells));
    lesson.sweep = std::move(sweep);
  }
  if (const auto it = value.find("view"); it != value.end()) {
    const auto view = find_net_view(text(*it, "lesson.view"));
    if (!view) fail("lesson.view", tr_format("must be \"data\", \"layers\" or \"plane\", got {0}", {shown(*it)}));
    lesson.view = *view;
  }
  if (const auto it = value.find("quantity"); it != value.end()) {
    const auto quantity = find_layer_quantity(text(*it, "lesson.quantity"));
    if (!quantity)
      fail("lesson.quantity",
           tr_format("must be \"accumulator\", \"step_size\" or \"update_ratio\", got {0}", {shown(*it)}));
    lesson.quantity = *quantity;
  }
  if (const auto it = value.find("plane"); it != value.end()) {
    const auto plane = find_plane_kind(text(*it, "lesson.plane"));
    if (!plane)
      fail("lesson.plane",
           tr_format("must be \"pca\", \"random\", \"three-point\" or \"line\", got {0}", {shown(*it)}));
    lesson.plane = *plane;
  }
  return lesson;
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
  if (!loss) fail("data.loss", tr_format("must be \"linear\" or \"logistic\", got {0}", {shown(loss_item)}));
  Dataset data;
  for (const auto& [key, column] : {std::pair{"x", &data.x}, std::pair{"y", &data.y}}) {
    const Json& list = member(value, key, std::string("data.") + key);
    if (!list.is_array())
      fail(std::string("data.") + key, tr_format("must be an array of numbers, got {0}", {shown(list)}));
    if (list.size() > kMaxDataRows)
      fail(std::string("data.") + key, tr_format("must have at most {0} rows", {std::to_string(kMaxDataRows)}));
    for (std::size_t i = 0; i < list.size(); ++i)
      column->push_back(number(list[i], std::string("data.") + key + "[" + std::to_string(i) + "]"));
  }
  try {
    return Objective::from_data(std::move(data), *loss, source);
  } catch (const DataError& e) {
    fail("data", e.what());
  }
}

// "function": a built-in's name, or (version 2) "expression": a typed formula in x and y, or
// "data": a loss over a data set.
Objective parse_objective(const Json& root) {
  const auto function = root.find("function");
  const auto expression = root.find("expression");
  const auto data = root.find("data");
  if ((function != root.end()) + (expression != root.end()) + (data != root.end()) > 1)
    fail(data != root.end() ? "data" : "expression",
         tr("a scenario has one of a function, an expression or data, not several"));
  if (data != root.end()) return parse_data(*data);
  if (expression != root.end()) {
    try {
      return Objective::typed(text(*expression, "expression"));
    } catch (const ExpressionError& e) {
      fail("expression", place_text(text(*expression, "expression"), e.column()) + ": " + e.problem());
    }
  }
  if (function == root.end()) fail("function", tr("missing (a built-in's name, or give an \"expression\" instead)"));
  const TestFunction* f = find_function(text(*function, "function"));
  if (f == nullptr) fail("function", tr_format("must be one of {0}, got {1}", {function_names(), shown(*function)}));
  return *f;
}

}  // namespace

Scenario scenario_from_json(std::string_view text_in) {
  Json root;
  // nlohmann keeps the last of repeated keys; a scenario refuses them instead. It also refuses deep
  // nesting, which no scenario has and which would make printing or freeing the value recurse deeply.
  std::vector<std::set<std::string>> keys;
  const auto refuse_repeated_keys = [&keys](int depth, Json::parse_event_t event, Json& parsed) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth)
      throw ScenarioError(
          tr_format("not valid JSON for a scenario: nested deeper than {0} levels", {std::to_string(kMaxJsonDepth)}));
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.back().insert(parsed.get<std::string>()).second)
      throw ScenarioError(tr_format("not valid JSON for a scenario: the key \"{0}\" appears twice in one object",
                                    {key_text(parsed.get<std::string>())}));
    return true;
  };
  try {
    root = Json::parse(text_in.begin(), text_in.end(), refuse_repeated_keys);
  } catch (const Json::exception& e) {
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    std::string what = e.what();
    if (const auto end = what.find("] "); what.starts_with("[json.exception.") && end != std::string::npos)
      what = what.substr(end + 2);
    throw ScenarioError(tr_format("not valid JSON: {0}", {what}));
  }
  if (!root.is_object())
    throw ScenarioError(tr_format("a scenario must be a JSON object {...}, got {0}", {shown(root)}));

  const Json& version = member(root, "version", "version");
  // nlohmann stores every non-negative integer as unsigned.
  if (!version.is_number_unsigned() || version.get<std::uint64_t>() < 1)
    fail("version", tr_format("must be an integer >= 1, got {0}", {shown(version)}));
  if (version.get<std::uint64_t>() > kScenarioVersion)
    throw ScenarioError(tr_format("scenario version {0} is newer than this optviz ({1}); update optviz",
                                  {shown(version), std::to_string(kScenarioVersion)}));
  reject_unknown_keys(root, "",
                      {"version", "title", "description", "lesson", "translations", "function", "expression", "data",
                       "network", "view", "start", "steps", "seed", "display", "runs"});

  Scenario s;
  const bool network = root.find("network") != root.end();
  if (network) {
    for (const char* key : {"function", "expression", "data", "start"})
      if (root.find(key) != root.end()) fail(key, tr_format("a network scenario (\"network\") has no \"{0}\"", {key}));
    s.network = parse_network(root.at("network"));
  } else {
    s.course.objective = parse_objective(root);
  }
  s.view = s.course.objective.view();
  if (const auto it = root.find("view"); it != root.end()) {
    require_object(*it, "view");
    reject_unknown_keys(*it, "view.", {"x", "y"});
    const Vec2 x = pair(member(*it, "x", "view.x"), "view.x", translatable("[min, max]"));
    const Vec2 y = pair(member(*it, "y", "view.y"), "view.y", translatable("[min, max]"));
    s.view = {{x.x, y.x}, {x.y, y.y}};
  }
  if (!network) s.course.start = pair(member(root, "start", "start"), "start", translatable("a point [x, y]"));
  s.course.steps = integer(member(root, "steps", "steps"), "steps", 0, kMaxSteps);
  if (const auto it = root.find("seed"); it != root.end()) {
    if (!it->is_number_unsigned()) fail("seed", tr_format("must be an integer >= 0, got {0}", {shown(*it)}));
    s.course.seed = it->get<std::uint64_t>();
  }
  if (const auto it = root.find("display"); it != root.end()) s.display = parse_display(*it);
  if (const auto it = root.find("title"); it != root.end()) s.title = text(*it, "title");
  if (const auto it = root.find("description"); it != root.end()) s.description = text(*it, "description");

  const Json& runs = member(root, "runs", "runs");
  if (!runs.is_array()) fail("runs", tr_format("must be an array [...], got {0}", {shown(runs)}));
  if (runs.size() > kMaxRuns)
    fail("runs",
         tr_format("must have at most {0} runs, got {1}", {std::to_string(kMaxRuns), std::to_string(runs.size())}));
  for (std::size_t i = 0; i < runs.size(); ++i) {
    ParsedRun parsed = parse_run(runs[i], i);
    // A label that only spells the run's own values is automatic: it follows them from now on.
    if (is_value_label(parsed.run, parsed.look.label)) parsed.look.label.clear();
    add_run(s, std::move(parsed.run), std::move(parsed.look));
  }
  if (const auto it = root.find("lesson"); it != root.end()) s.lesson = parse_lesson(*it, s.course.steps);
  if (const auto it = root.find("translations"); it != root.end()) s.translations = parse_lesson_translations(*it);

  if (std::string problem = find_scenario_problem(s); !problem.empty()) throw ScenarioError(problem);
  return s;
}

Scenario load_scenario_json(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(status))
    throw ScenarioError(name + ": " + tr("is a directory, not a scenario file"));
  // A FIFO or a device would block or never end: only regular files are scenarios.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    throw ScenarioError(name + ": " + tr("not a regular file, so not a scenario file"));
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw ScenarioError(name + ": " + tr_format("cannot read: {0}", {std::strerror(errno)}));
  std::string contents;
  std::array<char, 65536> buffer{};
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file.get());
    contents.append(buffer.data(), n);
    if (contents.size() > kMaxScenarioFileBytes)
      throw ScenarioError(
          name + ": " +
          tr_format("too large for a scenario file (more than {0} MB)", {std::to_string(kMaxScenarioFileBytes >> 20)}));
    if (n < buffer.size()) break;
  }
  if (std::ferror(file.get())) throw ScenarioError(name + ": " + tr_format("cannot read: {0}", {std::strerror(errno)}));
  try {
    return scenario_from_json(contents);
  } catch (const ScenarioError& e) {
    throw ScenarioError(name + ": " + e.what());
  }
}

}  // namespace optviz
