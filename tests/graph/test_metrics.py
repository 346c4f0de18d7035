"""The fast paths give NetworkX's answers: betweenness, communities, introductions, layouts.

Pure graph code, no Flask and no database.
"""

from __future__ import annotations

import networkx as nx
import pytest

from arena.graph import layout, metrics
from arena.graph.brandes import betweenness_centrality
from arena.graph.drawing import drawing_data
from arena.graph.suggestions import HUB_DEGREE, introduction_suggestions
from arena.graph.transport import unpack


def _with_loose_ends(graph: nx.Graph) -> nx.Graph:
    """Add isolated nodes and a separate little component, which sampling must survive."""
    graph = nx.relabel_nodes(graph, lambda n: f"n{n}")
    graph.add_nodes_from(["alone-1", "alone-2"])
    graph.add_edges_from([("pair-a", "pair-b"), ("pair-b", "pair-c")])
    return graph


GRAPHS = {
    "scale-free": _with_loose_ends(nx.barabasi_albert_graph(400, 2, seed=3)),
    "grid": _with_loose_ends(nx.grid_2d_graph(12, 12)),
    "directed": nx.gnp_random_graph(200, 0.03, seed=5, directed=True),
}


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("k", [None, 40])
def test_batched_betweenness_equals_networkx_exact_and_sampled(name, k):
    graph = GRAPHS[name]
    ours = betweenness_centrality(graph, k=k, seed=metrics.SEED)
    theirs = nx.betweenness_centrality(graph, k=k, normalized=True, seed=metrics.SEED)
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=1e-12), node


def test_tiny_and_empty_graphs_have_zero_betweenness():
    assert betweenness_centrality(nx.Graph()) == {}
    assert betweenness_centrality(nx.path_graph(2)) == {0: 0.0, 1: 0.0}
    assert betweenness_centrality(nx.empty_graph(4)) == dict.fromkeys(range(4), 0.0)


def test_nodes_without_ties_are_communities_of_their_own():
    graph = nx.Graph()
    graph.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4"]).edges)
    graph.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges)
    graph.add_edge("a1", "b1")
    graph.add_nodes_from(["loner-1", "loner-2"])
    found = metrics.communities(graph)
    assert found["a2"] == found["a3"] != found["b2"] == found["b3"]
    assert len({found["loner-1"], found["loner-2"], found["a1"], found["b2"]}) == 4


def _brute_force(graph: nx.Graph, limit: int = 15) -> list[tuple[str, str, float]]:
    """NetworkX's Adamic-Adar over every unconnected pair with a shared non-hub contact."""
    pairs = {
        tuple(sorted((a, b)))
        for middle in graph
        if 1 < graph.degree(middle) <= HUB_DEGREE
        for a in graph[middle]
        for b in graph[middle]
        if a != b and not graph.has_edge(a, b)
    }
    scored = sorted(nx.adamic_adar_index(graph, sorted(pairs)), key=lambda t: (-t[2], t[0], t[1]))
    return [(a, b, round(score, 4)) for a, b, score in scored[:limit]]


@pytest.mark.parametrize(
    "graph",
    [
        nx.relabel_nodes(nx.barabasi_albert_graph(600, 3, seed=2), lambda n: f"m{n}"),
        nx.relabel_nodes(nx.path_graph(7), str),  # many ties at the cut
        nx.relabel_nodes(nx.star_graph(HUB_DEGREE + 5), str),  # only a hub in the middle
    ],
)
def test_introductions_are_networkx_adamic_adar_best_pairs(graph):
    found = [(s["a"], s["b"], s["score"]) for s in introduction_suggestions(graph)]
    assert found == _brute_force(graph)


def _two_big_communities() -> tuple[nx.Graph, dict]:
    graph = nx.Graph()
    community = {}
    for side in range(2):
        part = nx.relabel_nodes(
            nx.barabasi_albert_graph(layout.DENSE_LIMIT + 50, 2, seed=side),
            lambda n, side=side: f"s{side}-{n}",
        )
        graph.update(part)
        community.update(dict.fromkeys(part, side))
    graph.add_edge("s0-0", "s1-0")
    graph.add_node("loner")
    community["loner"] = 2
    return graph, community


def test_big_drawings_place_every_node_apart_and_the_same_way_each_time():
    graph, community = _two_big_communities()
    first = layout.positions(graph, community)
    assert first.keys() == set(graph)
    assert len(set(first.values())) == graph.number_of_nodes()
    assert layout.positions(graph, community) == first


def test_a_drawing_with_the_same_structure_reuses_its_stored_positions():
    graph, community = _two_big_communities()
    values = {
        n: {"degree": graph.degree(n), "betweenness": 0.0, "community": community[n]} for n in graph
    }
    first = drawing_data(graph, values, [])
    moved = {"layout_key": first["layout_key"], "positions": [[n, 1.0, 2.0] for n in graph]}
    again = drawing_data(graph, values, [], previous=moved)
    assert {(n["x"], n["y"]) for n in unpack(again["map"]["nodes"])} == {(1.0, 2.0)}
    graph.add_edge("s0-1", "s1-1")
    changed = drawing_data(graph, values, [], previous=moved)
    assert changed["layout_key"] != first["layout_key"]
    assert {(n["x"], n["y"]) for n in unpack(changed["map"]["nodes"])} != {(1.0, 2.0)}


def test_introductions_taken_a_few_rows_at_a_time_are_the_same(monkeypatch):
    """The two-step pairs are taken in blocks of rows (memory at 200,000 members); blocks of
    a single row give the same suggestions, scores and reasons as one block of all."""
    from arena.graph import coattendance

    graph = nx.relabel_nodes(nx.barabasi_albert_graph(600, 3, seed=2), lambda n: f"m{n}")
    whole = introduction_suggestions(graph)
    monkeypatch.setattr(coattendance, "BLOCK_PAIRS", 1)
    assert introduction_suggestions(graph) == whole
