"""Computing graph results and reading them back: what the job, the pages and the CLI call.

Each view (kind and scope) is stored in a GraphResult row under its key: the page's data
(figures, findings, the drawing). The default views also store, under GRAPH_PREFIX + key, the
whole graph with its metrics as node-link JSON (28 MB for the people graph at 40,000 members,
hence defaults only), so their downloads need no recomputing; the page row stays apart and
small because every page view reads it. The job keeps the defaults and the most recently
asked-for views fresh and forgets the others. Both carry the fingerprint of the data they
came from; a page compares it with the data's fingerprint now to say whether it is fresh.
Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, load_only

from arena.db import utcnow
from arena.graph.analysis import KINDS, analyse, build_graph
from arena.graph.exports import graph_to_json
from arena.graph.fingerprint import MAX_RESULT_AGE, Checked, source_fingerprint
from arena.graph.models import GraphResult
from arena.graph.queries import GraphRows, Scope, load_rows

#: views the background job keeps fresh besides those someone asked for
DEFAULT_SCOPE = Scope()
#: stored views beyond the defaults that the job refreshes, newest first
MAX_REFRESHED_VIEWS = 12
#: key prefix of the rows holding a view's whole graph (never parsed as a view)
GRAPH_PREFIX = "graph|"


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
    #: when the data was last checked for changes (pages reuse a check for a few seconds)
    checked_dt: datetime | None = None


def _row(session: Session, key: str, with_data: bool = True) -> GraphResult | None:
    query = select(GraphResult).where(GraphResult.key == key)
    if not with_data:  # the graph rows are megabytes: never read them just to replace them
        query = query.options(load_only(GraphResult.id, GraphResult.key))
    return session.scalar(query)


def _save(session: Session, key: str, data: dict, fingerprint: str, now: datetime, row=None):
    row = row if row is not None else _row(session, key, with_data=False)
    if row is None:
        row = GraphResult(key=key)
        session.add(row)
    row.data = data
    row.source_fingerprint = fingerprint
    row.computed_dt = now
    return row


def compute_view(
    session: Session,
    view: View,
    now: datetime | None = None,
    rows: GraphRows | None = None,
    fingerprint: str | None = None,
) -> GraphResult:
    """Build the view's graph and metrics and store both rows (flushes, never commits).

    `rows` and `fingerprint` may be passed in when several views of one scope are computed
    together, so the data is read once.
    """
    if view.kind not in KINDS:
        raise ValueError(f"unknown graph kind {view.kind!r}")
    fingerprint = fingerprint or source_fingerprint(session)
    rows = rows if rows is not None else load_rows(session, view.scope)
    now = now or utcnow()
    graph = build_graph(rows, view.kind)
    page_row = _row(session, view.key)
    previous = (page_row.data or {}).get("drawing") if page_row is not None else None
    data = analyse(graph, rows, previous)
    page_row = _save(session, view.key, data, fingerprint, now, page_row)
    if view.scope == DEFAULT_SCOPE:  # tens of megabytes at 40,000 members: defaults only
        _save(session, GRAPH_PREFIX + view.key, {"graph": graph_to_json(graph)}, fingerprint, now)
    session.flush()
    return page_row


def stored_view(session: Session, view: View, checked: Checked | None = None) -> Stored:
    """The stored result of a view (or None) and whether the data changed since."""
    result = _row(session, view.key)
    if result is None:
        return Stored(None, False)
    checked = checked or Checked(source_fingerprint(session), utcnow())
    return Stored(result, result.source_fingerprint == checked.value, checked.checked_dt)


def stored_graph(session: Session, view: View, fingerprint: str) -> GraphResult | None:
    """The stored whole graph of a view, only when computed from the data as it is now."""
    result = _row(session, GRAPH_PREFIX + view.key)
    if result is None or result.source_fingerprint != fingerprint:
        return None
    return result


def refresh_stale_views(session: Session, now: datetime | None = None) -> list[str]:
    """Recompute the default views and recently asked-for ones whose data changed.

    Views of one scope share one read of the data. A result older than MAX_RESULT_AGE is
    recomputed anyway, for changes the fingerprint cannot see.
    """
    now = now or utcnow()
    fingerprint = source_fingerprint(session)
    stored = session.scalars(
        select(GraphResult)
        .options(
            load_only(GraphResult.key, GraphResult.source_fingerprint, GraphResult.computed_dt)
        )
        .order_by(GraphResult.computed_dt.desc())
    ).all()
    current = {r.key: r for r in stored}
    views = [View(kind) for kind in KINDS]
    for result in stored:
        view = view_from_key(result.key)
        if view is not None and view not in views and len(views) < 3 + MAX_REFRESHED_VIEWS:
            views.append(view)
    _forget_all_but(session, views)

    def is_stale(view: View) -> bool:
        rows = [current.get(view.key)]
        if view.scope == DEFAULT_SCOPE:
            rows.append(current.get(GRAPH_PREFIX + view.key))
        return any(
            row is None or row.source_fingerprint != fingerprint
            or row.computed_dt < now - MAX_RESULT_AGE
            for row in rows
        )  # fmt: skip

    stale = [view for view in views if is_stale(view)]
    done = []
    for scope in dict.fromkeys(view.scope for view in stale):
        rows = load_rows(session, scope)
        for view in (v for v in stale if v.scope == scope):
            compute_view(session, view, now, rows, fingerprint)
            done.append(view.key)
    return done


def _forget_all_but(session: Session, views: list[View]) -> None:
    """Drop stored views nobody asked for lately: they would only go stale, and take room."""
    keys = [v.key for v in views] + [
        GRAPH_PREFIX + v.key for v in views if v.scope == DEFAULT_SCOPE
    ]
    session.execute(delete(GraphResult).where(GraphResult.key.not_in(keys)))


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
