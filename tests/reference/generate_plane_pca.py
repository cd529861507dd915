#!/usr/bin/python3
"""Generates tests/reference/plane-pca: principal components by numpy's SVD, for plane_tests.cpp.

Run it by hand, from anywhere, with Debian's numpy:  /usr/bin/python3 tests/reference/generate_plane_pca.py

snapshots.csv holds m = 14 points in P = 33 coordinates (a drifting random walk from numpy's
generator with seed 24: a training path's shape, with one direction dominant), one per line.
components.csv holds, per line, a principal component of those points centred on their mean (the
right singular vectors of numpy.linalg.svd, as sklearn's PCA computes them), its sign made so that its
largest entry by magnitude is positive, then (last column) its share of the variance s_k^2 / sum s^2.
"""
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent / "plane-pca"


def main():
    rng = np.random.default_rng(24)
    m, p = 14, 33
    drift = rng.normal(size=p)
    steps = 0.3 * rng.normal(size=(m, p)) + np.outer(np.linspace(1.0, 0.2, m), drift)
    points = np.cumsum(steps, axis=0)
    centred = points - points.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    share = s**2 / np.sum(s**2)
    HERE.mkdir(exist_ok=True)
    with open(HERE / "snapshots.csv", "w") as f:
        for row in points:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    with open(HERE / "components.csv", "w") as f:
        for k in range(2):
            c = vt[k] * (1 if vt[k][np.argmax(np.abs(vt[k]))] > 0 else -1)
            f.write(",".join(repr(float(v)) for v in c) + "," + repr(float(share[k])) + "\n")


if __name__ == "__main__":
    main()
