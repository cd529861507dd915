#!/usr/bin/env bash
# Installs the Debian packages optviz needs to build, run and test; only the missing ones.
# Works as root (or with sudo available); otherwise prints the command to run. --benchmark also
# installs python3-torch, which only scripts/benchmark.sh uses (PyTorch, for comparison).
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3
  libimgui-dev libglfw3-dev python3-glad libstb-dev
  libgif-dev libpng-dev nlohmann-json3-dev libcli11-dev
  catch2 libbenchmark-dev clang libclang-rt-14-dev
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  desktop-file-utils appstream shared-mime-info libxml2-utils groff-base man-db file
)
[[ "${1:-}" == "--benchmark" ]] && packages+=(python3-torch)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: not root and no sudo; run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
