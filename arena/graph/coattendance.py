"""Who shared how many sessions, as one sparse matrix product instead of pairwise loops.

With 40,000 members and 2,600 sessions of 60 attendees, pairwise Python loops would touch
millions of pairs one by one; an incidence matrix M (nodes x sessions) gives every pair's
shared-session count as M @ M.T in well under a second.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class SharedPair:
    a: Hashable
    b: Hashable
    #: how many sessions both attended
    shared: int
    #: the index of the session at which the pair reached the threshold
    step: int
    #: the index of their first shared session
    first_step: int


@dataclass(frozen=True)
class CoAttendance:
    pairs: list[SharedPair]
    #: the threshold actually used (raised when the cap would be exceeded)
    min_shared: int
    #: pairs that shared at least one session, before the threshold
    candidates: int


def shared_sessions(
    incidences: Iterable[tuple[int, Hashable]],
    min_shared: int = 1,
    max_pairs: int | None = None,
    max_pairs_per_node: float | None = None,
) -> CoAttendance:
    """Pairs of nodes that attended at least `min_shared` of the same sessions.

    `incidences` are (session step, node) with steps counting sessions oldest first. When
    `max_pairs` is given, the threshold is raised until no more than that many pairs remain,
    so a huge network still yields a graph whose metrics finish in seconds. `max_pairs_per_node`
    does the same relative to the number of nodes, so a small network whose members all meet
    at every session shows its strongest shared sessions, not a hairball of everyone.
    """
    node_index: dict[Hashable, int] = {}
    rows, cols = array("l"), array("l")  # millions at 200,000 members: 8 bytes each, no objects
    for step, node in incidences:
        rows.append(node_index.setdefault(node, len(node_index)))
        cols.append(step)
    if not rows:
        return CoAttendance([], min_shared, 0)
    rows_np, cols_np = np.frombuffer(rows, dtype=np.int64), np.frombuffer(cols, dtype=np.int64)
    n_steps = int(cols_np.max()) + 1
    matrix = sparse.csr_matrix(
        (np.ones(len(rows_np), dtype=np.int32), (rows_np, cols_np)),
        shape=(len(node_index), n_steps),
    )
    del rows, cols, rows_np, cols_np
    matrix.sum_duplicates()
    matrix.data[:] = 1  # attending a session twice (two jobs, one organisation) counts once
    product = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    counts = product.data
    threshold = max(1, min_shared)
    if max_pairs_per_node is not None:
        per_node = math.ceil(max_pairs_per_node * len(node_index))
        max_pairs = per_node if max_pairs is None else min(max_pairs, per_node)
    if max_pairs is not None:
        while (counts >= threshold).sum() > max_pairs:
            threshold += 1
    keep = counts >= threshold
    rows_kept, cols_kept, shared = product.row[keep], product.col[keep], counts[keep]
    first, reached = _common_steps(matrix, rows_kept, cols_kept, threshold)
    nodes = list(node_index)
    pairs = [
        SharedPair(nodes[i], nodes[j], int(count), int(step), int(first_step))
        for i, j, count, step, first_step in zip(
            rows_kept.tolist(), cols_kept.tolist(), shared.tolist(), reached.tolist(),
            first.tolist(), strict=True,
        )
    ]  # fmt: skip
    return CoAttendance(pairs, threshold, int(len(counts)))


def _common_steps(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray, threshold: int):
    """Per pair (a[k], b[k]): their first shared session and the one where they reached
    `threshold` shared sessions, for all pairs at once: the rows' elementwise product holds
    each pair's shared sessions, in order (CSR keeps each row's columns sorted)."""
    if len(a) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    both = matrix[a].multiply(matrix[b]).tocsr()
    both.eliminate_zeros()
    both.sort_indices()
    start = both.indptr[:-1]
    return both.indices[start], both.indices[start + threshold - 1]
