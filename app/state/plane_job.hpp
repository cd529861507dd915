// The weight-space plane of the selected run (core/network/plane.hpp) computed off the UI thread, as
// the maps are (map_job.hpp): a thread per job, whose grid spreads its rows over every core; without
// threads (a page without SharedArrayBuffer, or a test) in parts between frames. Coarse first
// (kCoarsePlaneGrid a side), then refined to the grid asked for: the view shows the coarse grid
// within a frame or two and the fine one once it is done. Each frame the UI says which plane it
// wants (PlaneKey: the kind, the runs and their training's versions, the grid); another cancels the
// running job at once (it stops at its next row) and starts the new one, never waiting for it.
// The result is what `optviz plane` computes for the same network, runs and kind, through the same
// core calls (plane_paths, plane_range, plane_loss_rows). No ImGui, no GL.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "map_job.hpp"
#include "network_setup.hpp"
#include "plane.hpp"

namespace optviz::gui {

inline constexpr std::size_t kCoarsePlaneGrid = 17;

// Which plane the view asks for: everything that changes its numbers. A run's training version
// (NetTraining::version) changes with each of its new results.
struct PlaneKey {
  PlaneKind kind = PlaneKind::pca;
  std::size_t run = 0;
  std::uint64_t run_version = 0;
  std::size_t second = 0;  // three-point: the other run whose end the plane passes through
  std::uint64_t second_version = 0;
  std::size_t grid = kDefaultPlaneGrid;
  friend bool operator==(const PlaneKey&, const PlaneKey&) = default;
};

// What a job computes from, copied when it starts (the training may replace the start or the runs
// while it computes): the network and its training rows, the initial weights, the runs' snapshots
// and final weights, the seed (random's directions and the random walk).
struct PlaneSource {
  PlaneKind kind = PlaneKind::pca;
  Network net;
  Eigen::MatrixXd x;
  Eigen::VectorXd y;
  std::vector<double> start;
  NetRun run;
  std::optional<NetRun> second;  // three-point
  std::uint64_t seed = 0;
  std::size_t grid = kDefaultPlaneGrid;
  double span = kPlaneSpan;
};
PlaneSource plane_source(const PlaneKey& key, const NetStart& start, const NetRun& run, const NetRun* second,
                         std::uint64_t seed);

// What the view draws: the plane, the paths projected and pca's baseline (plane_paths), the loss
// over the grid (plane_range of the paths, as `optviz plane --span 0.25` reaches), coarse or refined.
struct PlaneResult {
  PlanePaths plane;
  PlaneGrid grid;
  bool refined = false;  // the grid asked for, not the coarse one
};

// What the plane view asks for, as chosen in it: the kind, three-point's second run, the grid's side.
// View settings: changing them starts another job, never trains.
struct PlaneSettings {
  PlaneKind kind = PlaneKind::pca;
  std::optional<std::size_t> second;  // three-point; none: the first run other than the selected one
  std::size_t grid = kDefaultPlaneGrid;
};

class PlaneJob;
class NetTraining;
// The plane of run `selected` that the settings ask for, or nullopt (no run selected, it has not
// finished training, three-point without a second run that has).
std::optional<PlaneKey> wanted_plane(const NetTraining& training, std::optional<std::size_t> selected,
                                     const PlaneSettings& settings);
// three-point's second run: the chosen one, else the first run other than `selected`.
std::optional<std::size_t> second_run(const NetTraining& training, std::size_t selected, const PlaneSettings& settings);
// The plane's part of the frame's update: the job follows wanted_plane and takes its results.
void update_plane(PlaneJob& job, const NetTraining& training, std::optional<std::size_t> selected,
                  const PlaneSettings& settings);

class PlaneJob {
 public:
  explicit PlaneJob(MapThreads threads = MapThreads::own_thread);
  ~PlaneJob();
  PlaneJob(const PlaneJob&) = delete;
  PlaneJob& operator=(const PlaneJob&) = delete;

  // Called each frame with the plane wanted (nullopt: none, as when the view is closed or the run has
  // not finished training) and, for a key other than the running or last started one, what it is
  // computed from (`input` is called then only).
  template <class MakeInput>
  void update(const std::optional<PlaneKey>& key, const MakeInput& input) {
    reap();
    if (!key) {
      if (running_) retire();
      target_.reset();
      return;
    }
    if (target_ && *target_ == *key) return;
    if (running_) retire();
    target_ = key;
    start(input());
  }
  // Takes the coarse or refined result of the running job (between frames, first computes for up to
  // kFrameBudget); true when result() is new.
  bool poll();

  const PlaneResult* result() const { return result_ ? &*result_ : nullptr; }
  const PlaneKey* result_key() const { return result_key_ ? &*result_key_ : nullptr; }
  // Why the plane wanted cannot be had ("" when it can, or while it computes).
  const std::string& error() const { return error_; }
  bool busy() const { return running_ != nullptr; }
  // True when the last result is the refined plane last asked for.
  bool current() const { return !busy() && result_ && result_->refined && target_ && result_key_ == target_; }
  double progress() const;                                  // rows done of the coarse and fine grids, in [0, 1]
  std::uint64_t generation() const { return generation_; }  // counts the results
  std::size_t started() const { return started_; }          // counts the jobs started

 private:
  struct Worker;
  void start(PlaneSource input);
  void retire();
  void reap();

  MapThreads threads_;
  std::optional<PlaneKey> target_;
  std::unique_ptr<Worker> running_;
  std::vector<std::unique_ptr<Worker>> retired_;
  std::optional<PlaneResult> result_;
  std::optional<PlaneKey> result_key_;
  std::string error_;
  std::uint64_t generation_ = 0;
  std::size_t started_ = 0;
};

}  // namespace optviz::gui
