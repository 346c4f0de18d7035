"""Computing graph results and reading them back: what the job, the pages and the CLI call.

Each view (kind and scope) is stored in GraphResult rows, one per part, so a page reads only
what it shows: under the view's key the findings (small: every page view reads them), and
under PART|key the map (gzipped JSON, sent to the browser as stored) and the table of tied
nodes (read whole only to compare two dates). The table and the list of unconnected nodes
are also kept row by row beside the findings, with the pages of every order a page offers
(arena.graph.tables), so any page of either reads 200 rows. A download
of a default view keeps, under graph|key, the whole graph with its metrics (gzipped
node-link JSON), so the next download needs no
recomputing until the data changes; the job does not make it (downloads are rarer than pages,
and at 40,000 members it was a third of the job's time).
The job keeps the defaults and the most recently asked-for views fresh and forgets the
others. Every row carries the fingerprint of the data its kind of graph reads; a page compares
it with the fingerprint now to say whether it is fresh, and the job recomputes only the views
whose own data changed. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, load_only

from arena.db import utcnow
from arena.graph import tables
from arena.graph.analysis import KINDS, analyse, build_apart
from arena.graph.exports import graph_to_json
from arena.graph.fingerprint import MAX_RESULT_AGE, Checked, checked_now, source_fingerprints
from arena.graph.models import GraphResult
from arena.graph.queries import GraphRows, Scope, load_rows
from arena.graph.transport import compress, decompress

#: views the background job keeps fresh besides those someone asked for
DEFAULT_SCOPE = Scope()
#: stored views beyond the defaults that the job refreshes, newest first
MAX_REFRESHED_VIEWS = 12
#: the parts stored apart from the findings, each under PART + "|" + the view's key
PARTS = ("drawing", "table")
#: the lists kept row by row (arena.graph.tables), the table also whole
LISTS = ("table", "alone")
#: the whole graph, for downloads of the default views
GRAPH_PART = "graph"
GRAPH_PREFIX = GRAPH_PART + "|"


@dataclass(frozen=True)
class View:
    kind: str
    scope: Scope = DEFAULT_SCOPE

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.scope.key()}"

    def part_key(self, part: str) -> str:
        return f"{part}|{self.key}"

    @property
    def part_keys(self) -> list[str]:
        """The parts the job keeps fresh (the whole graph is kept by downloads)."""
        return [self.part_key(part) for part in PARTS]


@dataclass(frozen=True)
class Stored:
    result: GraphResult | None
    is_fresh: bool
    #: when the data was checked for changes
    checked_dt: datetime | None = None


def _row(session: Session, key: str, with_data: bool = True) -> GraphResult | None:
    query = select(GraphResult).where(GraphResult.key == key)
    if not with_data:  # the part rows are megabytes: never read them just to replace them
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


def _previous_drawing(session: Session, view: View) -> dict | None:
    """The stored layout key and positions, so an unchanged structure keeps its picture."""
    row = _row(session, view.part_key("drawing"))
    if row is None or "positions" not in (row.data or {}):
        return None
    return {"layout_key": row.data["layout_key"], "positions": decompress(row.data["positions"])}


def compute_view(
    session: Session,
    view: View,
    now: datetime | None = None,
    rows: GraphRows | None = None,
    fingerprint: str | None = None,
) -> GraphResult:
    """Build the view's graph and metrics and store every part (flushes, never commits).

    `rows` and `fingerprint` (of this kind) may be passed in when several views of one scope
    are computed together, so the data is read once.
    """
    if view.kind not in KINDS:
        raise ValueError(f"unknown graph kind {view.kind!r}")
    fingerprint = fingerprint or source_fingerprints(session)[view.kind]
    rows = rows if rows is not None else load_rows(session, view.scope)
    now = now or utcnow()
    graph, untied = build_apart(rows, view.kind)
    parts = analyse(graph, rows, _previous_drawing(session, view), untied)
    del graph, untied
    page_row = _save(session, view.key, parts.pop("page"), fingerprint, now)
    lists = {part: parts[part] for part in LISTS}
    parts["table"] = compress(parts["table"], level=1)
    saved = [_save(session, view.part_key(part), parts[part], fingerprint, now) for part in PARTS]
    del parts
    session.flush()
    tables.store_lists(session, page_row.id, lists)
    del lists
    for row in saved:  # written: let their megabytes go before the next view is built
        session.expunge(row)
    return page_row


def stored_view(session: Session, view: View, checked: Checked | None = None) -> Stored:
    """The stored findings of a view (or None) and whether its data changed since."""
    result = _row(session, view.key)
    if result is None:
        return Stored(None, False)
    checked = checked or checked_now(session)
    return Stored(
        result, result.source_fingerprint == checked.values[view.kind], checked.checked_dt
    )


def stored_entry(
    session: Session, view: View, name: str, checked: Checked | None = None
) -> tuple[Stored, object]:
    """A view's freshness and one entry of its findings, picked out by the database: the
    mechanisms page needs half a megabyte of the three (wins at 200,000 members) that
    decoding all of them took 60 ms."""
    result = session.scalar(
        select(GraphResult)
        .options(
            load_only(GraphResult.key, GraphResult.computed_dt, GraphResult.source_fingerprint)
        )
        .where(GraphResult.key == view.key)
    )
    if result is None:
        return Stored(None, False), None
    checked = checked or checked_now(session)
    value = session.scalar(select(GraphResult.data[name]).where(GraphResult.id == result.id))
    fresh = result.source_fingerprint == checked.values[view.kind]
    return Stored(result, fresh, checked.checked_dt), value


#: what the drawing part keeps of the findings in full (the findings keep what pages show)
FULL_LISTS = ("steps", "legend")


def stored_list(session: Session, view: View, name: str):
    """One of FULL_LISTS (every session of the view, or its whole colour legend), picked out
    of the drawing part by the database, without its map; None when the part holds none
    (stored before version 6, whose findings still hold both)."""
    key = view.part_key("drawing")
    value = session.scalar(select(GraphResult.data[name]).where(GraphResult.key == key))
    return decompress(value) if value else None


def stored_part(session: Session, view: View, part: str) -> GraphResult | None:
    """One stored part of a view (drawing, table), however fresh."""
    return _row(session, view.part_key(part))


def stored_graph(session: Session, view: View, fingerprint: str) -> GraphResult | None:
    """The stored whole graph of a view, only when computed from the data as it is now."""
    result = _row(session, view.part_key(GRAPH_PART))
    if result is None or result.source_fingerprint != fingerprint:
        return None
    return result


def store_graph(session: Session, view: View, graph, fingerprint: str) -> None:
    """Keep a default view's whole graph (metrics attached) for the next download."""
    if view.scope == DEFAULT_SCOPE:  # megabytes at 40,000 members: defaults only
        data = compress(graph_to_json(graph))
        row = _save(session, view.part_key(GRAPH_PART), data, fingerprint, utcnow())
        session.flush()
        session.expunge(row)


def refresh_stale_views(session: Session, now: datetime | None = None) -> list[str]:
    """Recompute the default views and recently asked-for ones whose own data changed.

    Views of one scope share one read of the data. A result older than MAX_RESULT_AGE is
    recomputed anyway, for changes the fingerprint cannot see.
    """
    now = now or utcnow()
    fingerprints = source_fingerprints(session)
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
        rows = [current.get(key) for key in [view.key, *view.part_keys]]
        return any(
            row is None or row.source_fingerprint != fingerprints[view.kind]
            or row.computed_dt < now - MAX_RESULT_AGE
            for row in rows
        )  # fmt: skip

    stale = [view for view in views if is_stale(view)]
    done = []
    with _collector_paused():
        for scope in dict.fromkeys(view.scope for view in stale):
            rows = load_rows(session, scope)
            gc.freeze()  # the rows live through every view: no collection walks them again
            for view in (v for v in stale if v.scope == scope):
                compute_view(session, view, now, rows, fingerprints[view.kind])
                done.append(view.key)
                gc.collect()  # the view's graph (NetworkX graphs hold cycles), once
            gc.unfreeze()
            del rows
    return done


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while views are computed, one collection after each.

    Building a view makes millions of small objects while the rows (hundreds of thousands of
    tuples) stay alive, so the collector ran again and again over all of them: a fifth of the
    job's CPU time at 40,000 members, and most of reading the rows. The rows are frozen out
    of the collections after each view (gc.freeze), which then walk only that view's objects.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _forget_all_but(session: Session, views: list[View]) -> None:
    """Drop stored views nobody asked for lately: they would only go stale, and take room."""
    keys = [key for view in views for key in [view.key, *view.part_keys]]
    keys += [view.part_key(GRAPH_PART) for view in views if view.scope == DEFAULT_SCOPE]
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
