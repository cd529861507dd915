#!/usr/bin/env bash
# Checks that every C++ file of the repository (tracked or new, not ignored) is formatted as
# .clang-format says (clang-format 14, which scripts/setup.sh installs: other versions format
# differently). --fix formats them instead.
# Deliberate tables are kept as written between `// clang-format off` and `// clang-format on`.
set -euo pipefail
cd "$(dirname "$0")/.."
format=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$format" > /dev/null; then
  echo "check-format: $format not found (scripts/setup.sh installs clang-format-14)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' '*.h' | grep -v '^third_party/')
if [[ "${1:-}" == "--fix" ]]; then
  "$format" -i "${files[@]}"
else
  "$format" --dry-run --Werror "${files[@]}"
  echo "check-format: ${#files[@]} files formatted as .clang-format says"
fi
