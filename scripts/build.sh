#!/usr/bin/env bash
# Installs what is missing, then configures and builds optviz in build/ (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${OPTVIZ_CMAKE_ARGS:-} >/dev/null
cmake --build build -j "$(nproc)"
