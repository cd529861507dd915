#!/usr/bin/env bash
# Installs what is missing, then configures and builds optviz in build/ (Release with debug info).
#
# A new build folder uses Ninja (here and in every build script): with Make, no file of a library
# compiles until the libraries it links are built, so the one long file of the many-run kernels
# (core/maps/lane_kernels.cpp, minutes) left a core idle; Ninja waits only to link. A folder
# configured before keeps its generator (CMake ignores CMAKE_GENERATOR then).
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${OPTVIZ_CMAKE_ARGS:-} >/dev/null
cmake --build build -j "$(nproc)"
