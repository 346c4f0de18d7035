"""The job keeps nodes without a tie out of the NetworkX graph (arena.graph.untied); what it
finds and stores must be exactly what the whole graph gives."""

from __future__ import annotations

import random
from datetime import date

import pytest

from arena.graph.analysis import analyse, build_apart, build_graph
from arena.graph.arrays import Shape
from arena.graph.queries import GraphRows, MeetingRow, PairList, Scope

SECTORS = ["care", "business", "education", None, "government"]
THEMES = ["job carving", "debt", "youth", "housing", "language"]


def _network(seed: int, members: int) -> GraphRows:
    """A random network where most members (and some organisations) have no tie yet."""
    rng = random.Random(seed)
    days = [date(2019 + i // 4, 1 + 3 * (i % 4), 10) for i in range(10)]
    meetings = [MeetingRow(500 + i, 1, "Series", f"Session {i}", day) for i, day in enumerate(days)]
    organisations = [
        (o, f"Org {o}", rng.choice(SECTORS), rng.choice(["Wmo", "work", None]), "Ede", days[0])
        for o in range(1, members // 10 + 2)
    ]
    jobs = {m: [(None, None, rng.randrange(1, members // 10 + 2))] for m in range(1, members + 1)}
    active = rng.sample(range(1, members + 1), members // 5)
    attendance = sorted(
        {(m.id, who) for m in meetings for who in active if rng.random() < 0.35}
    )  # fmt: skip
    collaborations = [
        (c, f"Collab {c}", rng.choice(days), rng.choice(["active", "ended"]), meetings[0].id)
        for c in range(1, members // 40 + 2)
    ]
    participants = [
        (c[0], who, None) for c in collaborations for who in rng.sample(range(1, members + 1), 3)
    ]
    return GraphRows(
        scope=Scope(),
        organisations=organisations,
        members=[
            (
                m,
                f"Member {rng.randrange(10**6)}",
                "provider",
                rng.sample(THEMES, rng.randrange(3)),
                m % 11 == 0,
                m % 13 == 0,
                rng.choice(days),
            )  # fmt: skip
            for m in range(1, members + 1)
        ],
        jobs=jobs,
        meetings=meetings,
        meeting_titles={m.id: m.title for m in meetings},
        meeting_series={m.id: m.series_name for m in meetings},
        attendance=PairList(attendance),
        collaborations=collaborations,
        participants=participants,
        presenters=[(meetings[3].id, 1, who) for who in active[:4]],
    )


@pytest.mark.parametrize("kind", ["organisations", "people"])
def test_untied_nodes_kept_apart_restore_the_whole_graph(kind):
    rows = _network(1, 400)
    whole = build_graph(rows, kind)
    graph, untied = build_apart(rows, kind)
    assert len(untied) > 0
    assert all(graph.degree(node) for node in graph)
    shape = Shape.of(graph, untied.nodes)
    expected = Shape.of(whole)
    assert shape.nodes == expected.nodes
    assert (shape.matrix != expected.matrix).nnz == 0
    assert shape.degree.tolist() == expected.degree.tolist()
    assert shape.parts.tolist() == expected.parts.tolist()
    restored = untied.restore(graph)
    assert list(restored.nodes(data=True)) == list(whole.nodes(data=True))
    assert list(restored.edges(data=True)) == list(whole.edges(data=True))


@pytest.mark.parametrize(
    ("seed", "members"),
    [(1, 300), (2, 1200), (3, 2400)],  # the largest samples betweenness (over 1,500 nodes)
)
@pytest.mark.parametrize("kind", ["organisations", "people", "wins"])
def test_the_analysis_with_untied_nodes_apart_is_that_of_the_whole_graph(kind, seed, members):
    rows = _network(seed, members)
    expected = analyse(build_graph(rows, kind), rows)
    graph, untied = build_apart(rows, kind)
    found = analyse(graph, rows, None, untied)
    assert found == expected
    if kind == "people":
        assert expected["page"]["isolated_count"] > members / 2
    if members > 1500 and kind == "people":
        assert expected["page"]["betweenness"]["sampled"]
