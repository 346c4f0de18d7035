"""Computing graph results and reading them back: what the job, the pages and the CLI call.

Results are stored per view (kind and scope) in GraphResult with a fingerprint of the data
they came from; a page compares it with the data's fingerprint now to say whether the result
is fresh. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import networkx as nx
from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only

from arena.arenas.models import Meeting
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.db import utcnow
from arena.examples.models import example_presenters
from arena.graph.analysis import KINDS, analyse, build_graph, only_edges_of_kind
from arena.graph.exports import export
from arena.graph.models import GraphResult
from arena.graph.queries import Scope, load_rows
from arena.invitations.models import Attendance
from arena.members.models import Member, Membership, Organisation
from arena.wins.models import SmallWin, SmallWinMechanism, small_win_inspirations

#: raise when the stored result's shape or the algorithms change, so old results go stale
ALGORITHM_VERSION = "1"
#: views the background job keeps fresh besides those someone asked for
DEFAULT_SCOPE = Scope()
#: stored views beyond the defaults that the job refreshes, newest first
MAX_REFRESHED_VIEWS = 12


@dataclass(frozen=True)
class View:
    kind: str
    scope: Scope = DEFAULT_SCOPE

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.scope.key()}"


@dataclass(frozen=True)
class Stored:
    result: GraphResult | None
    is_fresh: bool


def source_fingerprint(session: Session) -> str:
    """Counts and latest changes of every table a graph reads, hashed."""
    parts = [ALGORITHM_VERSION]
    for model in (Member, Organisation, Meeting, Attendance, Collaboration, SmallWin):
        count, latest = session.execute(
            select(func.count(model.id), func.max(model.updated_dt))
        ).one()
        parts.append(f"{model.__tablename__}={count}@{latest}")
    for column in (
        Membership.id,
        CollaborationParticipant.id,
        example_presenters.c.member_id,
        small_win_inspirations.c.inspired_id,
        SmallWinMechanism.small_win_id,
    ):
        parts.append(str(session.scalar(select(func.count(column)))))
    parts.append(str(session.scalar(select(func.sum(Membership.organisation_id)))))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:40]


def compute_view(session: Session, view: View, now: datetime | None = None) -> GraphResult:
    """Build the view's graph and metrics and store them (flushes, never commits)."""
    if view.kind not in KINDS:
        raise ValueError(f"unknown graph kind {view.kind!r}")
    fingerprint = source_fingerprint(session)
    rows = load_rows(session, view.scope)
    data = analyse(build_graph(rows, view.kind), rows)
    result = session.scalar(select(GraphResult).where(GraphResult.key == view.key))
    if result is None:
        result = GraphResult(key=view.key)
        session.add(result)
    result.data = data
    result.source_fingerprint = fingerprint
    result.computed_dt = now or utcnow()
    session.flush()
    return result


def cached_fingerprint(session: Session, cache: dict, now: float, ttl: float = 30.0) -> str:
    """The fingerprint, reused for `ttl` seconds: it scans big tables (0.2 s at 40,000)."""
    if cache.get("at") is None or now - cache["at"] > ttl:
        cache.update(at=now, value=source_fingerprint(session))
    return cache["value"]


def stored_view(session: Session, view: View, fingerprint: str | None = None) -> Stored:
    """The stored result of a view (or None) and whether the data changed since."""
    result = session.scalar(select(GraphResult).where(GraphResult.key == view.key))
    if result is None:
        return Stored(None, False)
    current = fingerprint or source_fingerprint(session)
    return Stored(result, result.source_fingerprint == current)


def refresh_stale_views(session: Session, now: datetime | None = None) -> list[str]:
    """Recompute the default views and recently asked-for ones whose data changed."""
    fingerprint = source_fingerprint(session)
    stored = session.scalars(
        select(GraphResult)
        .options(load_only(GraphResult.key, GraphResult.source_fingerprint))
        .order_by(GraphResult.computed_dt.desc())
    ).all()
    current = {r.key: r.source_fingerprint for r in stored}
    views = [View(kind) for kind in KINDS]
    for result in stored:
        view = view_from_key(result.key)
        if view is not None and view not in views and len(views) < 3 + MAX_REFRESHED_VIEWS:
            views.append(view)
    done = []
    for view in views:
        if current.get(view.key) != fingerprint:
            compute_view(session, view, now)
            done.append(view.key)
    return done


def view_from_key(key: str) -> View | None:
    kind, _, scope_text = key.partition(":")
    if kind not in KINDS:
        return None
    values = dict(part.split("=", 1) for part in scope_text.split(",") if "=" in part)
    try:
        return View(
            kind,
            Scope(
                as_of=_date(values.get("as_of")),
                since=_date(values.get("since")),
                series_id=int(values["series"]) if "series" in values else None,
            ),
        )
    except ValueError:
        return None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def graph_for_export(session: Session, view: View, edge_kind: str | None = None) -> nx.Graph:
    rows = load_rows(session, view.scope)
    return only_edges_of_kind(build_graph(rows, view.kind), edge_kind)


def export_view(session: Session, view: View, fmt: str, edge_kind: str | None = None) -> bytes:
    """The view's graph in `fmt`, with metrics computed over exactly the exported edges."""
    return export(graph_for_export(session, view, edge_kind), fmt)
