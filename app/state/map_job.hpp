// A sweep or basin map (core/maps/sweep.hpp) computed off the UI thread, so that the window stays live:
// one thread per job runs sweep() or basin(), which spread the cells over every core; without
// threads (a page without SharedArrayBuffer) a Web Worker computes them block by block
// (map_worker.hpp), or, where the page has none, the job computes blocks between frames. The UI
// thread says each frame which map it wants; the job debounces the changes (a slider drag gives a
// new map every frame), cancels the stale job at once and starts the new one once it has stayed
// the same for kMapDebounce seconds. No ImGui, no GL: the tests drive it with their own clock.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "map_message.hpp"
#include "map_worker.hpp"
#include "sweep.hpp"

namespace optviz::gui {

inline constexpr double kMapDebounce = 0.3;  // seconds
// Where there are no threads, the map is computed between frames: blocks of about this many
// updates (a millisecond or two), for at most kFrameBudget seconds a frame.
inline constexpr std::size_t kFrameBlockUpdates = std::size_t{1} << 18;
inline constexpr double kFrameBudget = 0.012;

inline Map compute_map(const Sweep& s, Progress* progress) { return sweep(s, progress); }
inline BasinMap compute_map(const Basin& b, Progress* progress) { return basin(b, progress); }
inline Map finish_map(MapInParts&& parts, const Sweep&) { return std::move(parts).map(); }
inline BasinMap finish_map(MapInParts&& parts, const Basin&) { return std::move(parts).basin_map(); }

// How a job computes: on a thread of its own, which spreads the cells over every core, (a page
// without threads) in a Web Worker, or (a page without either, or a test) in blocks between frames,
// in poll().
enum class MapThreads { own_thread, worker, between_frames };
inline std::size_t cell_count(const Sweep& s) { return static_cast<std::size_t>(s.x.count) * s.y.count; }
inline std::size_t cell_count(const Basin& b) { return static_cast<std::size_t>(b.columns) * b.rows; }

// The workers a job cancelled, which may still be stopping: each is joined and dropped once done,
// never waited for (MapJob's, NetTraining's and PlaneJob's).
template <class Worker>
void reap_stopped(std::vector<std::unique_ptr<Worker>>& retired) {
  std::erase_if(retired, [](const std::unique_ptr<Worker>& w) {
    if (!w->done.load(std::memory_order_acquire)) return false;
    if (w->thread.joinable()) w->thread.join();
    return true;
  });
}

template <class Spec, class Result>
class MapJob {
 public:
  explicit MapJob(MapThreads threads = MapThreads::own_thread) : threads_(threads) {}
  // The next jobs are computed by `worker` (a page's, shared by its jobs) while it answers; once it
  // fails, a job is computed between frames, from its first cell again.
  void use_worker(std::shared_ptr<MapWorker> worker) { worker_ = std::move(worker); }
  ~MapJob() {
    if (running_) retire();
    for (auto& w : retired_)
      if (w->thread.joinable()) w->thread.join();
  }
  MapJob(const MapJob&) = delete;
  MapJob& operator=(const MapJob&) = delete;

  // Called every frame with the map the UI wants (nullopt: none, as when the panel is closed or the
  // run cannot be mapped) and the time in seconds. A map equal to the running or last started one
  // changes nothing. Another cancels the running job at once and starts once it has stayed the
  // same for kMapDebounce (the first map of the job starts at once).
  void update(const std::optional<Spec>& wanted, double now) {
    reap();
    if (!wanted) {
      drop_stale();
      pending_.reset();
      return;
    }
    if (target_ && *wanted == *target_) {
      pending_.reset();
      return;
    }
    drop_stale();
    if (!pending_ || !(*pending_ == *wanted)) {
      pending_ = wanted;
      pending_since_ = now;
    }
    if (started_ == 0 || now - pending_since_ >= kMapDebounce) start();
  }

  // Takes the result of a finished job; true when result() is new. A cancelled job gives none.
  // First takes the worker's answers, or between frames computes the running job's next blocks for
  // up to kFrameBudget.
  // How long a poll computes between frames after its first block (tests: 0, one block a poll, so
  // that what they see does not depend on the machine's speed).
  void set_frame_budget(double seconds) { frame_budget_ = seconds; }

  bool poll() {
    reap();
    if (running_ && running_->remote) receive(*running_);
    if (running_ && running_->parts && !running_->remote) compute_for_a_frame(*running_);
    if (!running_ || !running_->done.load(std::memory_order_acquire)) return false;
    if (running_->thread.joinable()) running_->thread.join();
    const bool taken = running_->result && running_->result->complete;
    error_ = running_->error;
    if (taken) {
      result_ = std::move(running_->result);
      result_spec_ = running_->spec;
      result_threads_ = running_->threads;
      ++generation_;
    }
    running_.reset();
    return taken;
  }

  // The cancel button: stops the running job and keeps the last result; the map is computed
  // again when what is wanted changes, or after restart().
  void cancel() {
    if (running_) retire();
    pending_.reset();
  }
  void restart() { target_.reset(); }

  bool running() const { return running_ != nullptr; }
  bool waiting() const { return pending_.has_value(); }  // a change waits for its debounce
  bool busy() const { return running() || waiting(); }
  // The cells done of the running job, in [0, 1].
  double progress() const {
    if (!running_) return 0;
    const std::size_t n = cell_count(running_->spec);
    return n == 0 ? 1.0 : static_cast<double>(running_->progress.cells_done.load()) / static_cast<double>(n);
  }
  // True when the last result is of the map last asked for and nothing is running or waiting.
  bool current() const { return result_ && !busy() && target_ && result_spec_ && *target_ == *result_spec_; }
  // True after cancel() until the map is asked for again.
  bool stopped() const { return !busy() && target_ && !(result_spec_ && *target_ == *result_spec_); }

  const Result* result() const { return result_ ? &*result_ : nullptr; }
  // How the last result was computed; how the running job computes.
  MapThreads result_threads() const { return result_threads_; }
  std::optional<MapThreads> running_threads() const {
    return running_ ? std::optional(running_->threads) : std::nullopt;
  }
  const Spec* result_spec() const { return result_spec_ ? &*result_spec_ : nullptr; }
  const std::string& error() const { return error_; }
  std::uint64_t generation() const { return generation_; }  // counts the results
  std::size_t started() const { return started_; }          // counts the jobs started

 private:
  struct Worker {
    Spec spec;
    Progress progress;
    std::optional<Result> result;
    std::string error;
    std::atomic<bool> done{false};
    std::thread thread;
    std::optional<MapInParts> parts;      // between frames, or the cells the worker answered
    std::optional<std::uint32_t> remote;  // the job's number in the worker
    MapThreads threads = MapThreads::own_thread;
  };

  void start() {
    auto w = std::make_unique<Worker>();
    w->spec = *pending_;
    Worker* raw = w.get();
    const auto compute = [raw] {
      try {
        raw->result = compute_map(raw->spec, &raw->progress);
      } catch (const std::exception& e) {
        raw->error = e.what();
      }
      raw->done.store(true, std::memory_order_release);
    };
    w->threads = threads_;
    if (w->threads == MapThreads::own_thread) {
      try {
        w->thread = std::thread(compute);
      } catch (const std::system_error&) {
        w->threads = MapThreads::worker;  // no threads (a page without SharedArrayBuffer)
      }
    }
    if (w->threads != MapThreads::own_thread) compute_elsewhere(*w, w->threads);
    target_ = std::move(pending_);
    pending_.reset();
    running_ = std::move(w);
    ++started_;
  }

  // The job's cells through the worker, or between frames where there is none (or it failed).
  void compute_elsewhere(Worker& w, MapThreads threads) {
    if (!worker_ || worker_->failed()) threads = MapThreads::between_frames;
    w.threads = threads;
    w.remote.reset();
    try {
      if (threads == MapThreads::worker) {
        w.parts.emplace(w.spec, kMessageMapOptions);
        w.remote = worker_->start(map_request(w.spec), w.parts->blocks());
      } else {
        w.parts.emplace(w.spec, MapOptions{.threads = 1, .block_updates = kFrameBlockUpdates});
      }
    } catch (const std::exception& e) {
      w.error = e.what();
      w.done = true;
    }
  }

  // The blocks the worker answered, into the job's map; the result once every cell is there. A
  // worker that failed leaves the job to be computed between frames.
  void receive(Worker& w) {
    if (worker_->failed()) {
      worker_->end(*w.remote);
      w.progress.cells_done = 0;
      compute_elsewhere(w, MapThreads::between_frames);
      return;
    }
    try {
      for (const std::vector<std::uint8_t>& bytes : worker_->take(*w.remote)) {
        MapAnswer answer = read_map_answer(bytes);
        if (!answer.error.empty()) throw std::runtime_error(answer.error);
        w.parts->put(answer.block, answer.cells);
      }
      w.progress.cells_done = w.parts->cells_done();
      if (w.parts->done()) {
        w.result = finish_map(std::move(*w.parts), w.spec);
        w.parts.reset();
        worker_->end(*w.remote);
        w.remote.reset();
        w.done = true;
      }
    } catch (const std::exception& e) {
      w.error = e.what();
      worker_->end(*w.remote);
      w.remote.reset();
      w.done = true;
    }
  }

  // The running job no longer computes what is wanted: cancel it; what is shown is the target.
  void drop_stale() {
    if (running_) retire();
    target_ = result_spec_;
  }

  // Blocks of a job between frames: one, then more for up to frame_budget_; the result once every
  // cell is done.
  void compute_for_a_frame(Worker& w) const {
    const auto begin = std::chrono::steady_clock::now();
    do {
      if (!w.parts->advance()) {
        w.result = finish_map(std::move(*w.parts), w.spec);
        w.parts.reset();
        w.done = true;
      } else {
        w.progress.cells_done = w.parts->cells_done();
      }
    } while (!w.done &&
             std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() < frame_budget_);
  }

  // Cancels the running job; its thread is joined once it has stopped (reap), never waited for.
  // A job between frames just stops.
  void retire() {
    running_->progress.cancel = true;
    if (running_->remote) worker_->end(*running_->remote);
    if (running_->parts) running_->done = true;
    retired_.push_back(std::move(running_));
  }

  void reap() { reap_stopped(retired_); }

  // The map of the running job, else of the last result, or the one the user cancelled.
  std::optional<Spec> target_;
  std::optional<Spec> pending_;  // a different map, waiting for its debounce
  double pending_since_ = 0;
  std::unique_ptr<Worker> running_;
  std::vector<std::unique_ptr<Worker>> retired_;  // cancelled, still stopping
  MapThreads threads_;
  double frame_budget_ = kFrameBudget;
  std::shared_ptr<MapWorker> worker_;
  MapThreads result_threads_ = MapThreads::own_thread;
  std::optional<Result> result_;
  std::optional<Spec> result_spec_;
  std::string error_;
  std::uint64_t generation_ = 0;
  std::size_t started_ = 0;
};

}  // namespace optviz::gui
