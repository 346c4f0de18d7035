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


def _answer(random: Callable[[], float], table) -> Response | None:
    draw = random()
    for answer, share in table:
        draw -= share
        if draw < 0:
            return answer
    return table[-1][0]


#: the columns of an attendance row, in the order `write_attendance` gives them
COLUMNS = (
    "id", "meeting_id", "member_id", "invited_dt", "response", "responded_dt", "is_attended",
    "is_walk_in", "checked_in_dt", "created_dt", "updated_dt",
)  # fmt: skip
_HOURS = [timedelta(hours=hours) for hours in range(24 * 30 + 1)]
_MINUTES = {minutes: timedelta(minutes=minutes) for minutes in range(-25, 31)}


def write_attendance(
    writer: BulkWriter,
    plan: DemoPlan,
    meetings: list[MeetingInfo],
    network: dict[int, list[Person]],
    rng: random.Random,
    progress: Callable[[float], None],
) -> tuple[dict[int, list[int]], int]:
    """Insert the attendance rows; returns the attendees' ids per held session and the
    number of invitations.

    The invitations are most of the demo's rows (4.9 million at 200,000 members), so this
    loop makes tuples rather than dicts and keeps its lookups local.
    """
    table = Attendance.__table__
    attended: dict[int, list[int]] = {}
    previous_day: dict[int, date] = {}
    low, high = plan.attendance
    invitations = 0
    randint, draw = rng.randint, rng.random
    for done, meeting in enumerate(meetings, start=1):
        if meeting.state is MeetingState.PLANNED:
            continue
        day = meeting.day
        invite_day = day - timedelta(days=INVITE_DAYS_BEFORE)
        invited_dt = moment(invite_day, 8)
        since = previous_day.get(meeting.series.index)
        previous_day[meeting.series.index] = day
        invited: list[Person] = []
        not_invited: list[Person] = []
        for person in network.get(meeting.series.index, []):
            if person.present_on(day):
                (invited if person.mailable_on(invite_day) else not_invited).append(person)
        invitations += len(invited)
        held = meeting.state is MeetingState.HELD
        coming: set[int] = set()
        walk_ins: list[Person] = []
        if held:
            target = randint(low, high)
            # A few come without an invitation (no address or no consent yet).
            walk_ins = rng.sample(not_invited, min(len(not_invited), randint(0, 2), target // 10))
            weights = [
                p.propensity * (4.0 if since is None or p.joined > since else 1.0) for p in invited
            ]
            chosen = weighted_sample(rng, invited, weights, target - len(walk_ins))
            coming = {p.id for p in chosen}
        next_id = writer.reserve_ids(table, len(invited) + len(walk_ins))
        meeting_id, starts = meeting.id, meeting.starts
        rows = []
        for person in invited:
            comes = person.id in coming
            answer = _answer(draw, _ATTENDEE_ANSWERS if comes else _ABSENT_ANSWERS)
            answered = invited_dt + _HOURS[randint(2, 24 * 30)] if answer else None
            checked_in = starts + _MINUTES[randint(-25, 20)] if comes else None
            rows.append((
                next_id, meeting_id, person.id, invited_dt, answer, answered, comes, False,
                checked_in, invited_dt, checked_in or answered or invited_dt,
            ))  # fmt: skip
            next_id += 1
        if held:
            for person in walk_ins:
                checked_in = starts + _MINUTES[randint(-10, 30)]
                rows.append((
                    next_id, meeting_id, person.id, None, None, None, True, True, checked_in,
                    checked_in, checked_in,
                ))  # fmt: skip
                next_id += 1
                coming.add(person.id)
            attended[meeting.id] = sorted(coming)
        writer.add_tuples(table, COLUMNS, rows)
        if done % 25 == 0:
            progress(done / len(meetings))
    progress(1.0)
    return attended, invitations
