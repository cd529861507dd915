// The instruction sets of the many-run kernels (sweeps, basin maps, the heatmap grid): compiled once
// per target from one source (lane_kernels.cpp, with Highway's dynamic dispatch) and chosen when the
// program runs: AVX-512 ("AVX3"), AVX2 or the plain baseline on x86-64 ("SCALAR", in SSE2 vectors),
// NEON on arm64, WebAssembly SIMD ("WASM") on the page. Every target gives the same bits.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace optviz {

// The targets compiled in that this CPU runs, widest first.
std::vector<std::string> simd_targets();
// The one the kernels run on now: the widest, unless use_simd_target() chose another.
std::string simd_target();
// Runs the kernels on `name`, one of simd_targets(), from now on in every thread ("" = the widest
// again). For the tests, which check every target, and the benchmark. Throws std::invalid_argument
// for a name that is not one of simd_targets().
void use_simd_target(std::string_view name);

}  // namespace optviz
