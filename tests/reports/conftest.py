"""A small network with sessions, people and small wins in and around 2024."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from arena.arenas.models import MeetingState
from arena.wins.models import Mechanism as M


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 13, 30, tzinfo=UTC)


@pytest.fixture
def network(make_series, make_meeting, make_member, make_organisation, employ, make_win, attend):
    """Two series, sessions in and around 2024, people in organisations of two sectors."""
    s1, s2 = make_series(), make_series()
    held = MeetingState.HELD

    def meeting(series, day, state=held):
        return make_meeting(series=series, starts=_at(day), state=state)

    m_before = meeting(s1, date(2023, 11, 1))
    m1, m2 = meeting(s1, date(2024, 3, 1)), meeting(s1, date(2024, 9, 1))
    m_planned = meeting(s1, date(2024, 12, 1), MeetingState.PLANNED)
    m_other = meeting(s2, date(2024, 5, 1))
    m_after = meeting(s1, date(2025, 1, 10))
    care = make_organisation(sector="care", policy_domain="Wmo")
    jobs = make_organisation(sector="employment", policy_domain="work and income")
    care2 = make_organisation(sector="care", policy_domain="Wmo")
    p1, p2, p3, p4 = (make_member() for _ in range(4))
    for member, organisation in ((p1, care), (p2, jobs), (p4, care), (p4, jobs)):
        employ(member, organisation)
    for m, p in [(m_before, p1), (m1, p1), (m1, p2), (m2, p2), (m2, p3), (m_other, p4)]:
        attend(p, m)
    attend(p1, m_planned)
    attend(p2, m_after)
    w1 = make_win(
        mechanisms=(M.ENERGIZING, M.CONNECTION),
        happened_on=date(2024, 2, 1),
        organisation_id=care.id,
        meeting_id=m1.id,
    )
    w2 = make_win(
        mechanisms=(M.OIL_SPOT,),
        happened_on=date(2024, 6, 1),
        organisation_id=jobs.id,
        inspired_by=[w1],
    )
    make_win(
        mechanisms=(M.OIL_SPOT,),
        happened_on=date(2024, 7, 1),
        organisation_id=care2.id,
        inspired_by=[w1],
    )
    make_win(mechanisms=(M.ENERGIZING,), happened_on=date(2023, 12, 1))
    make_win(mechanisms=(M.ENERGIZING,), happened_on=date(2025, 1, 5), inspired_by=[w2])
    make_win(mechanisms=(), happened_on=date(2024, 8, 1))
    return {"s1": s1, "s2": s2, "w1": w1, "w2": w2, "m1": m1}
