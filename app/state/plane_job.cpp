#include "plane_job.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>

#include "net_training.hpp"

namespace optviz::gui {

PlaneSource plane_source(const PlaneKey& key, const NetStart& start, const NetRun& run, const NetRun* second,
                         std::uint64_t seed) {
  PlaneSource in{.kind = key.kind,
                 .net = start.net,
                 .x = input_matrix(start.sets.train, start.sets.features),
                 .y = target_vector(start.sets.train),
                 .start = start.theta,
                 .run = run,
                 .second = std::nullopt,
                 .seed = seed,
                 .grid = key.grid,
                 .span = kPlaneSpan};
  if (key.kind == PlaneKind::three_point && second != nullptr) in.second = *second;
  return in;
}

std::optional<std::size_t> second_run(const NetTraining& training, std::size_t selected,
                                      const PlaneSettings& settings) {
  if (settings.second && *settings.second < training.size() && *settings.second != selected) return settings.second;
  for (std::size_t i = 0; i < training.size(); ++i)
    if (i != selected) return i;
  return std::nullopt;
}

std::optional<PlaneKey> wanted_plane(const NetTraining& training, std::optional<std::size_t> selected,
                                     const PlaneSettings& settings) {
  if (!selected || training.start() == nullptr || training.run(*selected) == nullptr) return std::nullopt;
  PlaneKey key{settings.kind, *selected, training.version(*selected), 0, 0, settings.grid};
  if (settings.kind == PlaneKind::three_point) {
    const std::optional<std::size_t> second = second_run(training, *selected, settings);
    if (!second || training.run(*second) == nullptr) return std::nullopt;
    key.second = *second;
    key.second_version = training.version(*second);
  }
  return key;
}

void update_plane(PlaneJob& job, const NetTraining& training, std::optional<std::size_t> selected,
                  const PlaneSettings& settings) {
  const std::optional<PlaneKey> key = wanted_plane(training, selected, settings);
  job.update(key, [&] {
    return plane_source(*key, *training.start(), *training.run(key->run),
                        key->kind == PlaneKind::three_point ? training.run(key->second) : nullptr,
                        training.trained().course.seed);
  });
  job.poll();
}

// One job: the plane and its paths, then the coarse grid row by row, then the refined one. The same
// parts on its thread (every row of a grid at once, spread over every core) and between frames (a
// row at a time).
struct PlaneJob::Worker {
  Worker(PlaneKey k, PlaneSource in) : key(k), input(std::move(in)) {}
  PlaneKey key;
  PlaneSource input;
  std::optional<PlanePaths> plane;
  PlaneGrid grid;
  std::size_t next_row = 0;
  std::atomic<std::size_t> rows_done{0};
  std::atomic<std::size_t> rows_total{0};
  std::atomic<bool> cancel{false};
  std::atomic<bool> done{false};
  std::mutex mutex;  // guards published and error
  std::optional<PlaneResult> published;
  std::string error;
  std::thread thread;

  std::size_t coarse_side() const { return std::min(kCoarsePlaneGrid, input.grid); }
  bool refining() const { return grid.a.size() == input.grid; }

  void begin_grid(std::size_t side) {
    grid = empty_path_grid(*plane, input.span, side);
    next_row = 0;
  }

  // The plane first, else up to `rows` more rows of the grid on `threads` threads; a finished grid
  // is published. True once the job is done (or cancelled).
  bool advance(std::size_t rows, unsigned threads) {
    if (!plane) {
      plane = plane_paths(input.kind, input.net, input.start, input.run, input.second ? &*input.second : nullptr,
                          input.x, input.y, input.seed);
      begin_grid(coarse_side());
      rows_total = grid.b.size() + (coarse_side() < input.grid ? (plane->plane.is_line() ? 1 : input.grid) : 0);
      return false;
    }
    const std::size_t end = std::min(grid.b.size(), next_row + std::min(rows, grid.b.size()));
    if (!plane_loss_rows(input.net, plane->plane, input.x, input.y, grid, next_row, end, threads, &cancel)) return true;
    rows_done += end - next_row;
    next_row = end;
    if (next_row < grid.b.size()) return false;
    {
      const std::lock_guard lock(mutex);
      published = PlaneResult{*plane, grid, refining()};
    }
    if (refining()) return true;
    begin_grid(input.grid);
    return false;
  }

  void fail(const std::exception& e) {
    const std::lock_guard lock(mutex);
    error = e.what();
  }
};

PlaneJob::PlaneJob(MapThreads threads) : threads_(threads) {}

PlaneJob::~PlaneJob() {
  if (running_) retire();
  for (auto& w : retired_)
    if (w->thread.joinable()) w->thread.join();
}

void PlaneJob::start(PlaneSource input) {
  auto w = std::make_unique<Worker>(*target_, std::move(input));
  Worker* raw = w.get();
  if (threads_ == MapThreads::own_thread) {
    try {
      w->thread = std::thread([raw] {
        try {
          while (!raw->cancel.load(std::memory_order_relaxed) &&
                 !raw->advance(std::numeric_limits<std::size_t>::max(), 0)) {
          }
        } catch (const std::exception& e) {
          raw->fail(e);
        }
        raw->done.store(true, std::memory_order_release);
      });
    } catch (const std::system_error&) {  // no threads (a page without SharedArrayBuffer): between frames
    }
  }
  running_ = std::move(w);
  error_.clear();
  ++started_;
}

bool PlaneJob::poll() {
  reap();
  if (!running_) return false;
  Worker& w = *running_;
  if (!w.thread.joinable() && !w.done) {
    const auto begin = std::chrono::steady_clock::now();
    try {
      // Until a grid is done: the coarse one is shown a frame before the refined one.
      while (!w.done && !w.published &&
             std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() < kFrameBudget)
        if (w.advance(1, 1)) w.done = true;
    } catch (const std::exception& e) {
      w.fail(e);
      w.done = true;
    }
  }
  bool fresh = false;
  {
    const std::lock_guard lock(w.mutex);
    if (w.published) {
      result_ = std::move(w.published);
      w.published.reset();
      result_key_ = w.key;
      ++generation_;
      fresh = true;
    }
    error_ = w.error;
  }
  if (w.done.load(std::memory_order_acquire)) {
    if (w.thread.joinable()) w.thread.join();
    running_.reset();
  }
  return fresh;
}

double PlaneJob::progress() const {
  if (!running_ || running_->rows_total == 0) return 0;
  return static_cast<double>(running_->rows_done.load()) / static_cast<double>(running_->rows_total);
}

void PlaneJob::retire() {
  running_->cancel = true;
  if (!running_->thread.joinable()) running_->done = true;
  retired_.push_back(std::move(running_));
}

void PlaneJob::reap() { reap_stopped(retired_); }

}  // namespace optviz::gui
