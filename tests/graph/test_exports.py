"""Exports reload in NetworkX with the same nodes, edges and attributes, metrics included."""

from __future__ import annotations

import io
import json
from datetime import date

import networkx as nx
import pytest

from arena.graph.analysis import build_graph, only_edges_of_kind
from arena.graph.build import org_node
from arena.graph.exports import export, plain_graph, read_csv_zip, with_metrics
from arena.graph.queries import Scope, load_rows


def _reload(data: bytes, fmt: str, directed: bool) -> nx.Graph:
    if fmt == "gexf":
        return nx.read_gexf(io.BytesIO(data))
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data))
    if fmt == "json":
        return nx.node_link_graph(json.loads(data), edges="edges")
    return read_csv_zip(data, directed=directed)


def _same(value, expected) -> bool:
    if isinstance(expected, float) or isinstance(value, float):
        return abs(float(value) - float(expected)) < 1e-9
    if isinstance(value, str) and not isinstance(expected, str):
        return value == str(expected)
    return value == expected


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "csv"])
@pytest.mark.parametrize("kind", ["organisations", "wins"])
def test_exports_reload_with_the_same_nodes_edges_and_attributes(
    db, broker_network, plant, fmt, kind
):
    care = broker_network["care"]
    first = plant.win("Pilot", date(2020, 1, 1), org=care[0], mechanisms=("oil-spot", "connection"))
    plant.win("<script>alert(1)</script>", date(2020, 2, 1), org=care[1], inspired_by=[first])
    plant.commit()
    graph = build_graph(load_rows(db, Scope()), kind)
    expected = with_metrics(graph)
    back = _reload(export(graph, fmt), fmt, graph.is_directed())
    assert set(back) == set(expected)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in expected.edges}
    for node, data in expected.nodes(data=True):
        for key, value in data.items():
            assert _same(back.nodes[node][key], value), (node, key)
    for a, b, data in expected.edges(data=True):
        for key, value in data.items():
            assert _same(back.edges[a, b][key], value), (a, b, key)


def test_exported_betweenness_is_over_exactly_the_exported_edges(db, broker_network):
    graph = build_graph(load_rows(db, Scope()), "organisations")
    broker = org_node(broker_network["broker"].id)
    full = nx.read_graphml(io.BytesIO(export(graph, "graphml")))
    expected = nx.betweenness_centrality(graph, normalized=True)
    assert full.nodes[broker]["betweenness"] == pytest.approx(expected[broker])
    none = nx.read_graphml(
        io.BytesIO(export(only_edges_of_kind(graph, "co-attendance"), "graphml"))
    )
    assert none.number_of_edges() == 0
    assert none.nodes[broker]["betweenness"] == 0


def test_lists_and_missing_values_become_plain_attributes():
    graph = nx.Graph()
    graph.add_node("a", themes=["x", "y"], sector=None, since=date(2020, 1, 2))
    plain = plain_graph(graph)
    assert plain.nodes["a"] == {"themes": "x; y", "since": "2020-01-02"}
