"""Figures about what changed in practice: small wins, inspiration chains, collaborations,
"did it stick?" answers.

A small win belongs to the period of the day it happened; in a series' report, to the series
of the session it came from. An inspiration crosses organisations (sectors, policy domains)
when both wins name an organisation and the two differ; unknown sides never count as crossing.
"""

from __future__ import annotations

from sqlalchemy import Select, and_, exists, select
from sqlalchemy.orm import aliased

from arena.arenas.models import Meeting
from arena.collaborations.models import Collaboration, CollaborationStatus
from arena.members.models import Organisation
from arena.reports.figures import figure
from arena.reports.period import Period
from arena.wins.models import SmallWin, SmallWinFollowUp, SmallWinMechanism
from arena.wins.models import small_win_inspirations as inspirations


def _series_meetings(period: Period) -> Select:
    return select(Meeting.id).where(Meeting.series_id == period.series_id)


def _wins(period: Period, win=SmallWin) -> list:
    conditions = [win.happened_on >= period.start, win.happened_on <= period.end]
    if period.series_id is not None:
        conditions.append(win.meeting_id.in_(_series_meetings(period)))
    return conditions


@figure("small-wins", "small-win")
def small_wins(period: Period) -> Select:
    return select(SmallWin.id.label("id")).where(*_wins(period))


@figure("small-wins-by-mechanism", "small-win", grouped=True)
def small_wins_by_mechanism(period: Period) -> Select:
    """A win tagged with two mechanisms counts under both."""
    return (
        select(SmallWin.id.label("id"), SmallWinMechanism.mechanism.label("grp"))
        .join(SmallWinMechanism, SmallWinMechanism.small_win_id == SmallWin.id)
        .where(*_wins(period))
    )


@figure("small-wins-without-mechanism", "small-win")
def small_wins_without_mechanism(period: Period) -> Select:
    return select(SmallWin.id.label("id")).where(
        *_wins(period), ~exists().where(SmallWinMechanism.small_win_id == SmallWin.id)
    )


@figure("small-wins-without-organisation", "small-win")
def small_wins_without_organisation(period: Period) -> Select:
    return select(SmallWin.id.label("id")).where(*_wins(period), SmallWin.organisation_id.is_(None))


def _crossing(period: Period, attribute: str | None) -> Select:
    """Inspirations (inspired win in the period) whose two wins differ in ``attribute``."""
    inspired, inspiring = aliased(SmallWin), aliased(SmallWin)
    query = (
        select(inspired.id.label("id"), inspiring.id.label("other"))
        .select_from(inspirations)
        .join(inspired, inspired.id == inspirations.c.inspired_id)
        .join(inspiring, inspiring.id == inspirations.c.inspiring_id)
        .where(*_wins(period, inspired))
    )
    if attribute is None:
        return query.where(
            inspired.organisation_id.is_not(None),
            inspiring.organisation_id.is_not(None),
            inspired.organisation_id != inspiring.organisation_id,
        )
    mine, theirs = aliased(Organisation), aliased(Organisation)
    column_of = {"sector": lambda o: o.sector, "policy_domain": lambda o: o.policy_domain}[
        attribute
    ]
    return (
        query.join(mine, mine.id == inspired.organisation_id)
        .join(theirs, theirs.id == inspiring.organisation_id)
        .where(
            column_of(mine).is_not(None),
            column_of(theirs).is_not(None),
            column_of(mine) != column_of(theirs),
        )
    )


@figure("inspirations", "inspiration")
def all_inspirations(period: Period) -> Select:
    inspired = aliased(SmallWin)
    return (
        select(inspirations.c.inspired_id.label("id"), inspirations.c.inspiring_id.label("other"))
        .join(inspired, inspired.id == inspirations.c.inspired_id)
        .where(*_wins(period, inspired))
    )


@figure("inspirations-across-organisations", "inspiration")
def across_organisations(period: Period) -> Select:
    return _crossing(period, None)


@figure("inspirations-across-sectors", "inspiration")
def across_sectors(period: Period) -> Select:
    return _crossing(period, "sector")


@figure("inspirations-across-domains", "inspiration")
def across_domains(period: Period) -> Select:
    return _crossing(period, "policy_domain")


def _collaborations(period: Period) -> list:
    if period.series_id is None:
        return []
    return [Collaboration.meeting_id.in_(_series_meetings(period))]


@figure("collaborations-started", "collaboration")
def collaborations_started(period: Period) -> Select:
    return select(Collaboration.id.label("id")).where(
        Collaboration.started_on >= period.start,
        Collaboration.started_on <= period.end,
        *_collaborations(period),
    )


@figure("collaborations-active", "collaboration")
def collaborations_active(period: Period) -> Select:
    """Started by the period's end and active today (status history is not kept)."""
    return select(Collaboration.id.label("id")).where(
        Collaboration.started_on <= period.end,
        Collaboration.status == CollaborationStatus.ACTIVE,
        *_collaborations(period),
    )


@figure("stick-answers", "follow-up", grouped=True)
def stick_answers(period: Period) -> Select:
    """'Did it stick?' answers given in the period, by answer."""
    query = select(SmallWinFollowUp.id.label("id"), SmallWinFollowUp.answer.label("grp")).where(
        SmallWinFollowUp.answered_dt >= period.start_dt,
        SmallWinFollowUp.answered_dt < period.end_dt,
    )
    if period.series_id is not None:
        # the win joined only to know its session: joined always, SQLite read every win and
        # probed its follow-ups (353 ms at 200,000 members)
        query = query.join(SmallWin, SmallWin.id == SmallWinFollowUp.small_win_id).where(
            and_(SmallWin.meeting_id.in_(_series_meetings(period)))
        )
    return query
