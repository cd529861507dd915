#!/usr/bin/env bash
# Builds optviz and measures it (not part of the tests): one recorded run of each optimizer, the
# recompute of 8 runs x 10,000 steps after a slider change, the heatmap grid of 1024 x 1024 points,
# the sweep of 256 x 256 configurations x 1,000 steps, a training step of a 2-8-8-1 tanh network on a
# batch of 10, the weight-space plane of that network (51 x 51 points over 500 rows, on two cores), and
# the same run, sweep, step and plane done by PyTorch (scripts/benchmark_torch.py and
# benchmark_torch_plane.py, Debian's python3-torch; the step with torch.optim and nn.Module, the plane
# as one batched computation). Then how near the many-run kernels come to
# this CPU's limits (tests/benchmark/cpu_limits.cpp): the sweep, a basin map of the same size and
# the heatmap grid against fused loops of the same work compiled with -march=native (each checked
# to give optviz's results bit for bit first), the sweep against the floor of its square roots and
# divisions, the SIMD target the dispatcher chose and each target this CPU runs, with the CPU's
# name and core count. Prints them as a table, and with --json FILE also writes them as JSON, with
# the window's frame times (tests/gui/gui_benchmark, under xvfb-run) under "gui". --web adds the
# page's sweep with and without WebAssembly SIMD in headless Chromium (scripts/benchmark_web.py,
# which builds both pages), under "web".
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

# Each benchmark three times, of which the fastest is its figure: the machine may be busy with
# other work, which only ever slows a repetition down. The repetitions of all of them are run in a
# random order, so that a slow spell of a shared machine (a virtual one's speed varied by a third
# within minutes) weighs on the kernels and the loops they are compared with alike.
./build/tests/core_benchmark --benchmark_repetitions=3 --benchmark_enable_random_interleaving=true \
  --benchmark_filter='^(run/[a-z]+|recompute/8x10000|heatmap/1024x1024(/(fused_native|fused_native_values|target:[A-Za-z0-9_]+))?|sweep/256x256x1000/(all_cores|one_core|fused_native|floor|target:[A-Za-z0-9_]+)|basin/256x256x1000/(all_cores|fused_native|target:[A-Za-z0-9_]+)|train/2-8-8-1_tanh/batch10/rmsprop/(records_ends|every_step)|plane/51x51/500/(one_core/1|two_cores/2))(/process_time)?(/real_time)?$' \
  --benchmark_out="$work/core.json" --benchmark_out_format=json
# torch's OpenMP threads spin when other work shares the cores: the faster of one thread and every
# core is torch's figure.
for threads in 1 "$(nproc)"; do
  /usr/bin/python3 scripts/benchmark_torch.py --threads "$threads" --json | tee "$work/torch-$threads.txt"
  /usr/bin/python3 scripts/benchmark_torch_plane.py --threads "$threads" --json | tee "$work/torch-plane-$threads.txt"
done

xvfb-run -a -s "-screen 0 1280x800x24" ./build/tests/gui/gui_benchmark --json "$work/gui.json"
if $web; then
  python3 scripts/benchmark_web.py --json "$work/web.json"
fi

python3 - "$work" "$json" <<'EOF'
import glob, json, sys

work, out = sys.argv[1], sys.argv[2]
core_json = json.load(open(f"{work}/core.json"))
core = {}  # name: its repetitions
for b in core_json["benchmarks"]:
    if b.get("run_type", "iteration") == "iteration":
        core.setdefault(b["name"].removesuffix("/real_time").removesuffix("/process_time"), []).append(b)
# A fused loop whose results differ from optviz's is not the same work, and a target that gives
# other results is wrong: no figures then.
errors = sorted({f"{n}: {b['error_message']}" for n, bs in core.items() for b in bs if b.get("error_occurred")})
if errors:
    sys.exit("core_benchmark failed its checks:\n  " + "\n  ".join(errors))
torch = [json.loads(open(f).read().splitlines()[-1]) for f in sorted(glob.glob(f"{work}/torch-[0-9]*.txt"))]
torch_plane = [json.loads(open(f).read().splitlines()[-1]) for f in sorted(glob.glob(f"{work}/torch-plane-*.txt"))]

def seconds(name, clock):  # one iteration of a benchmark, in seconds: its fastest repetition's
    return min(b[clock] * {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]] for b in core[name])

# Single-threaded figures are CPU time (robust to other work on the machine), those on every core real time.
report = {
    "single_step_ns": {n[len("run/"):]: seconds(n, "cpu_time") / 10000 * 1e9 for n in core if n.startswith("run/")},
    "recompute_8x10000_ms": seconds("recompute/8x10000", "cpu_time") * 1e3,
    "heatmap_1024_ms": seconds("heatmap/1024x1024", "real_time") * 1e3,
    "sweep_256x256x1000_s": seconds("sweep/256x256x1000/all_cores", "real_time"),
    "torch_single_step_us": min(t["single_step_us"] for t in torch),
    "torch_sweep_256x256x1000_s": min(t["sweep_s"] for t in torch),
    # A training step of a 2-8-8-1 tanh network on a batch of 10 (RMSprop), against torch.optim with nn.Module.
    "network_step_us": seconds("train/2-8-8-1_tanh/batch10/rmsprop/records_ends", "cpu_time") / 10000 * 1e6,
    "network_step_every_row_us": seconds("train/2-8-8-1_tanh/batch10/rmsprop/every_step", "cpu_time") / 10000 * 1e6,
    "torch_network_step_us": min(t["network_step_us"] for t in torch),
    # The weight-space plane: the loss of a 2-8-8-1 tanh network over 51 x 51 points of a plane, on
    # 500 rows, against the same grid as one batched torch computation.
    "plane_51x51_500_ms": seconds("plane/51x51/500/two_cores/2", "real_time") * 1e3,
    "plane_51x51_500_one_core_ms": seconds("plane/51x51/500/one_core/1", "real_time") * 1e3,
    "torch_plane_51x51_500_ms": min(t["plane_ms"] for t in torch_plane),
    "gui": json.load(open(f"{work}/gui.json")),
}
try:
    report["web"] = json.load(open(f"{work}/web.json"))
except FileNotFoundError:
    pass

def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.split(":")[0].strip() in ("model name", "Model", "Hardware"):
                return line.split(":", 1)[1].strip()
    return "unknown"

# optviz's speed as a percentage of a yardstick's (the yardstick's time over optviz's), in real
# time and in the CPU time of every thread, which other work on the machine disturbs less.
def percent(yardstick, optviz):
    return {c.removesuffix("_time"): 100 * seconds(yardstick, c) / seconds(optviz, c) for c in ("real_time", "cpu_time")}

S, B, H = "sweep/256x256x1000", "basin/256x256x1000", "heatmap/1024x1024"
context = core_json["context"]
targets = [t for t in context.get("simd_targets", "").split(",") if t]
report.update({
    "cpu": {"model": cpu_model(), "cores": context["num_cpus"]},
    "simd_target": context.get("simd_target", ""),
    "simd_targets": targets,
    "sweep_fused_native_s": seconds(f"{S}/fused_native", "real_time"),
    "sweep_floor_s": seconds(f"{S}/floor", "real_time"),
    # The floor per lane: a square root and a division of one configuration's coordinate, in the
    # CPU time of the core that does it.
    "floor_root_division_ns": seconds(f"{S}/floor", "cpu_time") / (256 * 256 * 1000 * 2) * 1e9,
    "basin_256x256x1000_s": seconds(f"{B}/all_cores", "real_time"),
    "basin_fused_native_s": seconds(f"{B}/fused_native", "real_time"),
    "heatmap_fused_native_ms": seconds(f"{H}/fused_native", "real_time") * 1e3,
    "heatmap_fused_native_values_ms": seconds(f"{H}/fused_native_values", "real_time") * 1e3,
    "percent_of": {
        "sweep_fused": percent(f"{S}/fused_native", f"{S}/all_cores"),
        "sweep_floor": percent(f"{S}/floor", f"{S}/all_cores"),
        "basin_fused": percent(f"{B}/fused_native", f"{B}/all_cores"),
        "heatmap_fused": percent(f"{H}/fused_native", H),
    },
    "by_target": {t: {
        "sweep_s": seconds(f"{S}/target:{t}", "real_time"),
        "sweep_percent_of_fused": percent(f"{S}/fused_native", f"{S}/target:{t}"),
        "sweep_percent_of_floor": percent(f"{S}/floor", f"{S}/target:{t}"),
        "basin_s": seconds(f"{B}/target:{t}", "real_time"),
        "basin_percent_of_fused": percent(f"{B}/fused_native", f"{B}/target:{t}"),
        "heatmap_ms": seconds(f"{H}/target:{t}", "real_time") * 1e3,
        "heatmap_percent_of_fused": percent(f"{H}/fused_native", f"{H}/target:{t}"),
    } for t in targets},
})
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
    ("network 2-8-8-1 tanh, batch 10, a step", f"{report['network_step_us']:.2f} us"),
    ("  the same, each row recorded (200 rows' loss)", f"{report['network_step_every_row_us']:.2f} us"),
    ("torch.optim with nn.Module, the same step", f"{report['torch_network_step_us']:.1f} us"),
    ("network step: torch / optviz", f"{report['torch_network_step_us'] / report['network_step_us']:.0f}x"),
    ("weight-space plane 51 x 51 over 500 rows (two cores)", f"{report['plane_51x51_500_ms']:.1f} ms"),
    ("  the same, one core", f"{report['plane_51x51_500_one_core_ms']:.1f} ms"),
    ("torch, the same grid batched", f"{report['torch_plane_51x51_500_ms']:.1f} ms"),
] + [(f"window, {k}", f"{v:.2f} ms") for k, v in report["gui"].items()]
r = report
shown = lambda p: f"{p['real']:.0f}% ({p['cpu']:.0f}% in CPU time)"
duration = lambda name: (lambda t: f"{t:.3f} s" if t >= 0.1 else f"{t * 1e3:.2f} ms")(seconds(name, "real_time"))

def against(label, optviz, yardstick, what):  # the yardstick's time, and optviz's percentage of it
    return [(f"{label}, {what} (every core)", duration(yardstick)),
            (f"{label}: optviz / {what}", shown(percent(yardstick, optviz)))]

fused = "fused -march=native loop"
rows += [
    ("CPU", f"{r['cpu']['model']}, {r['cpu']['cores']} cores"),
    ("SIMD target chosen", f"{r['simd_target']} (of {', '.join(targets) or 'none reported'})"),
] + against("sweep", f"{S}/all_cores", f"{S}/fused_native", fused) + against(
    "sweep", f"{S}/all_cores", f"{S}/floor", "floor of its roots and divisions") + [
    ("floor: a root and a division, per lane (CPU time)", f"{r['floor_root_division_ns']:.2f} ns"),
    ("basin map 256 x 256 x 1,000 (every core)", duration(f"{B}/all_cores")),
] + against("basin map", f"{B}/all_cores", f"{B}/fused_native", fused) + against(
    "heatmap grid", H, f"{H}/fused_native", fused) + [
    ("heatmap grid, fused loop of the values alone", duration(f"{H}/fused_native_values")),
]
for t, on in r["by_target"].items():
    rows += [(f"sweep on {t}", f"{duration(f'{S}/target:{t}')}: {shown(on['sweep_percent_of_fused'])} of fused, "
                               f"{shown(on['sweep_percent_of_floor'])} of floor"),
             (f"basin map on {t}", f"{duration(f'{B}/target:{t}')}: {shown(on['basin_percent_of_fused'])} of fused"),
             (f"heatmap grid on {t}", f"{duration(f'{H}/target:{t}')}: {shown(on['heatmap_percent_of_fused'])} of fused")]
if "web" in report:
    rows += [(f"page sweep 256 x 256 x 1,000, {k}", f"{min(report['web'][k]['seconds']):.3f} s") for k in ("simd", "no SIMD")]
    rows.append(("page sweep: no SIMD / SIMD", f"{report['web']['speedup']:.2f}x"))
width = max(len(row[0]) for row in rows)
for name, value in rows:
    print(f"{name:<{width}}  {value:>16}")
if out:
    with open(out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"wrote {out}")
EOF
