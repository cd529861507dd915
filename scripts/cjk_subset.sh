#!/usr/bin/env bash
# cjk_subset.sh OUT FONT INDEX TEXT...: the glyphs of every character of the TEXT files (the
# catalogs, the lessons) cut from face INDEX of the collection FONT into the font file OUT, with
# fontTools' subsetter (python3-fonttools). For the page, which cannot carry the 19 MB collection
# (app/platform/web.cmake).
set -euo pipefail
out=$1 font=$2 index=$3
shift 3
text=$(mktemp)
trap 'rm -f "$text"' EXIT
cat "$@" > "$text"
/usr/bin/python3 -m fontTools.subset "$font" --font-number="$index" --text-file="$text" \
  --output-file="$out.tmp" --layout-features='*' --name-IDs='*'
mv "$out.tmp" "$out"
