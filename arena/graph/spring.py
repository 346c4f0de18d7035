"""The spring layout of one group of the map, on its block of the tie matrix."""

from __future__ import annotations

import math

import numpy as np

from arena.graph.metrics import SEED


def spring(adjacency: np.ndarray, iterations: int) -> np.ndarray:
    """Fruchterman and Reingold's spring layout, the same steps as NetworkX's dense version
    (random start from SEED, the same forces and cooling), in single precision on the block
    of the tie matrix: a third of the time, and groups are small enough for it."""
    n = len(adjacency)
    pos = np.random.RandomState(SEED).rand(n, 2).astype(np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    t = float(max(np.ptp(pos[:, 0]), np.ptp(pos[:, 1]))) * 0.1
    cooling = t / (iterations + 1)
    # the same operations in the same order as before, into buffers made once: the
    # temporaries of an n x n step were most of its time
    dx, dy, distance, spare = (np.empty((n, n), dtype=np.float32) for _ in range(4))
    k2, floor = k * k, np.float32(0.01)
    for _ in range(iterations):
        np.subtract(pos[:, 0, None], pos[None, :, 0], out=dx)
        np.subtract(pos[:, 1, None], pos[None, :, 1], out=dy)
        np.hypot(dx, dy, out=distance)
        np.maximum(distance, floor, out=distance)
        force = np.multiply(distance, distance, out=spare)
        np.divide(k2, force, out=force)  # k * k / (distance * distance)
        pull = np.multiply(adjacency, distance, out=distance)
        np.divide(pull, k, out=pull)  # adjacency * distance / k
        np.subtract(force, pull, out=force)
        shift = np.column_stack(
            [np.multiply(dx, force, out=dx).sum(axis=1), np.multiply(dy, force, out=dy).sum(axis=1)]
        )
        length = np.hypot(shift[:, 0], shift[:, 1])
        length[length < 0.01] = 0.1
        pos += shift * (np.float32(t) / length)[:, None]
        t -= cooling
    return pos
