#include "net_training.hpp"

#include <chrono>
#include <exception>
#include <system_error>

namespace optviz::gui {

NetTraining::~NetTraining() {
  for (Slot& slot : runs_)
    if (slot.running) retire(slot);
  for (auto& w : retired_)
    if (w->thread.joinable()) w->thread.join();
}

void NetTraining::update(const Scenario& scenario) {
  reap();
  if (!scenario.network) {
    for (Slot& slot : runs_)
      if (slot.running) retire(slot);
    runs_.clear();
    start_.reset();
    trained_ = Scenario{};
    return;
  }
  const bool same_start =
      start_ && trained_.network == scenario.network && trained_.course.seed == scenario.course.seed;
  if (same_start && trained_.course == scenario.course) return;
  std::vector<std::size_t> changed;
  if (same_start) {
    changed = changed_runs(trained_.course, scenario.course);
  } else {
    start_ = std::make_shared<const NetStart>(network_start(scenario));
    for (std::size_t i = 0; i < scenario.course.runs.size(); ++i) changed.push_back(i);
  }
  for (std::size_t i = scenario.course.runs.size(); i < runs_.size(); ++i)
    if (runs_[i].running) retire(runs_[i]);
  runs_.resize(scenario.course.runs.size());
  for (std::size_t i : changed) {
    if (runs_[i].running) retire(runs_[i]);
    // Another run's weights (or another network's) are not shown; the same run's last training is,
    // until the new one ends, so that a slider's drag does not flicker.
    if (!same_start) runs_[i].result.reset();
    start_run(i, scenario);
  }
  trained_ = scenario;
}

NetFigureRuns NetTraining::figure_runs() const {
  NetFigureRuns figure{start(), {}};
  for (std::size_t i = 0; i < size(); ++i) figure.runs.push_back(run(i));
  return figure;
}

void NetTraining::start_run(std::size_t i, const Scenario& s) {
  auto w = std::make_unique<Worker>();
  w->start = start_;
  Worker* raw = w.get();
  const RunSpec spec = s.course.runs[i];
  const long steps = s.course.steps;
  const std::uint64_t seed = s.course.seed;
  const auto make = [raw, spec, steps, seed] {
    const NetStart& st = *raw->start;
    raw->trainer.emplace(st.net, st.theta, st.sets, spec, steps, seed, window_recording(st, steps));
  };
  bool threaded = threads_ == MapThreads::own_thread;
  if (threaded) {
    try {
      w->thread = std::thread([raw, make] {
        try {
          make();
          while (!raw->cancel.load(std::memory_order_relaxed) && !raw->trainer->advance(kTrainingPart))
            raw->rows_done.store(raw->trainer->next_row(), std::memory_order_relaxed);
          if (!raw->cancel.load(std::memory_order_relaxed)) raw->result = std::move(*raw->trainer).finish();
        } catch (const std::exception&) {  // a valid scenario trains: only a bug (or no memory) gets here
        }
        raw->done.store(true, std::memory_order_release);
      });
    } catch (const std::system_error&) {
      threaded = false;  // no threads (a page without SharedArrayBuffer)
    }
  }
  if (!threaded) make();
  runs_[i].running = std::move(w);
  ++started_;
}

void NetTraining::retire(Slot& slot) {
  slot.running->cancel = true;
  if (!slot.running->thread.joinable()) slot.running->done = true;
  retired_.push_back(std::move(slot.running));
}

void NetTraining::reap() { reap_stopped(retired_); }

bool NetTraining::poll() {
  reap();
  // Between frames: parts of each training in turn, for up to kFrameBudget.
  const auto begin = std::chrono::steady_clock::now();
  const auto within_budget = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count() < kFrameBudget;
  };
  for (Slot& slot : runs_) {
    Worker* w = slot.running.get();
    if (w == nullptr || w->thread.joinable() || w->done) continue;
    while (within_budget() && !w->trainer->advance(kTrainingPart)) w->rows_done = w->trainer->next_row();
    if (w->trainer->done()) {
      w->result = std::move(*w->trainer).finish();
      w->done = true;
    }
    if (!within_budget()) break;
  }
  bool fresh = false;
  for (Slot& slot : runs_) {
    if (!slot.running || !slot.running->done.load(std::memory_order_acquire)) continue;
    if (slot.running->thread.joinable()) slot.running->thread.join();
    if (slot.running->result) {
      slot.result = std::move(slot.running->result);
      slot.version = ++results_;
      fresh = true;
    }
    slot.running.reset();
  }
  return fresh;
}

bool NetTraining::busy() const {
  for (const Slot& slot : runs_)
    if (slot.running) return true;
  return false;
}

double NetTraining::progress() const {
  double done = 0, total = 0;
  for (const Slot& slot : runs_) {
    if (!slot.running) continue;
    done += static_cast<double>(slot.running->rows_done.load(std::memory_order_relaxed));
    total += static_cast<double>(trained_.course.steps + 1);
  }
  return total == 0 ? 1.0 : done / total;
}

}  // namespace optviz::gui
