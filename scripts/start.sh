#!/usr/bin/env bash
# Installs what is missing, builds, and opens optviz on its default scenario (arguments are passed on).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
exec ./build/app/optviz "$@"
