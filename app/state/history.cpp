#include "history.hpp"

#include <string_view>
#include <unordered_set>
#include <utility>

#include "course.hpp"
#include "parameters.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// What changed in one run, or "" when nothing did.
std::string describe_run_change(const RunSpec& a, const RunSpec& b) {
  if (a.hyper.kind != b.hyper.kind || a.rule.has_value() != b.rule.has_value()) return translatable("convert run");
  if (a.rule != b.rule) return translatable("rule");
  for (const RealParameter& p : real_parameters())
    if (a.hyper.*p.member != b.hyper.*p.member) return std::string(p.name);
  for (const FlagParameter& p : flag_parameters())
    if (a.hyper.*p.member != b.hyper.*p.member) return std::string(p.label);
  if (!(a.schedule == b.schedule)) return translatable("schedule");
  if (a.batch != b.batch) return translatable("batch size");
  if (a.shuffle != b.shuffle) return translatable("shuffle");
  if (a.noise != b.noise) return translatable("noise");
  return {};
}

std::string describe_look_change(const RunLook& a, const RunLook& b) {
  if (a.label != b.label) return translatable("run name");
  if (!(a.colour == b.colour)) return translatable("colour");
  if (a.visible != b.visible) return translatable("visibility");
  if (a.accumulator != b.accumulator) return translatable("plotted variable");
  return {};
}

bool is_hyperparameter(const std::string& name) {
  for (const RealParameter& p : real_parameters())
    if (p.name == name) return true;
  return false;
}

}  // namespace

bool same_edit(const Scenario& a, const Scenario& b) {
  // The view (2D or 3D) and the camera are view settings that the scenario carries for its file.
  return a.course == b.course && a.looks == b.looks && a.view == b.view &&
         a.display.colour_scale == b.display.colour_scale && a.display.contour_count == b.display.contour_count &&
         a.title == b.title && a.description == b.description && a.lesson == b.lesson &&
         a.translations == b.translations;
}

std::string describe_change(const Scenario& before, const Scenario& after) {
  if (before.title != after.title || before.description != after.description || !(before.lesson == after.lesson) ||
      before.translations != after.translations)
    return translatable("lesson");
  const auto& a = before.course;
  const auto& b = after.course;
  if (a.runs.size() < b.runs.size()) return translatable("add run");
  if (a.runs.size() > b.runs.size()) return translatable("remove run");
  if (!(a.objective == b.objective))
    return a.objective.is_data() || b.objective.is_data() ? translatable("data") : translatable("function");
  if (!(a.start == b.start)) return translatable("start");
  if (a.steps != b.steps) return translatable("steps");
  if (a.seed != b.seed) return translatable("seed");
  for (std::size_t i = 0; i < a.runs.size(); ++i)
    if (std::string what = describe_run_change(a.runs[i], b.runs[i]); !what.empty()) return what;
  for (std::size_t i = 0; i < before.looks.size() && i < after.looks.size(); ++i)
    if (std::string what = describe_look_change(before.looks[i], after.looks[i]); !what.empty()) return what;
  if (before.display.colour_scale != after.display.colour_scale) return translatable("colour scale");
  if (before.display.contour_count != after.display.contour_count) return translatable("contours");
  if (!(before.view == after.view)) return translatable("view box");
  return translatable("change");
}

std::string shown_change_name(const std::string& name) {
  if (name.starts_with("open ")) return tr_format("open {0}", {std::string_view(name).substr(5)});
  return tr(name.c_str());
}

std::size_t History::data_bytes() const {
  std::unordered_set<const Dataset*> held;
  const auto add = [&held](const Snapshot& s) {
    if (const Dataset* d = s.scenario.course.objective.data()) held.insert(d);
    if (s.generated.objective)
      if (const Dataset* d = s.generated.objective->data()) held.insert(d);
  };
  if (recorded_) add(*recorded_);
  for (const auto* list : {&undo_, &redo_})
    for (const Entry& e : *list) add(e.snapshot);
  std::size_t bytes = 0;
  for (const Dataset* d : held) bytes += (d->x.size() + d->y.size()) * sizeof(double);
  return bytes;
}

void History::push(std::deque<Entry>& list, Entry entry) {
  list.push_back(std::move(entry));
  while (list.size() > limit_ || (list.size() > 1 && data_bytes() > data_limit_)) list.pop_front();
}

bool History::record(const Scenario& scenario, const GeneratedData& generated, std::string name, bool merge) {
  if (!recorded_) {
    recorded_ = Snapshot{scenario, generated};
    if (!saved_) saved_ = scenario;
    return false;
  }
  if (same_edit(recorded_->scenario, scenario)) return false;
  if (name.empty()) name = describe_change(recorded_->scenario, scenario);
  // A merged change keeps the entry's snapshot from before the first of them. Only a hyperparameter's
  // value merges: two runs added while the pointer rests on a slider stay two entries.
  merge = merge && is_hyperparameter(name);
  if (!(merge && merging_ && !undo_.empty() && undo_.back().name == name))
    push(undo_, {std::move(*recorded_), std::move(name)});
  merging_ = merge;
  redo_.clear();
  recorded_ = Snapshot{scenario, generated};
  return true;
}

std::optional<Snapshot> History::step(std::deque<Entry>& from, std::deque<Entry>& to) {
  if (from.empty()) return std::nullopt;
  Entry entry = std::move(from.back());
  from.pop_back();
  push(to, {std::move(*recorded_), entry.name});
  recorded_ = entry.snapshot;
  merging_ = false;
  return std::move(entry.snapshot);
}

std::optional<Snapshot> History::undo(const Scenario& scenario, const GeneratedData& generated) {
  record(scenario, generated);
  return step(undo_, redo_);
}

std::optional<Snapshot> History::redo(const Scenario& scenario, const GeneratedData& generated) {
  record(scenario, generated);
  return step(redo_, undo_);
}

}  // namespace optviz::gui
