#!/usr/bin/env python3
"""The work of core_benchmark's run/rmsprop and sweep/256x256x1000 done with PyTorch, for comparison.

A single run: torch.optim.RMSprop (eta 1e-4, its defaults otherwise) on Rosenbrock from (-1.5, 2),
the parameter a float64 tensor of 2 elements, stepped as a training loop steps it (zero_grad, the
loss, backward, step), 10,000 steps; reported in microseconds per step.

The sweep:
RMSprop (PyTorch 1.13's update: G = rho G + (1-rho) g^2, theta -= eta g / (sqrt(G) + eps)) on
Rosenbrock from (-1.5, 2), eps 1e-8, for 256 x 256 configurations (eta from 1e-4 to 1e-1 on a log
scale along x, rho from 0.5 to 0.999 along y) of 1,000 steps each: every configuration is an element
of float64 tensors, updated in place, on all cores (torch's intra-op threads). Runs that diverge
compute on, as every element of a tensor does.

A network: a 2-8-8-1 tanh network trained with torch.optim.RMSprop and nn.Module on batches of 10
(network_step), reported in microseconds per step against core_benchmark's train/2-8-8-1_tanh rows.

usage: benchmark_torch.py [--steps N] [--size N] [--repeat R] [--threads T] [--check SWEEP.csv] [--json]

--check reads the eta and rho of each cell from `optviz sweep ... --csv` (the same sweep) and
reports how far the final points are from optviz's, over the cells that did not diverge. --json
prints the two figures as one JSON object on the last line (scripts/benchmark.sh reads it).
Needs Debian's python3-torch (run it with /usr/bin/python3).
"""

import argparse
import csv
import json
import math
import os
import sys
import time

try:
    import torch
except ImportError:
    sys.exit("benchmark_torch.py needs PyTorch: apt-get install python3-torch, and run it with /usr/bin/python3")


def axes(size, check):
    if check is None:
        eta = torch.logspace(-4, -1, size, dtype=torch.float64)
        rho = torch.linspace(0.5, 0.999, size, dtype=torch.float64)
        return eta.repeat(size), rho.repeat_interleave(size), None
    with open(check, newline="") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != size * size:
        sys.exit(f"{check}: {len(rows)} rows, expected {size * size} for --size {size}")
    eta = torch.tensor([float(r["eta"]) for r in rows], dtype=torch.float64)
    rho = torch.tensor([float(r["rho"]) for r in rows], dtype=torch.float64)
    return eta, rho, rows


def sweep(eta, rho, steps, eps=1e-8):
    n = eta.numel()
    x = torch.full((n,), -1.5, dtype=torch.float64)
    y = torch.full((n,), 2.0, dtype=torch.float64)
    gx, gy, r, t, u = (torch.empty(n, dtype=torch.float64) for _ in range(5))
    G_x, G_y = torch.zeros(n, dtype=torch.float64), torch.zeros(n, dtype=torch.float64)
    one_minus_rho = 1 - rho
    for _ in range(steps):
        # The gradient of Rosenbrock, in optviz's order: r = y - x x, g = (-2 (1 - x) - (400 x) r, 200 r).
        torch.mul(x, x, out=r)
        torch.sub(y, r, out=r)
        torch.neg(x, out=u)
        u.add_(1).mul_(-2)
        torch.mul(x, 400, out=gx)
        gx.mul_(r)
        torch.sub(u, gx, out=gx)
        torch.mul(r, 200, out=gy)
        for g, G, p in ((gx, G_x, x), (gy, G_y, y)):
            torch.mul(g, g, out=t)
            G.mul_(rho).addcmul_(t, one_minus_rho)
            torch.sqrt(G, out=t)
            t.add_(eps)
            torch.div(g, t, out=t)
            p.sub_(t.mul_(eta))
    return x, y


def single_run(steps):
    """Seconds per step of one RMSprop run through torch.optim, the loss's gradient by autograd."""
    p = torch.tensor([-1.5, 2.0], dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.RMSprop([p], lr=1e-4)
    begin = time.perf_counter()
    for _ in range(steps):
        optimizer.zero_grad()
        loss = (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
        loss.backward()
        optimizer.step()
    return (time.perf_counter() - begin) / steps


def spiral(rows=200):
    """TensorFlow Playground's spiral (src/dataset.ts, noise 0): half the rows on each arm, labels 0 and 1.
    The timing does not depend on the points; optviz's benchmark draws its own from its seeded generator."""
    xs, ys = [], []
    half = rows // 2
    for label, delta in ((1.0, 0.0), (0.0, math.pi)):
        for i in range(half):
            r = i / half * 5
            t = 1.75 * i / half * 2 * math.pi + delta
            xs.append((r * math.sin(t), r * math.cos(t)))
            ys.append(label)
    return torch.tensor(xs, dtype=torch.float64), torch.tensor(ys, dtype=torch.float64).unsqueeze(1)


def network_step(steps, batch=10):
    """Seconds per training step of a 2-8-8-1 tanh network (nn.Sequential of nn.Linear, float64) with
    torch.optim.RMSprop (lr 0.01, alpha 0.9) and BCEWithLogitsLoss on batches of 10 rows in order, stepped as a
    training loop steps it (zero_grad, forward, loss, backward, step): core_benchmark's
    train/2-8-8-1_tanh/batch10/rmsprop/records_ends."""
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 8), torch.nn.Tanh(),
                                torch.nn.Linear(8, 1)).double()
    optimizer = torch.optim.RMSprop(model.parameters(), lr=0.01, alpha=0.9)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    x, y = spiral()
    batches = [(x[i:i + batch], y[i:i + batch]) for i in range(0, x.shape[0], batch)]
    begin = time.perf_counter()
    for step in range(steps):
        xb, yb = batches[step % len(batches)]
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
    return (time.perf_counter() - begin) / steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=3, help="runs, of which the fastest is reported")
    parser.add_argument("--check", help="optviz sweep's CSV of the same sweep")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1,
                        help="torch's intra-op threads (default: every core, as optviz's sweep uses)")
    parser.add_argument("--single-steps", type=int, default=10000, help="steps of the single run")
    parser.add_argument("--network-steps", type=int, default=10000, help="steps of the network's training")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    single = min(single_run(args.single_steps) for _ in range(args.repeat))
    print(f"torch {torch.__version__}: one RMSprop run through torch.optim, {single * 1e6:.1f} us per step")
    network = min(network_step(args.network_steps) for _ in range(args.repeat))
    print(f"torch {torch.__version__}: a 2-8-8-1 tanh network, batches of 10, torch.optim.RMSprop with nn.Module, "
          f"{network * 1e6:.1f} us per step")
    eta, rho, rows = axes(args.size, args.check)
    best = math.inf
    for _ in range(args.repeat):
        begin = time.perf_counter()
        x, y = sweep(eta, rho, args.steps)
        best = min(best, time.perf_counter() - begin)
    updates = eta.numel() * args.steps
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: sweep {args.size}x{args.size}x{args.steps} "
          f"in {best:.3f} s, {best / updates * 1e9:.2f} ns per configuration-step, "
          f"{updates / best / 1e6:.1f} M configuration-steps/s")
    if rows is not None:
        differences = []
        for i, row in enumerate(rows):
            if row["diverged_at"]:
                continue
            differences.append(max(abs(float(row[c]) - v[i].item()) / max(abs(float(row[c])), abs(v[i].item()), 1e-300)
                                   for c, v in (("x", x), ("y", y))))
        differences.sort()
        n = len(differences)
        print(f"final points against optviz's CSV, {n} cells that did not diverge: "
              f"{sum(d == 0 for d in differences)} identical, {sum(d <= 1e-9 for d in differences)} within 1e-9; "
              f"relative difference median {differences[n // 2]:.3g}, "
              f"99th percentile {differences[n * 99 // 100]:.3g}, "
              f"largest {differences[-1]:.3g} (torch's own kernels round differently, and chaotic runs amplify it)")
    if args.json:
        print(json.dumps({"threads": torch.get_num_threads(), "single_step_us": single * 1e6, "sweep_s": best,
                          "network_step_us": network * 1e6}))

if __name__ == "__main__":
    main()
