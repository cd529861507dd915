// Work on every core: blocks of a computation (cells of a map, rows of a heatmap) handed to a few
// threads in turn, so that a slow block does not hold the others up.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace optviz {

// Calls work(b) for b = 0 .. blocks - 1 on `threads` threads (0: every core), each thread taking
// the next block, and stops handing out blocks once *cancel (if given) is set. Returns false when
// it was cancelled; an exception of a block is thrown again here.
template <class Work>
bool for_each_block(std::size_t blocks, unsigned threads, const std::atomic<bool>* cancel, const Work& work) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(blocks, 1)));
  std::atomic<std::size_t> next{0};
  std::atomic<bool> cancelled{false};
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto worker = [&] {
    try {
      for (std::size_t b = next++; b < blocks; b = next++) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
          cancelled = true;
          return;
        }
        work(b);
      }
    } catch (...) {
      const std::lock_guard lock(error_mutex);
      if (!error) error = std::current_exception();
      next = blocks;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  return !cancelled;
}

}  // namespace optviz
