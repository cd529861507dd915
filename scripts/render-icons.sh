#!/usr/bin/env bash
# Renders the committed PNG icons assets/icons/optviz-{48,128,256}.png from assets/icons/optviz.svg.
# Run it after changing the SVG. Needs rsvg-convert (Debian: librsvg2-bin), which the build does not.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null 2>&1; then
  echo "render-icons: rsvg-convert is missing; install it with: apt-get install librsvg2-bin" >&2
  exit 1
fi
for size in 48 128 256; do
  rsvg-convert --width "$size" --height "$size" --output "assets/icons/optviz-$size.png" assets/icons/optviz.svg
  echo "assets/icons/optviz-$size.png"
done
