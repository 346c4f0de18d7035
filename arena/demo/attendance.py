"""Invitations, answers and attendance: the whole network is invited, a core keeps coming.

Everyone in a series' network who may be mailed at invitation time gets an invitation, as the
source does. Who comes is drawn by each member's propensity (a returning core, regulars,
occasional visitors), with newcomers more likely at their first session. A few walk-ins come
without an invitation.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from arena.arenas.models import Attendance, MeetingState, Response
from arena.demo.bulk import BulkWriter
from arena.demo.people import Person
from arena.demo.plan import DemoPlan
from arena.demo.sampling import moment, weighted_sample
from arena.demo.sessions import MeetingInfo

INVITE_DAYS_BEFORE = 35
_ATTENDEE_ANSWERS = ((Response.YES, 0.88), (Response.MAYBE, 0.06), (None, 0.06))
_ABSENT_ANSWERS = ((None, 0.55), (Response.NO, 0.33), (Response.MAYBE, 0.06), (Response.YES, 0.06))


def _answer(rng: random.Random, table) -> Response | None:
    draw = rng.random()
    for answer, share in table:
        draw -= share
        if draw < 0:
            return answer
    return table[-1][0]


def write_attendance(
    writer: BulkWriter,
    plan: DemoPlan,
    meetings: list[MeetingInfo],
    network: dict[int, list[Person]],
    rng: random.Random,
    progress: Callable[[float], None],
) -> tuple[dict[int, list[int]], int]:
    """Insert the attendance rows; returns the attendees' ids per held session and the
    number of invitations."""
    table = Attendance.__table__
    attended: dict[int, list[int]] = {}
    previous_day: dict[int, date] = {}
    low, high = plan.attendance
    invitations = 0
    for done, meeting in enumerate(meetings, start=1):
        if meeting.state is MeetingState.PLANNED:
            continue
        invite_day = meeting.day - timedelta(days=INVITE_DAYS_BEFORE)
        invited_dt = moment(invite_day, 8)
        since = previous_day.get(meeting.series.index)
        previous_day[meeting.series.index] = meeting.day
        present = [p for p in network.get(meeting.series.index, []) if p.present_on(meeting.day)]
        invited: list[Person] = []
        not_invited: list[Person] = []
        for person in present:
            (invited if person.mailable_on(invite_day) else not_invited).append(person)
        invitations += len(invited)
        held = meeting.state is MeetingState.HELD
        coming: set[int] = set()
        walk_ins: list[Person] = []
        if held:
            target = rng.randint(low, high)
            # A few come without an invitation (no address or no consent yet).
            walk_ins = rng.sample(
                not_invited, min(len(not_invited), rng.randint(0, 2), target // 10)
            )
            weights = [
                p.propensity * (4.0 if since is None or p.joined > since else 1.0) for p in invited
            ]
            chosen = weighted_sample(rng, invited, weights, target - len(walk_ins))
            coming = {p.id for p in chosen}
        for person in invited:
            comes = person.id in coming
            answer = _answer(rng, _ATTENDEE_ANSWERS if comes else _ABSENT_ANSWERS)
            answered = invited_dt + timedelta(hours=rng.randint(2, 24 * 30)) if answer else None
            checked_in = meeting.starts + timedelta(minutes=rng.randint(-25, 20)) if comes else None
            writer.add(
                table,
                _row(writer, meeting, person, invited_dt, answer, answered, checked_in),
            )
        if held:
            for person in walk_ins:
                checked_in = meeting.starts + timedelta(minutes=rng.randint(-10, 30))
                writer.add(table, _row(writer, meeting, person, None, None, None, checked_in))
                coming.add(person.id)
            attended[meeting.id] = sorted(coming)
        if done % 25 == 0:
            progress(done / len(meetings))
    progress(1.0)
    return attended, invitations


def _row(writer, meeting, person, invited_dt, answer, answered, checked_in) -> dict:
    first = invited_dt or checked_in
    return {
        "id": writer.next_id(Attendance.__table__),
        "meeting_id": meeting.id,
        "member_id": person.id,
        "invited_dt": invited_dt,
        "response": answer,
        "responded_dt": answered,
        "is_attended": checked_in is not None,
        "is_walk_in": invited_dt is None,
        "checked_in_dt": checked_in,
        "created_dt": first,
        "updated_dt": checked_in or answered or first,
    }
