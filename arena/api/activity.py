"""Practice examples, small wins (with mechanisms and what inspired them), collaborations and
reflections, each with the access rule and the "what a member sees" rule of its pages; and
logging a small win through the wins' own service."""

from __future__ import annotations

import marshmallow as ma
from flask_login import current_user
from sqlalchemy import false, select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import UnprocessableEntity

from arena.api.base import V1, bp, same_access_as
from arena.api.paging import ApiSchema, ListArgs, page_schema, paginate
from arena.auth.models import Role
from arena.collaborations import services as collaborations
from arena.collaborations import views as collaboration_pages
from arena.collaborations.models import Collaboration
from arena.db import get_session
from arena.examples import services as examples
from arena.examples import views as example_pages
from arena.examples.models import PracticeExample
from arena.wins import reflection_views
from arena.wins import views as win_pages
from arena.wins.models import Mechanism, Reflection, SmallWin
from arena.wins.services import WinError, WinInput, record_small_win


def _own_member_id() -> int | None:
    """The member whose own rows a member's token sees; None for staff, who see all."""
    return current_user.member_id if current_user.role == Role.MEMBER else None


class ExampleOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String()
    initiative = ma.fields.String()
    goals = ma.fields.String()
    underlying_values = ma.fields.String()
    maturity = ma.fields.String()
    status = ma.fields.String()
    session_id = ma.fields.Integer(attribute="meeting_id", allow_none=True)
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


@bp.route(f"{V1}/examples", endpoint="examples", methods=["GET"])
@same_access_as(example_pages.index)
@bp.arguments(ListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(ExampleOut, "ExamplePage"))
def list_examples(args: dict):
    """Practice examples: all for staff, a member's own proposals for a member."""
    stmt = select(PracticeExample)
    if current_user.role == Role.MEMBER:
        member_id = current_user.member_id
        stmt = stmt.where(examples.of_member(member_id) if member_id else false())
    return paginate(get_session(), stmt, PracticeExample, args)


class WinOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String()
    what_changed = ma.fields.String()
    happened_on = ma.fields.Date()
    mechanisms = ma.fields.List(ma.fields.String())
    inspired_by = ma.fields.List(ma.fields.Integer(), metadata={"description": "win ids"})
    organisation_id = ma.fields.Integer(allow_none=True)
    session_id = ma.fields.Integer(allow_none=True)
    practice_example_id = ma.fields.Integer(allow_none=True)
    updated_at = ma.fields.AwareDateTime()


def win_out(win: SmallWin) -> dict:
    return {
        "id": win.id,
        "title": win.title,
        "what_changed": win.what_changed,
        "happened_on": win.happened_on,
        "mechanisms": [str(row.mechanism) for row in win.mechanism_rows],
        "inspired_by": [w.id for w in win.inspired_by],
        "organisation_id": win.organisation_id,
        "session_id": win.meeting_id,
        "practice_example_id": win.practice_example_id,
        "updated_at": win.updated_dt,
    }


WinArgs = ListArgs.from_dict(
    {
        "mechanism": ma.fields.String(
            load_default=None, validate=ma.validate.OneOf([m.value for m in Mechanism])
        )
    },
    name="WinArgs",
)


@bp.route(f"{V1}/wins", endpoint="wins", methods=["GET"])
@same_access_as(win_pages.index)
@bp.arguments(WinArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(WinOut, "WinPage"))
def list_wins(args: dict):
    """Small wins with their mechanisms and the wins that inspired them."""
    stmt = select(SmallWin).options(
        selectinload(SmallWin.mechanism_rows), selectinload(SmallWin.inspired_by)
    )
    if args.get("mechanism"):
        stmt = stmt.where(SmallWin.mechanism_rows.any(mechanism=Mechanism(args["mechanism"])))
    page = paginate(get_session(), stmt, SmallWin, args)
    return {**page, "items": [win_out(w) for w in page["items"]]}


class WinIn(ApiSchema):
    title = ma.fields.String(required=True, validate=ma.validate.Length(1, 200))
    happened_on = ma.fields.Date(required=True)
    mechanisms = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf([m.value for m in Mechanism])),
        required=True,
        validate=ma.validate.Length(min=1),
    )
    what_changed = ma.fields.String(validate=ma.validate.Length(max=5000))
    organisation = ma.fields.String(validate=ma.validate.Length(max=200))
    session_id = ma.fields.Integer(validate=ma.validate.Range(1, 2**31 - 1))
    inspired_by = ma.fields.List(ma.fields.Integer(validate=ma.validate.Range(1, 2**31 - 1)))


@bp.route(f"{V1}/wins", endpoint="log_win", methods=["POST"])
@same_access_as(win_pages.new)
@bp.arguments(WinIn, as_kwargs=False)
@bp.response(201, WinOut)
def log_win(data: dict):
    """Log a small win, as the small win form does (mechanisms, inspiration by win id)."""
    session = get_session()
    win_input = WinInput(
        title=data["title"],
        happened_on=data["happened_on"],
        mechanisms=data["mechanisms"],
        what_changed=data.get("what_changed", ""),
        organisation=data.get("organisation", ""),
        meeting_id=data.get("session_id"),
        inspired_by=", ".join(str(n) for n in data.get("inspired_by", [])),
    )
    try:
        win = record_small_win(session, win_input, _own_member_id())
    except WinError as exc:
        session.rollback()
        field = {"meeting": "session_id"}.get(exc.field, exc.field)
        error = UnprocessableEntity(str(exc))
        error.data = {
            "detail": str(exc),
            "errors": [{"in": "json", "field": field, "detail": str(exc)}],
        }
        raise error from exc
    session.commit()
    return win_out(win)


class CollaborationOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String()
    description = ma.fields.String()
    started_on = ma.fields.Date()
    status = ma.fields.String()
    session_id = ma.fields.Integer(attribute="meeting_id", allow_none=True)
    member_ids = ma.fields.Method("_members")
    organisation_ids = ma.fields.Method("_organisations")
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")

    def _members(self, row) -> list[int]:
        return [p.member_id for p in row.participants if p.member_id]

    def _organisations(self, row) -> list[int]:
        return [p.organisation_id for p in row.participants if p.organisation_id]


@bp.route(f"{V1}/collaborations", endpoint="collaborations", methods=["GET"])
@same_access_as(collaboration_pages.index)
@bp.arguments(ListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(CollaborationOut, "CollaborationPage"))
def list_collaborations(args: dict):
    """Collaborations: all for staff, a member's own for a member."""
    member_id = _own_member_id()
    if current_user.role == Role.MEMBER and member_id is None:
        member_id = -1  # an account without a member sees none, as on the page
    stmt = (
        select(Collaboration)
        .options(selectinload(Collaboration.participants))
        .where(collaborations.visible_to(member_id))
    )
    return paginate(get_session(), stmt, Collaboration, args)


class ReflectionOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    session_id = ma.fields.Integer(attribute="meeting_id")
    member_id = ma.fields.Integer(allow_none=True)
    of_value = ma.fields.String()
    want_more_of = ma.fields.String()
    do_differently = ma.fields.String()
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


@bp.route(f"{V1}/reflections", endpoint="reflections", methods=["GET"])
@same_access_as(reflection_views.index)
@bp.arguments(ListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(ReflectionOut, "ReflectionPage"))
def list_reflections(args: dict):
    """The answers to the three questions after each session (organisers and leads)."""
    return paginate(get_session(), select(Reflection), Reflection, args)
