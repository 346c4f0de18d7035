"""How the collaboration graph grew over the period, read from the graph's stored views.

New ties and organisations are the organisation graph at the period's end less the graph the
day before it started: the same graphs ``arena graph export --as-of`` writes, so the report
and the exports agree by construction. Building a graph of a national network takes seconds,
so the report never builds one while a reader waits: it reads the views the graph job stores
and keeps fresh, and says so when they are not computed yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.graph import services as graph
from arena.graph.fingerprint import source_fingerprints
from arena.graph.models import GraphResult
from arena.graph.queries import Scope, load_rows
from arena.reports.period import Period

KIND = "organisations"


@dataclass(frozen=True)
class GraphState:
    nodes: int
    edges: int
    computed_dt: datetime
    #: the network's stage, when the graph analysis names one
    stage: str | None = None


@dataclass(frozen=True)
class NetworkGrowth:
    before: GraphState | None
    after: GraphState | None

    @property
    def is_known(self) -> bool:
        return self.before is not None and self.after is not None

    @property
    def new_ties(self) -> int | None:
        return self.after.edges - self.before.edges if self.is_known else None

    @property
    def new_organisations(self) -> int | None:
        return self.after.nodes - self.before.nodes if self.is_known else None


def growth_views(period: Period) -> tuple[graph.View, graph.View]:
    """The stored graph views the period's growth is read from: before and after it."""
    before = Scope(as_of=period.start - timedelta(days=1), series_id=period.series_id)
    after = Scope(as_of=period.end, series_id=period.series_id)
    return graph.View(KIND, before), graph.View(KIND, after)


def _state(session: Session, view: graph.View) -> GraphState | None:
    """Only the summary is read: the stored drawing beside it is megabytes."""
    row = session.execute(
        select(
            GraphResult.data["summary"], GraphResult.data["stage"], GraphResult.computed_dt
        ).where(GraphResult.key == view.key)
    ).first()
    if row is None or not row[0]:
        return None
    summary, stage, computed_dt = row
    stage_label = stage.get("stage") if isinstance(stage, dict) else stage
    return GraphState(int(summary["nodes"]), int(summary["edges"]), computed_dt, stage_label)


def network_growth(session: Session, period: Period) -> NetworkGrowth:
    before, after = growth_views(period)
    return NetworkGrowth(_state(session, before), _state(session, after))


def compute_network_growth(session: Session, period: Period, now: datetime) -> NetworkGrowth:
    """Compute and store both views now (flushes, never commits); the graph job refreshes them."""
    fingerprint = source_fingerprints(session)[KIND]
    for view in growth_views(period):
        graph.compute_view(session, view, now, load_rows(session, view.scope), fingerprint)
    return network_growth(session, period)
