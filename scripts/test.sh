#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
OPTVIZ_CMAKE_ARGS="-DOPTVIZ_WERROR=ON" bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
