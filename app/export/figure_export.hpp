// Figures and animations of a scenario, drawn by a FigureRenderer: the PNG (with the scenario
// embedded, so that it opens again as that scenario) and the animated GIF of the trajectories
// growing, or of a network's training going on. The command line's `optviz render` and the File
// menu's exports both use these.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "figure_renderer.hpp"
#include "gif_file.hpp"
#include "image.hpp"
#include "scenario.hpp"
#include "trajectory.hpp"

namespace optviz {

inline constexpr int kMaxGifWidth = 3840;
inline constexpr int kMaxGifHeight = 2160;
inline constexpr double kMaxGifSeconds = 60;
inline constexpr int kMaxGifFrames = 1800;  // 60 s at 30 fps

// Renders the figure and writes it as PNG with the scenario's JSON inside.
// Throws std::runtime_error("cannot write PATH: REASON").
void export_figure_png(FigureRenderer& renderer, const Scenario& scenario, const std::vector<Trajectory>& runs,
                       const FigureRequest& request, const std::filesystem::path& path);

// The same for a network scenario's trainings (FigureRenderer::render_network).
void export_network_png(FigureRenderer& renderer, const Scenario& scenario, const NetFigureRuns& runs,
                        const FigureRequest& request, const std::filesystem::path& path);

// "" when a figure of width x height can be drawn, else "--width: must be in [1, 7680], got 0".
std::string find_figure_size_problem(int width, int height);

struct GifSettings {
  int width = 960;
  int height = 540;
  int fps = 30;
  double seconds = 8;
  FigureComposition composition = FigureComposition::slide;  // each frame's (a question slide does not move)
  bool dark = false;
  // A network scenario's run shown under its decision boundary (none: preferred_run), as in
  // FigureRequest.
  std::optional<std::size_t> shown_run;
};

// "" or the first problem, named by its command-line flag: "--fps: must be in [1, 60], got 0".
std::string find_gif_problem(const GifSettings& settings);
// round(fps * seconds), at least 1.
int gif_frame_count(const GifSettings& settings);
// The step frame `frame` of `frames` shows: from 0 to `steps`, evenly in time.
long gif_frame_step(int frame, int frames, long steps);

// An animation being written, one frame at a time, so that the app can show progress between
// frames: frame k is the figure at step gif_frame_step(k, frames(), the scenario's steps), a 2D
// scenario's trajectories up to it or a network scenario's training at it (its slide: the data
// under the boundary, the network, the curves). Destroying it before done() cancels: the partly
// written file is removed.
class GifExport {
 public:
  // A 2D scenario's: `runs` are simulate(scenario). Opens the file (throws as GifWriter). settings
  // must be valid.
  GifExport(const Scenario& scenario, std::vector<Trajectory> runs, const GifSettings& settings,
            const std::filesystem::path& path);
  // A network scenario's: its trainings are copied, so that the window may train its runs again
  // while the animation is written.
  GifExport(const Scenario& scenario, const NetFigureRuns& runs, const GifSettings& settings,
            const std::filesystem::path& path);

  // Renders and writes the next frame; after the last one, completes the file. Throws
  // std::runtime_error("cannot write PATH: REASON").
  void render_next(FigureRenderer& renderer);
  bool done() const { return next_ == frames_; }
  int frames() const { return frames_; }
  int frames_done() const { return next_; }
  double progress() const { return static_cast<double>(next_) / frames_; }

 private:
  // A network scenario's trainings, owned; NetFigureRuns points into them for each frame.
  struct NetTrainings {
    std::optional<NetStart> start;
    std::vector<std::optional<NetRun>> runs;  // none: not trained
  };

  Scenario scenario_;
  std::variant<std::vector<Trajectory>, NetTrainings> runs_;
  GifSettings settings_;
  GifWriter writer_;
  int frames_;
  int next_ = 0;
};

}  // namespace optviz
