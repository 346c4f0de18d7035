"""The collaboration graph's stored findings as JSON, for dashboards and reports.

The same stored result the graph pages read, without the drawing; node-level data with every
metric is the JSON download (/graph/<kind>/export?format=json). Nothing is computed here.
"""

from __future__ import annotations

import time

from flask import abort, current_app, jsonify, request

from arena.auth.access import STAFF, allowed
from arena.db import get_session
from arena.graph import page, services
from arena.graph.analysis import KINDS
from arena.graph.fingerprint import cached_fingerprint

#: what the page data holds besides the findings (the drawing is for the page alone)
LEFT_OUT = frozenset({"drawing"})
MESSAGES = {"date": "Dates take the form YYYY-MM-DD.", "series": "A series is a number."}


def findings(stored: services.Stored, view: services.View) -> dict:
    """The stored findings of a view, with when they were computed and whether still fresh."""
    result = stored.result
    return {
        "kind": view.kind,
        "scope": view.scope.key(),
        "computed_at": result.computed_dt.isoformat(),
        "fresh": stored.is_fresh,
        "checked_at": stored.checked_dt.isoformat() if stored.checked_dt else None,
        **{key: value for key, value in result.data.items() if key not in LEFT_OUT},
    }


@allowed(*STAFF)
def show_v1(kind: str):
    """/api/v1/graph/<kind>: the same findings, for a Bearer token of staff."""
    return show(kind)


@allowed(*STAFF)
def show(kind: str):
    """A view's findings; the query takes series, since and as_of as the page does."""
    if kind not in KINDS:
        abort(404)
    filters = page.parse_filters(kind, request.args, MESSAGES)
    if filters.errors:
        abort(400, description=" ".join(filters.errors))
    session = get_session()
    cache = current_app.extensions.setdefault("graph_fingerprint", {})
    stored = services.stored_view(
        session, filters.view, cached_fingerprint(session, cache, time.monotonic())
    )
    if stored.result is None:
        abort(404, description="This view has not been computed yet; a graph page can do so.")
    return jsonify(findings(stored, filters.view))
