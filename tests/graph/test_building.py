"""The builders find planted structure and replay growth: brokers, communities, as-of dates."""

from __future__ import annotations

from datetime import date

from arena.graph import metrics
from arena.graph.analysis import analyse, build_graph
from arena.graph.build import build_organisation_graph, build_people_graph, org_node
from arena.graph.queries import Scope, load_rows


def test_the_broker_tops_betweenness_and_louvain_separates_the_communities(db, broker_network):
    graph = build_organisation_graph(load_rows(db, Scope()))
    values, how = metrics.node_metrics(graph)
    broker = org_node(broker_network["broker"].id)
    top = max(values, key=lambda n: values[n]["betweenness"])
    assert top == broker
    assert how == {"sampled": False, "k": graph.number_of_nodes()}
    care = {values[org_node(o.id)]["community"] for o in broker_network["care"]}
    work = {values[org_node(o.id)]["community"] for o in broker_network["work"]}
    assert len(care) == 1 and len(work) == 1 and care != work


def test_collaboration_edges_carry_since_status_and_where_they_grew_from(db, plant):
    a, b = plant.org("Alpha"), plant.org("Beta", sector="education")
    person = plant.member(b)
    meeting = plant.meeting(date(2019, 5, 1), title="Spring session")
    plant.attend(meeting, plant.member(a), person)
    plant.collaborate(date(2019, 6, 1), a, person, meeting=meeting)
    plant.commit()
    graph = build_organisation_graph(load_rows(db, Scope()))
    edge = graph.edges[org_node(a.id), org_node(b.id)]
    assert edge["kind"] == "collaboration"
    assert edge["collaborations"] == 1 and edge["shared_sessions"] == 1
    assert edge["since"] == "2019-06-01"
    assert edge["status"] == "active"
    assert edge["grew_from"] == "Spring session"


def test_a_graph_as_of_an_early_session_holds_only_what_existed_then(db, plant):
    first, second = date(2018, 3, 1), date(2019, 3, 1)
    a, b = plant.org("Early A"), plant.org("Early B")
    late = plant.org("Late C", created=date(2018, 12, 1))
    ma, mb, mc = plant.member(a), plant.member(b), plant.member(late, created=date(2018, 12, 1))
    m1, m2 = plant.meeting(first), plant.meeting(second)
    plant.attend(m1, ma, mb)
    plant.attend(m2, ma, mc)
    plant.collaborate(date(2018, 6, 1), b, late)
    plant.commit()

    early = build_organisation_graph(load_rows(db, Scope(as_of=first)))
    assert set(early) == {org_node(a.id), org_node(b.id)}
    assert set(early.edges) == {(org_node(a.id), org_node(b.id))}

    now = build_organisation_graph(load_rows(db, Scope()))
    assert set(now) == {org_node(a.id), org_node(b.id), org_node(late.id)}
    assert now.number_of_edges() == 3
    assert now.nodes[org_node(late.id)]["step"] == 0  # tied by a collaboration after session 0
    assert now.edges[org_node(a.id), org_node(late.id)]["step"] == 1

    people = build_people_graph(load_rows(db, Scope(as_of=first)), min_shared=1)
    assert set(people) == {f"member-{ma.id}", f"member-{mb.id}"}


def test_people_co_attendance_is_thresholded_and_co_presenting_counts(db, plant):
    org = plant.org("Home")
    a, b, c = plant.member(org), plant.member(org), plant.member(org)
    meetings = [plant.meeting(date(2020, month, 1)) for month in (1, 4, 7)]
    for meeting in meetings:
        plant.attend(meeting, a, b)
    plant.attend(meetings[0], c)
    plant.present(meetings[2], a, c)
    plant.commit()
    graph = build_people_graph(load_rows(db, Scope()), min_shared=2)
    ab = graph.edges[f"member-{a.id}", f"member-{b.id}"]
    assert ab["shared_sessions"] == 3 and ab["kind"] == "co-attendance"
    assert ab["step"] == 1  # reached two shared sessions at the second session
    ac = graph.edges[f"member-{a.id}", f"member-{c.id}"]
    assert ac["kind"] == "co-presenting" and ac["shared_sessions"] == 0
    assert not graph.has_edge(f"member-{b.id}", f"member-{c.id}")


def test_newcomers_isolated_and_introductions_are_found(db, plant):
    orgs = [plant.org(f"Org {i}") for i in range(4)]
    people = [plant.member(o, themes=("job carving",)) for o in orgs]
    loner = plant.member(plant.org("Alone"), themes=("job carving", "Wmo"))
    first, last = plant.meeting(date(2021, 1, 1)), plant.meeting(date(2021, 4, 1))
    plant.attend(first, *people[:3])
    plant.attend(last, people[0], people[3])
    plant.collaborate(date(2021, 1, 5), people[0], people[1])
    plant.collaborate(date(2021, 1, 5), people[1], people[2])
    plant.commit()
    rows = load_rows(db, Scope())
    result = analyse(build_graph(rows, "people"), rows)["page"]
    assert [n["id"] for n in result["newcomers"]] == [f"member-{people[3].id}"]
    assert f"member-{loner.id}" in [n["id"] for n in result["isolated"]]
    for_loner = [s for s in result["isolated_suggestions"] if s["a"] == f"member-{loner.id}"]
    assert for_loner[0]["shared_themes"] == ["job carving"]
    org_result = analyse(build_graph(rows, "organisations"), rows)["page"]
    assert org_result["summary"]["nodes"] == 5
    best = org_result["suggestions"][0]
    node = org_node
    assert {best["a"], best["b"]} in (
        {node(orgs[1].id), node(orgs[3].id)},
        {node(orgs[2].id), node(orgs[3].id)},
    )
    assert best["shared_contacts"] == [{"id": node(orgs[0].id), "label": "Org 0"}]


def test_wins_graph_points_from_inspiring_to_inspired_across_organisations(db, plant):
    a, b = plant.org("Alpha"), plant.org("Beta")
    first = plant.win("Job carving pilot", date(2020, 1, 1), org=a, mechanisms=("oil-spot",))
    second = plant.win("Copied pilot", date(2020, 6, 1), org=b, inspired_by=[first])
    plant.commit()
    graph = build_graph(load_rows(db, Scope()), "wins")
    assert graph.is_directed()
    edge = graph.edges[f"win-{first.id}", f"win-{second.id}"]
    assert edge["kind"] == "inspired" and edge["cross_organisation"] is True
    assert graph.nodes[f"win-{first.id}"]["mechanisms"] == ["oil-spot"]
    early = build_graph(load_rows(db, Scope(as_of=date(2020, 3, 1))), "wins")
    assert list(early) == [f"win-{first.id}"]


def test_big_graphs_sample_betweenness_with_a_fixed_seed():
    import networkx as nx

    graph = nx.barabasi_albert_graph(metrics.EXACT_BETWEENNESS_LIMIT + 50, 2, seed=1)
    first, how = metrics.betweenness(graph)
    again, _ = metrics.betweenness(graph)
    assert how["sampled"] is True and 100 <= how["k"] <= metrics.BETWEENNESS_SAMPLES
    assert first == again
