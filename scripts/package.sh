#!/usr/bin/env bash
# Builds the Debian package dist/optviz_VERSION_amd64.deb with CPack (assets/CMakeLists.txt) and
# prints its path as its last line. The binary is built in build-deb/ with Debian's build and
# hardening flags (dpkg-buildflags); dpkg-shlibdeps computes the package's Depends.
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}  # as scripts/build.sh says
bash scripts/setup.sh >&2
build=build-deb
jobs=${OPTVIZ_JOBS:-2}

export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cppflags=$(dpkg-buildflags --get CPPFLAGS)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None -DOPTVIZ_BENCHMARKS=OFF \
  -DCMAKE_C_FLAGS="$cppflags $(dpkg-buildflags --get CFLAGS)" \
  -DCMAKE_CXX_FLAGS="$cppflags $(dpkg-buildflags --get CXXFLAGS)" \
  -DCMAKE_EXE_LINKER_FLAGS="$(dpkg-buildflags --get LDFLAGS)" \
  -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >&2
# Only the executable: the package holds nothing else that is built, and the tests are not needed.
cmake --build "$build" -j "$jobs" --target optviz >&2
(cd "$build" && cpack -G DEB -B "$PWD/packages") >&2

mkdir -p dist
version=$(sed -n 's/^project(optviz VERSION \([^ ]*\) .*/\1/p' CMakeLists.txt)
deb=dist/optviz_${version}_$(dpkg --print-architecture).deb
cp "$build/packages/$(basename "$deb")" "$deb"
echo "$PWD/$deb"
