#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs the whole test suite; then the
# same suite under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan), then a short
# libFuzzer run of each fuzz target (build-fuzz; OPTVIZ_FUZZ_SECONDS per target, default 30).
set -euo pipefail
cd "$(dirname "$0")/.."
OPTVIZ_CMAKE_ARGS="-DOPTVIZ_WERROR=ON" bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
bash scripts/sanitize.sh
bash scripts/fuzz.sh "${OPTVIZ_FUZZ_SECONDS:-30}"
