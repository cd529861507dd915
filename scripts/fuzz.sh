#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz, OPTVIZ_FUZZ=ON: ASan + UBSan + coverage)
# and runs each for SECONDS on a copy of its seed corpus (tests/fuzz/corpus/NAME), with its
# dictionary (tests/fuzz/NAME.dict) when there is one. Fails on any crash, leak, timeout or
# out-of-memory; the input that caused it is kept in build-fuzz/findings/NAME/ for reproduction:
#   build-fuzz/tests/fuzz/fuzz_NAME build-fuzz/findings/NAME/crash-...
# Prints the number of executions per target.
#
# Usage: scripts/fuzz.sh SECONDS [TARGET...]    (default: every target; 60 s in CI)
set -euo pipefail

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh SECONDS [TARGET...]   (targets: the NAME of tests/fuzz/corpus/NAME)" >&2
  exit 2
fi
seconds=$1
shift

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-fuzz
jobs=${OPTVIZ_JOBS:-2}

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for dir in "$root"/tests/fuzz/corpus/*/; do targets+=("$(basename "$dir")"); done
fi
for t in "${targets[@]}"; do
  if [ ! -d "$root/tests/fuzz/corpus/$t" ]; then
    echo "fuzz: no target \"$t\" (no tests/fuzz/corpus/$t)" >&2
    exit 2
  fi
done

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DOPTVIZ_FUZZ=ON -DOPTVIZ_BENCHMARKS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"

work=$(mktemp -d "${TMPDIR:-/tmp}/optviz-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

status=0
summary=()
for t in "${targets[@]}"; do
  corpus=$work/$t
  findings=$build/findings/$t
  mkdir -p "$findings"
  cp -r "$root/tests/fuzz/corpus/$t" "$corpus"
  options=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
           -artifact_prefix="$findings/")
  [ -f "$root/tests/fuzz/$t.dict" ] && options+=(-dict="$root/tests/fuzz/$t.dict")
  log=$work/$t.log
  echo "fuzz: $t for $seconds s"
  if "$build/tests/fuzz/fuzz_$t" "${options[@]}" "$corpus" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
    tail -n 60 "$log" >&2
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  summary+=("$t: ${executions:-?} executions in $seconds s, corpus $(ls "$corpus" | wc -l) inputs, $result")
done

echo "fuzz summary:"
printf '  %s\n' "${summary[@]}"
exit $status
