"""Our Louvain gives NetworkX's communities, level by level, on the same graphs."""

import random

import networkx as nx
import pytest

from arena.graph.louvain import louvain_communities, louvain_partitions


def _weighted(graph: nx.Graph, rng: random.Random) -> nx.Graph:
    for a, b in graph.edges():
        graph.edges[a, b]["weight"] = rng.randint(1, 5)
    return graph


def _graphs():
    rng = random.Random(7)
    yield "karate", nx.karate_club_graph()  # weights 1-7
    yield "caveman", nx.relaxed_caveman_graph(30, 8, 0.2, seed=3)
    for size in (60, 300, 1500):
        yield f"gnm-{size}", _weighted(nx.gnm_random_graph(size, size * 3, seed=size), rng)
        yield f"powerlaw-{size}", _weighted(nx.powerlaw_cluster_graph(size, 2, 0.3, seed=1), rng)
    strings = nx.relabel_nodes(
        nx.gnm_random_graph(400, 900, seed=5), {i: f"member-{i * 7 % 400}" for i in range(400)}
    )
    yield "string labels, shuffled order", strings
    looped = _weighted(nx.gnm_random_graph(200, 500, seed=9), rng)
    looped.add_edge(3, 3, weight=4)
    yield "a self-loop", looped


@pytest.mark.parametrize(("name", "graph"), list(_graphs()))
@pytest.mark.parametrize("seed", [2014, 1])
def test_levels_are_networkx_levels(name, graph, seed):
    ours = list(louvain_partitions(graph, seed))
    theirs = list(nx.community.louvain_partitions(graph, seed=seed))
    assert ours == theirs, name
    assert louvain_communities(graph, seed) == nx.community.louvain_communities(graph, seed=seed)


def test_some_nodes_are_the_graph_of_those_nodes():
    graph = nx.disjoint_union(nx.gnm_random_graph(300, 900, seed=2), nx.path_graph(50))
    nodes = [n for n in graph if n < 300]
    plain = nx.Graph()
    plain.add_nodes_from(nodes)
    plain.add_edges_from(graph.edges(nodes))
    assert list(louvain_partitions(graph, 2014, nodes)) == list(
        nx.community.louvain_partitions(plain, seed=2014)
    )


def test_a_graph_without_ties_is_each_node_alone():
    graph = nx.empty_graph(4)
    assert list(louvain_partitions(graph, 2014)) == [[{0}, {1}, {2}, {3}]]


def test_fractional_weights_are_refused():
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=0.5)
    with pytest.raises(TypeError):
        list(louvain_partitions(graph, 2014))
