#include "run_plots.hpp"

#include <algorithm>
#include <string>

#include "canvas_draw.hpp"
#include "geometry.hpp"
#include "run_name.hpp"
#include "theme.hpp"
#include "translate.hpp"

namespace optviz::gui {
namespace {

// The chosen columns of n values (`stride` bytes apart from `first`), as series from step 1.
void add_pair_series(LinePlot& plot, const Vec2* first, std::size_t stride, std::size_t n, const std::string& name,
                     ImU32 colour, std::size_t shown, CoordinateNames names, CoordinateChoice coordinate) {
  if (n == 0) return;
  // One coordinate alone is drawn solid.
  if (coordinate != CoordinateChoice::y)
    plot.series.push_back({name + "_" + names.x, {&first->x, stride, n}, 1, shown, colour, false});
  if (coordinate != CoordinateChoice::x)
    plot.series.push_back(
        {name + "_" + names.y, {&first->y, stride, n}, 1, shown, colour, coordinate == CoordinateChoice::both});
}

// The accumulator of a run: a built-in's, or a typed rule's state variable marked as such.
void add_accumulator_series(LinePlot& plot, const RunSpec& run, const RunLook& look, const std::string& run_label,
                            const Trajectory& t, ImU32 colour, std::size_t shown, CoordinateNames names,
                            CoordinateChoice coordinate) {
  if (!run.rule) {
    if (const auto field = accumulator_field(run.hyper))
      add_pair_series(plot, t.accumulator.data(), sizeof(Vec2), t.accumulator.size(),
                      run_label + " " + std::string(field->name), colour, shown, names, coordinate);
    return;
  }
  const auto index = run.rule->state_index(look.accumulator);
  if (index && t.rule_width > 0 && !t.rule_state.empty())
    add_pair_series(plot, &t.rule_state[*index], sizeof(Vec2) * t.rule_width, t.rule_state.size() / t.rule_width,
                    run_label + " " + look.accumulator, colour, shown, names, coordinate);
}

// What the accumulator plot shows of the visible runs whose accumulator is not G: " (Adam: v)",
// " (Adam: v, Rule: s)"; "" when every one is G.
std::string accumulator_note(const Scenario& scenario) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) {
    const RunSpec& run = scenario.course.runs[i];
    if (!scenario.looks[i].visible) continue;
    std::string part;
    if (run.rule && scenario.looks[i].accumulator != "G")
      part = tr_format("Rule: {0}", {scenario.looks[i].accumulator});
    if (const auto field = accumulator_field(run.hyper); !run.rule && field && field->name != "G")
      part = std::string(title(run.hyper.kind)) + ": " + std::string(field->name);
    if (!part.empty() && std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
  }
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? " (" : ", ") + part;
  return out.empty() ? out : out + ")";
}

// After a per-coordinate plot's title: ", x" when it shows one coordinate, else which line is which.
std::string coordinate_suffix(CoordinateChoice coordinate, CoordinateNames names) {
  if (coordinate == CoordinateChoice::both) return std::string(":  — ") + names.x + "  - - " + names.y;
  return std::string(", ") + (coordinate == CoordinateChoice::x ? names.x : names.y);
}

// True when one of the visible runs has a schedule: the plots then say η_t.
bool any_schedule(const Scenario& scenario) {
  for (std::size_t i = 0; i < scenario.course.runs.size(); ++i)
    if (scenario.looks[i].visible && !scenario.course.runs[i].schedule.is_constant()) return true;
  return false;
}

}  // namespace

LinePlot run_plot(LessonPlot kind, const RunPlotsSource& source) {
  const Scenario& s = *source.scenario;
  const std::vector<Trajectory>& runs = *source.runs;
  const Objective& f = s.course.objective;
  const CoordinateNames names = coordinate_names(f);
  const bool has_gap = std::isfinite(f.minimum_value());
  // As the colour bar says it: f* only when the minimum is known, not searched for.
  const std::string gap = gap_name(!f.minima_are_found());
  long last = 0;
  for (const Trajectory& t : runs) last = std::max(last, static_cast<long>(t.rows()) - 1);
  const AxisRange x{0, static_cast<double>(std::max(1L, last)), false};
  const std::string suffix = coordinate_suffix(source.coordinate, names);

  LinePlot plot;
  plot.x = x;
  plot.marker = static_cast<double>(source.step);
  plot.log_y = true;
  if (kind == LessonPlot::loss) {
    // TRANSLATORS: {0} is what the curve shows: "f", or the gap to the minimum "f − f*".
    plot.title = tr_format("Loss {0}", {has_gap ? gap : "f"});
    plot.short_titles = {tr("Loss")};
    plot.log_y = has_gap;
  } else if (kind == LessonPlot::accumulator) {
    const std::string note = accumulator_note(s);
    plot.title = tr("Accumulator G_t") + note + suffix;
    plot.empty_text = tr("no accumulator in the visible runs");
    plot.short_titles = {"G_t" + note + suffix, "G_t" + suffix, "G_t"};
  } else {
    // With a schedule, η is η_t, the rate of update t.
    // TRANSLATORS: {0} is the step size's formula, "η/(√G_t+ε)".
    plot.title = tr_format("Step size {0}", {any_schedule(s) ? "η_t/(√G_t+ε)" : "η/(√G_t+ε)"}) + suffix;
    plot.short_titles = {tr("Step size") + suffix, tr("Step size")};
  }
  if (!source.series) return plot;
  const std::vector<std::string> labels = run_names(s);

  for (std::size_t i = 0; i < s.course.runs.size() && i < runs.size(); ++i) {
    const RunSpec& run = s.course.runs[i];
    const Trajectory& t = runs[i];
    if (!s.looks[i].visible || t.rows() == 0) continue;
    const ImU32 colour = run_colour(s.looks[i].colour);
    const std::size_t before = plot.series.size();
    const auto shown = static_cast<std::size_t>(std::max(0L, source.step));
    if (kind == LessonPlot::loss) {
      plot.series.push_back({labels[i] + " " + (has_gap ? gap : "f"),
                             {t.value.data(), sizeof(double), t.value.size(), has_gap ? f.minimum_value() : 0.0},
                             0,
                             shown + 1,
                             colour,
                             false});
    } else if (kind == LessonPlot::accumulator) {
      add_accumulator_series(plot, run, s.looks[i], labels[i], t, colour, shown, names, source.coordinate);
    } else {
      add_pair_series(plot, t.step_size.data(), sizeof(Vec2), t.step_size.size(),
                      labels[i] + (run.rule ? " −Δθ/g" : " lr"), colour, shown, names, source.coordinate);
    }
    // The caches measure a run's series again only when the run was simulated again.
    const std::uint64_t version = i < source.versions.size() ? source.versions[i] : 0;
    for (std::size_t j = before; j < plot.series.size(); ++j) plot.series[j].version = version;
  }
  return plot;
}

}  // namespace optviz::gui
