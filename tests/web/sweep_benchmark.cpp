// The page's sweep, timed in the browser by scripts/benchmark_web.py (never a test): the sweep of
// tests/benchmark/rmsprop_sweep.hpp, 256 x 256 RMSprop configurations x 1,000 steps on Rosenbrock,
// computed on the page's one thread block by block through MapInParts, as the page computes its
// maps between frames. Built by the page's build (tests/web/CMakeLists.txt), with WebAssembly SIMD
// or without (build-web-nosimd). Each repeat runs in a task of its own, so that the page stays
// live; at the end window.optvizBenchmark holds the result:
//   {"simd": true, "simd_target": "WASM", "cells": 65536, "steps": 1000, "lanes": true,
//    "seconds": [...], "digest": "..."}
// `digest` hashes every cell's bits, so that two builds can be compared for equal results;
// `simd_target` is the target the page's kernels run on (simd.hpp). The query's `repeats=N` sets
// the repeats (default 3).
#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "rmsprop_sweep.hpp"
#include "simd.hpp"
#include "sweep.hpp"

namespace optviz::web_benchmark {
namespace {

using bench::rmsprop_sweep;

// FNV-1a over the bits of every cell.
std::uint64_t digest(const Map& map) {
  std::uint64_t h = 14695981039346656037ull;
  const auto mix = [&h](auto value) {
    unsigned char bytes[sizeof value];
    std::memcpy(bytes, &value, sizeof value);
    for (unsigned char b : bytes) h = (h ^ b) * 1099511628211ull;
  };
  for (const RunSummary& c : map.cells) {
    mix(c.position.x), mix(c.position.y), mix(c.value);
    mix(c.reached_at.value_or(-1)), mix(c.diverged_at.value_or(-1));
  }
  return h;
}

struct Benchmark {
  Sweep sweep = rmsprop_sweep();
  int repeats = 3;
  std::vector<double> seconds;
  std::uint64_t digest = 0;
};
Benchmark* benchmark = nullptr;

// clang-format off
EM_JS(int, web_repeats, (), {
  var n = Number(new URLSearchParams(location.search).get('repeats'));
  return Number.isInteger(n) && n > 0 && n < 100 ? n : 3;
});
EM_JS(void, web_report, (const char* json), {
  window.optvizBenchmark = JSON.parse(UTF8ToString(json));
  console.log('optviz sweep benchmark: ' + UTF8ToString(json));
});
// clang-format on

void report() {
  std::string seconds;
  for (double s : benchmark->seconds) seconds += (seconds.empty() ? "" : ", ") + std::to_string(s);
  char json[1024];
  std::snprintf(
      json, sizeof json,
      R"({"simd": %s, "simd_target": "%s", "cells": %zu, )"
      R"("steps": %ld, "lanes": %s, "seconds": [%s], "digest": "%016llx"})",
#ifdef __wasm_simd128__
      "true",
#else
      "false",
#endif
      simd_target().c_str(),
      static_cast<std::size_t>(benchmark->sweep.x.count) * static_cast<std::size_t>(benchmark->sweep.y.count),
      benchmark->sweep.steps,
      takes_lanes(benchmark->sweep.objective, benchmark->sweep.run, benchmark->sweep.training) ? "true" : "false",
      seconds.c_str(), static_cast<unsigned long long>(benchmark->digest));
  web_report(json);
}

void repeat(void*) {
  const double begin = emscripten_get_now();
  MapInParts parts(benchmark->sweep, MapOptions{.threads = 1});
  while (parts.advance()) {
  }
  const Map map = std::move(parts).map();
  benchmark->seconds.push_back((emscripten_get_now() - begin) / 1000);
  benchmark->digest = digest(map);
  if (static_cast<int>(benchmark->seconds.size()) < benchmark->repeats)
    emscripten_async_call(repeat, nullptr, 0);
  else
    report();
}

}  // namespace
}  // namespace optviz::web_benchmark

int main() {
  using namespace optviz::web_benchmark;
  static Benchmark the_benchmark;
  benchmark = &the_benchmark;
  benchmark->repeats = web_repeats();
  emscripten_async_call(repeat, nullptr, 0);
  return 0;
}
