#include "figure_export.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "parameters.hpp"
#include "png_file.hpp"
#include "scenario_file.hpp"
#include "translate.hpp"

namespace optviz {
namespace {

std::string range_problem(const char* flag, double value, double min, double max) {
  if (value >= min && value <= max) return "";
  return tr_format("{0}: must be in [{1}, {2}], got {3}",
                   {flag, format_number(min), format_number(max), format_number(value)});
}

const GifSettings& checked(const GifSettings& settings) {
  if (std::string problem = find_gif_problem(settings); !problem.empty()) throw std::invalid_argument(problem);
  return settings;
}

}  // namespace

std::string find_figure_size_problem(int width, int height) {
  if (auto p = range_problem("--width", width, 1, kMaxFigureWidth); !p.empty()) return p;
  return range_problem("--height", height, 1, kMaxFigureHeight);
}

void export_figure_png(FigureRenderer& renderer, const Scenario& scenario, const std::vector<Trajectory>& runs,
                       const FigureRequest& request, const std::filesystem::path& path) {
  if (std::string problem = find_figure_size_problem(request.width, request.height); !problem.empty())
    throw std::invalid_argument(problem);
  const Image image = renderer.render(scenario, runs, request);
  write_png(path, image, to_json(scenario));
}

void export_network_png(FigureRenderer& renderer, const Scenario& scenario, const NetFigureRuns& runs,
                        const FigureRequest& request, const std::filesystem::path& path) {
  if (std::string problem = find_figure_size_problem(request.width, request.height); !problem.empty())
    throw std::invalid_argument(problem);
  const Image image = renderer.render_network(scenario, runs, request);
  write_png(path, image, to_json(scenario));
}

std::string find_gif_problem(const GifSettings& s) {
  if (auto p = range_problem("--width", s.width, 1, kMaxGifWidth); !p.empty()) return p;
  if (auto p = range_problem("--height", s.height, 1, kMaxGifHeight); !p.empty()) return p;
  if (auto p = range_problem("--fps", s.fps, 1, kMaxGifFps); !p.empty()) return p;
  if (!(s.seconds > 0 && s.seconds <= kMaxGifSeconds))
    return tr_format("--seconds: must be in (0, {0}], got {1}",
                     {format_number(kMaxGifSeconds), format_number(s.seconds)});
  if (const double frames = std::round(s.fps * s.seconds); frames > kMaxGifFrames)
    return tr_format("--fps x --seconds: must give at most {0} frames, got {1}",
                     {std::to_string(kMaxGifFrames), format_number(frames)});
  return "";
}

int gif_frame_count(const GifSettings& s) { return std::max(1, static_cast<int>(std::lround(s.fps * s.seconds))); }

long gif_frame_step(int frame, int frames, long steps) {
  if (frames <= 1) return steps;
  return std::lround(static_cast<double>(steps) * frame / (frames - 1));
}

GifExport::GifExport(const Scenario& scenario, std::vector<Trajectory> runs, const GifSettings& settings,
                     const std::filesystem::path& path)
    : scenario_(scenario),
      runs_(std::move(runs)),
      settings_(checked(settings)),
      writer_(path, settings.width, settings.height, settings.fps),
      frames_(gif_frame_count(settings)) {}

GifExport::GifExport(const Scenario& scenario, const NetFigureRuns& runs, const GifSettings& settings,
                     const std::filesystem::path& path)
    : scenario_(scenario),
      runs_(NetTrainings{}),
      settings_(checked(settings)),
      writer_(path, settings.width, settings.height, settings.fps),
      frames_(gif_frame_count(settings)) {
  NetTrainings& owned = std::get<NetTrainings>(runs_);
  if (runs.start != nullptr) owned.start = *runs.start;
  for (const NetRun* run : runs.runs) owned.runs.push_back(run != nullptr ? std::optional<NetRun>(*run) : std::nullopt);
}

void GifExport::render_next(FigureRenderer& renderer) {
  if (done()) return;
  const FigureRequest request{gif_frame_step(next_, frames_, scenario_.course.steps),
                              settings_.width,
                              settings_.height,
                              settings_.composition,
                              settings_.dark,
                              settings_.shown_run};
  if (const auto* trajectories = std::get_if<std::vector<Trajectory>>(&runs_)) {
    writer_.add_frame(renderer.render(scenario_, *trajectories, request));
  } else {
    const NetTrainings& owned = std::get<NetTrainings>(runs_);
    NetFigureRuns figure{owned.start ? &*owned.start : nullptr, {}};
    for (const std::optional<NetRun>& run : owned.runs) figure.runs.push_back(run ? &*run : nullptr);
    writer_.add_frame(renderer.render_network(scenario_, figure, request));
  }
  ++next_;
  if (done()) writer_.finish();
}

}  // namespace optviz
