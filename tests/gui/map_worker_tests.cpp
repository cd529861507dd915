// A map job whose cells a worker computes (map_worker.hpp), as the page's Web Worker does: here a
// worker of the test's own that answers with core's map server (map_message.hpp) in this process,
// as many blocks as the test says. The map equals sweep() and basin() cell for cell; a newer map
// ends the older job at once, whose blocks are then never computed; a worker that fails, before or
// during a job, leaves the job to be computed between frames, and an error ends it without a map.
#include <catch2/catch.hpp>
#include <deque>
#include <map>
#include <memory>

#include "map_job.hpp"
#include "map_message.hpp"
#include "map_views.hpp"
#include "parameters.hpp"
#include "scenario.hpp"

using namespace optviz;
using namespace optviz::gui;

namespace {

constexpr std::size_t kRmsprop = 2;  // the default scenario's RMSprop run

class TestWorker : public MapWorker {
 public:
  std::uint32_t start(const std::string& request, std::size_t blocks) override {
    const std::uint32_t job = next_job_++;
    server_.start(job, request);
    jobs_[job] = {blocks, 0, {}};
    return job;
  }
  void end(std::uint32_t job) override {
    server_.end(job);
    jobs_.erase(job);
    ++ended;
  }
  std::vector<std::vector<std::uint8_t>> take(std::uint32_t job) override {
    const auto found = jobs_.find(job);
    if (found == jobs_.end()) return {};
    std::vector<std::vector<std::uint8_t>> out(found->second.answers.begin(), found->second.answers.end());
    found->second.answers.clear();
    return out;
  }
  bool failed() const override { return fails; }

  // The worker answers up to n blocks of the jobs still wanted, oldest job first.
  void answer(std::size_t n) {
    for (auto& [job, j] : jobs_)
      for (; n > 0 && j.asked < j.blocks; --n) {
        j.answers.push_back(server_.answer(job, j.asked++));
        ++computed;
      }
  }
  std::size_t running() const { return jobs_.size(); }

  bool fails = false;
  std::size_t computed = 0;  // blocks
  std::size_t ended = 0;

 private:
  struct Job {
    std::size_t blocks = 0;
    std::size_t asked = 0;
    std::deque<std::vector<std::uint8_t>> answers;
  };
  MapServer server_;
  std::map<std::uint32_t, Job> jobs_;
  std::uint32_t next_job_ = 1;
};

Sweep wanted(double eps = 1e-8) {
  Scenario s = default_scenario();
  s.course.runs[kRmsprop].hyper.eps = eps;
  SweepSettings settings;
  settings.x = {"eta", 1e-4, 1e-1, true};
  settings.y = {"rho", 0.5, 0.99, false};
  settings.side = 64;
  settings.steps = 2000;
  std::string problem;
  const std::optional<Sweep> sweep = wanted_sweep(s, kRmsprop, settings, problem);
  REQUIRE(problem.empty());
  return *sweep;
}

// Polls until the job is done, the worker answering `per_frame` blocks before each frame.
template <class Job>
int finish(Job& job, TestWorker& worker, std::size_t per_frame) {
  int frames = 0;
  while (job.running() && frames < 100000) {
    worker.answer(per_frame);
    job.poll();
    ++frames;
  }
  return frames;
}

}  // namespace

TEST_CASE("a worker computes a sweep block by block; the map equals sweep()", "[map worker]") {
  auto worker = std::make_shared<TestWorker>();
  MapJob<Sweep, Map> job(MapThreads::worker);
  job.use_worker(worker);
  const Sweep s = wanted();
  const std::size_t blocks = MapInParts(s, kMessageMapOptions).blocks();
  REQUIRE(blocks >= 4);
  job.update(s, 0);
  REQUIRE(job.running_threads() == MapThreads::worker);
  CHECK_FALSE(job.poll());
  CHECK(job.progress() == 0);  // the UI thread computes nothing
  worker->answer(2);
  CHECK_FALSE(job.poll());
  CHECK(job.progress() > 0);
  CHECK(job.progress() < 1);
  CHECK(finish(job, *worker, 3) == static_cast<int>((blocks - 2 + 2) / 3));
  REQUIRE(job.current());
  CHECK(job.result_threads() == MapThreads::worker);
  CHECK(job.result()->complete);
  CHECK(job.result()->cells == sweep(s).cells);
  CHECK(worker->computed == blocks);
  CHECK(worker->running() == 0);  // the finished job was ended
}

TEST_CASE("a basin map through a worker equals basin(), each cell's minimum too", "[map worker]") {
  auto worker = std::make_shared<TestWorker>();
  MapJob<Basin, BasinMap> job(MapThreads::worker);
  job.use_worker(worker);
  std::string problem;
  const Scenario s = default_scenario();
  const std::optional<Basin> b = wanted_basin(s, kRmsprop, {{-2, -1}, {2, 3}}, 96, 80, problem);
  REQUIRE(b);
  job.update(b, 0);
  finish(job, *worker, 1);
  REQUIRE(job.current());
  const BasinMap whole = basin(*b);
  CHECK(job.result()->cells == whole.cells);
  CHECK(job.result()->minimum == whole.minimum);
}

TEST_CASE("a newer map ends the older job: its remaining blocks are never computed", "[map worker]") {
  auto worker = std::make_shared<TestWorker>();
  MapJob<Sweep, Map> job(MapThreads::worker);
  job.use_worker(worker);
  job.update(wanted(), 0);
  worker->answer(1);
  job.poll();
  const Sweep newer = wanted(1e-4);
  job.update(newer, 1);
  CHECK(worker->running() == 0);  // ended at once, before the debounce
  CHECK(worker->ended == 1);
  job.update(newer, 1 + kMapDebounce);
  REQUIRE(job.running());
  finish(job, *worker, 4);
  REQUIRE(job.current());
  CHECK(job.result()->cells == sweep(newer).cells);
  CHECK(worker->computed == 1 + MapInParts(newer, kMessageMapOptions).blocks());
}

TEST_CASE("a worker that fails leaves the job to be computed between frames", "[map worker]") {
  auto worker = std::make_shared<TestWorker>();
  MapJob<Sweep, Map> job(MapThreads::worker);
  job.set_frame_budget(0);  // a block a frame between frames, however fast the machine
  job.use_worker(worker);
  const Sweep s = wanted();
  job.update(s, 0);
  worker->answer(3);
  job.poll();
  worker->fails = true;  // it stopped answering, say
  job.poll();
  CHECK(job.running_threads() == MapThreads::between_frames);
  CHECK(worker->running() == 0);
  finish(job, *worker, 0);
  REQUIRE(job.current());
  CHECK(job.result_threads() == MapThreads::between_frames);
  CHECK(job.result()->cells == sweep(s).cells);

  // The next job does not try it again.
  job.update(wanted(1e-4), 10);
  job.update(wanted(1e-4), 10 + kMapDebounce);
  CHECK(job.running_threads() == MapThreads::between_frames);
  CHECK(worker->running() == 0);
}

TEST_CASE("an error from the worker ends the job with its message, never waiting", "[map worker]") {
  // A worker that answers every block with an error (here: the blocks of another map's size).
  class ErrorWorker : public TestWorker {
   public:
    std::vector<std::vector<std::uint8_t>> take(std::uint32_t job) override {
      return {error_message(job, "out of memory")};
    }
  };
  auto worker = std::make_shared<ErrorWorker>();
  MapJob<Sweep, Map> job(MapThreads::worker);
  job.use_worker(worker);
  job.update(wanted(), 0);
  CHECK_FALSE(job.poll());
  CHECK_FALSE(job.running());
  CHECK(job.error() == "out of memory");
  CHECK(job.result() == nullptr);
  CHECK(worker->running() == 0);
}
