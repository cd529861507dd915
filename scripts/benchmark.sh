#!/usr/bin/env bash
# Builds optviz and runs the benchmarks (not part of the tests): core steps per second and recompute
# times, then the window's frame time under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
./build/tests/core_benchmark
xvfb-run -a -s "-screen 0 1280x800x24" ./build/tests/gui/gui_benchmark
