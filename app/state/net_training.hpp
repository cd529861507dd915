// The runs of a network scenario, trained off the UI thread as the maps are computed (map_job.hpp):
// one thread per run, so that the runs spread over every core; without threads (a page without
// SharedArrayBuffer, or a test) in parts between frames. Each frame the UI says what the scenario is
// now; a run is trained again exactly when its maths changed (its optimizer, hyperparameters,
// schedule, batch: changed_runs), every run when the network, its data, the steps or the seed
// changed. A stale training is dropped at once (it stops at its next part), never waited for; no
// debounce: a slider's drag trains at every frame's value, and the last one wins.
// No ImGui, no GL: the tests drive it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "figure_renderer.hpp"
#include "map_job.hpp"
#include "network_setup.hpp"
#include "scenario.hpp"

namespace optviz::gui {

// Rows a training computes between looks at whether it is still wanted.
inline constexpr long kTrainingPart = 64;

class NetTraining {
 public:
  explicit NetTraining(MapThreads threads = MapThreads::own_thread) : threads_(threads) {}
  ~NetTraining();
  NetTraining(const NetTraining&) = delete;
  NetTraining& operator=(const NetTraining&) = delete;

  // The scenario as edited (a valid network scenario; anything else drops every run).
  void update(const Scenario& scenario);
  // Takes the finished trainings; between frames, first trains for up to kFrameBudget. True when a
  // run is new.
  bool poll();

  std::size_t size() const { return runs_.size(); }
  // Run i's training, once finished (null while it trains).
  const NetRun* run(std::size_t i) const { return i < runs_.size() && runs_[i].result ? &*runs_[i].result : nullptr; }
  // Per run: counts the results it had, for caches (0: none yet).
  std::uint64_t version(std::size_t i) const { return i < runs_.size() ? runs_[i].version : 0; }
  // What every run started from: the network, its sets, the initial weights (null: no network).
  const NetStart* start() const { return start_.get(); }
  // The start and every run's training, as the figures take them (pointers into this object).
  NetFigureRuns figure_runs() const;
  // The scenario the runs train (or trained) for.
  const Scenario& trained() const { return trained_; }
  bool busy() const;
  // The rows done of the running trainings over their rows, in [0, 1].
  double progress() const;
  std::size_t started() const { return started_; }  // counts the trainings started

 private:
  struct Worker {
    std::shared_ptr<const NetStart> start;
    std::optional<NetTrainer> trainer;
    std::optional<NetRun> result;
    std::atomic<long> rows_done{0};
    std::atomic<bool> cancel{false};
    std::atomic<bool> done{false};
    std::thread thread;
  };
  struct Slot {
    std::unique_ptr<Worker> running;
    std::optional<NetRun> result;
    std::uint64_t version = 0;
  };

  void start_run(std::size_t i, const Scenario& s);
  void retire(Slot& slot);
  void reap();

  MapThreads threads_;
  Scenario trained_;
  std::shared_ptr<const NetStart> start_;
  std::vector<Slot> runs_;
  std::vector<std::unique_ptr<Worker>> retired_;
  std::size_t started_ = 0;
  std::uint64_t results_ = 0;
};

}  // namespace optviz::gui
