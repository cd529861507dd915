#!/usr/bin/env bash
# Installs the Debian packages optviz needs to build, run and test; only the missing ones
# (gettext compiles the translations, po/; fonts-noto-cjk draws Chinese; tesseract-ocr reads the lessons' slides back in tests/scenarios/slide_tests.cpp; clang-format-14
# checks the format of every C++ file, scripts/check-format.sh).
# Works as root (or with sudo available); otherwise prints the command to run. --benchmark also
# installs python3-torch, which only scripts/benchmark.sh uses (PyTorch, for comparison). --web also
# installs what the page needs (scripts/build-web.sh): Debian's Emscripten, fontTools (the page's
# subset of the Chinese font), Chromium for the browser tests, and a deb-src entry for Debian's
# archive (/etc/apt/sources.list.d/optviz-deb-src.sources), through which build-web.sh fetches the
# source packages of imgui, zlib, libpng and giflib.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git python3
  libimgui-dev libglfw3-dev python3-glad libstb-dev
  libgif-dev libpng-dev nlohmann-json3-dev libcli11-dev
  libhwy-dev libeigen3-dev catch2 libbenchmark-dev clang libclang-rt-14-dev clang-format-14
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core fonts-noto-cjk gettext tesseract-ocr tesseract-ocr-eng
  desktop-file-utils appstream shared-mime-info libxml2-utils groff-base man-db file
)
web=false
for arg in "$@"; do
  case "$arg" in
    --benchmark) packages+=(python3-torch) ;;
    --web) web=true; packages+=(emscripten chromium dpkg-dev ccache python3-fonttools) ;;
    *) echo "setup: unknown argument \"$arg\" (expected --benchmark or --web)" >&2; exit 2 ;;
  esac
done

# The deb-src entry for the web build's source packages, for the release this machine runs.
deb_src=/etc/apt/sources.list.d/optviz-deb-src.sources
need_src=false
if $web && ! grep -rqsE "^(Types:.*deb-src|deb-src )" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  need_src=true
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && ! $need_src; then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "setup: installing ${missing[*]:-(no packages)}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: not root and no sudo; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]:-}" >&2
  $need_src && echo "  and add a deb-src entry for Debian's archive (see scripts/setup.sh)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if $need_src; then
  . /etc/os-release
  echo "setup: adding $deb_src (Debian's source packages for $VERSION_CODENAME)"
  printf '%s\n' "# Added by optviz's scripts/setup.sh --web: the source packages that scripts/build-web.sh" \
    "# compiles for the browser (apt-get source --download-only imgui zlib libpng1.6 giflib)." \
    "Types: deb-src" "URIs: http://deb.debian.org/debian" "Suites: $VERSION_CODENAME" "Components: main" \
    "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" | "${sudo[@]}" tee "$deb_src" >/dev/null
fi
"${sudo[@]}" apt-get update -q
[ ${#missing[@]} -eq 0 ] || "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
