#include "run_name.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "number_text.hpp"
#include "parameters.hpp"

namespace optviz {
namespace {

std::string base_title(const RunSpec& run, Words words) {
  return run.rule ? words(translatable("Rule")) : std::string(title(run.hyper.kind));
}

// Runs that an automatic name tells apart: two runs of one built-in optimizer, or two typed rules.
bool same_optimizer(const RunSpec& a, const RunSpec& b) {
  if (a.rule || b.rule) return a.rule.has_value() && b.rule.has_value();
  return a.hyper.kind == b.hyper.kind;
}

// Whether the run takes the parameter (as parameters_of lists them).
bool takes(const RunSpec& run, const RealParameter& p) {
  return run.rule ? run.rule->reads_parameter(p.name) : p.applies_to(run.hyper.kind);
}

// What a convention says when it is not the optimizer's default: "centered", "no bias correction".
std::string convention_text(const FlagParameter& p, bool value, Words words) {
  const std::string label = words(std::string(p.label).c_str());
  return value ? label : words_format(words, "no {0}", {label});
}

// How a run sees its objective, part by part: the schedule, the batches, the noise ("" for none).
std::array<std::string, 3> training_parts(const RunSpec& run, Words words) {
  const std::string batch = std::to_string(run.batch);
  return {schedule_summary(run.schedule, words),
          run.batch == 0 ? ""
          : run.shuffle  ? words_format(words, "batch {0} shuffled", {batch})
                         : words_format(words, "batch {0}", {batch}),
          run.noise > 0 ? words_format(words, "noise={0}", {format_shown(run.noise)}) : ""};
}

// The title and what differs from the other runs of the same optimizer: the hyperparameters (as
// shown), the conventions that are not the default, then the schedule, batches and noise.
std::string automatic_name(const Course& course, std::size_t index, Words words) {
  const RunSpec& run = course.runs[index];
  std::vector<const RunSpec*> peers;
  for (std::size_t j = 0; j < course.runs.size(); ++j)
    if (j != index && same_optimizer(run, course.runs[j])) peers.push_back(&course.runs[j]);
  std::string name = base_title(run, words);
  for (const RealParameter* p : parameters_of(run)) {
    const double own = round_shown(run.hyper.*p->member);
    const bool differs = std::any_of(peers.begin(), peers.end(), [&](const RunSpec* q) {
      return takes(*q, *p) && round_shown(q->hyper.*p->member) != own;
    });
    if (differs) name += " " + std::string(p->name) + "=" + format_number(own);
  }
  if (!run.rule) {
    const Hyperparameters d = defaults(run.hyper.kind);
    for (const FlagParameter& p : flag_parameters()) {
      const bool own = run.hyper.*p.member;
      if (!p.applies_to(run.hyper.kind) || own == d.*p.member) continue;
      if (std::any_of(peers.begin(), peers.end(), [&](const RunSpec* q) { return q->hyper.*p.member != own; }))
        name += " " + convention_text(p, own, words);
    }
  }
  const std::array<std::string, 3> own = training_parts(run, words);
  for (std::size_t k = 0; k < own.size(); ++k) {
    const bool differs = std::any_of(peers.begin(), peers.end(),
                                     [&](const RunSpec* q) { return training_parts(*q, words)[k] != own[k]; });
    if (differs && !own[k].empty()) name += ", " + own[k];
  }
  return name;
}

}  // namespace

std::vector<std::string> run_names(const Scenario& s, Words words) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < s.course.runs.size(); ++i) {
    // A typed label as shown, or as the file has it in English.
    const std::string label = i >= s.looks.size()   ? ""
                              : words == as_english ? s.looks[i].label
                                                    : shown_label(s.looks[i]);
    const bool typed = !label.empty();
    std::string name = typed ? label : automatic_name(s.course, i, words);
    const int earlier = seen[name]++;
    if (!typed && earlier > 0) name += " (" + std::to_string(earlier + 1) + ")";
    names.push_back(std::move(name));
  }
  return names;
}

std::string run_name(const Scenario& s, std::size_t index, Words words) {
  std::vector<std::string> names = run_names(s, words);
  return index < names.size() ? std::move(names[index]) : std::string();
}

bool is_value_label(const RunSpec& run, std::string_view label) {
  if (label.empty()) return true;
  const std::string title = base_title(run, as_english);
  if (label.substr(0, title.size()) != title) return false;
  std::string_view rest = label.substr(title.size());
  if (!rest.empty() && rest.front() != ' ') return false;
  const std::vector<const RealParameter*> taken = parameters_of(run);
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(" ,");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = std::min(rest.find_first_of(" ,"), rest.size());
    const std::string_view pair = rest.substr(0, end);
    rest.remove_prefix(end);
    const std::size_t equals = pair.find('=');
    if (equals == std::string_view::npos) return false;
    const std::string_view key = pair.substr(0, equals);
    const auto p = std::find_if(taken.begin(), taken.end(),
                                [&](const RealParameter* q) { return q->name == key || q->symbol == key; });
    const std::optional<double> value = parse_number(pair.substr(equals + 1));
    if (p == taken.end() || !value || round_shown(*value) != round_shown(run.hyper.*(*p)->member)) return false;
  }
  return true;
}

}  // namespace optviz
