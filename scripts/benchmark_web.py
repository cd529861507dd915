#!/usr/bin/env python3
"""The page's sweep with and without WebAssembly SIMD, timed in headless Chromium (not a test: it
prints figures and asserts nothing about them).

  python3 scripts/benchmark_web.py [--no-build] [--repeats N] [--rounds N] [--json FILE]

Builds the page twice (scripts/build-web.sh into build-web, scripts/build-web.sh --no-simd into
build-web-nosimd) with each build's sweep_benchmark.html (tests/web/sweep_benchmark.cpp), unless
--no-build; then opens each sweep_benchmark.html in headless Chromium, which computes the sweep of
256 x 256 RMSprop configurations x 1,000 steps on Rosenbrock on the page's one thread `repeats`
times (default 3), one build after the other, `rounds` times (default 2, so that other work on the
machine weighs on both alike). Prints the fastest of each, their ratio (the issue asks SIMD to be at least 1.8 times
faster), whether both computed the same cells (a digest of every cell's bits) and the SIMD target
each ran on (simd.hpp). scripts/benchmark.sh --web runs it after the desktop's figures.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))
from browser_test import Browser, chromium, serve  # noqa: E402

BUILDS = (("simd", "build-web", []), ("no SIMD", "build-web-nosimd", ["--no-simd"]))


def build(folder, flags):
    """Builds the page and its benchmark; returns the seconds the whole took."""
    begin = time.monotonic()
    subprocess.run(["bash", "scripts/build-web.sh", *flags], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    jobs = os.environ.get("OPTVIZ_JOBS", str(os.cpu_count() or 1))
    subprocess.run(["cmake", "--build", folder, "-j", jobs, "--target", "optviz_web_sweep_benchmark"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - begin


def measure(browser, site, repeats, limit=1800):
    """Opens site/sweep_benchmark.html and returns its window.optvizBenchmark once it is there."""
    server = serve(site)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sweep_benchmark.html?repeats={repeats}"
        browser.evaluate("window.optvizBenchmark = null")  # not the last page's result
        browser.send("Page.navigate", {"url": url}, browser.session)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            result = browser.evaluate("window.optvizBenchmark || null")
            if result:
                return result
            errors = browser.errors()
            if errors:
                raise RuntimeError(f"{url}: {'; '.join(errors[:3])}")
            time.sleep(0.5)
        raise RuntimeError(f"{url}: no result after {limit} s")
    finally:
        server.shutdown()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="use build-web and build-web-nosimd as they are")
    parser.add_argument("--repeats", type=int, default=3, help="sweeps per build; the fastest counts")
    parser.add_argument("--rounds", type=int, default=2, help="times each build is opened, in turn")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    executable = chromium()
    if executable is None:
        print("benchmark_web: no chromium on PATH (scripts/setup.sh --web installs it)", file=sys.stderr)
        return 2

    report = {}
    for name, folder, flags in BUILDS:
        if not args.no_build:
            report.setdefault("build_s", {})[name] = build(folder, flags)
        if not (ROOT / folder / "sweep_benchmark.html").exists():
            print(f"benchmark_web: {folder}/sweep_benchmark.html is missing: run without --no-build",
                  file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="optviz-benchmark-web-") as work:
        work = pathlib.Path(work)
        downloads = work / "downloads"
        downloads.mkdir()
        browser = Browser(executable, work / "profile", downloads)
        try:
            for _ in range(args.rounds):
                for name, folder, _ in BUILDS:
                    result = measure(browser, ROOT / folder, args.repeats)
                    if name in report:
                        result["seconds"] = report[name]["seconds"] + result["seconds"]
                    report[name] = result
        finally:
            browser.close()

    simd, plain = report["simd"], report["no SIMD"]
    fastest = {name: min(report[name]["seconds"]) for name in ("simd", "no SIMD")}
    report["speedup"] = fastest["no SIMD"] / fastest["simd"]
    report["same_cells"] = simd["digest"] == plain["digest"]
    updates = simd["cells"] * simd["steps"]
    rows = [(f"page sweep {int(simd['cells'] ** 0.5)} x {int(simd['cells'] ** 0.5)} x {simd['steps']:,}, {name}",
             f"{fastest[name]:.3f} s ({fastest[name] / updates * 1e9:.2f} ns/update, "
             f"SIMD target {report[name]['simd_target']})")
            for name in ("simd", "no SIMD")]
    rows.append(("page sweep: no SIMD / SIMD", f"{report['speedup']:.2f}x (the issue asks >= 1.8x)"))
    rows.append(("the same cells with and without SIMD", "yes" if report["same_cells"] else
                 f"NO: digest {simd['digest']} against {plain['digest']}"))
    rows += [(f"build of the page and its benchmark, {name}", f"{seconds:.0f} s")
             for name, seconds in report.get("build_s", {}).items()]
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
