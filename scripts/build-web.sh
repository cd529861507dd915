#!/usr/bin/env bash
# Builds optviz for the browser: build-web/optviz.html (+ optviz.js, optviz.wasm, optviz.data with
# the fonts; index.html is a copy of optviz.html), from the same core/ and app/ as the desktop, with
# Debian's Emscripten (emcmake cmake) and WebAssembly SIMD (-msimd128). Dear ImGui, zlib, libpng,
# giflib and Highway are compiled from Debian's source packages, fetched once with `apt-get source
# --download-only` (scripts/setup.sh --web adds the deb-src entry that needs) and unpacked with
# Debian's patches into build-web/sources.
#   scripts/build-web.sh            build
#   scripts/build-web.sh --serve    build, then serve build-web on http://127.0.0.1:8000/ (PORT=...)
#   scripts/build-web.sh --single-file   build, then build-web/single/optviz.html: the same page as
#                                   one file that opens from file:// with no server (the WebAssembly
#                                   and the fonts inside it, scripts/web_single_file.py)
#   scripts/build-web.sh --no-simd  the same page without WebAssembly SIMD, in build-web-nosimd
#                                   (scripts/benchmark_web.py compares the two)
# OPTVIZ_JOBS sets the parallel jobs (default: every core). ccache is used when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_GENERATOR=${CMAKE_GENERATOR:-Ninja}  # as scripts/build.sh says
serve=false single=false simd=ON build=build-web
for arg in "$@"; do
  case "$arg" in
    --serve) serve=true ;;
    --single-file) single=true ;;
    --no-simd) simd=OFF build=build-web-nosimd ;;
    *) echo "build-web: unknown argument \"$arg\" (expected --serve, --single-file or --no-simd)" >&2; exit 2 ;;
  esac
done

bash scripts/setup.sh --web

# Debian's emcc runs its JavaScript tools with node, which must find Debian's acorn and friends
# even when another node comes first on PATH.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
sources=$PWD/build-web/sources
mkdir -p "$sources"
# Source package, then the folder its sources are unpacked to (web.cmake reads them there).
for pair in imgui:imgui zlib:zlib libpng1.6:libpng giflib:giflib highway:highway; do
  package=${pair%%:*} folder=${pair##*:}
  [ -d "$sources/$folder" ] && continue
  download=$sources/download-$folder
  rm -rf "$download" && mkdir -p "$download"
  echo "build-web: fetching Debian's source package $package"
  if ! (cd "$download" && apt-get source --download-only "$package" >/dev/null); then
    echo "build-web: cannot fetch the source package $package: run scripts/setup.sh --web (as root), which" >&2
    echo "  adds a deb-src entry for Debian's archive, then run this again" >&2
    exit 1
  fi
  dpkg-source --no-check -x "$download"/*.dsc "$sources/$folder" >/dev/null
  rm -rf "$download"
done

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
emcmake cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DOPTVIZ_WEB_SOURCES="$sources" \
  -DOPTVIZ_WEB_SIMD=$simd "${launcher[@]}" \
  ${OPTVIZ_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j "${OPTVIZ_JOBS:-$(nproc)}" --target optviz_web
echo "build-web: $PWD/$build/optviz.html"
if $single; then
  python3 scripts/web_single_file.py "$build" "$build/single/optviz.html"
fi

if $serve; then
  port=${PORT:-8000}
  echo "build-web: serving on http://127.0.0.1:$port/ (Ctrl+C stops)"
  exec python3 -m http.server --bind 127.0.0.1 --directory "$build" "$port"
fi
