"""Betweenness as NetworkX computes it, but a batch of sources at a time in sparse matrices.

NetworkX runs Brandes' algorithm one source at a time in Python: 5-13 s for the 300 sampled
sources of a 40,000-member network. The same algorithm in algebraic form (a breadth-first
search is a sparse matrix times the frontier, for many sources at once) does the same
arithmetic in SciPy and NumPy. Sources are sampled exactly as NetworkX samples them (the same
`random.Random(seed).sample`), and the scaling is NetworkX's, so the values agree with
`nx.betweenness_centrality(G, k, normalized=True, seed=seed)` to rounding; tests hold it to that.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable

import networkx as nx
import numpy as np

from arena.graph.arrays import adjacency_matrix

#: cells (nodes x sources) per batch: a few dense matrices of this size live at once
BATCH_CELLS = 3_000_000


def betweenness_centrality(
    graph: nx.Graph,
    k: int | None = None,
    seed: int | None = None,
    tied: list | None = None,
    nodes: list | None = None,
) -> dict[Hashable, float]:
    """Normalised, unweighted betweenness without endpoints; sampled from `k` sources.
    (`tied`: the nodes with a tie in the graph's order, when the caller has them; `nodes`:
    the graph's nodes followed by untied ones kept apart (arena.graph.untied), sampled from
    as the whole graph's nodes would be.)"""
    nodes = list(graph) if nodes is None else nodes
    n = len(nodes)
    if k is not None and k >= n:
        k = None
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)  # noqa: S311
    index = {node: i for i, node in enumerate(nodes)}
    totals = np.zeros(n)
    if tied is None:
        tied = [node for node, degree in graph.degree() if degree]
    if n > 2 and tied:
        # only tied nodes lie on paths: untied ones (most members) are left out of the
        # matrices, which keep the tied nodes' order, so every sum is the same as before
        adjacency = adjacency_matrix(graph, tied)
        forward = adjacency.T.tocsr()
        place = {node: i for i, node in enumerate(tied)}
        connected = [place[s] for s in sources if s in place]
        size = max(1, BATCH_CELLS // n)  # the batches of the whole graph
        found = np.zeros(len(tied))
        for start in range(0, len(connected), size):
            batch = np.array(connected[start : start + size])
            found += _dependencies(adjacency, forward, batch)
        totals[[index[node] for node in tied]] = found
    values = _rescale(totals, [index[s] for s in sources], k)
    return dict(zip(nodes, values.tolist(), strict=True))


def _dependencies(adjacency, forward, batch: np.ndarray) -> np.ndarray:
    """Each node's summed dependency over the sources in `batch` (Brandes' delta)."""
    n, width = adjacency.shape[0], len(batch)
    columns = np.arange(width)
    sigma = np.zeros((n, width))
    depth = np.full((n, width), -1, dtype=np.int32)
    sigma[batch, columns] = 1.0
    depth[batch, columns] = 0
    frontier = sigma.copy()
    level = 0
    while True:
        reached = forward @ frontier  # paths into each node from the frontier
        new = (reached > 0) & (depth < 0)
        if not new.any():
            break
        level += 1
        depth[new] = level
        sigma[new] = reached[new]
        frontier = np.where(new, reached, 0.0)
    delta = np.zeros((n, width))
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    for current in range(level, 0, -1):
        share = np.where(depth == current, (1.0 + delta) / safe_sigma, 0.0)
        back = adjacency @ share  # summed over each node's successors
        delta += np.where(depth == current - 1, sigma * back, 0.0)
    delta[depth <= 0] = 0.0  # a source gains nothing from its own paths
    return delta.sum(axis=1)


def _rescale(totals: np.ndarray, sources: list[int], k: int | None) -> np.ndarray:
    """NetworkX's normalisation (endpoints excluded), sampled sources scaled on their own."""
    n = len(totals)
    others = n - 1
    if others < 2:
        return totals
    if k is None:
        return totals / (others * (others - 1))
    scaled = totals / (k * (others - 1))
    source_scale = 1 / ((k - 1) * (others - 1)) if k > 1 else math.nan
    scaled[sources] = totals[sources] * source_scale
    return scaled
