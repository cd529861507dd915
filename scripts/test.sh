#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, checks the format of every C++ file
# (scripts/check-format.sh) and runs the whole test suite; then the
# page (scripts/build-web.sh) in headless Chromium (tests/web/browser_test.py), and the page as one
# file opened from file:// (tests/web/single_file_test.py); then the
# same suite under AddressSanitizer and UndefinedBehaviorSanitizer, then each fuzz target on its
# committed corpus and for a fixed number of runs with a fixed seed (scripts/fuzz.sh --ci), both in
# build-fuzz, one clang build (scripts/sanitized-build.sh): the same answer on every run.
# Each step's time is printed after it ("test.sh: 312 s: ctest ..."), and the total at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

step() {
  local begin=$SECONDS
  "$@"
  echo "test.sh: $((SECONDS - begin)) s: $*"
}

step env OPTVIZ_CMAKE_ARGS="-DOPTVIZ_WERROR=ON" bash scripts/build.sh
step bash scripts/check-format.sh
step ctest --test-dir build --output-on-failure -j "$(nproc)"
step bash scripts/build-web.sh --single-file
step python3 tests/web/browser_test.py build-web
step python3 tests/web/single_file_test.py build-web/single/optviz.html
step bash scripts/sanitize.sh
step bash scripts/fuzz.sh --ci
echo "test.sh: $SECONDS s in all"
