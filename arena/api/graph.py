"""The collaboration graph's stored findings as JSON, for dashboards and reports.

The same stored result the graph pages read, without the drawing; node-level data with every
metric is the JSON download (/graph/<kind>/export?format=json). Nothing is computed here.
"""

from __future__ import annotations

import time

import marshmallow as ma
from flask import abort, current_app, jsonify, request

from arena.api.base import bp
from arena.auth.access import STAFF, allowed
from arena.db import get_session
from arena.graph import page, services
from arena.graph.analysis import KINDS
from arena.graph.fingerprint import cached_fingerprint

#: what the page data holds besides the findings (for the page alone)
LEFT_OUT = frozenset({"drawing", "step_count", "legend_count", "choices"})
MESSAGES = {"date": "Dates take the form YYYY-MM-DD.", "series": "A series is a number."}


def findings(stored: services.Stored, view: services.View, lists: dict | None = None) -> dict:
    """The stored findings of a view, with when they were computed and whether still fresh;
    `lists` (services.stored_lists) give every session and the whole legend, which the
    findings keep only as far as the pages show them."""
    result = stored.result
    return {
        "kind": view.kind,
        "scope": view.scope.key(),
        "computed_at": result.computed_dt.isoformat(),
        "fresh": stored.is_fresh,
        "checked_at": stored.checked_dt.isoformat() if stored.checked_dt else None,
        **{key: value for key, value in result.data.items() if key not in LEFT_OUT},
        **(lists or {}),
    }


F = ma.fields


class Node(ma.Schema):
    id = F.String(required=True, metadata={"description": "e.g. member-12, org-3, win-40"})
    label = F.String(required=True)


class Broker(Node):
    degree = F.Integer()
    weighted_degree = F.Float()
    betweenness = F.Float()
    community = F.Integer()


class Carrier(Node):
    ties = F.Integer()


class OneTie(Node):
    tied_to = F.Nested(Node)


class Bridges(ma.Schema):
    pairs = F.List(F.List(F.Raw()), metadata={"description": "[sector, sector, ties]"})
    carriers = F.List(F.Nested(Carrier))
    cross_edges = F.Integer()


class Community(ma.Schema):
    community = F.Integer()
    size = F.Integer()
    sectors = F.Integer()
    largest_sector = F.String()
    largest_share = F.Float()
    mix = F.List(F.List(F.Raw()), metadata={"description": "[sector, members]"})


class Summary(ma.Schema):
    nodes = F.Integer()
    edges = F.Integer()
    density = F.Float()
    components = F.Integer()
    largest_component = F.Integer()
    isolated = F.Integer()


class Sampling(ma.Schema):
    sampled = F.Boolean()
    k = F.Integer(metadata={"description": "the nodes betweenness was sampled from"})


class Step(ma.Schema):
    day = F.String(metadata={"description": "YYYY-MM-DD"})
    title = F.String()
    series = F.String(allow_none=True)


class Stage(ma.Schema):
    nodes = F.Integer()
    ties = F.Integer()
    components = F.Integer()
    largest_share = F.Float()
    centralisation = F.Float()
    core_fit = F.Float()
    core_size = F.Integer()
    core_density = F.Float()
    stage = F.String(metadata={"description": "fragmented, single-hub, multi-hub, core-periphery"})


class StageOfYear(Stage):
    step = F.Integer()
    year = F.String()


class Hub(Node):
    share = F.Float()
    is_organisers = F.Boolean()
    warning = F.Boolean()


class Suggestion(ma.Schema):
    a = F.String()
    a_label = F.String()
    b = F.String()
    b_label = F.String()
    shared_themes = F.List(F.String())
    different_sectors = F.Boolean()
    score = F.Float()
    shared_contacts = F.List(F.Nested(Node))
    shared_count = F.Integer()


class GraphFindings(ma.Schema):
    """The stored findings of one graph view, as the graph page shows them (no drawing)."""

    kind = F.String(required=True, metadata={"description": "organisations, people or wins"})
    scope = F.String(required=True)
    computed_at = F.AwareDateTime(required=True)
    fresh = F.Boolean(required=True, metadata={"description": "no data changed since"})
    checked_at = F.AwareDateTime(allow_none=True)
    summary = F.Nested(Summary)
    betweenness = F.Nested(Sampling)
    min_shared = F.Integer(allow_none=True)
    brokers = F.List(F.Nested(Broker))
    communities = F.List(F.Nested(Community))
    community_count = F.Integer()
    sector_bridges = F.Nested(Bridges)
    domain_bridges = F.Nested(Bridges)
    newcomers = F.List(F.Nested(Node))
    newcomer_count = F.Integer()
    last_step = F.Nested(Step, allow_none=True)
    steps = F.List(F.Nested(Step))
    isolated = F.List(F.Nested(Node))
    isolated_count = F.Integer()
    one_tie = F.List(F.Nested(OneTie))
    one_tie_count = F.Integer()
    suggestions = F.List(F.Nested(Suggestion))
    isolated_suggestions = F.List(F.Nested(Suggestion))
    hub = F.Nested(Hub, allow_none=True)
    stage = F.Nested(Stage)
    stage_per_year = F.List(F.Nested(StageOfYear))
    changes = F.Dict(allow_none=True, metadata={"description": "since the last session"})
    legend = F.Dict()
    clusters = F.List(F.Dict())
    central = F.List(F.Nested(Node))
    marked_brokers = F.List(F.Nested(Node))
    mechanisms = F.Dict(allow_none=True, metadata={"description": "the wins graph only"})


@allowed(*STAFF)
@bp.response(200, GraphFindings)
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
    return jsonify(findings(stored, filters.view, services.stored_lists(session, filters.view)))
