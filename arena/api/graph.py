"""The collaboration graph's stored findings as JSON, for dashboards and reports.

The same stored result the graph pages read, without the drawing; node-level data with every
metric is the JSON download (/graph/<kind>/export?format=json). Nothing is computed here.
What grows with the network is paged apart, as the page shows it: the findings hold the
first legend entries per colouring and how many there are (5,000 communities at 200,000
members) and how many sessions the view counts (12,000); every session and every legend
entry come page by page from /api/v1/graph/<kind>/sessions and .../legend/<colouring>
(the findings were 2 MB a call with both lists whole).
"""

from __future__ import annotations

import marshmallow as ma
from flask import abort, jsonify, request

from arena.api.base import V1, bp
from arena.api.paging import ApiSchema, ListArgs, page_schema, paginate_list
from arena.auth.access import STAFF, allowed
from arena.db import get_session
from arena.graph import page, services
from arena.graph.analysis import KINDS
from arena.graph.legend import COLOURINGS, LEGEND_SHOWN
from arena.graph.queries import Scope

#: what the page data holds besides the findings (for the page alone)
LEFT_OUT = frozenset({"drawing", "choices", "steps"})
MESSAGES = {"date": "Dates take the form YYYY-MM-DD.", "series": "A series is a number."}


def findings(stored: services.Stored, view: services.View) -> dict:
    """The stored findings of a view, with when they were computed and whether still fresh."""
    result = stored.result
    data = result.data
    legend = data.get("legend") or {}
    return {
        "kind": view.kind,
        "scope": view.scope.key(),
        "computed_at": result.computed_dt.isoformat(),
        "fresh": stored.is_fresh,
        "checked_at": stored.checked_dt.isoformat() if stored.checked_dt else None,
        **{key: value for key, value in data.items() if key not in LEFT_OUT},
        # results stored before version 6 kept both lists whole in the findings
        "legend": {c: table[:LEGEND_SHOWN] for c, table in legend.items()},
        "legend_count": data.get("legend_count") or {c: len(t) for c, t in legend.items()},
        "step_count": data.get("step_count", len(data.get("steps") or [])),
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
    legend = F.Dict(
        metadata={
            "description": "per colouring (sector, policy_domain, community) its first "
            "entries, the largest first; the rest from /api/v1/graph/{kind}/legend/{colouring}"
        }
    )
    legend_count = F.Dict(metadata={"description": "legend entries per colouring"})
    step_count = F.Integer(
        metadata={"description": "sessions in the view: /api/v1/graph/{kind}/sessions"}
    )
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
    stored = _stored(session, filters.view)
    return jsonify(findings(stored, filters.view))


def _stored(session, view: services.View) -> services.Stored:
    stored = services.stored_view(session, view)
    if stored.result is None:
        abort(404, description="This view has not been computed yet; a graph page can do so.")
    return stored


class LegendEntry(ma.Schema):
    value = F.Raw(
        allow_none=True,
        metadata={
            "description": "a sector, policy domain or community number; null: nodes without one"
        },
    )
    colour = F.String(metadata={"description": "#rrggbb, as the map draws it"})
    count = F.Integer()


class StoredListArgs(ApiSchema):
    """A page of a stored list of one view (the view picked as the findings' query does)."""

    cursor = ListArgs().fields["cursor"]
    limit = ListArgs().fields["limit"]
    series = F.Integer(load_default=None, validate=ma.validate.Range(1, 2**31 - 1))
    since = F.Date(load_default=None)
    as_of = F.Date(load_default=None)


def _view(kind: str, args: dict) -> services.View:
    if kind not in KINDS:
        abort(404)
    return services.View(kind, Scope(args["as_of"], args["since"], args["series"]))


@bp.route(f"{V1}/graph/<kind>/sessions", endpoint="graph_sessions", methods=["GET"])
@allowed(*STAFF)
@bp.arguments(StoredListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(Step, "GraphSessionPage"))
def graph_sessions(args: dict, kind: str):
    """Every session of a graph view, oldest first (a node's step counts from 0 here)."""
    view = _view(kind, args)
    session = get_session()
    stored = _stored(session, view)
    steps = services.stored_list(session, view, "steps")
    if steps is None:
        steps = stored.result.data.get("steps") or []
    return paginate_list(steps, args)


@bp.route(f"{V1}/graph/<kind>/legend/<colouring>", endpoint="graph_legend", methods=["GET"])
@allowed(*STAFF)
@bp.arguments(StoredListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(LegendEntry, "GraphLegendPage"))
def graph_legend(args: dict, kind: str, colouring: str):
    """The map's colours of one colouring (sector, policy_domain, community): the most
    frequent value first, nodes without a value last."""
    view = _view(kind, args)
    if colouring not in COLOURINGS:
        abort(404)
    session = get_session()
    stored = _stored(session, view)
    legend = services.stored_list(session, view, "legend")
    if legend is None:
        legend = stored.result.data.get("legend") or {}
    return paginate_list(legend.get(colouring, []), args)
