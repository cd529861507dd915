// Scenario files: a Scenario as versioned JSON. Saving writes every field and every
// hyperparameter that applies to each run's optimizer, in a fixed order, so that save, load and
// save again gives the same bytes. Loading checks everything and names the first problem by its
// path in the file: "runs[2].eta: must be >= 0, got -1".
//
//   {
//     "version": 3,
//     "title": "...", "description": "...",
//     "lesson": {"chapter": "2. AdaGrad's growing sum", "plots": ["step_size", "loss"],
//                "coordinate": "x", "step": 150, "question": "..."},   (optional: see LessonInfo)
//     "translations": {"zh_CN": {"title": "...", "description": "...", "chapter": "...",
//                                "question": "..."}},                  (optional: see LessonText)
//     "function": "rosenbrock",                 (or "expression": "(1-x)^2 + 100*(y-x^2)^2")
//     "view": {"x": [-2, 2], "y": [-1, 3]},
//     "start": [-1.5, 2],
//     "steps": 500,
//     "display": {"colour_scale": "log", "contour_count": 24},
//     "runs": [{"label": "RMSprop", "translations": {"zh_CN": {"label": "..."}}, "optimizer": "rmsprop", "colour":
//     "#009e73", "visible": true,
//               "eta": 0.01, "rho": 0.99, "eps": 1e-08, ..., "centered": false, ...},
//              {"label": "Mine", "colour": "#e69f00", "visible": true,
//               "rule": "G = rho*G + (1-rho)*g^2; theta = theta - eta*g/(sqrt(G)+eps)",
//               "accumulator": "G", "eta": 0.01, "rho": 0.9, "eps": 1e-08}]
//   }
//
// Version 2 added "expression" and rule runs; version 3 "network" (instead of a function: the runs
// train a network, network_json.cpp; no "start" or "view"); version 4 "translations" (a lesson's words
// and its runs' labels in other languages); earlier files open unchanged.
//
// When loading, only "version", "function", "start", "steps", "runs" and each run's "optimizer"
// are required; a missing view is the function's, a missing hyperparameter is the optimizer's
// default (defaults() of core/optim/optimizer.hpp), a missing label is the optimizer's title and a missing
// colour is the run's colour of run_palette(). Unknown keys are errors, so are hyperparameters
// that do not apply to the run's optimizer. A rule run must give every hyperparameter its rule
// reads, and no other.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "scenario.hpp"
#include "scenario_error.hpp"

namespace optviz {

inline constexpr int kScenarioVersion = 4;
inline constexpr std::size_t kMaxRuns = 16;
// The rows all runs of a scenario may compute together (about 430 MB of trajectories).
inline constexpr long kMaxScenarioSteps = 2'000'000;
inline constexpr int kMaxContourCount = 200;
inline constexpr std::uintmax_t kMaxScenarioFileBytes = 4u << 20;

// The scenario as pretty-printed JSON (two-space indent, final newline).
std::string to_json(const Scenario& scenario);

// Parses and checks a scenario; throws ScenarioError. The result passes simulate().
Scenario scenario_from_json(std::string_view text);

// The same checks as scenario_from_json for a scenario built in memory (the app's): the first
// problem as "runs[1].rho: must be in [0, 1], got 2", or "" when it can be saved and simulated.
std::string find_scenario_problem(const Scenario& scenario);
// The 3D view's camera: "" when its angles and zoom are within their limits, else the first
// problem ("display.surface.pitch: must be in [5, 89] degrees, got 95").
std::string find_surface_view_problem(const SurfaceView& view);
// A lesson block: "" when its plots, step and sweep fit the scenario, else the first problem
// ("lesson.plots[1]: \"data\" needs a loss from data").
std::string find_lesson_problem(const Scenario& scenario);

// Reads a JSON scenario file; throws ScenarioError("PATH: PROBLEM").
Scenario load_scenario_json(const std::filesystem::path& path);

// The extension of scenario files, by which desktops know them (assets/mime) and open them with optviz.
inline constexpr std::string_view kScenarioExtension = ".optviz.json";

// The name a scenario is saved under: the path as given, with kScenarioExtension added when the
// name has no extension ("lesson" -> "lesson.optviz.json"; "lesson.json" stays).
std::filesystem::path scenario_file_name(const std::filesystem::path& path);

// Writes to_json(scenario) atomically; throws std::runtime_error("cannot write PATH: REASON").
void save_scenario(const std::filesystem::path& path, const Scenario& scenario);

}  // namespace optviz
