"""The landing page for each role, and the health check."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request
from flask_login import current_user
from sqlalchemy import text

from arena.auth.access import EVERYONE, allowed, public
from arena.auth.models import Role
from arena.dashboard import accessibility as accessibility_facts
from arena.dashboard import services
from arena.db import get_session

bp = Blueprint("dashboard", __name__)


@bp.route("/")
@allowed(*EVERYONE)
def index():
    """One dashboard per role: organisers run, programme leads look at the whole, members act."""
    session = get_session()
    if current_user.role == Role.MEMBER:
        member = current_user.member
        overview = services.member_overview(session, member.id) if member else None
        wins = services.recent_small_wins(session, author_id=member.id) if member else []
        return render_template(
            "dashboard/member.html",
            member=member,
            overview=overview,
            wins=wins,
            upcoming=services.upcoming_meetings(session),
        )
    template = (
        "dashboard/organiser.html"
        if current_user.role == Role.ORGANISER
        else "dashboard/programme_lead.html"
    )
    return render_template(
        template,
        counts=services.network_counts(session),
        upcoming=services.upcoming_meetings(session),
        wins=services.recent_small_wins(session),
    )


@bp.route("/healthz")
@public
def healthz():
    """For load balancers and operators: is the database reachable and migrated? Only a
    request from this machine learns the schema revision and the kind of failure."""
    local = request.remote_addr in ("127.0.0.1", "::1")
    try:
        revision = get_session().execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        details = {"error": type(exc).__name__} if local else {}
        return jsonify(status="error", database="unavailable", **details), 503
    return jsonify(status="ok", database="ok", **({"revision": revision} if local else {}))


@bp.route("/toegankelijkheid")
@public
def accessibility():
    """The accessibility statement, after the Dutch model statement; linked from every page."""
    return render_template(
        "dashboard/accessibility.html", statement=accessibility_facts.statement()
    )
