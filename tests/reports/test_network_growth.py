"""The report's network growth agrees with the graph exports of the same days."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.graph.downloads import export_view
from arena.graph.filters import GraphFilter
from arena.graph.queries import Scope
from arena.graph.services import View
from arena.reports.network import compute_network_growth, network_growth
from arena.reports.period import Period

YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
NOW = datetime(2025, 2, 1, tzinfo=UTC)


def _collaborate(db, started: date, *organisations) -> None:
    collaboration = Collaboration(title=f"Together {started}", started_on=started)
    collaboration.participants = [
        CollaborationParticipant(organisation_id=o.id) for o in organisations
    ]
    db.add(collaboration)
    db.commit()


def _exported(db, as_of: date) -> dict:
    download = export_view(db, View("organisations", Scope(as_of=as_of)), "json", GraphFilter())
    return json.loads(download.content)


def test_new_ties_are_the_graph_at_the_end_less_the_graph_before_the_start(db, make_organisation):
    a, b, c, d = (make_organisation() for _ in range(4))
    for organisation, made in ((a, 2023), (b, 2023), (c, 2024), (d, 2025)):
        organisation.created_dt = datetime(made, 3, 1, tzinfo=UTC)
    db.commit()
    _collaborate(db, date(2023, 6, 1), a, b)
    _collaborate(db, date(2024, 6, 1), a, c)
    _collaborate(db, date(2024, 9, 1), b, c)
    _collaborate(db, date(2025, 1, 5), c, d)  # after the period: not counted

    assert not network_growth(db, YEAR).is_known  # nothing computed yet, and it says so
    growth = compute_network_growth(db, YEAR, NOW)
    db.commit()

    before = _exported(db, YEAR.start - timedelta(days=1))
    after = _exported(db, YEAR.end)
    assert growth.new_ties == len(after["edges"]) - len(before["edges"]) == 2
    assert growth.new_organisations == len(after["nodes"]) - len(before["nodes"]) == 1
    assert network_growth(db, YEAR).after.edges == len(after["edges"])
    assert network_growth(db, YEAR).after.stage in ("fragmented", "single-hub", "multi-hub",
                                                    "core-periphery")  # fmt: skip
