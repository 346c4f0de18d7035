"""The graph pages: explore a stored view, its map's data, recompute, export, mechanisms."""

from __future__ import annotations

import gzip
import io
from functools import cache
from pathlib import Path

import pyvis
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import format_time, format_timedelta
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.routing import BuildError

from arena.arenas.models import ArenaSeries
from arena.auth.access import STAFF, allowed
from arena.db import get_session, utcnow
from arena.extensions import compress
from arena.graph import page, services, tables
from arena.graph.analysis import EDGE_KINDS, KINDS
from arena.graph.downloads import export_view
from arena.graph.exports import FORMATS
from arena.graph.fingerprint import checked_now
from arena.graph.labels import register as register_labels
from arena.graph.transport import decompress, gzipped
from arena.wins.models import Mechanism

bp = Blueprint("graph", __name__, url_prefix="/graph")
bp.record_once(register_labels)


@bp.record_once
def _init_compress(state) -> None:
    state.app.config.setdefault("COMPRESS_REGISTER", False)
    compress.init_app(state.app)


VIS_DIRECTORY = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
VIS_ASSETS = {"vis-network.min.js": "text/javascript", "vis-network.css": "text/css"}
#: where a node's profile lives, when the feature that owns it has the page
PROFILE_ENDPOINTS = {
    "organisations": [("members.organisation", "organisation_id")],
    "people": [("members.show", "member_id")],
    "wins": [("wins.detail", "win_id")],
}


def _messages() -> dict[str, str]:
    return {
        "date": _("A date was not understood; use the form YYYY-MM-DD. It was ignored."),
        "series": _("The series was not understood. It was ignored."),
    }


def _profile_url_template(kind: str) -> str:
    """A URL with {id} where the record id goes, or "" when no profile page exists."""
    for endpoint, argument in PROFILE_ENDPOINTS[kind]:
        try:
            return url_for(endpoint, **{argument: 987654321}).replace("987654321", "{id}")
        except BuildError:
            continue
    return ""


def _freshness(stored: services.Stored) -> dict:
    if stored.result is None:
        return {"age": None, "checked": None}
    return {
        "age": format_timedelta(utcnow() - stored.result.computed_dt),
        "checked": format_time(stored.checked_dt, "HH:mm:ss"),
    }


def _kind_or_404(kind: str) -> str:
    if kind not in KINDS:
        abort(404)
    return kind


@bp.route("/")
@allowed(*STAFF)
@compress.compressed()
def index():
    """The organisation graph, where programme leads start."""
    return _explore("organisations")


@bp.route("/<kind>")
@allowed(*STAFF)
@compress.compressed()
def explore(kind: str):
    """The map, figures, weaving panel and table of a stored view; says how fresh it is."""
    return _explore(kind)


def _explore(kind: str):
    filters = page.parse_filters(_kind_or_404(kind), request.args, _messages())
    session = get_session()
    stored = services.stored_view(session, filters.view, checked_now(session))
    data = stored.result.data if stored.result else None
    part = "alone" if filters.show == "unconnected" else "table"
    table, total, keep, changes, map_config = [], 0, None, None, {}
    if data:
        shown = tables.read_page(
            session, stored.result.id, part, filters.sort, filters.descending, filters.page,
            filters.graph_filter,
        )  # fmt: skip
        if shown is not None:  # None: stored before version 8, stale, recomputed soon
            table, total, keep, filters.page = shown.rows, shown.total, shown.keep, shown.page
        if part == "table":
            map_config = page.map_config(keep, filters, data["suggestions"])
        if (filters.changed_from or filters.changed_until) and part == "table":
            drawing = services.stored_part(session, filters.view, "drawing").data
            steps = decompress(drawing["steps"]) if "steps" in drawing else data["steps"]
            whole = page.stored_rows(services.stored_part(session, filters.view, "table").data)
            changes = page.changes_between(whole, decompress(drawing["ties"]), steps, filters)
        else:
            changes = data.get("changes")
    return render_template(
        "graph/explore.html",
        kind=kind,
        kinds=KINDS,
        filters=filters,
        stored=stored,
        data=data,
        drawing=data["drawing"] if data else None,
        map_config=map_config,
        shown_count=total,
        pages=page.pages_of(total),
        first_row=(filters.page - 1) * page.TABLE_LIMIT + 1,
        changes=changes,
        **_freshness(stored),
        table=table,
        legend=data["legend"] if data else {},
        sectors=page.filter_choices(data, "sector") if data else [],
        domains=page.filter_choices(data, "policy_domain") if data else [],
        series=session.execute(select(ArenaSeries.id, ArenaSeries.name).order_by("name")).all(),
        edge_kinds=[k for k in EDGE_KINDS if (k == "inspired") == (kind == "wins")],
        mechanisms=list(Mechanism),
        size_metrics=page.SIZE_METRICS,
        profile_url=_profile_url_template(kind),
        formats=list(FORMATS),
    )


@bp.route("/<kind>/map")
@allowed(*STAFF)
def map_data(kind: str):
    """The stored map as JSON, sent gzipped as the job stored it; never computed here."""
    filters = page.parse_filters(_kind_or_404(kind), request.args, _messages())
    result = services.stored_part(get_session(), filters.view, "drawing")
    if result is None:
        abort(404)
    tag = f"{result.source_fingerprint}-{result.computed_dt.timestamp():.0f}"
    if tag in request.if_none_match:
        return Response(status=304)
    body = gzipped(result.data["map"])
    response = Response(mimetype="application/json")
    if "gzip" in request.accept_encodings:
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
    else:
        response.set_data(gzip.decompress(body))
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(tag)
    response.cache_control.private = True
    response.cache_control.no_cache = True
    return response


@bp.route("/<kind>/recompute", methods=["POST"])
@allowed(*STAFF)
def recompute(kind: str):
    """Compute the view now instead of waiting for the scheduler."""
    filters = page.parse_filters(_kind_or_404(kind), request.form, _messages())
    session = get_session()
    services.compute_view(session, filters.view)
    session.commit()
    flash(_("The graph has been computed from the current data."), "success")
    return redirect(url_for("graph.explore", kind=kind, **filters.query()))


@bp.route("/<kind>/export")
@allowed(*STAFF)
def export(kind: str):
    """Download the view as GEXF, GraphML, CSV (zip) or JSON, metrics included."""
    filters = page.parse_filters(_kind_or_404(kind), request.args, _messages())
    fmt = request.args.get("format", "gexf")
    if fmt not in FORMATS:
        abort(404)
    mimetype, extension = FORMATS[fmt]
    session = get_session()
    download = export_view(session, filters.view, fmt, filters.graph_filter)
    session.commit()  # a default view's graph is kept for the next download
    return send_file(
        io.BytesIO(download.content), mimetype=mimetype, as_attachment=True,
        download_name=page.download_name(filters, extension),
    )  # fmt: skip


@bp.route("/mechanisms")
@allowed(*STAFF)
@compress.compressed()
def mechanisms():
    """Small wins per mechanism by series and year, and how far spreading chains reached."""
    session = get_session()
    view = services.View("wins")
    stored, overview = services.stored_entry(session, view, "mechanisms", checked_now(session))
    return render_template(
        "graph/mechanisms.html",
        stored=stored,
        overview=overview,
        per_series=page.mechanism_rows(overview, list(Mechanism)),
        **_freshness(stored),
        mechanisms=list(Mechanism),
    )


@cache
def _vis_bytes(name: str) -> bytes:
    return (VIS_DIRECTORY / name).read_bytes()


@bp.route("/assets/<name>")
@allowed(*STAFF)
@compress.compressed()
def vis_asset(name: str):
    """vis-network as shipped inside the installed pyvis package: served here, never a CDN."""
    if name not in VIS_ASSETS:
        abort(404)
    response = Response(_vis_bytes(name), mimetype=VIS_ASSETS[name])
    response.cache_control.max_age = 86400
    response.cache_control.private = True
    return response
