#include "scenario.hpp"

#include <array>
#include <stdexcept>

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

RunSpec make_run(OptimizerKind kind, std::size_t index) {
  return {std::string(title(kind)), defaults(kind), kPalette[index % kPalette.size()], true};
}

Scenario default_scenario() {
  Scenario s;
  s.function = "rosenbrock";
  const TestFunction& f = *find_function(s.function);
  s.view = f.view;
  s.start = f.start;
  s.steps = 500;
  RunSpec momentum = make_run(OptimizerKind::momentum, 0);
  momentum.hyper.eta = 5e-4;
  RunSpec adagrad = make_run(OptimizerKind::adagrad, 1);
  adagrad.hyper.eta = 0.5;
  RunSpec rmsprop = make_run(OptimizerKind::rmsprop, 2);
  rmsprop.hyper.rho = 0.9;
  RunSpec adam = make_run(OptimizerKind::adam, 4);
  adam.hyper.eta = 0.05;
  s.runs = {momentum, adagrad, rmsprop, adam};
  return s;
}

std::vector<Trajectory> simulate(const Scenario& s) {
  std::vector<Trajectory> runs;
  simulate(s, runs);
  return runs;
}

void simulate(const Scenario& s, std::vector<Trajectory>& runs) {
  const TestFunction* f = find_function(s.function);
  if (f == nullptr) throw std::invalid_argument("function: unknown function \"" + s.function + "\"");
  for (std::size_t i = 0; i < s.runs.size(); ++i) {
    if (const auto problem = find_run_problem(s.runs[i].hyper, s.start, s.steps)) {
      const bool of_the_run = problem->field != "start" && problem->field != "steps";
      throw std::invalid_argument(problem->message_at(of_the_run ? "runs[" + std::to_string(i) + "]." : ""));
    }
  }
  runs.resize(s.runs.size());
  for (std::size_t i = 0; i < s.runs.size(); ++i) run(*f, s.runs[i].hyper, s.start, s.steps, runs[i]);
}

}  // namespace optviz
