"""A graph's ties as a sparse matrix, read straight from its adjacency.

`nx.to_scipy_sparse_array` walks every edge through a data view and builds Python tuples
for each: 1-2 s per call for the 200,000-member graphs, called by the betweenness and by the
introductions. Unweighted (a 1 per tie), which is all those need, one list per node does.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Sequence

import networkx as nx
import numpy as np
from scipy import sparse


def adjacency_matrix(
    graph: nx.Graph, nodes: Sequence[Hashable], undirected: bool = False
) -> sparse.csr_array:
    """What `nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, dtype=float64,
    format="csr")` gives (a 1 for each tie between two of `nodes`, a self-loop once), in
    canonical form; with `undirected`, a directed graph's ties both ways, as its undirected
    view gives them."""
    index = {node: i for i, node in enumerate(nodes)}
    rows, cols = array("q"), array("q")
    both = undirected and graph.is_directed()
    for node, i in index.items():
        around = graph.succ[node].keys() | graph.pred[node].keys() if both else graph.adj[node]
        found = [index[other] for other in around if other in index]
        cols.extend(found)
        rows.extend([i] * len(found))
    size = len(index)
    matrix = sparse.csr_array(
        (np.ones(len(rows)), (np.frombuffer(rows, np.int64), np.frombuffer(cols, np.int64))),
        shape=(size, size),
    )
    matrix.sum_duplicates()  # sorts each row's columns too: the canonical form
    matrix.data[:] = 1.0
    return matrix


def components(graph: nx.Graph) -> tuple[list, np.ndarray, int]:
    """The graph's nodes (in its order), each one's connected part (a number) and how many
    parts there are, ties taken both ways."""
    from scipy.sparse.csgraph import connected_components

    nodes = list(graph)
    count, labels = connected_components(
        adjacency_matrix(graph, nodes, undirected=True), directed=False
    )
    return nodes, labels, int(count)
