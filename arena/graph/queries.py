"""The small query layer under the graph: plain rows as of a date, in a few aggregate queries.

The builders never touch the database; this module fetches exactly what they need (one query
per table, no per-node queries) so a 40,000-member network loads in seconds.
"""

from __future__ import annotations

import bisect
from array import array
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.arenas.models import ArenaSeries, Attendance, Meeting, MeetingState
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.examples.models import PracticeExample, example_presenters
from arena.graph.scope import Scope, end_of, in_period, start_of
from arena.members.models import Member, Membership, Organisation
from arena.wins.models import SmallWin, SmallWinMechanism, small_win_inspirations


class PairList:
    """(a, b) integer pairs in two arrays: millions of attendances at 200,000 members take
    16 bytes each here instead of about 100 as a list of tuples."""

    def __init__(self, pairs=()) -> None:
        self._a, self._b = array("q"), array("q")
        for a, b in pairs:
            self.append(a, b)

    def append(self, a: int, b: int) -> None:
        self._a.append(a)
        self._b.append(b)

    def firsts(self):
        return iter(self._a)

    def columns(self) -> tuple[np.ndarray, np.ndarray]:
        """The firsts and the seconds as two NumPy arrays (copies: the arrays here may grow)."""
        return np.array(self._a, dtype=np.int64), np.array(self._b, dtype=np.int64)

    def __iter__(self):
        return zip(self._a, self._b, strict=True)

    def __len__(self) -> int:
        return len(self._a)

    def __eq__(self, other) -> bool:
        return list(self) == list(other)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    series_id: int
    series_name: str
    title: str
    day: date


@dataclass
class GraphRows:
    """Everything the builders read, as plain tuples and dataclasses."""

    scope: Scope
    #: (id, name, sector, policy_domain, place, created day)
    organisations: list[tuple] = field(default_factory=list)
    #: (id, name, role, themes, is_former, is_erased, created day)
    members: list[tuple] = field(default_factory=list)
    #: member id -> [(since, until, organisation id)] sorted by since
    jobs: dict[int, list[tuple]] = field(default_factory=dict)
    #: held sessions in the scope, oldest first
    meetings: list[MeetingRow] = field(default_factory=list)
    #: meeting id -> title, for every session in the scope (also those without attendance)
    meeting_titles: dict[int, str] = field(default_factory=dict)
    #: meeting id -> series name, likewise
    meeting_series: dict[int, str] = field(default_factory=dict)
    #: (meeting id, member id) for everyone who attended
    attendance: PairList = field(default_factory=lambda: PairList())
    #: (id, title, started_on, status, meeting id)
    collaborations: list[tuple] = field(default_factory=list)
    #: (collaboration id, member id or None, organisation id or None)
    participants: list[tuple] = field(default_factory=list)
    #: (meeting id, example id, member id) for presented examples
    presenters: list[tuple] = field(default_factory=list)
    #: (id, title, happened_on, author id, organisation id, reach, meeting id)
    wins: list[tuple] = field(default_factory=list)
    #: win id -> mechanism values
    mechanisms: dict[int, list[str]] = field(default_factory=dict)
    #: (inspired id, inspiring id)
    inspirations: list[tuple[int, int]] = field(default_factory=list)
    #: members whose account organises arenas: the weaving panel warns when they are the hub
    organisers: set[int] = field(default_factory=set)
    #: the session days, oldest first, kept for step_of (rebuilt when the sessions change)
    _days: list[date] = field(default_factory=list, repr=False, compare=False)

    def organisation_of(self, member_id: int, day: date | None) -> int | None:
        """The member's organisation on `day` (their latest job when none covers the day)."""
        jobs = self.jobs.get(member_id)
        if not jobs:
            return None
        if day is not None:
            for since, until, org_id in jobs:
                if (since is None or since <= day) and (until is None or until > day):
                    return org_id
        return jobs[-1][2]

    def step_of(self, day: date | None) -> int:
        """The index of the latest session on or before `day` (0 when before the first)."""
        if day is None or not self.meetings:
            return 0
        if len(self._days) != len(self.meetings) or self._days[-1] != self.meetings[-1].day:
            self._days = [m.day for m in self.meetings]
        return max(0, bisect.bisect_right(self._days, day) - 1)


def load_rows(session: Session, scope: Scope) -> GraphRows:
    """Fetch the rows for every kind of graph in `scope`; about a dozen queries in all."""
    rows = GraphRows(scope=scope)
    meeting_q = (
        select(Meeting.id, Meeting.series_id, ArenaSeries.name, Meeting.title, Meeting.starts_dt)
        .join(ArenaSeries, ArenaSeries.id == Meeting.series_id)
        .where(Meeting.state != MeetingState.CANCELLED)
        .order_by(Meeting.starts_dt, Meeting.id)
    )
    if scope.as_of:
        meeting_q = meeting_q.where(Meeting.starts_dt < end_of(scope.as_of))
    if scope.since:
        meeting_q = meeting_q.where(Meeting.starts_dt >= start_of(scope.since))
    if scope.series_id:
        meeting_q = meeting_q.where(Meeting.series_id == scope.series_id)
    all_meetings = [
        MeetingRow(mid, sid, sname, title, starts.date())
        for mid, sid, sname, title, starts in session.execute(meeting_q)
    ]
    meeting_ids = {m.id for m in all_meetings}
    rows.meeting_titles = {m.id: m.title for m in all_meetings}
    rows.meeting_series = {m.id: m.series_name for m in all_meetings}
    attendance = PairList()
    for mid, member_id in session.execute(
        select(Attendance.meeting_id, Attendance.member_id)
        .where(Attendance.is_attended.is_(True))
        .order_by(Attendance.meeting_id, Attendance.member_id)
        .execution_options(yield_per=50_000)
    ):
        if mid in meeting_ids:
            attendance.append(mid, member_id)
    attended_meetings = set(attendance.firsts())
    rows.meetings = [m for m in all_meetings if m.id in attended_meetings]
    rows.attendance = attendance

    collab_q = select(
        Collaboration.id,
        Collaboration.title,
        Collaboration.started_on,
        Collaboration.status,
        Collaboration.meeting_id,
    ).where(*in_period(Collaboration.started_on, scope))
    collaborations = [tuple(r) for r in session.execute(collab_q.order_by(Collaboration.id))]
    if scope.series_id:
        collaborations = [c for c in collaborations if c[4] in meeting_ids]
    rows.collaborations = collaborations
    collab_ids = {c[0] for c in collaborations}
    rows.participants = [
        tuple(r)
        for r in session.execute(
            select(
                CollaborationParticipant.collaboration_id,
                CollaborationParticipant.member_id,
                CollaborationParticipant.organisation_id,
            ).order_by(CollaborationParticipant.id)
        )
        if r[0] in collab_ids
    ]
    rows.presenters = [
        tuple(r)
        for r in session.execute(
            select(
                PracticeExample.meeting_id, PracticeExample.id, example_presenters.c.member_id
            ).join(example_presenters, example_presenters.c.example_id == PracticeExample.id)
        )
        if r[0] in meeting_ids
    ]
    _load_wins(session, scope, rows, meeting_ids)
    _load_people(session, scope, rows)
    return rows


def _load_wins(session: Session, scope: Scope, rows: GraphRows, meeting_ids: set[int]) -> None:
    wins_q = select(
        SmallWin.id,
        SmallWin.title,
        SmallWin.happened_on,
        SmallWin.author_id,
        SmallWin.organisation_id,
        SmallWin.reach,
        SmallWin.meeting_id,
    ).where(*in_period(SmallWin.happened_on, scope))
    one = _Shared()
    wins = [
        (w[0], w[1], one(w[2]), *w[3:])
        for w in session.execute(wins_q.order_by(SmallWin.happened_on, SmallWin.id))
    ]
    if scope.series_id:
        wins = [w for w in wins if w[6] in meeting_ids]
    rows.wins = wins
    win_ids = {w[0] for w in wins}
    for win_id, mechanism in session.execute(
        select(SmallWinMechanism.small_win_id, SmallWinMechanism.mechanism)
    ):
        if win_id in win_ids:
            rows.mechanisms.setdefault(win_id, []).append(one(str(mechanism)))
    rows.inspirations = [
        (inspired, inspiring)
        for inspired, inspiring in session.execute(
            select(small_win_inspirations.c.inspired_id, small_win_inspirations.c.inspiring_id)
        )
        if inspired in win_ids and inspiring in win_ids
    ]


class _Shared(dict):
    """One object per distinct value (a role, a theme, a day): the database gives a new
    one per row, and 200,000 members' rows held 380 MB, much of it equal strings and dates."""

    def __call__(self, value):
        return self.setdefault(value, value)


def _load_people(session: Session, scope: Scope, rows: GraphRows) -> None:
    rows.organisers = set(
        session.scalars(
            select(UserAccount.member_id).where(
                UserAccount.role == Role.ORGANISER, UserAccount.member_id.is_not(None)
            )
        )
    )
    one = _Shared()
    for member_id, since, until, org_id in session.execute(
        select(
            Membership.member_id,
            Membership.since,
            Membership.until,
            Membership.organisation_id,
        )
    ):
        rows.jobs.setdefault(member_id, []).append((one(since), one(until), org_id))
    for jobs in rows.jobs.values():
        jobs.sort(key=lambda job: (job[0] or date.min, job[2]))
    rows.members = [
        (
            mid,
            name,
            one(str(role)),
            [one(t) for t in themes or ()],
            is_former,
            erased is not None,
            one(created.date()),
        )  # fmt: skip
        for mid, name, role, themes, is_former, erased, created in session.execute(
            select(
                Member.id,
                Member.name,
                Member.role,
                Member.themes,
                Member.is_former,
                Member.erased_at,
                Member.created_dt,
            ).order_by(Member.id)
        )
    ]
    rows.organisations = [
        (oid, name, sector, domain, place, created.date())
        for oid, name, sector, domain, place, created in session.execute(
            select(
                Organisation.id,
                Organisation.name,
                Organisation.sector,
                Organisation.policy_domain,
                Organisation.place,
                Organisation.created_dt,
            ).order_by(Organisation.id)
        )
    ]
