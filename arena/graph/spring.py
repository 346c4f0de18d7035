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
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        distance = np.hypot(dx, dy)
        np.maximum(distance, np.float32(0.01), out=distance)
        force = k * k / (distance * distance) - adjacency * distance / k
        shift = np.column_stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)])
        length = np.hypot(shift[:, 0], shift[:, 1])
        length[length < 0.01] = 0.1
        pos += shift * (np.float32(t) / length)[:, None]
        t -= cooling
    return pos
