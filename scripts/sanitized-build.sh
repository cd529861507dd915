#!/usr/bin/env bash
# Configures and builds build-fuzz: the one build, with clang, that scripts/sanitize.sh runs the test
# suite in and scripts/fuzz.sh fuzzes with. OPTVIZ_FUZZ=ON compiles every file with AddressSanitizer,
# UndefinedBehaviorSanitizer (float-cast-overflow included) and libFuzzer's coverage; the tests link
# as usual and only the fuzz targets link libFuzzer's main. One build for both saves a whole compile
# of optviz in CI (a g++ build for the sanitizers and a clang one for the fuzzers before).
#
# Usage: scripts/sanitized-build.sh [TARGET...]    (default: every target)
# OPTVIZ_JOBS sets the parallel jobs (default 2).
set -euo pipefail
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}  # as scripts/build.sh says

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-fuzz
targets=()
[ $# -eq 0 ] || targets=(--target "$@")

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DOPTVIZ_FUZZ=ON -DOPTVIZ_BENCHMARKS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${OPTVIZ_JOBS:-2}" "${targets[@]}"
