#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build-fuzz, OPTVIZ_FUZZ=ON: ASan + UBSan + coverage, by
# scripts/sanitized-build.sh; after scripts/sanitize.sh they are built already) and runs them. A target is a directory tests/fuzz/corpus/NAME (its seed corpus) with the executable
# fuzz_NAME, and the dictionary tests/fuzz/NAME.dict when there is one.
#
#   scripts/fuzz.sh --ci [TARGET...]       what scripts/test.sh runs; the same answer every time:
#       1. replays every file of tests/fuzz/corpus/NAME: each must run clean;
#       2. fuzzes OPTVIZ_FUZZ_RUNS inputs (default 40000; 10000 for cli, whose every input runs
#          whole commands and writes files, 7 ms each) from that corpus with -seed=1 in one
#          process, the corpus files given in name order. Nothing else decides anything: no
#          clock (no time limit, -reload=0), no parallelism, and no memory address: address
#          randomisation is off (setarch -R) and comparison operands are not mutation hints
#          (-use_cmp=0), since the pointers that code compares would differ from run to run.
#          A clean clone passes or fails the same way on every machine.
#   scripts/fuzz.sh SECONDS [TARGET...]    random fuzzing for SECONDS per target (a new seed each
#       time), to run before a release; finds what the fixed runs cannot.
#
# Both fail on any crash, sanitizer report, leak, timeout (25 s), allocation over 128 MB or
# resident size over 2 GB. The input that caused it is kept in build-fuzz/findings/NAME/; it
# becomes a file of tests/fuzz/corpus/NAME and a test case, and is reproduced with
#   build-fuzz/tests/fuzz/fuzz_NAME build-fuzz/findings/NAME/crash-...
# Prints the number of executions per target and the time taken.
set -euo pipefail

usage() {
  echo "usage: scripts/fuzz.sh --ci [TARGET...]      replay the corpora, then fixed runs with a fixed seed" >&2
  echo "       scripts/fuzz.sh SECONDS [TARGET...]   random fuzzing, SECONDS per target" >&2
  echo "       (targets: the NAME of each tests/fuzz/corpus/NAME; default: all)" >&2
  exit 2
}

if [ $# -lt 1 ]; then usage; fi
if [ "$1" = --ci ]; then
  mode=ci
  fixed_runs=${OPTVIZ_FUZZ_RUNS:-}
  [ -z "$fixed_runs" ] || { [[ $fixed_runs =~ ^[0-9]+$ ]] && [ "$fixed_runs" -ge 1 ]; } || usage
elif [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ]; then
  mode=random
  seconds=$1
else
  usage
fi
shift

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build-fuzz

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

bash "$root/scripts/sanitized-build.sh" "${targets[@]/#/fuzz_}"

work=$(mktemp -d "${TMPDIR:-/tmp}/optviz-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

fixed_addresses=(setarch -R)
if [ $mode = ci ] && ! setarch -R true 2>/dev/null; then
  echo "fuzz: cannot turn address randomisation off here (setarch -R); runs may differ slightly" >&2
  fixed_addresses=()
fi

# In its own directory with relative paths and a fixed environment, the fuzzer sees the same
# arguments and environment wherever the clone is and whoever runs it: they decide where the stack
# lies, and so what the pointers that code compares give.
fuzz() {
  (cd "$run" && env -i PATH=/usr/bin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" "$@") >"$log" 2>&1
}

status=0
summary=()
for t in "${targets[@]}"; do
  fuzzer=$build/tests/fuzz/fuzz_$t
  findings=$build/findings/$t
  log=$work/$t.log
  run=$work/$t  # the fuzzer's working directory
  mkdir -p "$findings" "$run/seeds" "$run/corpus" "$run/findings"
  # Every committed input, listed in name order as -seed_inputs takes them: "seeds/NAME,...".
  cp -r "$root/tests/fuzz/corpus/$t/." "$run/seeds/"
  if [ -z "$(ls "$run/seeds")" ] || ls "$run/seeds" | grep -q ,; then
    echo "fuzz: tests/fuzz/corpus/$t needs at least one seed input, and no comma in a file name" >&2
    exit 2
  fi
  (cd "$run" && find seeds -type f | LC_ALL=C sort | paste -sd, - | tr -d "\n") >"$run/seeds.txt"
  ln -s "$fuzzer" "$run/fuzzer"
  dict=()
  [ -f "$root/tests/fuzz/$t.dict" ] && cp "$root/tests/fuzz/$t.dict" "$run/dict" && dict=(-dict=dict)
  limits=(-timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=128 -artifact_prefix=findings/)
  start=$SECONDS
  result=ok
  if [ $mode = ci ]; then
    runs=${fixed_runs:-40000}
    [ -n "$fixed_runs" ] || [ "$t" != cli ] || runs=10000
    echo "fuzz: $t: replaying the corpus, then $runs runs with -seed=1"
    IFS=, read -r -a files <<<"$(cat "$run/seeds.txt")"
    if ! fuzz ./fuzzer "${limits[@]}" "${files[@]}"; then
      result="FAILED on a corpus file"
    # The seeds come in a list in name order, not from a directory, whose order the file system
    # picks; the corpus directory starts empty and receives the new inputs.
    elif ! fuzz "${fixed_addresses[@]}" ./fuzzer "${limits[@]}" "${dict[@]}" -print_final_stats=1 -seed=1 \
      -runs="$runs" -use_cmp=0 -reload=0 -seed_inputs=@seeds.txt corpus; then
      result=FAILED
    fi
  else
    echo "fuzz: $t for $seconds s"
    cp -r "$run/seeds/." "$run/corpus/"
    if ! fuzz ./fuzzer "${limits[@]}" "${dict[@]}" -print_final_stats=1 -max_total_time="$seconds" corpus; then
      result=FAILED
    fi
  fi
  if [ "$result" != ok ]; then
    status=1
    cp -r "$run/findings/." "$findings/"
    tail -n 60 "$log" >&2
  fi
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  inputs=$(find "$run/corpus" -type f | wc -l)
  [ $mode = ci ] && inputs="$inputs new inputs" || inputs="corpus of $inputs inputs"
  summary+=("$t: ${executions:-?} executions in $((SECONDS - start)) s, $inputs, $result")
done

echo "fuzz summary ($SECONDS s in all, the build included):"
printf '  %s\n' "${summary[@]}"
exit $status
