"""Tie matrices read from the adjacency are NetworkX's, entry for entry."""

from collections import Counter

import networkx as nx
import numpy as np
import pytest

from arena.graph import layout, metrics
from arena.graph.arrays import Shape, adjacency_matrix, components
from arena.graph.bridging import bridges_by
from arena.graph.drawing import tied_nodes
from arena.graph.metrics import _reached
from arena.graph.weaving import hub_dependency, loose_ends


def _networkx(graph, nodes):
    return nx.to_scipy_sparse_array(
        graph, nodelist=nodes, weight=None, dtype=np.float64, format="csr"
    )


def _same(ours, theirs):
    assert ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)
    assert ours.has_canonical_format


def _looped():
    graph = nx.gnm_random_graph(300, 900, seed=1)
    graph.add_edge(5, 5)
    return nx.relabel_nodes(graph, {i: f"n{i}" for i in graph})


@pytest.mark.parametrize(
    "graph", [_looped(), nx.gnm_random_graph(300, 900, seed=2, directed=True), nx.empty_graph(3)]
)
def test_every_node_in_another_order(graph):
    nodes = sorted(graph, key=lambda n: str(n)[::-1])
    _same(adjacency_matrix(graph, nodes), _networkx(graph, nodes))


def test_some_nodes_leave_out_ties_to_others():
    graph = _looped()
    nodes = list(graph)[:120]
    _same(adjacency_matrix(graph, nodes), _networkx(graph, nodes))


def test_a_directed_graph_read_undirected_is_its_undirected_view():
    graph = nx.gnm_random_graph(300, 900, seed=3, directed=True)
    graph.add_edges_from([(1, 2), (2, 1)])
    nodes = sorted(graph, key=str)
    ours = adjacency_matrix(graph, nodes, undirected=True)
    _same(ours, _networkx(graph.to_undirected(as_view=True), nodes))


def test_components_are_networkx_components():
    graph = nx.disjoint_union_all([nx.path_graph(4), nx.empty_graph(3), nx.cycle_graph(5)])
    nodes, labels, count = components(graph)
    assert count == nx.number_connected_components(graph)
    found = {frozenset(n for n, label in zip(nodes, labels, strict=True) if label == c)
             for c in range(count)}  # fmt: skip
    assert found == {frozenset(c) for c in nx.connected_components(graph)}


def test_sectors_reached_count_other_sectors_either_way():
    graph = nx.DiGraph()
    graph.add_nodes_from(
        [("a", {"sector": "x"}), ("b", {"sector": "y"}), ("c", {"sector": "z"}), ("d", {})]
    )
    graph.add_edges_from([("a", "b"), ("c", "a"), ("a", "d"), ("b", "a"), ("d", "d")])
    sectors, domains = _reached(graph, list(graph), ("sector", "policy_domain"))
    assert sectors == [2, 1, 1, 1]  # d has none of its own, and reaches x
    assert domains == [0, 0, 0, 0]


def _shaped_graphs():
    looped = _looped()
    looped.add_nodes_from(["alone-1", "alone-2"])
    directed = nx.gnm_random_graph(200, 260, seed=4, directed=True)
    directed.add_edges_from([(1, 2), (2, 1), (7, 7)])
    directed.add_node("alone")
    return {"looped": looped, "directed": directed, "empty": nx.empty_graph(3)}


@pytest.mark.parametrize("name", ["looped", "directed", "empty"])
def test_a_shape_holds_networkx_degrees_parts_and_ties(name):
    graph = _shaped_graphs()[name]
    shape = Shape.of(graph)
    assert shape.nodes == list(graph)
    assert shape.degree.tolist() == [d for _n, d in graph.degree()]
    undirected = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    assert shape.undirected_degree.tolist() == [d for _n, d in undirected.degree()]
    _same(shape.matrix, adjacency_matrix(graph, list(graph), undirected=True))
    parts = {frozenset(n for n, p in zip(shape.nodes, shape.parts, strict=True) if p == c)
             for c in range(shape.part_count)}  # fmt: skip
    assert parts == {frozenset(c) for c in nx.connected_components(undirected)}
    assert shape.tied() == [n for n in graph if graph.degree(n)]


@pytest.mark.parametrize("name", ["looped", "directed", "empty"])
def test_figures_from_a_shape_are_those_read_from_the_graph(name):
    graph = _shaped_graphs()[name]
    for node in graph:
        graph.nodes[node]["sector"] = ["a", "b", None][sum(map(ord, str(node))) % 3]
    shape = Shape.of(graph)
    assert metrics.summary(graph, shape) == metrics.summary(graph)
    assert metrics.summary(graph)["isolated"] == nx.number_of_isolates(graph)
    between = nx.betweenness_centrality(graph)
    assert hub_dependency(graph, between, shape) == hub_dependency(graph, between)
    assert loose_ends(graph, shape) == loose_ends(graph)
    ours, how = metrics.node_metrics(graph, shape=shape)
    theirs, their_how = metrics.node_metrics(graph)
    assert how == their_how
    assert [ours[n] for n in graph] == [theirs[n] for n in graph]
    assert tied_nodes(graph, shape) == tied_nodes(graph)
    assert [d for _n, d in graph.degree()] == ours.column("degree")


def test_a_layout_from_a_shape_is_the_layout_from_the_graph():
    graph = _shaped_graphs()["looped"]
    community = metrics.communities(graph)
    nodes = tied_nodes(graph)
    shaped = layout.positions(graph, community, nodes, shape=Shape.of(graph))
    assert shaped == layout.positions(graph, community, nodes)


def _valued(graph, seed):
    rng = np.random.default_rng(seed)
    for node in graph:  # few values, so many equal counts whose order must match
        graph.nodes[node]["sector"] = [None, "", "zorg", "Zorg", "onderwijs", "bouw"][
            rng.integers(6)
        ]
        graph.nodes[node]["policy_domain"] = ["wonen", "werk", None][rng.integers(3)]
    return graph


@pytest.mark.parametrize("name", ["looped", "directed", "empty"])
@pytest.mark.parametrize("limit", [3, 15])
def test_bridges_counted_in_arrays_are_those_counted_per_tie(name, limit):
    graph = _valued(_shaped_graphs()[name], 7)
    attributes = ("sector", "policy_domain")
    shape = Shape.of(graph)
    assert bridges_by(graph, attributes, limit, shape) == bridges_by(graph, attributes, limit)


def test_bridges_of_values_other_than_text_are_counted_per_tie():
    graph = _valued(_shaped_graphs()["looped"], 8)
    for i, node in enumerate(graph):
        graph.nodes[node]["sector"] = i % 4
    shape = Shape.of(graph)
    assert bridges_by(graph, ("sector",), 15, shape) == bridges_by(graph, ("sector",), 15)


@pytest.mark.parametrize("name", ["looped", "directed", "empty"])
def test_signs_and_community_mix_from_a_shape_are_those_from_the_graph(name):
    from arena.graph.stage import graph_signs

    graph = _valued(_shaped_graphs()[name], 9)
    shape = Shape.of(graph)
    assert graph_signs(graph, shape) == graph_signs(graph)
    values, _how = metrics.node_metrics(graph, shape=shape)
    mix = metrics.community_mix(graph, values, "sector")
    expected: dict = {}
    for node in graph:  # every node of each listed community, as a Counter would count them
        community = values[node]["community"]
        if community >= 0:
            expected.setdefault(community, []).append(graph.nodes[node]["sector"] or "unknown")
    listed = sorted(expected)[: metrics.LISTED_COMMUNITIES]
    assert [m["community"] for m in mix] == listed
    for found in mix:
        sectors = expected[found["community"]]
        assert found["size"] == len(sectors)
        assert found["sectors"] == len(set(sectors))
        assert found["mix"] == Counter(sectors).most_common(5)
