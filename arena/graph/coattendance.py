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

from arena.graph.queries import GraphRows, PairList


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
    return shared_sessions_of(
        list(node_index),
        np.frombuffer(rows, dtype=np.int64),
        np.frombuffer(cols, dtype=np.int64),
        min_shared,
        max_pairs,
        max_pairs_per_node,
    )


def shared_sessions_of(
    nodes: list,
    places: np.ndarray,
    steps: np.ndarray,
    min_shared: int = 1,
    max_pairs: int | None = None,
    max_pairs_per_node: float | None = None,
) -> CoAttendance:
    """`shared_sessions` of incidences given as arrays: each one's node (its place in
    `nodes`, which are numbered in order of first appearance) and session step."""
    if not len(places):
        return CoAttendance([], min_shared, 0)
    n_steps = int(steps.max()) + 1
    matrix = sparse.csr_matrix(
        (np.ones(len(places), dtype=np.int32), (places, steps)),
        shape=(len(nodes), n_steps),
    )
    del places, steps
    matrix.sum_duplicates()
    matrix.data[:] = 1  # attending a session twice (two jobs, one organisation) counts once
    threshold = max(1, min_shared)
    if max_pairs_per_node is not None:
        per_node = math.ceil(max_pairs_per_node * len(nodes))
        max_pairs = per_node if max_pairs is None else min(max_pairs, per_node)
    rows_kept, cols_kept, shared, threshold, candidates = _pairs_from(matrix, threshold, max_pairs)
    first, reached = _common_steps(matrix, rows_kept, cols_kept, threshold)
    pairs = [
        SharedPair(nodes[i], nodes[j], int(count), int(step), int(first_step))
        for i, j, count, step, first_step in zip(
            rows_kept.tolist(), cols_kept.tolist(), shared.tolist(), reached.tolist(),
            first.tolist(), strict=True,
        )
    ]  # fmt: skip
    return CoAttendance(pairs, threshold, candidates)


def in_order_of_appearance(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct `keys` in order of first appearance, each key's place among them, and
    where each distinct key first appears: what numbering them one by one as they come
    gives, from arrays."""
    distinct, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    place = np.empty(len(distinct), dtype=np.int64)
    place[order] = np.arange(len(distinct))
    return distinct[order], place[inverse.ravel()], first[order]


#: pairs (at most) taken from a product at a time: the whole product M @ M.T held every pair
#: that ever shared a session (600 MB for 40,000 organisations at 200,000 members)
BLOCK_PAIRS = 250_000


def row_blocks(work: np.ndarray, budget: int | None = None):
    """(start, stop) of consecutive rows whose `work` (an upper bound of each row's entries
    in a product) adds up to about `budget` (BLOCK_PAIRS); at least one row each."""
    budget = BLOCK_PAIRS if budget is None else budget
    ends = np.cumsum(work)
    start = 0
    while start < len(work):
        base = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, base + budget, side="right")))
        yield start, stop
        start = stop


def _pairs_from(matrix: sparse.csr_matrix, threshold: int, max_pairs: int | None):
    """The pairs (i < j) sharing at least `threshold` sessions, the threshold raised until at
    most `max_pairs` remain, in the order of the whole product's upper triangle.

    The product is taken a block of rows at a time. A histogram of the pairs' counts so far
    gives the threshold so far, which only rises as blocks are added (more pairs at each
    count), so pairs below it are dropped at once and never held all together.
    """
    right = matrix.T.tocsr()
    attendees = np.asarray(matrix.sum(axis=0)).ravel()
    histogram = np.zeros(1, dtype=np.int64)
    kept: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start, stop in row_blocks(matrix @ attendees):  # a row pairs with at most these
        block = (matrix[start:stop] @ right).tocoo()
        upper = block.row + start < block.col
        rows, cols, counts = block.row[upper] + start, block.col[upper], block.data[upper]
        del block, upper
        added = np.bincount(counts)
        if len(added) > len(histogram):
            histogram = np.pad(histogram, (0, len(added) - len(histogram)))
        histogram[: len(added)] += added
        if max_pairs is not None:
            at_least = np.cumsum(histogram[::-1])[::-1]  # pairs with count >= index
            while threshold < len(at_least) and at_least[threshold] > max_pairs:
                threshold += 1
        keep = counts >= threshold
        kept = [(r[c >= threshold], k[c >= threshold], c[c >= threshold]) for r, k, c in kept]
        kept.append((rows[keep], cols[keep], counts[keep]))
    if not kept:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, threshold, 0
    rows, cols, counts = (np.concatenate(column) for column in zip(*kept, strict=True))
    return rows, cols, counts, threshold, int(histogram.sum())


def _common_steps(matrix: sparse.csr_matrix, a: np.ndarray, b: np.ndarray, threshold: int):
    """Per pair (a[k], b[k]): their first shared session and the one where they reached
    `threshold` shared sessions: the rows' elementwise product holds each pair's shared
    sessions, in order (CSR keeps each row's columns sorted). A batch of pairs at a time: a
    hub organisation's row holds thousands of sessions, and 30,000 pairs' rows at once took
    500 MB at 200,000 members."""
    firsts, reached = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    lengths = np.diff(matrix.indptr)
    for start, stop in row_blocks(lengths[a] + lengths[b], BLOCK_PAIRS * 4):
        both = matrix[a[start:stop]].multiply(matrix[b[start:stop]]).tocsr()
        both.eliminate_zeros()
        both.sort_indices()
        begin = both.indptr[:-1]
        firsts.append(both.indices[begin])
        reached.append(both.indices[begin + threshold - 1])
    return np.concatenate(firsts), np.concatenate(reached)


def attendance_arrays(rows: GraphRows, key_of) -> tuple[list, np.ndarray, np.ndarray, dict]:
    """The attendance rows (600,000 at 200,000 members) as arrays, in one go rather than a
    Python step per row: the nodes in order of first appearance, each kept row's node (its
    place among them) and session step, and each node's first step. `key_of(meetings,
    members)` gives each row's node as a number (-1: none) and a function naming it."""
    if isinstance(rows.attendance, PairList):
        meeting_ids, member_ids = rows.attendance.columns()
    else:  # plain (meeting id, member id) pairs, as tests give them
        both = np.array(list(rows.attendance), dtype=np.int64).reshape(-1, 2)
        meeting_ids, member_ids = both[:, 0].copy(), both[:, 1].copy()
    step_of_meeting = {m.id: i for i, m in enumerate(rows.meetings)}
    ids = np.fromiter(step_of_meeting, dtype=np.int64, count=len(step_of_meeting))
    order = np.argsort(ids)
    where = np.minimum(np.searchsorted(ids[order], meeting_ids), max(0, len(ids) - 1))
    if len(meeting_ids) and not np.array_equal(ids[order][where], meeting_ids):
        raise KeyError("an attendance of a session not among the rows' sessions")
    steps = order[where]  # a meeting's step is its place in rows.meetings
    keys, node_of = key_of(meeting_ids, member_ids)
    kept = keys >= 0
    keys, steps = keys[kept], steps[kept]
    distinct, places, firsts = in_order_of_appearance(keys)
    nodes = [node_of(key) for key in distinct.tolist()]
    return nodes, places, steps, dict(zip(nodes, steps[firsts].tolist(), strict=True))
