// The instruction sets that every file compiled per target by Highway (hwy/foreach_target.h) is
// compiled for: included before Highway's headers by lane_kernels.cpp and network/activation.cpp.
//
// x86-64: AVX-512 (AVX3), AVX2 and the baseline (Highway names it SCALAR; g++ compiles it with SSE2).
// SSSE3 and SSE4 add nothing to these kernels over SSE2 (no new double arithmetic), so they are not
// compiled. Builds with clang (the page, fuzzing) or AddressSanitizer compile the static target only.
#pragma once

#if defined(__clang__) || defined(__SANITIZE_ADDRESS__)
#define HWY_COMPILE_ONLY_STATIC 1
#endif
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_SSE4 | HWY_AVX3_DL)
#endif
