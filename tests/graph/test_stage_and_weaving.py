"""The stage of growth and the weaving checks on planted networks (pure, no database)."""

from __future__ import annotations

import itertools

import networkx as nx
import pytest

from arena.graph.stage import graph_signs, graph_stage_per_year
from arena.graph.weaving import hub_dependency, loose_ends


def _cliques(count: int, size: int, joined: bool) -> nx.Graph:
    graph = nx.Graph()
    for g in range(count):
        graph.add_edges_from(itertools.combinations([f"{g}-{i}" for i in range(size)], 2))
        if joined and g:
            graph.add_edge(f"{g}-0", f"{g - 1}-1")
    return graph


def test_a_star_is_single_hub_and_its_centre_carries_every_path():
    star = nx.star_graph(10)
    star.add_nodes_from(["alone-1", "alone-2"])  # unconnected nodes carry no paths
    assert graph_signs(star).stage == "single-hub"
    hub = hub_dependency(star, nx.betweenness_centrality(star))
    assert hub["id"] == 0 and hub["share"] == pytest.approx(1.0) and hub["warning"]


def test_dense_groups_with_few_ties_are_fragmented_or_multi_hub():
    assert graph_signs(_cliques(4, 6, joined=False)).stage == "fragmented"
    assert graph_signs(_cliques(4, 6, joined=True)).stage == "multi-hub"


def test_a_dense_core_with_a_periphery_is_core_periphery():
    graph = nx.complete_graph(6)
    for i in range(6):
        graph.add_edges_from((i, f"p{i}-{j}") for j in range(4))
    signs = graph_signs(graph)
    assert signs.stage == "core-periphery"
    assert signs.core_size == 6 and signs.core_fit == pytest.approx(1.0)


def test_mostly_unconnected_nodes_make_a_network_fragmented():
    graph = nx.path_graph(4)
    graph.add_nodes_from(range(10, 20))
    signs = graph_signs(graph)
    assert signs.stage == "fragmented" and signs.largest_share == pytest.approx(4 / 14, abs=1e-4)


def test_the_stage_is_replayed_per_year_from_first_sessions():
    """Fragments in 2019, a hub in 2020, a core in 2021: the steps say when ties came."""
    graph = nx.Graph()
    days = ["2019-03-01", "2019-10-01", "2020-05-01", "2021-05-01"]
    for i in range(8):
        graph.add_node(f"s{i}", step=0)
    for a, b in (("s0", "s1"), ("s2", "s3")):
        graph.add_edge(a, b, step=1)
    graph.add_node("hub", step=2)
    for i in range(8):
        graph.add_edge("hub", f"s{i}", step=2)
    for a, b in itertools.combinations(["hub", "s0", "s1", "s2"], 2):
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, step=3)
    for i in range(8):
        for j in range(3):
            graph.add_edge(f"s{i}", f"s{i}-leaf{j}", step=3)
            graph.nodes[f"s{i}-leaf{j}"]["step"] = 3
    years = graph_stage_per_year(graph, days)
    assert [y["year"] for y in years] == ["2019", "2020", "2021"]
    assert [y["stage"] for y in years][:2] == ["fragmented", "single-hub"]
    assert years[0]["nodes"] == 8 and years[0]["ties"] == 2
    assert years[2]["ties"] == graph.number_of_edges()


def test_the_hub_warning_names_the_organisers_own_organisation():
    star = nx.star_graph(5)
    star.nodes[0].update(label="Organisers' own", is_organisers=True)
    hub = hub_dependency(star, nx.betweenness_centrality(star))
    assert hub["is_organisers"] and hub["label"] == "Organisers' own"
    ring = nx.cycle_graph(12)
    assert not hub_dependency(ring, nx.betweenness_centrality(ring))["warning"]


def test_loose_ends_list_the_unconnected_and_those_on_one_tie():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    graph.add_node("e")
    loose = loose_ends(graph)
    assert loose["unconnected"] == ["e"] and loose["unconnected_count"] == 1
    assert loose["one_tie"] == [("d", "c")] and loose["one_tie_count"] == 1
