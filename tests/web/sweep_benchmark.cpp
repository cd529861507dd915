// The page's sweep, timed in the browser by scripts/benchmark_web.py (never a test): the sweep of
// tests/benchmark/rmsprop_sweep.hpp, 256 x 256 RMSprop configurations x 1,000 steps on Rosenbrock,
// computed on the page's one thread block by block through MapInParts, as the page computes its
// maps between frames. Built by the page's build (tests/web/CMakeLists.txt), with WebAssembly SIMD
// or without (build-web-nosimd). Each repeat runs in a task of its own, so that the page stays
// live; at the end window.optvizBenchmark holds the result:
//   {"simd": true, "highway_target": "EMU128", "double_lanes": 2, "sqrt2": 1.4142135623730951,
//    "cells": 65536, "steps": 1000, "lanes": true, "seconds": [...], "digest": "..."}
// `digest` hashes every cell's bits, so that two builds can be compared for equal results;
// `highway_target` and `sqrt2` come from a function dispatched by Highway, which shows that the
// page's Highway computes on doubles. The query's `repeats=N` sets the repeats (default 3).
#include <emscripten.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

// Highway includes this file once per target; what every target shares is defined once.
#ifndef OPTVIZ_SWEEP_BENCHMARK_ONCE
#define OPTVIZ_SWEEP_BENCHMARK_ONCE
namespace optviz::web_benchmark {
// The target a function was compiled for, how many doubles its vectors hold and a square root
// computed in one of them (Highway's WASM target of Debian's 1.0.3 has none: third_party/web.cmake).
struct TargetFacts {
  const char* name;
  std::size_t double_lanes;
  double sqrt2;
};
}  // namespace optviz::web_benchmark
#endif

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sweep_benchmark.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace optviz::web_benchmark {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

TargetFacts Facts() {
  const hn::ScalableTag<double> d;
  return {hwy::TargetName(HWY_TARGET), hn::Lanes(d), hn::GetLane(hn::Sqrt(hn::Set(d, 2.0)))};
}

}  // namespace HWY_NAMESPACE
}  // namespace optviz::web_benchmark
HWY_AFTER_NAMESPACE();

#if HWY_ONCE

#include "rmsprop_sweep.hpp"
#include "sweep.hpp"

namespace optviz::web_benchmark {
namespace {

HWY_EXPORT(Facts);

using benchmarks::rmsprop_sweep;

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
  const TargetFacts facts = HWY_DYNAMIC_DISPATCH(Facts)();
  std::string seconds;
  for (double s : benchmark->seconds) seconds += (seconds.empty() ? "" : ", ") + std::to_string(s);
  char json[1024];
  std::snprintf(
      json, sizeof json,
      R"({"simd": %s, "highway_target": "%s", "double_lanes": %zu, "sqrt2": %.17g, "cells": %zu, )"
      R"("steps": %ld, "lanes": %s, "seconds": [%s], "digest": "%016llx"})",
#ifdef __wasm_simd128__
      "true",
#else
      "false",
#endif
      facts.name, facts.double_lanes, facts.sqrt2,
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

#endif  // HWY_ONCE
