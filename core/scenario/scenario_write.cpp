// Scenarios written as JSON: every field of the course and of the look, in the order a reader expects.
#include <nlohmann/json.hpp>

#include "atomic_file.hpp"
#include "json_text.hpp"
#include "network_json.hpp"
#include "parameters.hpp"
#include "scenario_fields.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {

using namespace scenario_fields;

namespace {

std::string colour_text(Rgb c) {
  std::array<char, 8> out{};
  std::snprintf(out.data(), out.size(), "#%02x%02x%02x", c.r, c.g, c.b);
  return out.data();
}

OrderedJson schedule_json(const Schedule& s) {
  OrderedJson out;
  out["kind"] = name(s.kind);
  // The fields the kind takes, in the table's order; an integer field at 0 (the run's steps, no
  // warm-up) is left out, and so is a field whose `needs` is.
  const auto is_set = [&s](const ScheduleField& f) { return !f.count || s.*f.count != 0; };
  for (const ScheduleField& f : schedule_fields()) {
    if (!f.applies_to(s.kind) || !is_set(f) || (!f.needs.empty() && !is_set(*find_schedule_field(f.needs)))) continue;
    if (f.count)
      out[std::string(f.name)] = s.*f.count;
    else
      out[std::string(f.name)] = s.*f.value;
  }
  return out;
}

void write_training(const RunSpec& r, OrderedJson& run) {
  if (!(r.schedule == Schedule{})) run["schedule"] = schedule_json(r.schedule);
  if (r.batch > 0) run["batch"] = r.batch;
  if (r.shuffle) run["shuffle"] = true;
  if (r.noise > 0) run["noise"] = r.noise;
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
  if (lesson.view != NetView::data) out["view"] = std::string(name(lesson.view));
  if (lesson.quantity != LessonInfo{}.quantity) out["quantity"] = std::string(name(lesson.quantity));
  if (lesson.plane != LessonInfo{}.plane) out["plane"] = std::string(name(lesson.plane));
  if (lesson.sweep)
    out["sweep"] = {
        {"run", lesson.sweep->run}, {"x", lesson.sweep->x}, {"y", lesson.sweep->y}, {"cells", lesson.sweep->cells}};
  return out;
}

OrderedJson data_json(const Objective& f) {
  OrderedJson out;
  out["source"] = f.source();
  out["loss"] = name(f.loss());
  out["x"] = f.data()->x;
  out["y"] = f.data()->y;
  return out;
}

}  // namespace

std::string to_json(const Scenario& s) {
  OrderedJson out;
  out["version"] = kScenarioVersion;
  out["title"] = s.title;
  out["description"] = s.description;
  if (!s.lesson.empty()) out["lesson"] = lesson_json(s.lesson);
  for (const auto& [code, t] : s.translations) {
    OrderedJson words = OrderedJson::object();
    for (auto [key, field] : {std::pair{"title", &t.title}, std::pair{"description", &t.description},
                              std::pair{"chapter", &t.chapter}, std::pair{"question", &t.question}})
      if (!field->empty()) words[key] = *field;
    out["translations"][code] = std::move(words);
  }
  if (s.network)
    out["network"] = network_json(*s.network);
  else if (s.course.objective.is_typed())
    out["expression"] = s.course.objective.formula();
  else if (s.course.objective.is_data())
    out["data"] = data_json(s.course.objective);
  else
    out["function"] = s.course.objective.name();
  if (!s.network) out["view"] = {{"x", {s.view.min.x, s.view.max.x}}, {"y", {s.view.min.y, s.view.max.y}}};
  if (!s.network) out["start"] = {s.course.start.x, s.course.start.y};
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
    if (!look.label.empty()) run["label"] = look.label;  // none: the automatic name (run_name.hpp)
    for (const auto& [code, label] : look.translated_labels) run["translations"][code] = {{"label", label}};
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

std::filesystem::path scenario_file_name(const std::filesystem::path& path) {
  if (path.has_extension() || !path.has_filename()) return path;
  std::filesystem::path named = path;
  named += kScenarioExtension;
  return named;
}

void save_scenario(const std::filesystem::path& path, const Scenario& scenario) {
  if (std::string problem = find_scenario_problem(scenario); !problem.empty())
    throw ScenarioError(tr_format("cannot save {0}: {1}", {path.string(), problem}));
  write_file_atomically(path, to_json(scenario));
}

}  // namespace optviz
