#!/usr/bin/env bash
# Extracts the text optviz shows (every string passed to tr(), tr_format(), tr_printf() or
# translatable() in core/ and app/) into po/optviz.pot with gettext's xgettext, and merges it into each language's catalog with
# msgmerge: new messages arrive untranslated, changed ones fuzzy, gone ones obsolete (#~). Then
# translate po/<language>.po (any PO editor, or by hand) and check it with
#   msgfmt --check --statistics -o /dev/null po/zh_CN.po
# --check: only compare (exit 1 when po/optviz.pot or a catalog is out of date); tests/CMakeLists.txt
# runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[ "${1:-}" = "--check" ] && check=true

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
git ls-files --cached --others --exclude-standard -- 'core/*.cpp' 'core/*.hpp' 'app/*.cpp' 'app/*.hpp' 2>/dev/null | sort > "$out/files" ||
  find core app -name '*.cpp' -o -name '*.hpp' | sort > "$out/files"
xgettext --language=C++ --from-code=UTF-8 --keyword --keyword=tr --keyword=tr_format:1 --keyword=tr_printf:1 --keyword=words_format:2 --keyword=translatable \
  --add-comments=TRANSLATORS: --sort-by-file --no-wrap --package-name=optviz \
  --files-from="$out/files" -o "$out/optviz.pot"

# The messages alone: not their places in the sources (which move with every edit), nor the header.
messages() { msgcat --no-location --sort-output --no-wrap "$1" | grep -E '^(msgctxt|msgid|msgid_plural) ' || true; }

if $check; then
  status=0
  if ! diff -q <(messages "$out/optviz.pot") <(messages po/optviz.pot) > /dev/null; then
    echo "update-po: po/optviz.pot is out of date: run scripts/update-po.sh" >&2
    diff <(messages "$out/optviz.pot") <(messages po/optviz.pot) | head -20 >&2 || true
    status=1
  fi
  while read -r language; do
    [[ -z "$language" || "$language" == \#* ]] && continue
    msgmerge --quiet --no-wrap --no-location "po/$language.po" "$out/optviz.pot" -o "$out/$language.po"
    stats=$(msgfmt --check --statistics -o /dev/null "$out/$language.po" 2>&1)
    if ! grep -qE '^[0-9]+ translated messages\.$' <<< "$stats"; then
      echo "update-po: po/$language.po: $stats (every message must be translated)" >&2
      status=1
    fi
  done < po/LINGUAS
  exit $status
fi

cp "$out/optviz.pot" po/optviz.pot
while read -r language; do
  [[ -z "$language" || "$language" == \#* ]] && continue
  if [ -f "po/$language.po" ]; then
    msgmerge --quiet --update --backup=none --no-wrap "po/$language.po" po/optviz.pot
  else
    msginit --no-translator --no-wrap --locale="$language.UTF-8" -i po/optviz.pot -o "po/$language.po"
  fi
  msgfmt --check --statistics -o /dev/null "po/$language.po"
done < po/LINGUAS
