// Where a page without threads computes its maps off the UI thread: a Web Worker running core alone
// (app/platform/map_worker_main.cpp), reached by messages of core's map protocol (map_message.hpp).
// The page's implementation is app/platform/web_map_worker.cpp; the tests give their own. A MapJob
// with one (MapJob::use_worker) sends it each map and puts the blocks' cells it answers into the map.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace optviz::gui {

class MapWorker {
 public:
  virtual ~MapWorker() = default;
  // Starts a job (a request of map_request) of `blocks` blocks and returns its number. The worker
  // is asked for its blocks in order, a few ahead of the answers, so that it never waits for a frame.
  virtual std::uint32_t start(const std::string& request, std::size_t blocks) = 0;
  // No more answers of the job are wanted: the blocks not yet asked for never are.
  virtual void end(std::uint32_t job) = 0;
  // The job's answers (map_message.hpp's block or error messages) arrived since the last call.
  virtual std::vector<std::vector<std::uint8_t>> take(std::uint32_t job) = 0;
  // True once the worker did not load, or stopped answering: the maps are computed between frames.
  virtual bool failed() const = 0;
};

}  // namespace optviz::gui
