// A sweep or basin map computed in another process, by messages: the page's Web Worker
// (app/platform/map_worker_main.cpp) computes the maps that the page's MapJob asks for
// (app/state/map_job.hpp), block by block, so that a newer map can supersede an older one.
//
// The request is JSON: the map's objective, run, start, steps and seed as a scenario of one run
// (to_json and scenario_from_json, so that typed formulas, typed rules and data go with it), the
// run's noise stream, the axes (a sweep) or the view and grid (a basin map) and the target. Each
// block's answer carries the block's cells as bytes. Every number arrives exact: the worker computes
// the same cells as the page would, with the same code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sweep.hpp"

namespace optviz {

using RequestedMap = std::variant<Sweep, Basin>;

// How both sides cut a map into blocks: blocks of 2^21 updates through the lanes (a few
// milliseconds in the page's worker), so that a superseded map stops within a few of them.
inline constexpr MapOptions kMessageMapOptions{.threads = 1, .lanes = true, .block_updates = std::size_t{1} << 20};

std::string map_request(const Sweep& sweep);
std::string map_request(const Basin& basin);
// The map of a request; throws std::invalid_argument naming the problem ("map request: ...").
RequestedMap read_map_request(std::string_view text);

// The worker's answers, as bytes: a block's cells (job, block and cell count, 32 bits each, then per
// cell x, y and value as IEEE doubles, reached_at and diverged_at in 64 bits, -1 for none), or why a
// job has no cells (job, then 0xffffffff, then the text); little-endian.
std::vector<std::uint8_t> block_message(std::uint32_t job, std::size_t block, std::span<const RunSummary> cells);
std::vector<std::uint8_t> error_message(std::uint32_t job, std::string_view what);
struct MapAnswer {
  std::uint32_t job = 0;
  std::size_t block = 0;
  std::vector<RunSummary> cells;
  std::string error;  // an error message's text; empty for a block's cells
};
// Throws std::invalid_argument for bytes that are neither.
MapAnswer read_map_answer(std::span<const std::uint8_t> bytes);

// FNV-1a (64 bits) over each cell's x, y and value (IEEE doubles) and diverged_at (-1 for none),
// little-endian, in the order of Map::cells, every NaN as the quiet NaN 0x7ff8000000000000: what
// write_sweep_csv writes of a cell besides its hyperparameters, so that a test can compute it from
// the desktop's CSV and compare the page's map.
std::uint64_t map_checksum(const Map& map);

// The worker's side: its jobs by number, each a map in parts computing one block per message.
class MapServer {
 public:
  // Starts job `job` from a request of map_request. A request that does not read, or a map that
  // cannot be computed, gives an error message for each of its blocks.
  void start(std::uint32_t job, std::string_view request);
  // Computes block `block` of job `job`: its block message, or an error message for a job that is
  // not running, a block out of range or the job's problem.
  std::vector<std::uint8_t> answer(std::uint32_t job, std::size_t block);
  void end(std::uint32_t job);  // forgets the job (nothing when unknown)
  std::size_t jobs() const { return jobs_.size() + problems_.size(); }

 private:
  std::map<std::uint32_t, MapInParts> jobs_;
  std::map<std::uint32_t, std::string> problems_;  // of the jobs that could not start
};

}  // namespace optviz
