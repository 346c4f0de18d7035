"""Figures about sessions and who came: held sessions, attendees by role and sector, newcomers.

A session counts as held when an organiser marked it held (check-in does); planned and
cancelled ones do not. A member counts once however many sessions they attended.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.orm import aliased

from arena.arenas.models import Attendance, Meeting, MeetingState
from arena.examples.models import ExampleStatus, PracticeExample
from arena.members.models import Member, Membership, Organisation
from arena.reports.figures import figure
from arena.reports.period import Period


def held_meetings(period: Period) -> Select:
    """Ids of the sessions held in the period (of the series, when the report has one)."""
    query = select(Meeting.id).where(
        Meeting.state == MeetingState.HELD,
        Meeting.starts_dt >= period.start_dt,
        Meeting.starts_dt < period.end_dt,
    )
    if period.series_id is not None:
        query = query.where(Meeting.series_id == period.series_id)
    return query


def _attendee_ids(period: Period) -> Select:
    return (
        select(Attendance.member_id)
        .where(Attendance.meeting_id.in_(held_meetings(period)), Attendance.is_attended.is_(True))
        .distinct()
    )


@figure("sessions-held", "session")
def sessions_held(period: Period) -> Select:
    return held_meetings(period).with_only_columns(Meeting.id.label("id"))


@figure("attendances", "attendance")
def attendances(period: Period) -> Select:
    return select(Attendance.id.label("id")).where(
        Attendance.meeting_id.in_(held_meetings(period)), Attendance.is_attended.is_(True)
    )


@figure("attendees", "member")
def attendees(period: Period) -> Select:
    """The attendances' member ids themselves: looking each up among the members cost 75% of
    this count at 200,000 members (SQLite, 47,000 attendees), and the key cascades anyway."""
    return _attendee_ids(period).with_only_columns(Attendance.member_id.label("id"))


@figure("attendees-by-role", "member", grouped=True)
def attendees_by_role(period: Period) -> Select:
    return select(Member.id.label("id"), Member.role.label("grp")).where(
        Member.id.in_(_attendee_ids(period))
    )


@figure("attendees-by-sector", "member", grouped=True)
def attendees_by_sector(period: Period) -> Select:
    """A member working in two sectors counts in both; one without an organisation as unknown."""
    return (
        select(Member.id.label("id"), Organisation.sector.label("grp"))
        .outerjoin(Membership, Membership.member_id == Member.id)
        .outerjoin(Organisation, Organisation.id == Membership.organisation_id)
        .where(Member.id.in_(_attendee_ids(period)))
        .distinct()
    )


@figure("attendees-without-organisation", "member")
def attendees_without_organisation(period: Period) -> Select:
    return select(Member.id.label("id")).where(
        Member.id.in_(_attendee_ids(period)),
        ~exists().where(Membership.member_id == Member.id),
    )


@figure("newcomers", "member")
def newcomers(period: Period) -> Select:
    """Attendees who had attended no held session (of the series) before the period."""
    earlier = aliased(Attendance)
    earlier_meeting = aliased(Meeting)
    before = (
        select(earlier.id)
        .join(earlier_meeting, earlier_meeting.id == earlier.meeting_id)
        .where(
            earlier.is_attended.is_(True),
            earlier_meeting.state == MeetingState.HELD,
            earlier_meeting.starts_dt < period.start_dt,
        )
    )
    if period.series_id is not None:
        before = before.where(earlier_meeting.series_id == period.series_id)
    # from the year's attendee ids, not the members: half the time at 200,000 members (SQLite)
    came = _attendee_ids(period).subquery("came")
    return select(came.c.member_id.label("id")).where(
        ~exists(before.where(earlier.member_id == came.c.member_id))
    )


@figure("sessions-without-attendance", "session")
def sessions_without_attendance(period: Period) -> Select:
    """Held sessions where nobody was checked in: their attendance is not known."""
    return select(Meeting.id.label("id")).where(
        Meeting.id.in_(held_meetings(period)),
        ~exists().where(
            and_(Attendance.meeting_id == Meeting.id, Attendance.is_attended.is_(True))
        ),
    )


#: examples count as presented once their session was held (the daily job may lag a day)
PRESENTED = (ExampleStatus.PRESENTED, ExampleStatus.SCHEDULED)


@figure("examples-presented", "practice-example", grouped=True)
def examples_presented(period: Period) -> Select:
    """Practice examples presented at sessions held in the period, by voorloper or starter."""
    return select(PracticeExample.id.label("id"), PracticeExample.maturity.label("grp")).where(
        PracticeExample.meeting_id.in_(held_meetings(period)),
        PracticeExample.status.in_(PRESENTED),
    )
