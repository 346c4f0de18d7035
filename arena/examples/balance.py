"""The balance organisers keep: frontrunners against starters, and a spread of sectors.

The source's lesson: mix practice examples of early adopters with initiatives that are less far,
and keep the room diverse. A session with two frontrunners, or two examples from one sector,
gets a warning on the planning board.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import Select, Subquery, func, select
from sqlalchemy.orm import Session, selectinload

from arena.arenas.models import ArenaSeries, Meeting, MeetingState
from arena.examples.models import (
    ExampleStatus,
    Maturity,
    PracticeExample,
    example_organisations,
)
from arena.members.models import Organisation

PLANNED = (ExampleStatus.SCHEDULED, ExampleStatus.PRESENTED)
#: a session is out of balance from this many frontrunners, or examples of one sector
OUT_OF_BALANCE = 2


def sectors_of(example: PracticeExample) -> set[str]:
    return {o.sector for o in example.organisations if o.sector}


@dataclass
class SessionBalance:
    meeting: Meeting
    slots: dict[int, PracticeExample | None]
    warnings: list[str] = field(default_factory=list)

    @property
    def examples(self) -> list[PracticeExample]:
        return [e for e in self.slots.values() if e is not None]


def balance_warnings(examples: list[PracticeExample]) -> list[str]:
    """What is out of balance among one session's examples."""
    warnings = []
    if sum(1 for e in examples if e.maturity == Maturity.FRONTRUNNER) >= OUT_OF_BALANCE:
        warnings.append(_("Two frontrunners: consider an initiative that is less far along."))
    counts = Counter(sector for e in examples for sector in sectors_of(e))
    shared = sorted(sector for sector, n in counts.items() if n >= OUT_OF_BALANCE)
    if shared:
        warnings.append(
            _("Two examples from the same sector: %(sectors)s.", sectors=", ".join(shared))
        )
    return warnings


def meeting_warnings(session: Session, meeting_id: int | None) -> list[str]:
    """The balance warnings of one session's planned examples (none when not planned)."""
    if meeting_id is None:
        return []
    examples = session.scalars(
        select(PracticeExample)
        .options(selectinload(PracticeExample.organisations))
        .where(PracticeExample.meeting_id == meeting_id, PracticeExample.status.in_(PLANNED))
    )
    return balance_warnings(list(examples))


def upcoming_balance(session: Session, now: datetime) -> list[SessionBalance]:
    """Each upcoming session with its two slots and any warning."""
    meetings = list(
        session.scalars(
            select(Meeting)
            # the series' names only, not their invitation texts
            .options(selectinload(Meeting.series).load_only(ArenaSeries.name, raiseload=True))
            .where(Meeting.starts_dt >= now, Meeting.state != MeetingState.CANCELLED)
            .order_by(Meeting.starts_dt)
        )
    )
    by_meeting: dict[int, dict[int, PracticeExample]] = {}
    if meetings:
        examples = session.scalars(
            select(PracticeExample)
            .options(selectinload(PracticeExample.organisations))
            .where(PracticeExample.meeting_id.in_([m.id for m in meetings]))
        )
        for example in examples:
            by_meeting.setdefault(example.meeting_id, {})[example.slot] = example
    result = []
    for meeting in meetings:
        slots = {1: None, 2: None} | by_meeting.get(meeting.id, {})
        row = SessionBalance(meeting, slots)
        row.warnings = balance_warnings(row.examples)
        result.append(row)
    return result


@dataclass
class YearBalance:
    year: int
    maturity: Counter
    sectors: Counter
    sessions_with_warnings: int


def planned_in_year(year: int) -> Subquery:
    """The examples planned for the year's sessions (Amsterdam's year): id, session, maturity.

    Found per session of the year in ``ix_practice_examples_meeting_status_maturity``, which
    holds all three: the table itself (long texts) is not read."""
    zone = ZoneInfo("Europe/Amsterdam")
    start = datetime(year, 1, 1, tzinfo=zone)
    end = datetime(year + 1, 1, 1, tzinfo=zone)
    return (
        select(PracticeExample.id, PracticeExample.meeting_id, PracticeExample.maturity)
        .join(Meeting, PracticeExample.meeting_id == Meeting.id)
        .where(
            Meeting.starts_dt >= start,
            Meeting.starts_dt < end,
            PracticeExample.status.in_(PLANNED),
        )
        .subquery()
    )


def maturity_per_session(planned: Subquery) -> Select:
    return select(planned.c.meeting_id, planned.c.maturity, func.count()).group_by(
        planned.c.meeting_id, planned.c.maturity
    )


def year_balance(session: Session, year: int) -> YearBalance:
    """Frontrunners against starters, and sectors, over the year's sessions.

    Counted in the database, per session (two small aggregates): a national network plans
    thousands of examples a year, too many to load as objects for a few figures. A session counts
    as warned by the same threshold as ``balance_warnings`` (``OUT_OF_BALANCE``).
    """
    planned = planned_in_year(year)
    maturity: Counter = Counter()
    warned: set[int] = set()
    for meeting_id, value, n in session.execute(maturity_per_session(planned)):
        maturity[Maturity(value)] += n
        if value == Maturity.FRONTRUNNER and n >= OUT_OF_BALANCE:
            warned.add(meeting_id)
    # each sector once per example, however many of its organisations share it
    pairs = (
        select(planned.c.id, planned.c.meeting_id, Organisation.sector)
        .join(example_organisations, example_organisations.c.example_id == planned.c.id)
        .join(Organisation, Organisation.id == example_organisations.c.organisation_id)
        .where(Organisation.sector.is_not(None), Organisation.sector != "")
        .distinct()
        .subquery()
    )
    sectors: Counter = Counter()
    for meeting_id, sector, n in session.execute(
        select(pairs.c.meeting_id, pairs.c.sector, func.count()).group_by(
            pairs.c.meeting_id, pairs.c.sector
        )
    ):
        sectors[sector] += n
        if n >= OUT_OF_BALANCE:
            warned.add(meeting_id)
    return YearBalance(
        year=year, maturity=maturity, sectors=sectors, sessions_with_warnings=len(warned)
    )
