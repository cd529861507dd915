#include "net_curves.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "run_name.hpp"
#include "translate.hpp"

namespace optviz::gui {

std::vector<NetRunLine> net_run_lines(const Scenario& scenario, std::span<const NetRun* const> runs, ImU32 background,
                                      std::span<const std::uint64_t> versions) {
  std::vector<NetRunLine> lines;
  const std::vector<std::string> names = run_names(scenario);
  for (std::size_t i = 0; i < runs.size() && i < scenario.looks.size(); ++i)
    if (runs[i] != nullptr && scenario.looks[i].visible)
      lines.push_back({runs[i], readable_on(run_colour(scenario.looks[i].colour), background), names[i],
                       i < versions.size() ? versions[i] : 0});
  return lines;
}
namespace {

// A column of the run, read in place from row 0.
PlotSeries column_series(const NetRunLine& line, const std::vector<double>& values, const std::string& what,
                         std::size_t shown, bool dashed) {
  PlotSeries s;
  s.name = line.name + " " + what;
  s.values = {values.data(), sizeof(double), values.size()};
  s.shown = std::min(shown, values.size());
  s.colour = line.colour;
  s.dashed = dashed;
  s.version = line.version;
  s.steps = line.run->step.data();
  return s;
}

// What the title says the lines are: "Loss:  — training  - - test", or the name alone without a test set.
std::string curves_title(const char* name, bool test) {
  // TRANSLATORS: {0} is "Loss" or "Accuracy"; — and - - show the solid and the dashed line.
  return test ? tr_format("{0}:  — training  - - test", {name}) : tr_format("{0} on the training rows", {name});
}

}  // namespace

std::size_t rows_up_to(std::span<const long> steps, long step) {
  return static_cast<std::size_t>(std::upper_bound(steps.begin(), steps.end(), step) - steps.begin());
}

NetCurves net_curves(std::span<const NetRunLine> runs, long step) {
  long last = 1;
  bool test = false, accuracy = false;
  for (const NetRunLine& line : runs) {
    if (line.run == nullptr || line.run->rows() == 0) continue;
    last = std::max(last, line.run->step.back());
    test |= !line.run->test_loss.empty();
    accuracy |= !line.run->accuracy.empty();
  }
  NetCurves curves;
  LinePlot& loss = curves.loss;
  loss.x = {0, static_cast<double>(last), false};
  loss.marker = static_cast<double>(step);
  loss.title = curves_title(tr("Loss"), test);
  loss.short_titles = {tr("Loss")};
  loss.empty_text = tr("no training yet");
  if (accuracy) {
    curves.accuracy.emplace();
    LinePlot& a = *curves.accuracy;
    a.x = loss.x;
    a.marker = loss.marker;
    a.log_y = false;
    a.y = AxisRange{0, 1, false};
    a.title = curves_title(tr("Accuracy"), test);
    a.short_titles = {tr("Accuracy")};
  }
  for (const NetRunLine& line : runs) {
    if (line.run == nullptr || line.run->rows() == 0) continue;
    const NetRun& run = *line.run;
    const std::size_t shown = rows_up_to(run.step, step);
    loss.series.push_back(column_series(line, run.loss, tr("training loss"), shown, false));
    if (!run.test_loss.empty()) loss.series.push_back(column_series(line, run.test_loss, tr("test loss"), shown, true));
    if (!curves.accuracy) continue;
    if (!run.accuracy.empty())
      curves.accuracy->series.push_back(column_series(line, run.accuracy, tr("training accuracy"), shown, false));
    if (!run.test_accuracy.empty())
      curves.accuracy->series.push_back(column_series(line, run.test_accuracy, tr("test accuracy"), shown, true));
  }
  // A log axis when the losses span a decade or more; within one it would show a single tick.
  double low = std::numeric_limits<double>::infinity(), high = 0;
  for (const PlotSeries& s : loss.series)
    for (std::size_t i = 0; i < s.values.size(); ++i)
      if (const double v = s.values[i]; v > 0 && std::isfinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
  loss.log_y = high >= 10 * low;
  return curves;
}

}  // namespace optviz::gui
