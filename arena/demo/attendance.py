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

import numpy as np

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
#: a day after every day of the demo: "never" for the calendars' last days
_NEVER = date.max.toordinal()


class _Calendar:
    """A series' network as day numbers, to find who is in it and who may be mailed on a day
    for all members at once (one session's list of invitations took a Python call per member
    of the network, 14 million calls at 200,000 members). Same answers as `Person.present_on`
    and `Person.mailable_on`, in the network's order."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.joined = np.array([p.joined.toordinal() for p in people], dtype=np.int64)
        self.left = np.array([_ordinal(p.left) for p in people], dtype=np.int64)
        self.consent = np.array(
            [_ordinal(p.consent) if p.email else _NEVER for p in people], dtype=np.int64
        )
        self.unsubscribed = np.array([_ordinal(p.unsubscribed) for p in people], dtype=np.int64)

    def split(self, day: date, invite_day: date) -> tuple[list[Person], list[Person]]:
        """Those in the network on `day`: who may be invited on `invite_day`, and the rest."""
        on, invite = day.toordinal(), invite_day.toordinal()
        present = (self.joined <= on) & (self.left > on)
        mailable = (
            (self.consent <= invite)
            & (self.unsubscribed > invite)
            & (self.joined <= invite)
            & (self.left > invite)
        )
        people = self.people
        invited = np.flatnonzero(present & mailable).tolist()
        others = np.flatnonzero(present & ~mailable).tolist()
        return [people[i] for i in invited], [people[i] for i in others]


def _ordinal(day: date | None) -> int:
    return _NEVER if day is None else day.toordinal()


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
    randint, draw, bits = rng.randint, rng.random, rng.getrandbits
    calendars = {index: _Calendar(people) for index, people in network.items()}
    empty = _Calendar([])
    for done, meeting in enumerate(meetings, start=1):
        if meeting.state is MeetingState.PLANNED:
            continue
        day = meeting.day
        invite_day = day - timedelta(days=INVITE_DAYS_BEFORE)
        invited_dt = moment(invite_day, 8)
        since = previous_day.get(meeting.series.index)
        previous_day[meeting.series.index] = day
        invited, not_invited = calendars.get(meeting.series.index, empty).split(day, invite_day)
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
        # randint(2, 720) and randint(-25, 20), drawn as `random.randint` draws them (whole
        # draws of the fewest bits, until one falls in the range) without its three calls
        for person in invited:
            comes = person.id in coming
            answer = _answer(draw, _ATTENDEE_ANSWERS if comes else _ABSENT_ANSWERS)
            answered = checked_in = None
            if answer:
                hours = bits(10)
                while hours >= 719:
                    hours = bits(10)
                answered = invited_dt + _HOURS[2 + hours]
            if comes:
                minutes = bits(6)
                while minutes >= 46:
                    minutes = bits(6)
                checked_in = starts + _MINUTES[minutes - 25]
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
