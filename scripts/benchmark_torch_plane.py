#!/usr/bin/env python3
"""The work of core_benchmark's plane/51x51/500 done with PyTorch, for comparison.

The loss of a 2-8-8-1 tanh network (logistic loss, torch's binary_cross_entropy_with_logits, mean)
over 500 rows at every point of a 51 x 51 grid of a plane through its weights, theta = o + a u + b v,
as ONE batched torch computation: the 2601 parameter vectors as one float64 tensor, each layer's
weights viewed from it as a batch of matrices, the rows multiplied by every grid point's weights with
torch.baddbmm, on torch's intra-op threads. The rows are random (the spiral's work is its size), o, u
and v drawn from torch's generator: the figure is a time, not a loss. Reported in milliseconds, the
fastest of --repeat.

usage: benchmark_torch_plane.py [--grid N] [--rows N] [--repeat R] [--threads T] [--json]

Needs Debian's python3-torch (run it with /usr/bin/python3).
"""

import argparse
import json
import os
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.exit("benchmark_torch_plane.py needs PyTorch: apt-get install python3-torch, and run it with /usr/bin/python3")

WIDTHS = [2, 8, 8, 1]  # inputs, hidden, hidden, output


def plane_loss(x, y, origin, u, v, a, b):
    """The loss at every (a_i, b_j): a tensor of len(a) * len(b) values."""
    aa, bb = torch.meshgrid(a, b, indexing="xy")
    theta = origin + aa.reshape(-1, 1) * u + bb.reshape(-1, 1) * v  # (G, P)
    g = theta.shape[0]
    h = x.expand(g, -1, -1)  # (G, n, 2)
    offset = 0
    for layer, (fan_in, fan_out) in enumerate(zip(WIDTHS[:-1], WIDTHS[1:])):
        w = theta[:, offset:offset + fan_in * fan_out].reshape(g, fan_out, fan_in)
        offset += fan_in * fan_out
        bias = theta[:, offset:offset + fan_out].reshape(g, 1, fan_out)
        offset += fan_out
        h = torch.baddbmm(bias, h, w.transpose(1, 2))
        if layer + 2 < len(WIDTHS):
            h = torch.tanh(h)
    z = h.squeeze(2)  # (G, n)
    return F.binary_cross_entropy_with_logits(z, y.expand(g, -1), reduction="none").mean(dim=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", type=int, default=51)
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5, help="runs, of which the fastest is reported")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1, help="torch's intra-op threads")
    parser.add_argument("--json", action="store_true", help="print the figure as JSON on the last line")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(24)
    parameters = sum(i * o + o for i, o in zip(WIDTHS[:-1], WIDTHS[1:]))
    x = torch.randn(args.rows, 2, generator=gen, dtype=torch.float64)
    y = (torch.rand(args.rows, generator=gen, dtype=torch.float64) > 0.5).to(torch.float64)
    origin, u, v = (torch.randn(parameters, generator=gen, dtype=torch.float64) for _ in range(3))
    a = torch.linspace(-1, 1, args.grid, dtype=torch.float64)
    best = float("inf")
    with torch.no_grad():
        for _ in range(args.repeat):
            start = time.perf_counter()
            loss = plane_loss(x, y, origin, u, v, a, a)
            best = min(best, time.perf_counter() - start)
    assert loss.shape == (args.grid * args.grid,) and torch.isfinite(loss).all()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: plane {args.grid}x{args.grid} over "
          f"{args.rows} rows of a 2-8-8-1 tanh network: {best * 1e3:.1f} ms")
    if args.json:
        print(json.dumps({"threads": torch.get_num_threads(), "plane_ms": best * 1e3}))


if __name__ == "__main__":
    main()
