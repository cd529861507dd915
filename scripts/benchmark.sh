#!/usr/bin/env bash
# Builds optviz and measures it (not part of the tests): one recorded run of each optimizer, the
# recompute of 8 runs x 10,000 steps after a slider change, the heatmap grid of 1024 x 1024 points,
# the sweep of 256 x 256 configurations x 1,000 steps, and the same run and sweep done by PyTorch
# (scripts/benchmark_torch.py, Debian's python3-torch). Prints them as a table, and with
# --json FILE also writes them as JSON, with the window's frame times (tests/gui/gui_benchmark,
# under xvfb-run) under "gui". --web adds the page's sweep with and without WebAssembly SIMD in
# headless Chromium (scripts/benchmark_web.py, which builds both pages), under "web".
#
# usage: scripts/benchmark.sh [--json FILE] [--web]
set -euo pipefail
cd "$(dirname "$0")/.."
json="" web=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --json) [[ $# -ge 2 ]] || { echo "--json needs a file" >&2; exit 2; }; json="$2"; shift 2 ;;
    --web) web=true; shift ;;
    *) echo "usage: scripts/benchmark.sh [--json FILE] [--web]" >&2; exit 2 ;;
  esac
done
bash scripts/setup.sh --benchmark
bash scripts/build.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./build/tests/core_benchmark \
  --benchmark_filter='^(run/[a-z]+|recompute/8x10000|heatmap/1024x1024|sweep/256x256x1000/(all_cores|one_core))(/real_time)?$' \
  --benchmark_out="$work/core.json" --benchmark_out_format=json
# torch's OpenMP threads spin when other work shares the cores: the faster of one thread and every
# core is torch's figure.
for threads in 1 "$(nproc)"; do
  /usr/bin/python3 scripts/benchmark_torch.py --threads "$threads" --json | tee "$work/torch-$threads.txt"
done

xvfb-run -a -s "-screen 0 1280x800x24" ./build/tests/gui/gui_benchmark --json "$work/gui.json"
if $web; then
  python3 scripts/benchmark_web.py --json "$work/web.json"
fi

python3 - "$work" "$json" <<'EOF'
import glob, json, sys

work, out = sys.argv[1], sys.argv[2]
core = {b["name"].removesuffix("/real_time"): b for b in json.load(open(f"{work}/core.json"))["benchmarks"]}
torch = [json.loads(open(f).read().splitlines()[-1]) for f in sorted(glob.glob(f"{work}/torch-*.txt"))]

def seconds(name, clock):  # one iteration of a benchmark, in seconds
    b = core[name]
    return b[clock] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]

# Single-threaded figures are CPU time (robust to other work on the machine), those on every core real time.
report = {
    "single_step_ns": {n[len("run/"):]: seconds(n, "cpu_time") / 10000 * 1e9 for n in core if n.startswith("run/")},
    "recompute_8x10000_ms": seconds("recompute/8x10000", "cpu_time") * 1e3,
    "heatmap_1024_ms": seconds("heatmap/1024x1024", "real_time") * 1e3,
    "sweep_256x256x1000_s": seconds("sweep/256x256x1000/all_cores", "real_time"),
    "torch_single_step_us": min(t["single_step_us"] for t in torch),
    "torch_sweep_256x256x1000_s": min(t["sweep_s"] for t in torch),
    "gui": json.load(open(f"{work}/gui.json")),
}
try:
    report["web"] = json.load(open(f"{work}/web.json"))
except FileNotFoundError:
    pass
one_core = seconds("sweep/256x256x1000/one_core", "real_time")
ratio_step = report["torch_single_step_us"] * 1e3 / report["single_step_ns"]["rmsprop"]
ratio_sweep = report["torch_sweep_256x256x1000_s"] / report["sweep_256x256x1000_s"]
rows = [(f"single run, {k}", f"{v:.1f} ns/step") for k, v in report["single_step_ns"].items()] + [
    ("recompute 8 runs x 10,000 steps (one core)", f"{report['recompute_8x10000_ms']:.3f} ms"),
    ("heatmap grid 1024 x 1024 (every core)", f"{report['heatmap_1024_ms']:.2f} ms"),
    ("sweep 256 x 256 x 1,000 (every core)", f"{report['sweep_256x256x1000_s']:.3f} s"),
    ("sweep 256 x 256 x 1,000 (one core)", f"{one_core:.3f} s"),
    ("torch.optim RMSprop, one run", f"{report['torch_single_step_us']:.1f} us/step"),
    ("torch batched sweep 256 x 256 x 1,000", f"{report['torch_sweep_256x256x1000_s']:.3f} s"),
    ("single run rmsprop: torch / optviz", f"{ratio_step:.0f}x"),
    ("sweep: torch / optviz", f"{ratio_sweep:.1f}x"),
] + [(f"window, {k}", f"{v:.2f} ms") for k, v in report["gui"].items()]
if "web" in report:
    rows += [(f"page sweep 256 x 256 x 1,000, {k}", f"{min(report['web'][k]['seconds']):.3f} s") for k in ("simd", "no SIMD")]
    rows.append(("page sweep: no SIMD / SIMD", f"{report['web']['speedup']:.2f}x"))
width = max(len(r[0]) for r in rows)
for name, value in rows:
    print(f"{name:<{width}}  {value:>16}")
if out:
    with open(out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"wrote {out}")
EOF
