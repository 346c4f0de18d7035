"""The builders are pure: hand-made rows in, a graph out, with no Flask and no database."""

from __future__ import annotations

from datetime import date

import pytest

from arena.graph.analysis import analyse
from arena.graph.build import build_organisation_graph, build_wins_graph, org_node
from arena.graph.queries import GraphRows, MeetingRow, PairList, Scope

SPRING, AUTUMN = date(2021, 4, 1), date(2021, 10, 1)


def _rows(scope: Scope = Scope()) -> GraphRows:
    """Three organisations, a person at each, two sessions, one collaboration, two wins."""
    meetings = [
        MeetingRow(1, 1, "Valuable work", "Spring session", SPRING),
        MeetingRow(2, 1, "Valuable work", "Autumn session", AUTUMN),
    ]
    if scope.as_of:
        meetings = [m for m in meetings if m.day <= scope.as_of]
    shown = {m.id for m in meetings}
    return GraphRows(
        scope=scope,
        organisations=[
            (1, "Alpha", "care", "Wmo", "Utrecht", date(2020, 1, 1)),
            (2, "Beta", "business", "work and income", "Zeist", date(2020, 1, 1)),
            (3, "Gamma", "education", "youth", "Ede", date(2021, 6, 1)),
        ],
        members=[
            (10, "Ann", "provider", ["job carving"], False, False, date(2020, 1, 1)),
            (20, "Bob", "employer", [], False, False, date(2020, 1, 1)),
            (30, "Cas", "school", [], False, False, date(2021, 6, 1)),
        ],
        jobs={10: [(None, None, 1)], 20: [(None, None, 2)], 30: [(None, None, 3)]},
        meetings=meetings,
        meeting_titles={m.id: m.title for m in meetings},
        meeting_series={m.id: m.series_name for m in meetings},
        attendance=[(m, who) for m, who in ((1, 10), (1, 20), (2, 20), (2, 30)) if m in shown],
        collaborations=[] if scope.as_of else [(5, "Job carving", date(2021, 7, 1), "active", 1)],
        participants=[] if scope.as_of else [(5, None, 1), (5, None, 3)],
        wins=[
            (7, "First pilot", SPRING, 10, None, None, 1),
            (8, "Copied pilot", AUTUMN, 30, None, None, 2),
        ],
        mechanisms={7: ["oil-spot"], 8: ["connection"]},
        inspirations=[(8, 7)],
    )


def test_an_organisation_graph_from_plain_rows():
    graph = build_organisation_graph(_rows())
    alpha, beta, gamma = org_node(1), org_node(2), org_node(3)
    assert {frozenset(e) for e in graph.edges} == {
        frozenset(pair) for pair in ((alpha, beta), (alpha, gamma), (beta, gamma))
    }
    assert graph.edges[alpha, gamma]["kind"] == "collaboration"
    assert graph.edges[alpha, gamma]["grew_from"] == "Spring session"
    assert graph.edges[beta, gamma]["step"] == 1  # they first shared the autumn session
    assert graph.nodes[alpha]["small_win_mechanisms"] == ["oil-spot"]


def test_as_of_the_first_session_only_what_existed_then():
    graph = build_organisation_graph(_rows(Scope(as_of=SPRING)))
    assert set(graph) == {org_node(1), org_node(2)}


def test_a_win_that_inspired_another_across_organisations():
    rows = _rows()
    wins = build_wins_graph(rows)
    assert wins.edges["win-7", "win-8"]["cross_organisation"] is True
    result = analyse(wins, rows)["page"]
    chain = result["mechanisms"]["spread"]["oil-spot"][0]
    assert (chain["wins"], chain["organisations"], chain["sectors"]) == (2, 2, 2)


def test_a_small_network_where_everyone_meets_is_not_drawn_as_a_hairball():
    """Forty organisations at the same ten sessions: only the strongest shared sessions tie."""
    from arena.graph.coattendance import shared_sessions
    from arena.graph.ties import CO_ATTENDANCE_PAIRS_PER_NODE

    incidences = [(step, f"org{n}") for step in range(10) for n in range(40) if (n + step) % 7]
    incidences += [(step, "org0") for step in range(10)] + [(step, "org1") for step in range(10)]
    everyone = shared_sessions(incidences, min_shared=1)
    capped = shared_sessions(
        incidences, min_shared=1, max_pairs_per_node=CO_ATTENDANCE_PAIRS_PER_NODE
    )
    assert len(everyone.pairs) == 40 * 39 // 2
    assert len(capped.pairs) <= CO_ATTENDANCE_PAIRS_PER_NODE * 40
    assert capped.min_shared > everyone.min_shared
    assert any({p.a, p.b} == {"org0", "org1"} for p in capped.pairs)  # the strongest tie stays


def test_shared_sessions_counted_a_few_rows_at_a_time_are_the_same(monkeypatch):
    """Shared sessions are counted in blocks of rows, the threshold raised as blocks come in;
    the pairs, their order, threshold and counts match one block of all."""
    from arena.graph import coattendance

    incidences = [(step, f"n{(step * 7 + k * 13) % 90}") for step in range(60) for k in range(12)]

    def run():
        return coattendance.shared_sessions(incidences, min_shared=1, max_pairs=150)

    whole = run()
    monkeypatch.setattr(coattendance, "BLOCK_PAIRS", 5)
    blocks = run()
    assert blocks == whole and whole.min_shared > 1 and 0 < len(whole.pairs) <= 150


def _busy_rows(seed: int) -> GraphRows:
    """Random rows: 60 members, some of whom changed jobs (or have none), 12 sessions."""
    import random

    rng = random.Random(seed)
    days = [date(2020 + i // 4, 1 + 3 * (i % 4), 15) for i in range(12)]
    meetings = [MeetingRow(100 + i, 1, "Series", f"Session {i}", day) for i, day in enumerate(days)]
    jobs = {}
    for member in range(1, 61):
        if member % 7 == 0:
            continue  # no organisation at all
        orgs = rng.sample(range(1, 9), rng.choice([1, 1, 2, 3]))
        cuts = sorted(rng.sample(days, len(orgs) - 1))
        spans = zip([None, *cuts], [*cuts, None], orgs, strict=True)
        jobs[member] = [(since, until, org) for since, until, org in spans]
    attendance = [(m.id, member) for m in meetings for member in range(1, 61) if rng.random() < 0.3]
    return GraphRows(
        scope=Scope(),
        organisations=[
            (o, f"Org {o}", "care", "Wmo", "Ede", date(2019, 1, 1)) for o in range(1, 9)
        ],
        members=[(m, f"M {m}", "x", [], False, False, date(2019, 1, 1)) for m in range(1, 61)],
        jobs=jobs,
        meetings=meetings,
        meeting_titles={m.id: m.title for m in meetings},
        meeting_series={m.id: m.series_name for m in meetings},
        attendance=PairList(attendance),
    )


def _one_by_one(kind: str):
    """The attendance rows numbered one at a time, each organisation looked up per row: what
    the builders did before they took the rows as arrays."""
    import numpy as np

    from arena.graph.build import member_node

    def attendances(rows, _key_of):
        step_of = {m.id: i for i, m in enumerate(rows.meetings)}
        day_of = {m.id: m.day for m in rows.meetings}
        index, first, places, steps = {}, {}, [], []
        for meeting, member in rows.attendance:
            if kind == "people":
                node = member_node(member)
            else:
                org = rows.organisation_of(member, day_of[meeting])
                if org is None:
                    continue
                node = org_node(org)
            first.setdefault(node, step_of[meeting])
            places.append(index.setdefault(node, len(index)))
            steps.append(step_of[meeting])
        return list(index), np.array(places, np.int64), np.array(steps, np.int64), first

    return attendances


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("kind", ["organisations", "people"])
def test_attendances_taken_as_arrays_build_the_graph_built_row_by_row(monkeypatch, kind, seed):
    from arena.graph import build

    builder = (
        build.build_organisation_graph if kind == "organisations" else build.build_people_graph
    )
    rows = _busy_rows(seed)
    ours = builder(rows, 1, 200)
    monkeypatch.setattr(build, "attendance_arrays", _one_by_one(kind))
    theirs = builder(rows, 1, 200)
    assert ours.graph == theirs.graph
    assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(ours.edges(data=True)) == list(theirs.edges(data=True))
    assert ours.number_of_edges() > 20
