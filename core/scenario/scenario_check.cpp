// What makes a scenario invalid, with a message that names the field.
#include <algorithm>
#include <cmath>
#include <string>

#include "number_text.hpp"
#include "scenario_file.hpp"
#include "sweep.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

std::string range_text(double lo, double hi) { return "[" + format_number(lo) + ", " + format_number(hi) + "]"; }

}  // namespace

std::string find_scenario_problem(const Scenario& s) {
  if (s.looks.size() != s.course.runs.size())
    return "runs: " +
           tr_format("{0} runs but {1} looks", {std::to_string(s.course.runs.size()), std::to_string(s.looks.size())});
  const auto axis_problem = [](const char* field, double lo, double hi) -> std::string {
    const bool finite = std::isfinite(lo) && std::isfinite(hi) && std::fabs(lo) <= kDivergenceBound &&
                        std::fabs(hi) <= kDivergenceBound;
    if (finite && lo < hi) return "";
    return std::string(field) + ": " +
           tr_format("must be [min, max] with min < max, finite and within 1e12, got {0}", {range_text(lo, hi)});
  };
  if (auto p = axis_problem("view.x", s.view.min.x, s.view.max.x); !p.empty()) return p;
  if (auto p = axis_problem("view.y", s.view.min.y, s.view.max.y); !p.empty()) return p;
  if (const auto problem = find_course_problem(s.course.start, s.course.steps)) return problem->message_at("");
  if (s.course.runs.size() > kMaxRuns)
    return "runs: " + tr_format("must have at most {0} runs, got {1}",
                                {std::to_string(kMaxRuns), std::to_string(s.course.runs.size())});
  if (static_cast<long>(s.course.runs.size()) * s.course.steps > kMaxScenarioSteps)
    return "steps: " +
           tr_format("must be at most {0} for {1} runs (at most {2} steps in all), got {3}",
                     {std::to_string(kMaxScenarioSteps / std::max<long>(1, static_cast<long>(s.course.runs.size()))),
                      std::to_string(s.course.runs.size()), std::to_string(kMaxScenarioSteps),
                      std::to_string(s.course.steps)});
  if (s.network) {
    if (std::string problem = find_network_problem(s); !problem.empty()) return problem;
  } else {
    for (std::size_t i = 0; i < s.course.runs.size(); ++i)
      if (const auto problem =
              find_run_spec_problem(s.course.runs[i], i, s.course.objective, s.course.start, s.course.steps))
        return *problem;
  }
  if (s.display.contour_count < 0 || s.display.contour_count > kMaxContourCount)
    return "display.contour_count: " +
           tr_format("must be an integer in [{0}, {1}], got {2}",
                     {"0", std::to_string(kMaxContourCount), std::to_string(s.display.contour_count)});
  if (std::string problem = find_surface_view_problem(s.display.surface); !problem.empty()) return problem;
  return find_lesson_problem(s);
}

std::string find_lesson_problem(const Scenario& s) {
  const LessonInfo& l = s.lesson;
  if (l.plots.size() > kMaxLessonPlots)
    return "lesson.plots: " + tr_format("must name at most {0} plots, got {1}",
                                        {std::to_string(kMaxLessonPlots), std::to_string(l.plots.size())});
  for (std::size_t i = 0; i < l.plots.size(); ++i) {
    const std::string field = "lesson.plots[" + std::to_string(i) + "]";
    if (std::find(l.plots.begin(), l.plots.begin() + static_cast<std::ptrdiff_t>(i), l.plots[i]) !=
        l.plots.begin() + static_cast<std::ptrdiff_t>(i))
      return field + ": " + tr_format("\"{0}\" is named twice", {name(l.plots[i])});
    if (l.plots[i] == LessonPlot::data && !s.course.objective.is_data())
      return field + ": " + tr("\"data\" needs a loss from data");
    if (l.plots[i] == LessonPlot::sweep && !l.sweep) return field + ": " + tr("\"sweep\" needs a lesson.sweep");
    if (s.network && l.plots[i] != LessonPlot::loss)
      return field + ": " +
             tr_format("a network lesson shows its loss (and accuracy) beside its view: only \"loss\", got \"{0}\"",
                       {name(l.plots[i])});
  }
  if (!s.network) {
    const LessonInfo defaults;
    const char* network_only = tr("applies to a network scenario only (\"network\": {...})");
    if (l.view != defaults.view) return std::string("lesson.view: ") + network_only;
    if (l.quantity != defaults.quantity) return std::string("lesson.quantity: ") + network_only;
    if (l.plane != defaults.plane) return std::string("lesson.plane: ") + network_only;
  }
  if (l.step && (*l.step < 0 || *l.step > s.course.steps))
    return "lesson.step: " + tr_format("must be in [0, {0}] (the steps), got {1}",
                                       {std::to_string(s.course.steps), std::to_string(*l.step)});
  if (!l.sweep) return "";
  if (s.network)
    return std::string("lesson.sweep: ") + tr("a network scenario has no sweep map (its runs train a network)");
  const LessonSweep& sweep = *l.sweep;
  if (sweep.run >= s.course.runs.size())
    return "lesson.sweep.run: " + tr_format("must be a run's index in [0, {0}), got {1}",
                                            {std::to_string(s.course.runs.size()), std::to_string(sweep.run)});
  if (sweep.cells < kMinLessonSweepCells || sweep.cells > kMaxLessonSweepCells)
    return "lesson.sweep.cells: " + tr_format("must be in [{0}, {1}], got {2}",
                                              {std::to_string(kMinLessonSweepCells),
                                               std::to_string(kMaxLessonSweepCells), std::to_string(sweep.cells)});
  try {
    lesson_sweep(s);
  } catch (const std::invalid_argument& e) {
    return std::string("lesson.sweep.") + e.what();
  }
  return "";
}

std::string find_surface_view_problem(const SurfaceView& v) {
  if (!(std::fabs(v.yaw) <= 360))
    return "display.surface.yaw: " + tr_format("must be in [-360, 360] degrees, got {0}", {format_number(v.yaw)});
  if (!(v.pitch >= kMinSurfacePitch && v.pitch <= kMaxSurfacePitch))
    return "display.surface.pitch: " +
           tr_format("must be in [{0}, {1}] degrees, got {2}",
                     {format_number(kMinSurfacePitch), format_number(kMaxSurfacePitch), format_number(v.pitch)});
  if (!(v.zoom >= kMinSurfaceZoom && v.zoom <= kMaxSurfaceZoom))
    return "display.surface.zoom: " +
           tr_format("must be in [{0}, {1}], got {2}",
                     {format_number(kMinSurfaceZoom), format_number(kMaxSurfaceZoom), format_number(v.zoom)});
  return "";
}

}  // namespace optviz
