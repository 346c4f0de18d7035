"""Node positions, computed in the background job and stored with the result.

A plain `spring_layout` of 2,000 nodes takes 10 s here, and from 500 nodes NetworkX switches
to a per-node loop that is slower still. So each community gets a disc (its area by its size),
the discs are packed side by side, tied communities near each other, and each community is
laid out inside its own disc; a community too big for a quick spring layout is split again
with Louvain and packed the same way. Every spring layout thus stays below DENSE_LIMIT nodes,
where NetworkX's vectorised version is fast, and every community has its own patch of the
drawing, which is what readers look for anyway.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

import networkx as nx
import numpy as np
from scipy import sparse

from arena.graph.arrays import Shape
from arena.graph.metrics import SEED
from arena.graph.spring import spring

#: the drawing's coordinate range, in vis-network's pixels (the discs' areas add up to one
#: unit disc)
PACKED_SCALE = 1600.0
#: the largest group laid out by one spring layout; bigger ones are split with Louvain
DENSE_LIMIT = 400
#: how often a big community may be split again before a coarse spring layout settles it
MAX_SPLITS = 2
#: communities packed as discs of their own; smaller ones share one disc
MAX_DISCS = 80
#: groups this small sit on a ring: a spring layout tells nothing more about five nodes
SMALL_GROUP = 5
#: spring layout steps per group (measured: 30 looks as settled as NetworkX's default 50 for
#: groups of up to DENSE_LIMIT nodes, at 60% of the time)
ITERATIONS = 30


def positions(
    graph: nx.Graph,
    community: dict[str, int],
    nodes: list | None = None,
    finer: dict | None = None,
    shape: Shape | None = None,
) -> dict[str, tuple[float, float]]:
    """Positions for every node (or those of `nodes`, with their ties): communities placed
    apart, each laid out on its own. `finer` (Louvain's first level, from the metrics) splits
    a big community without running Louvain on it again; `shape` (the graph's) gives its
    ties without reading them again."""
    nodes = list(graph) if nodes is None else nodes
    if not nodes:
        return {}
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    groups: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        groups[community.get(node, -1)].append(node)
    arranged = _arrange(undirected, groups, 0, _Ties(undirected, shape), finer or {})
    return {node: _scaled(point, PACKED_SCALE) for node, point in arranged.items()}


def layout_key(graph: nx.Graph, community: dict[str, int], nodes: list | None = None) -> str:
    """What the positions depend on: same nodes, ties and communities give the same layout."""
    nodes = list(graph) if nodes is None else nodes
    text = "|".join(
        [
            ";".join(f"{n}={community.get(n, -1)}" for n in sorted(nodes, key=str)),
            ";".join(sorted(f"{a}>{b}" for a, b in graph.edges())),
            f"packed,{DENSE_LIMIT},{MAX_SPLITS},{MAX_DISCS},{SMALL_GROUP},{ITERATIONS},{SEED},fr32,"
            "levels",
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class _Ties:
    """The drawn graph's ties as one sparse 0/1 matrix, so each group's spring layout slices
    its own block instead of NetworkX copying a subgraph view into an array per group."""

    def __init__(self, graph: nx.Graph, shape: Shape | None = None) -> None:
        self.index = {node: i for i, node in enumerate(graph)}
        n = len(self.index)
        if shape is not None:  # its matrix holds every tie both ways already
            both = shape.matrix.tocoo()
            keep = both.row != both.col
            ends = (both.row[keep], both.col[keep])
        else:
            pairs = [(self.index[u], self.index[v]) for u, v in graph.edges()]
            a, b = np.array(pairs, np.int64).reshape(-1, 2).T
            keep = a != b
            a, b = a[keep], b[keep]
            ends = (np.r_[a, b], np.r_[b, a])
        ones = np.ones(len(ends[0]), dtype=np.float32)
        matrix = sparse.csr_matrix((ones, ends), shape=(n, n))
        matrix.data[:] = 1.0  # a tie counted twice (both directions of a DiGraph) is one
        self.matrix = matrix
        upper = sparse.triu(matrix, k=1).tocoo()
        #: each tie once, by its two ends' rows (for the ties between groups)
        self.ends = (upper.row, upper.col)

    def rows(self, nodes: list) -> np.ndarray:
        return np.fromiter((self.index[n] for n in nodes), dtype=np.int64, count=len(nodes))

    def block(self, nodes: list) -> np.ndarray:
        rows = self.rows(nodes)
        return self.matrix[rows][:, rows].toarray()


def _arrange(graph: nx.Graph, groups: dict, splits: int, ties: _Ties, finer: dict) -> dict:
    """Groups as discs packed side by side (area by size), each laid out inside its disc.

    Single nodes share one ring (-1); the smallest groups beyond the MAX_DISCS largest share
    one disc (-2) where each sits in its own small patch, so packing stays quick when a graph
    falls apart into many pairs (the small-wins graph: hundreds of two-win chains).
    """
    for index in [i for i, nodes in groups.items() if len(nodes) == 1 and i >= 0]:
        groups.setdefault(-1, []).extend(groups.pop(index))
    ranked = sorted((i for i in groups if i >= 0), key=lambda i: (-len(groups[i]), str(i)))
    small = {i: groups.pop(i) for i in ranked[MAX_DISCS:]}
    if small:
        groups[-2] = [node for nodes in small.values() for node in nodes]
    total = sum(len(nodes) for nodes in groups.values())
    radius = {index: math.sqrt(len(nodes) / total) for index, nodes in groups.items()}
    centres = _pack(_group_graph(groups, ties), radius)
    result = {}
    for index, nodes in groups.items():
        if index == -1:
            local = _circle(nodes)
        elif index == -2:
            local = _patches(list(small.values()))
        else:
            local = _local_layout(graph, nodes, splits, ties, finer)
        cx, cy = centres[index]
        for node, (x, y) in local.items():
            result[node] = (cx + x * radius[index], cy + y * radius[index])
    return result


def _scaled(point, scale: float) -> tuple[float, float]:
    return (round(float(point[0]) * scale, 1), round(float(point[1]) * scale, 1))


def _group_graph(groups: dict, ties: _Ties) -> nx.Graph:
    """The groups, tied as often as their members are."""
    keys = list(groups)
    nodes = [node for key in keys for node in groups[key]]
    label = np.full(ties.matrix.shape[0], -1)  # -1: not in these groups
    label[ties.rows(nodes)] = np.repeat(np.arange(len(keys)), [len(groups[key]) for key in keys])
    a, b = label[ties.ends[0]], label[ties.ends[1]]
    cross = (a != b) & (a >= 0) & (b >= 0)
    pairs, counts = np.unique(
        np.column_stack([np.minimum(a, b), np.maximum(a, b)])[cross], axis=0, return_counts=True
    )
    between = nx.Graph()
    between.add_nodes_from(keys)
    for (ga, gb), count in zip(pairs.tolist(), counts.tolist(), strict=True):
        between.add_edge(keys[ga], keys[gb], weight=count)
    return between


def _placing_order(between: nx.Graph, radius: dict) -> list:
    """Biggest group first, then outwards along the strongest ties, so tied groups sit close."""
    order: list = []
    placed: set = set()
    for start in sorted(between, key=lambda g: (-radius[g], str(g))):
        if start in placed:
            continue
        frontier = [start]
        while frontier:
            group = frontier.pop(0)
            if group in placed:
                continue
            placed.add(group)
            order.append(group)
            ties = sorted(between[group].items(), key=lambda t: (-t[1]["weight"], str(t[0])))
            frontier.extend(other for other, _data in ties if other not in placed)
    return order


def _pack(between: nx.Graph, radius: dict) -> dict:
    """Centres for discs that never overlap, each as near its tied, placed groups as it fits.

    Candidates are sunflower points over a disc; a spring layout of the groups overlapped
    them and flung small unconnected ones far off, shrinking everything else to a speck.
    Each candidate keeps the room it has left (distance to the nearest placed disc's edge),
    updated once per placed disc, so placing a hundred groups stays a few array operations.
    """
    count = 4000
    k = np.arange(count)
    angle = k * math.pi * (3 - math.sqrt(5))
    reach = 2.0 * np.sqrt(k / count)
    base = np.column_stack([reach * np.cos(angle), reach * np.sin(angle)])
    spread = 1.0
    candidates = base
    room = np.full(count, np.inf)
    centres: dict = {}
    for group in _placing_order(between, radius):
        r = radius[group]
        tied = [(centres[o], d["weight"]) for o, d in between[group].items() if o in centres]
        target = np.zeros(2)
        if tied:
            weights = np.array([w for _c, w in tied], dtype=float)
            target = np.array([c for c, _w in tied]).T @ weights / weights.sum()
        while not (fits := room >= 1.1 * r + _GAP).any():
            spread *= 1.5
            candidates = base * spread
            room = np.full(count, np.inf)
            for (cx, cy), placed_r in zip(centres.values(), map(radius.get, centres), strict=True):
                room = np.minimum(
                    room, np.hypot(candidates[:, 0] - cx, candidates[:, 1] - cy) - placed_r
                )
        chosen = np.flatnonzero(fits)
        distance = np.hypot(candidates[chosen, 0] - target[0], candidates[chosen, 1] - target[1])
        best = chosen[np.argmin(distance)]
        centre = (float(candidates[best, 0]), float(candidates[best, 1]))
        centres[group] = centre
        gap = np.hypot(candidates[:, 0] - centre[0], candidates[:, 1] - centre[1]) - r
        room = np.minimum(room, gap)
    return centres


#: the least space between two packed discs, in units of the whole drawing's unit disc
_GAP = 0.02


def _local_layout(graph: nx.Graph, nodes: list, splits: int, ties: _Ties, finer: dict) -> dict:
    """One community within the unit disc: a spring layout, or split again when big (by
    Louvain's finer level when the metrics found one, else by Louvain on the community)."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n > DENSE_LIMIT and splits < MAX_SPLITS:
        parts: list = []
        if finer:
            by_part: dict = defaultdict(list)
            for node in nodes:
                by_part[finer.get(node, -1)].append(node)
            parts = sorted(by_part.values(), key=lambda p: (-len(p), min(map(str, p))))
        if len(parts) < 2:
            graph = _plain_community(graph, nodes)
            parts = nx.community.louvain_communities(graph, seed=SEED)
        if len(parts) > 1:
            groups = {i: sorted(part, key=str) for i, part in enumerate(parts)}
            return _unit(_arrange(graph, groups, splits + 1, ties, finer))
    if n <= SMALL_GROUP:
        return _circle(list(nodes))
    iterations = ITERATIONS if n <= DENSE_LIMIT else 15
    raw = spring(ties.block(nodes), iterations)
    return _unit(dict(zip(nodes, map(tuple, raw.tolist()), strict=True)))


def _plain_community(graph: nx.Graph, nodes: list) -> nx.Graph:
    """The community's ties as a plain graph in the order of `nodes`. Louvain on a subgraph
    view followed a set's order, which differs between processes (string hashing): a layout
    from scratch placed about 784 of 4,332 organisations elsewhere on the same data."""
    inside = set(nodes)
    plain = nx.Graph()
    plain.add_nodes_from(nodes)
    plain.add_weighted_edges_from(
        (a, b, d.get("weight", 1)) for a, b, d in graph.edges(nodes, data=True) if b in inside
    )
    return plain


def _unit(points: dict) -> dict:
    """Shrink (or grow) positions to fit the unit disc around their centre."""
    xs = [x for x, _y in points.values()]
    ys = [y for _x, y in points.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    reach = max(math.hypot(x - cx, y - cy) for x, y in points.values()) or 1.0
    return {node: ((x - cx) / reach, (y - cy) / reach) for node, (x, y) in points.items()}


def _patches(groups: list[list]) -> dict:
    """Small groups side by side in the unit disc: each on a little ring of its own."""
    count = len(groups)
    spacing = 0.8 / math.sqrt(count)
    result = {}
    for k, nodes in enumerate(groups):
        reach, angle = 0.9 * math.sqrt((k + 0.5) / count), k * math.pi * (3 - math.sqrt(5))
        cx, cy = reach * math.cos(angle), reach * math.sin(angle)
        for node, (x, y) in _circle(nodes).items():
            result[node] = (cx + x * spacing / 2, cy + y * spacing / 2)
    return result


def _circle(nodes: list[str]) -> dict:
    """Nodes without a community of their own (mostly isolated ones) on a ring."""
    count = len(nodes)
    return {
        node: (math.cos(2 * math.pi * i / count), math.sin(2 * math.pi * i / count))
        for i, node in enumerate(sorted(nodes, key=str))
    }
