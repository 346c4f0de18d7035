"""Ties between sectors (or policy domains) counted in arrays, for metrics.bridges_by.

A pass over the ties in Python took 0.6 s a view at 200,000 members; here the counting is
NumPy's, in the same order as the loop's Counters give (most first, then as they came).
"""

from __future__ import annotations

from itertools import chain

import networkx as nx
import numpy as np

from arena.graph.arrays import Shape


def bridges_in_arrays(graph: nx.Graph, attributes: tuple, limit: int, shape: Shape):
    """bridges_by's answer from arrays, or None when an attribute's values are not all
    strings (they are then compared as Python compares them, in bridges_by's loop).

    The ties come in `graph.edges()` order (each tie at the first of its ends, neighbours
    in the order they were added), which decides the order of equal counts, as Counter's
    most_common keeps the order of first counting."""
    lists = graph._succ if graph.is_directed() else graph._adj  # noqa: SLF001 - read only
    index = {node: i for i, node in enumerate(shape.nodes)}
    neighbours = [lists[node] for node in shape.nodes]
    b = np.fromiter(map(index.__getitem__, chain.from_iterable(neighbours)), dtype=np.int64)
    a = np.repeat(np.arange(len(neighbours), dtype=np.int64), list(map(len, neighbours)))
    if not graph.is_directed():  # each tie once, from its end that comes first
        keep = b >= a
        a, b = a[keep], b[keep]
    result = {}
    for attribute in attributes:
        values = [value for _node, value in graph.nodes(data=attribute)]
        distinct = set(values) - {None}
        if not all(isinstance(value, str) for value in distinct):
            return None
        names = sorted(distinct)  # codes in the strings' order, so min/max compare as they do
        codes = {name: i for i, name in enumerate(names)}
        code = np.array([-1 if v is None else codes[v] for v in values], dtype=np.int64)
        ca, cb = code[a], code[b]
        cross = (ca >= 0) & (cb >= 0) & (ca != cb)
        ea, eb, ca, cb = a[cross], b[cross], ca[cross], cb[cross]
        keys = np.minimum(ca, cb) * len(names) + np.maximum(ca, cb)
        pairs = _most_first(keys, np.arange(len(keys)), limit)
        ends = np.column_stack([ea, eb]).ravel()  # a tie's first end, then its second
        carriers = _most_first(ends, np.arange(len(ends)), limit)
        result[attribute] = {
            "pairs": [[names[k // len(names)], names[k % len(names)], n] for k, n in pairs],
            "carriers": [[shape.nodes[node], n] for node, n in carriers],
            "cross_edges": len(keys),
        }
    return result


def _most_first(keys: np.ndarray, order: np.ndarray, limit: int) -> list[tuple[int, int]]:
    """(key, count) of the `limit` most frequent keys, equal counts in order of first
    appearance (`order`: each key's place as it comes)."""
    if not len(keys):
        return []
    found, first, counts = np.unique(keys, return_index=True, return_counts=True)
    chosen = np.lexsort((order[first], -counts))[:limit]
    return list(zip(found[chosen].tolist(), counts[chosen].tolist(), strict=True))
