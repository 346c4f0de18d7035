"""A graph's ties as a sparse matrix, read straight from its adjacency.

`nx.to_scipy_sparse_array` walks every edge through a data view and builds Python tuples
for each: 1-2 s per call for the 200,000-member graphs, called by the betweenness and by the
introductions. Unweighted (a 1 per tie), which is all those need, one list per node does.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import chain

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components


def adjacency_matrix(
    graph: nx.Graph, nodes: Sequence[Hashable], undirected: bool = False
) -> sparse.csr_array:
    """What `nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, dtype=float64,
    format="csr")` gives (a 1 for each tie between two of `nodes`, a self-loop once), in
    canonical form; with `undirected`, a directed graph's ties both ways, as its undirected
    view gives them."""
    index = {node: i for i, node in enumerate(nodes)}
    size = len(index)
    lists = graph._succ if graph.is_directed() else graph._adj  # noqa: SLF001 - read only
    neighbours = [lists[node] for node in index]
    try:  # usually every neighbour is among the nodes: a pass in C over all of them
        cols = np.fromiter(map(index.__getitem__, chain.from_iterable(neighbours)), dtype=np.int64)
        rows = np.repeat(np.arange(size, dtype=np.int64), list(map(len, neighbours)))
    except KeyError:
        found = [[index[other] for other in around if other in index] for around in neighbours]
        cols = np.fromiter(chain.from_iterable(found), dtype=np.int64)
        rows = np.repeat(np.arange(size, dtype=np.int64), list(map(len, found)))
    matrix = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    if undirected and graph.is_directed():  # a tie either way is a tie
        matrix = matrix + matrix.T.tocsr()
    matrix.sum_duplicates()  # sorts each row's columns too: the canonical form
    matrix.data[:] = 1.0
    return matrix


def _padded(matrix: sparse.csr_array, size: int) -> sparse.csr_array:
    """The square matrix grown to `size` rows and columns, the new ones empty."""
    extra = size - matrix.shape[0]
    if not extra:
        return matrix
    indptr = np.concatenate([matrix.indptr, np.full(extra, matrix.indptr[-1], matrix.indptr.dtype)])
    return sparse.csr_array((matrix.data, matrix.indices, indptr), shape=(size, size))


def components(graph: nx.Graph) -> tuple[list, np.ndarray, int]:
    """The graph's nodes (in its order), each one's connected part (a number) and how many
    parts there are, ties taken both ways."""
    nodes = list(graph)
    count, labels = connected_components(
        adjacency_matrix(graph, nodes, undirected=True), directed=False
    )
    return nodes, labels, int(count)


@dataclass(frozen=True)
class Shape:
    """A graph's nodes, ties (taken both ways), degrees and connected parts, read once.

    The metrics, the weaving panel, the drawing and the layout each read these from the
    graph; at 200,000 members every reading (a tie matrix, a pass over every node's degree)
    took a second or so, and the parts were found three times per view. The job makes one
    Shape per view and hands it to each of them (`Shape.of` for a graph on its own).
    """

    #: the graph's nodes in its own order (the rows and columns of `matrix`)
    nodes: list
    #: `adjacency_matrix(graph, nodes, undirected=True)`
    matrix: sparse.csr_array
    #: NetworkX's `graph.degree()` per node (a self-tie twice; in and out for a DiGraph)
    degree: np.ndarray
    #: the degree of the undirected graph (or view): neighbours, a self-tie twice
    undirected_degree: np.ndarray
    #: each node's connected part (a number), and how many parts there are
    parts: np.ndarray
    part_count: int

    @classmethod
    def of(cls, graph: nx.Graph, untied: Sequence[Hashable] = ()) -> Shape:
        """The graph's shape; with `untied` (nodes kept out of it, arena.graph.untied), that
        of the whole: the graph's nodes, then the untied ones without a tie."""
        nodes = list(graph)
        size = len(nodes) + len(untied)
        matrix = _padded(adjacency_matrix(graph, nodes, undirected=True), size)
        nodes += untied
        count, parts = connected_components(matrix, directed=False)
        looped = matrix.diagonal() != 0
        undirected_degree = np.diff(matrix.indptr) + looped
        if graph.is_directed():
            # out along the rows, in down the columns
            ties = _padded(adjacency_matrix(graph, list(graph)), size)
            degree = np.diff(ties.indptr) + np.diff(ties.tocsc().indptr)
        else:
            degree = undirected_degree
        return cls(nodes, matrix, degree.astype(np.int64), undirected_degree.astype(np.int64),
                   parts, int(count))  # fmt: skip

    def tied(self) -> list:
        """The nodes with at least one tie, in the graph's order."""
        return [self.nodes[i] for i in np.flatnonzero(self.degree).tolist()]
