"""Series, their sessions with the programme, who was invited and what they answered, and
recording attendance, with the access rules of the series and session pages."""

from __future__ import annotations

import marshmallow as ma
from flask import abort
from sqlalchemy import select
from werkzeug.exceptions import UnprocessableEntity

from arena.api.base import V1, bp, same_access_as
from arena.api.paging import ApiSchema, ListArgs, page_schema, paginate
from arena.arenas import checkin_views, meeting_views
from arena.arenas import views as series_pages
from arena.arenas.attendance import CheckInError, set_attended
from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.db import get_session, utcnow


class SeriesOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    theme = ma.fields.String()
    description = ma.fields.String()
    rhythm = ma.fields.String()
    default_location = ma.fields.String(allow_none=True)
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


class SessionOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    series_id = ma.fields.Integer()
    title = ma.fields.String()
    starts_at = ma.fields.AwareDateTime(attribute="starts_dt")
    ends_at = ma.fields.AwareDateTime(attribute="ends_dt")
    time_zone = ma.fields.String()
    location = ma.fields.String(allow_none=True)
    online_url = ma.fields.String(allow_none=True)
    introduction_topic = ma.fields.String()
    programme = ma.fields.String()
    state = ma.fields.String()
    cancellation_reason = ma.fields.String(allow_none=True)
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


class InvitationOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    session_id = ma.fields.Integer(attribute="meeting_id")
    member_id = ma.fields.Integer()
    invited_at = ma.fields.AwareDateTime(attribute="invited_dt", allow_none=True)
    response = ma.fields.String(allow_none=True)
    responded_at = ma.fields.AwareDateTime(attribute="responded_dt", allow_none=True)
    is_attended = ma.fields.Boolean()
    is_walk_in = ma.fields.Boolean()
    updated_at = ma.fields.AwareDateTime(attribute="updated_dt")


SessionArgs = ListArgs.from_dict(
    {
        "series_id": ma.fields.Integer(load_default=None, validate=ma.validate.Range(1, 2**31 - 1)),
        "state": ma.fields.String(
            load_default=None, validate=ma.validate.OneOf([s.value for s in MeetingState])
        ),
    },
    name="SessionArgs",
)


@bp.route(f"{V1}/series", endpoint="series", methods=["GET"])
@same_access_as(series_pages.index)
@bp.arguments(ListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(SeriesOut, "SeriesPage"))
def list_series(args: dict):
    """Every series (everyone sees the series page)."""
    return paginate(get_session(), select(ArenaSeries), ArenaSeries, args)


@bp.route(f"{V1}/sessions", endpoint="sessions", methods=["GET"])
@same_access_as(meeting_views.index)
@bp.arguments(SessionArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(SessionOut, "SessionPage"))
def list_sessions(args: dict):
    """Sessions with their programme; filter by series_id and state."""
    stmt = select(Meeting)
    if args.get("series_id"):
        stmt = stmt.where(Meeting.series_id == args["series_id"])
    if args.get("state"):
        stmt = stmt.where(Meeting.state == MeetingState(args["state"]))
    return paginate(get_session(), stmt, Meeting, args)


def _meeting(meeting_id: int) -> Meeting:
    meeting = get_session().get(Meeting, meeting_id)
    if meeting is None:
        abort(404)
    return meeting


@bp.route(f"{V1}/sessions/<int:meeting_id>", endpoint="session", methods=["GET"])
@same_access_as(meeting_views.show)
@bp.response(200, SessionOut)
def show_session(meeting_id: int):
    """One session with its programme."""
    return _meeting(meeting_id)


@bp.route(f"{V1}/sessions/<int:meeting_id>/invitations", endpoint="invitations", methods=["GET"])
@same_access_as(meeting_views.answers_json)
@bp.arguments(ListArgs, location="query", as_kwargs=False, unknown=ma.RAISE)
@bp.response(200, page_schema(InvitationOut, "InvitationPage"))
def list_invitations(args: dict, meeting_id: int):
    """Who was invited to the session (or walked in), their answer and whether they came."""
    meeting = _meeting(meeting_id)
    stmt = select(Attendance).where(Attendance.meeting_id == meeting.id)
    return paginate(get_session(), stmt, Attendance, args)


class AttendanceIn(ApiSchema):
    member_id = ma.fields.Integer(required=True, validate=ma.validate.Range(1, 2**31 - 1))
    attended = ma.fields.Boolean(required=True)


@bp.route(f"{V1}/sessions/<int:meeting_id>/attendance", endpoint="attendance", methods=["POST"])
@same_access_as(checkin_views.check_in)
@bp.arguments(AttendanceIn, as_kwargs=False)
@bp.response(200, InvitationOut)
def record_attendance(data: dict, meeting_id: int):
    """Mark a listed member present or absent, as the check-in page does."""
    session = get_session()
    meeting = _meeting(meeting_id)
    row = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting.id, Attendance.member_id == data["member_id"]
        )
    )
    if row is None:
        _unprocessable("member_id", "This member is not on the session's list.")
    try:
        set_attended(
            session, meeting, {row.id}, {row.id} if data["attended"] else set(), now=utcnow()
        )
    except CheckInError as exc:
        _unprocessable("session", str(exc))
    session.commit()
    session.refresh(row)
    return row


def _unprocessable(field: str, detail: str):
    error = UnprocessableEntity(detail)
    error.data = {"detail": detail, "errors": [{"in": "json", "field": field, "detail": detail}]}
    raise error
