"""Metrics programme leads read: size, brokers, communities, bridges, whom to introduce.

Pure functions of a graph. Betweenness is exact below EXACT_BETWEENNESS_LIMIT nodes and
sampled above it with a fixed seed (exact is O(V*E): 133 s on 8,000 nodes); Louvain gets a
fixed seed too, so the same data always gives the same answer.
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Mapping

import networkx as nx
import numpy as np

from arena.graph.arrays import Shape, adjacency_matrix
from arena.graph.brandes import betweenness_centrality
from arena.graph.untied import Untied, values

SEED = 2014
EXACT_BETWEENNESS_LIMIT = 1500
BETWEENNESS_SAMPLES = 300
#: sampled sources times (nodes + edges) allowed; fewer samples on the very largest graphs
BETWEENNESS_BUDGET = 15_000_000
#: connected parts this small are one community each, without running Louvain on them
SMALL_COMPONENT = 8
#: communities listed with their sector mix (the rest are counted)
LISTED_COMMUNITIES = 30


def summary(graph: nx.Graph, shape: Shape | None = None) -> dict:
    """(`shape`: the graph's, or the whole's when untied nodes are kept apart.)"""
    shape = shape or Shape.of(graph)
    count = shape.part_count
    return {
        "nodes": len(shape.nodes),
        "edges": graph.number_of_edges(),
        "density": round(_density(len(shape.nodes), graph.number_of_edges(), graph), 6),
        "components": count,
        "largest_component": int(np.bincount(shape.parts).max()) if count else 0,
        "isolated": int(np.count_nonzero(shape.degree == 0)),  # what nx.isolates counts
    }


def _density(n: int, m: int, graph: nx.Graph) -> float:
    """nx.density of a graph of `n` nodes and `m` ties (the same arithmetic)."""
    if m == 0 or n <= 1:
        return 0
    d = m / (n * (n - 1))
    if not graph.is_directed():
        d *= 2
    return d


def betweenness(graph: nx.Graph, shape: Shape | None = None) -> tuple[dict, dict]:
    """Normalised, unweighted betweenness; sampled (fixed seed) on big graphs. Over the
    nodes of `shape` when given (untied ones kept apart count: sampling draws from all)."""
    nodes = shape.nodes if shape is not None else None
    n = len(nodes) if nodes is not None else graph.number_of_nodes()
    tied = shape.tied() if shape is not None else None
    if n <= EXACT_BETWEENNESS_LIMIT:
        found = betweenness_centrality(graph, tied=tied, nodes=nodes)
        return found, {"sampled": False, "k": n}
    size = n + graph.number_of_edges()
    k = min(BETWEENNESS_SAMPLES, n, max(100, BETWEENNESS_BUDGET // size))
    found = betweenness_centrality(graph, k=k, seed=SEED, tied=tied, nodes=nodes)
    return found, {"sampled": True, "k": k}


def communities(
    graph: nx.Graph,
    finer: dict | None = None,
    shape: Shape | None = None,
    weighted: list | None = None,
) -> dict[str, int]:
    """Louvain communities (fixed seed), numbered from the largest down.

    Louvain runs on the larger connected parts only. A node without ties is a community of
    its own whatever Louvain does, and in the people graph most members have none yet (32,000
    of 40,000 in the demo); a small separate part (the small-wins graph is 3,000 short chains)
    is one community when the whole graph is big enough that any split of it would lower
    modularity (splitting part C in two gains at most (deg C / 2)^2 / 4m^2 and loses at least
    one tie, 1/m).

    Given `finer`, it receives each node's community at Louvain's first (finest) level, which
    the layout uses to split a big community instead of running Louvain on it again.
    `shape` (the graph's, see arrays.Shape) and `weighted` (an undirected graph's weighted
    degrees in its order) save reading them again; a directed graph's ties are taken both
    ways here, as its Shape takes them.
    """
    undirected = ties_only(graph) if graph.is_directed() else graph
    shape = shape or Shape.of(graph)
    nodes, labels = shape.nodes, shape.parts
    if weighted is None or graph.is_directed():
        weighted = [degree for _node, degree in undirected.degree(weight="weight")]
    ties = sum(weighted) / 2
    sizes = np.bincount(labels)
    degrees = np.bincount(labels, weights=weighted)  # integers: the sums are exact
    apart = (sizes <= SMALL_COMPONENT) & (2 * ties > (degrees / 2) ** 2)
    order = np.argsort(labels, kind="stable")
    ends = np.cumsum(sizes)
    found: list = [
        [nodes[i] for i in order[end - size : end]]
        for end, size in zip(ends[apart].tolist(), sizes[apart].tolist(), strict=True)
    ]
    big = [nodes[i] for i in np.flatnonzero(~apart[labels])]  # in the graph's order
    if big:
        # louvain_communities is the last of these levels: the same communities
        levels = list(nx.community.louvain_partitions(_plain_part(undirected, set(big)), seed=SEED))
        found += levels[-1]
        if finer is not None:
            finer.update((n, i) for i, part in enumerate(levels[0]) for n in part)
        del levels
        # Louvain's graph of each level is a reference cycle (NetworkX caches its views on
        # the graph): with the job's collector paused they lived through the whole view,
        # 26 MB at 40,000 members and the largest part of the peak at 200,000
        gc.collect()
    found = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    return {node: index for index, members in enumerate(found) for node in members}


def _plain_part(graph: nx.Graph, nodes: set) -> nx.Graph:
    """The part of `graph` on `nodes` (whole components) as a plain weighted graph, its nodes
    in the graph's own order. Louvain copies its input and walks it level by level: on a
    subgraph view every step filtered, and when the view's nodes were fewer than half the
    graph's it followed a set's order, which differs between processes (string hashing), so
    the same data could give other communities, and another layout, in the next job."""
    plain = nx.Graph()
    plain.add_nodes_from(n for n in graph if n in nodes)
    plain.add_weighted_edges_from(graph.edges(list(plain), data="weight", default=1))
    return plain


def ties_only(graph: nx.Graph) -> nx.Graph:
    """An undirected copy with only the nodes and edge weights: NetworkX's to_undirected
    deep-copies every attribute, 0.8 s per call on the 22,000-win graph."""
    plain = nx.Graph()
    plain.add_nodes_from(graph)
    plain.add_weighted_edges_from(graph.edges(data="weight", default=1))
    return plain


#: the figures node_metrics gives each node, in this order
FIGURES = (
    "degree", "weighted_degree", "betweenness", "community", "sectors_reached", "domains_reached",
)  # fmt: skip


class NodeMetrics(Mapping):
    """Each node's figures, read as `metrics[node]["degree"]`, kept as one list per figure.

    A dict of six figures per node took 80 MB of the job's peak for the 200,000 members of
    the people graph; columns hold the same in a tenth. `column(name)` gives one figure of
    every node (in the graph's order) without making a dict per node.
    """

    def __init__(self, nodes: list, columns: dict[str, list]) -> None:
        self._nodes = nodes
        self._index = {node: i for i, node in enumerate(nodes)}
        self._columns = columns

    def __getitem__(self, node) -> dict:
        i = self._index[node]
        return {name: self._columns[name][i] for name in FIGURES}

    def __iter__(self):
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, node) -> bool:
        return node in self._index

    def column(self, name: str) -> list:
        return self._columns[name]

    def node(self, i: int):
        """The node at place `i`, in the graph's order."""
        return self._nodes[i]


def node_metrics(
    graph: nx.Graph,
    finer: dict | None = None,
    shape: Shape | None = None,
    untied: Untied | None = None,
) -> tuple[NodeMetrics, dict]:
    """Per node: degree, weighted degree, betweenness, community; plus how they were computed.
    (`finer`: see `communities`; `shape`: the graph's, when the caller has it; `untied`: the
    nodes kept apart (arena.graph.untied), whose `shape` then is the whole's.)"""
    shape = shape or Shape.of(graph)
    between, how = betweenness(graph, shape)
    weighted = [degree for _node, degree in graph.degree(weight="weight")]
    weighted += [0] * len(untied or ())  # what degree(weight=...) gives a node without ties
    community = communities(graph, finer, shape, weighted) if shape.degree.any() else {}
    nodes = shape.nodes
    sectors, domains = _reached(graph, nodes, ("sector", "policy_domain"), shape.matrix, untied)
    columns = {
        "degree": shape.degree.tolist(),
        "weighted_degree": weighted,
        "betweenness": [round(between.get(n, 0.0), 8) for n in nodes],
        "community": [community.get(n, -1) for n in nodes],
        "sectors_reached": sectors,
        "domains_reached": domains,
    }
    return NodeMetrics(nodes, columns), how


def _reached(
    graph: nx.Graph,
    nodes: list,
    attributes: tuple[str, ...],
    matrix=None,
    untied: Untied | None = None,
) -> list[list[int]]:
    """Per node (in the order of `nodes`) and attribute: how many other sectors (or policy
    domains) than its own it is tied to (either way); 0 for a node without ties. From the
    tie matrix's (node, neighbour's value) pairs, counted once each: a set per node and
    attribute took two seconds for the 200,000 members. (`matrix`: that tie matrix, when
    the caller has it; `untied`: the nodes kept apart, last in `nodes`.)"""
    if matrix is None:
        matrix = adjacency_matrix(graph, nodes, undirected=True)
    ties = matrix.tocoo()
    rows, cols = ties.row.astype(np.int64), ties.col.astype(np.int64)
    result = []
    for attribute in attributes:
        codes: dict = {}
        code = np.array(
            [
                -1 if value is None else codes.setdefault(value, len(codes))
                for value in values(graph, untied, attribute)
            ],
            dtype=np.int64,
        )
        theirs = code[cols]
        other = (theirs >= 0) & (theirs != code[rows])
        pairs = np.unique(rows[other] * (len(codes) + 1) + theirs[other])
        result.append(np.bincount(pairs // (len(codes) + 1), minlength=len(nodes)).tolist())
    return result


def attach(graph: nx.Graph, metrics: NodeMetrics) -> nx.Graph:
    """Write the metrics onto the nodes, for exports."""
    for node in metrics:
        graph.nodes[node].update(metrics[node])
    return graph


def community_mix(
    graph: nx.Graph, metrics: NodeMetrics, attribute: str = "sector", untied: Untied | None = None
) -> list:
    """Per community: its size and sector mix, so leads see whether it cuts across sectors.
    (`untied`: the nodes kept apart, last among the metrics' nodes.)"""
    mixes: dict[int, Counter] = defaultdict(Counter)  # not a new Counter per node
    # only the listed communities' nodes, in the graph's order: the people graph's
    # 160,000 members without ties are each a community of one, far down the list
    column = np.asarray(metrics.column("community"))
    listed = np.unique(column[column >= 0])[:LISTED_COMMUNITIES]
    data, inside = graph.nodes, len(metrics) - len(untied or ())
    apart = untied.column(attribute) if untied else []
    for i in np.flatnonzero(np.isin(column, listed)).tolist():
        value = data[metrics.node(i)].get(attribute) if i < inside else apart[i - inside]
        mixes[int(column[i])][value or "unknown"] += 1
    result = []
    for index, counter in sorted(mixes.items())[:LISTED_COMMUNITIES]:
        size = sum(counter.values())
        top, top_count = counter.most_common(1)[0]
        result.append(
            {
                "community": index,
                "size": size,
                "sectors": len(counter),
                "largest_sector": top,
                "largest_share": round(top_count / size, 3),
                "mix": counter.most_common(5),
            }
        )
    return result


def newcomers(graph: nx.Graph, last_step: int, untied: Untied | None = None) -> list[str]:
    """Nodes that first appeared at the latest session (`untied`: with the nodes kept apart)."""
    found = [n for n, d in graph.nodes(data=True) if d.get("step") == last_step]
    if untied:
        steps = untied.column("step")
        found += [n for n, step in zip(untied.nodes, steps, strict=True) if step == last_step]
    return sorted(found)


def isolated(graph: nx.Graph) -> list[str]:
    return sorted(nx.isolates(graph))
