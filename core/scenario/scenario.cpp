#include "scenario.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>
#include <string_view>

#include "names.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

constexpr std::array<Rgb, 8> kPalette = {{
    {230, 159, 0},    // orange
    {86, 180, 233},   // sky blue
    {0, 158, 115},    // bluish green
    {240, 228, 66},   // yellow
    {0, 114, 178},    // blue
    {213, 94, 0},     // vermillion
    {204, 121, 167},  // reddish purple
    {255, 255, 255},  // white
}};

}  // namespace

std::span<const Rgb> run_palette() { return kPalette; }

RunLook make_look(std::string label, std::size_t index, const RunSpec& run) {
  RunLook look;
  look.label = std::move(label);
  look.colour = kPalette[index % kPalette.size()];
  if (run.rule) look.accumulator = default_accumulator(*run.rule);
  return look;
}

void add_run(Scenario& s, RunSpec run, RunLook look) {
  s.course.runs.push_back(std::move(run));
  s.looks.push_back(std::move(look));
}

void remove_run(Scenario& s, std::size_t i) {
  s.course.runs.erase(s.course.runs.begin() + static_cast<std::ptrdiff_t>(i));
  s.looks.erase(s.looks.begin() + static_cast<std::ptrdiff_t>(i));
}

void add_run(Scenario& s, OptimizerKind kind) { add_run(s, make_run(kind), make_look({}, s.course.runs.size())); }

namespace {
constexpr std::string_view kLessonPlotNames[] = {"loss", "accumulator", "step_size", "data", "sweep"};
constexpr Names<NetView, 3> kNetViewNames{
    {{NetView::data, "data"}, {NetView::layers, "layers"}, {NetView::plane, "plane"}}};
constexpr std::string_view kCoordinateNames[] = {"both", "x", "y"};
}  // namespace

std::string_view name(LessonPlot plot) { return kLessonPlotNames[static_cast<std::size_t>(plot)]; }

std::optional<LessonPlot> find_lesson_plot(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kLessonPlotNames); ++i)
    if (kLessonPlotNames[i] == text) return static_cast<LessonPlot>(i);
  return std::nullopt;
}

std::string_view name(NetView view) { return name_in(kNetViewNames, view); }

std::optional<NetView> find_net_view(std::string_view text) { return find_in(kNetViewNames, text); }

std::string_view name(CoordinateChoice coordinate) { return kCoordinateNames[static_cast<std::size_t>(coordinate)]; }

std::vector<LessonPlot> shown_plots(const Scenario& s) {
  if (!s.lesson.empty()) return s.lesson.plots;
  if (s.network) return {LessonPlot::loss};  // the network's curves (the window draws them from its trainings)
  std::vector<LessonPlot> plots;
  if (s.course.objective.is_data()) plots.push_back(LessonPlot::data);
  plots.insert(plots.end(), {LessonPlot::loss, LessonPlot::accumulator, LessonPlot::step_size});
  return plots;
}

LessonText shown_text(const Scenario& s) {
  LessonText text{s.title, s.description, s.lesson.chapter, s.lesson.question};
  const auto it = s.translations.find(language());
  if (it == s.translations.end()) return text;
  for (auto field : {&LessonText::title, &LessonText::description, &LessonText::chapter, &LessonText::question})
    if (!(it->second.*field).empty()) text.*field = it->second.*field;
  return text;
}

const std::string& shown_label(const RunLook& look) {
  const auto it = look.translated_labels.find(language());
  return it == look.translated_labels.end() || it->second.empty() ? look.label : it->second;
}

std::string& shown_label(RunLook& look) {
  const auto it = look.translated_labels.find(language());
  return it == look.translated_labels.end() || it->second.empty() ? look.label : it->second;
}

std::string shown_words(const Scenario& s) {
  const LessonText text = shown_text(s);
  std::string words = text.title + text.description + text.chapter + text.question;
  for (const RunLook& look : s.looks) words += shown_label(look);
  return words;
}

std::string slide_title(const Scenario& s) {
  if (std::string title = shown_text(s).title; !title.empty()) return title;
  if (s.network) return shown_network_title(*s.network);
  return std::string(s.course.objective.title());
}

long lesson_step(const Scenario& s) { return std::clamp(s.lesson.step.value_or(s.course.steps), 0L, s.course.steps); }

std::optional<std::size_t> preferred_run(const Scenario& s) {
  for (std::size_t i = 0; i < s.course.runs.size(); ++i)
    if (s.course.runs[i].hyper.kind == OptimizerKind::rmsprop) return i;
  for (std::size_t i = 0; i < s.course.runs.size(); ++i)
    if (accumulator_field(s.course.runs[i].hyper)) return i;
  if (s.course.runs.empty()) return std::nullopt;
  return 0;
}

Scenario default_scenario() {
  Scenario s;
  s.view = s.course.objective.view();
  s.course.start = s.course.objective.start();
  s.course.steps = 500;
  const auto add = [&s](OptimizerKind kind, double Hyperparameters::*member, double value, std::size_t colour) {
    RunSpec run = make_run(kind);
    run.hyper.*member = value;
    add_run(s, run, make_look({}, colour));
  };
  add(OptimizerKind::momentum, &Hyperparameters::eta, 5e-4, 0);
  add(OptimizerKind::adagrad, &Hyperparameters::eta, 0.5, 1);
  add(OptimizerKind::rmsprop, &Hyperparameters::rho, 0.9, 2);
  add(OptimizerKind::adam, &Hyperparameters::eta, 0.05, 4);
  return s;
}

Scenario default_network_scenario() {
  Scenario s;
  s.network = NetworkSetup{};
  s.network->recipe->rows = 500;  // Playground's points
  s.course.steps = 2000;
  s.course.seed = 1;
  const auto add = [&s](OptimizerKind kind, double eta) {
    RunSpec run = make_run(kind);
    run.hyper.eta = eta;
    run.batch = 10;  // Playground's batch
    add_run(s, run, make_look({}, s.course.runs.size()));
  };
  add(OptimizerKind::sgd, 0.03);  // Playground's learning rate
  add(OptimizerKind::momentum, 0.03);
  add(OptimizerKind::rmsprop, 0.01);
  add(OptimizerKind::adam, 0.01);
  return s;
}

Sweep lesson_sweep(const Scenario& scenario) {
  if (!scenario.lesson.sweep) throw std::invalid_argument(tr("the lesson has no sweep"));
  const LessonSweep& l = *scenario.lesson.sweep;
  if (l.run >= scenario.course.runs.size())
    throw std::invalid_argument("run: " + tr_format("no run {0}", {std::to_string(l.run)}));
  Sweep s;
  s.objective = scenario.course.objective;
  s.run = scenario.course.runs[l.run];
  s.start = scenario.course.start;
  s.steps = scenario.course.steps;
  s.training = training_of(s.run, scenario.course.seed, l.run);
  s.target = {scenario.course.objective.minimum_value(), 1e-6};
  const auto axis = [&](const std::string& text, const char* name) {
    try {
      return parse_axis(text, s.run, l.cells);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string(name) + ": " + e.what());
    }
  };
  s.x = axis(l.x, "x");
  s.y = axis(l.y, "y");
  if (s.x.parameter == s.y.parameter)
    throw std::invalid_argument("y: " + tr_format("{0} is already swept by x", {s.y.parameter->name}));
  if (std::string problem = find_sweep_problem(s); !problem.empty()) throw std::invalid_argument(problem);
  return s;
}

}  // namespace optviz
