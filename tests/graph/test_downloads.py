"""Downloads come from the stored result when it is fresh, and match the filters otherwise."""

from __future__ import annotations

import io
import json
from datetime import date

import networkx as nx
import pytest

from arena.auth.models import Role
from arena.graph.analysis import build_graph
from arena.graph.build import member_node, org_node
from arena.graph.downloads import export_view
from arena.graph.exports import export
from arena.graph.filters import GraphFilter
from arena.graph.queries import Scope, load_rows
from arena.graph.services import View, refresh_stale_views


def _graphml(content: bytes) -> nx.Graph:
    return nx.read_graphml(io.BytesIO(content))


def _same_graph(one: nx.Graph, other: nx.Graph) -> None:
    assert set(one) == set(other)
    assert {frozenset(e) for e in one.edges} == {frozenset(e) for e in other.edges}
    for node, data in one.nodes(data=True):
        assert data == pytest.approx(other.nodes[node]), node
    for a, b, data in one.edges(data=True):
        assert data == other.edges[a, b], (a, b)


def test_a_default_view_is_kept_after_its_first_download_until_the_data_changes(db, broker_network):
    first = export_view(db, View("organisations"), "graphml")
    db.commit()
    assert first.stored_dt is None  # computed for this download, and kept
    download = export_view(db, View("organisations"), "graphml")
    assert download.stored_dt is not None
    computed = export(build_graph(load_rows(db, Scope()), "organisations"), "graphml")
    _same_graph(_graphml(download.content), _graphml(computed))
    _same_graph(_graphml(first.content), _graphml(computed))


def test_a_stale_view_downloads_the_current_data(db, plant, broker_network):
    export_view(db, View("organisations"), "json")
    db.commit()
    newcomer = plant.org("Newcomer")
    plant.collaborate(date(2024, 1, 1), newcomer, broker_network["broker"])
    plant.commit()
    download = export_view(db, View("organisations"), "json")
    assert download.stored_dt is None
    graph = nx.node_link_graph(json.loads(download.content), edges="edges")
    assert graph.has_edge(org_node(newcomer.id), org_node(broker_network["broker"].id))


def test_a_filtered_download_measures_exactly_its_own_ties(db, broker_network):
    refresh_stale_views(db)
    db.commit()
    download = export_view(db, View("organisations"), "graphml", GraphFilter(sector="business"))
    assert download.stored_dt is None
    graph = _graphml(download.content)
    assert set(graph) == {org_node(o.id) for o in broker_network["work"]}
    exact = nx.betweenness_centrality(graph, normalized=True)
    assert {n: graph.nodes[n]["betweenness"] for n in graph} == pytest.approx(exact)
    assert set(exact.values()) == {0.0}  # a clique: nobody brokers once the broker is gone


def test_the_mechanism_filter_keeps_those_who_recorded_such_small_wins(
    db, client, make_account, login, plant, broker_network
):
    care = broker_network["care"]
    author = plant.member(care[2])
    plant.win("Pilot", date(2020, 5, 1), org=care[0], mechanisms=("oil-spot",))
    plant.win("Copy", date(2020, 6, 1), org=care[1], mechanisms=("oil-spot", "connection"))
    plant.win("Own", date(2020, 7, 1), author=author, mechanisms=("oil-spot",))
    plant.win("Else", date(2020, 7, 1), org=care[3], mechanisms=("robustness",))
    plant.commit()
    rows = load_rows(db, Scope())
    organisations = build_graph(rows, "organisations")
    assert organisations.nodes[org_node(care[1].id)]["small_win_mechanisms"] == [
        "connection", "oil-spot",
    ]  # fmt: skip
    assert organisations.nodes[org_node(care[2].id)]["small_wins"] == 1  # through its member
    assert build_graph(rows, "people").nodes[member_node(author.id)]["small_wins"] == 1

    oil = GraphFilter(mechanism="oil-spot")
    graph = _graphml(export_view(db, View("organisations"), "graphml", oil).content)
    assert set(graph) == {org_node(o.id) for o in care[:3]}
    assert graph.number_of_edges() == 3

    refresh_stale_views(db)
    db.commit()
    login(make_account(role=Role.PROGRAMME_LEAD))
    page = client.get("/graph/?mechanism=oil-spot").get_data(as_text=True)
    assert "Small wins with mechanism" in page and 'data-note="filtered"' in page
    table = page.split('id="graph-table"')[1].split("</table>")[0]
    assert "Care 0" in table and "Care 2" in table and "Care 3" not in table
    response = client.get("/graph/organisations/export?format=json&mechanism=oil-spot")
    assert "mechanism-oil-spot" in response.headers["Content-Disposition"]
    exported = nx.node_link_graph(json.loads(response.data), edges="edges")
    assert set(exported) == set(graph)
