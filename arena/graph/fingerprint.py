"""Has the data a graph reads changed? A fingerprint per kind of graph of the tables it reads.

Tables with timestamps give their row count and latest change; link tables without them give
sums of their keys (a row moved or swapped changes a sum). Measured on the 40,000-member
demo (SQLite): 120 ms, of which 95 ms is the latest change among a million attendance rows,
a column without an index (another feature's table, so not ours to index). Pages therefore
reuse a fingerprint for a short while and say when it was taken; the scheduler's job takes a
fresh one each run, and also recomputes a result older than MAX_RESULT_AGE, for the rare
change no sum can see (a membership's dates moved within the range of others).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, case, cast, func, select
from sqlalchemy.orm import Session

from arena.arenas.models import ArenaSeries, Attendance, Meeting
from arena.auth.models import Role, UserAccount
from arena.collaborations.models import Collaboration, CollaborationParticipant
from arena.db import utcnow
from arena.examples.models import PracticeExample, example_presenters
from arena.members.models import Member, Membership, Organisation
from arena.wins.models import Mechanism, SmallWin, SmallWinMechanism, small_win_inspirations

#: raise when the stored result's shape or the algorithms change, so old results go stale
ALGORITHM_VERSION = "7"
#: how long a page reuses a fingerprint (each web process keeps its own)
PAGE_TTL_SECONDS = 30.0
#: the job recomputes results older than this even when the fingerprint did not change
MAX_RESULT_AGE = timedelta(days=1)

#: what each kind of graph reads, by the parts of the fingerprint below; a change to a part
#: only makes the kinds that read it stale (a new inspiration never recomputes the people)
KIND_PARTS = {
    "organisations": (
        "members", "organisations", "arena_series", "meetings", "attendances", "collaborations",
        "small_wins", "memberships", "participants", "mechanisms", "organisers",
    ),
    "people": (
        "members", "organisations", "arena_series", "meetings", "attendances", "collaborations",
        "small_wins", "practice_examples", "memberships", "participants", "presenters",
        "mechanisms", "organisers",
    ),
    "wins": (
        "organisations", "arena_series", "meetings", "attendances", "small_wins", "memberships",
        "inspirations", "mechanisms",
    ),
}  # fmt: skip
_TIMESTAMPED = (
    Member, Organisation, ArenaSeries, Meeting, Attendance, Collaboration, SmallWin,
    PracticeExample,
)  # fmt: skip
_MECHANISM_CODE = case(
    {m.value: i + 1 for i, m in enumerate(Mechanism)}, value=SmallWinMechanism.mechanism, else_=0
)


def _big(column):
    """Products of two keys overflow PostgreSQL's 32-bit integers; sum them as 64-bit."""
    return cast(column, BigInteger)


def _link_table_sums():
    """One aggregate row per link table: count and sums of its keys (and a key product)."""
    m, p, shown = Membership, CollaborationParticipant, example_presenters.c
    inspired, inspiring = (
        small_win_inspirations.c.inspired_id,
        small_win_inspirations.c.inspiring_id,
    )
    organiser = UserAccount.role == Role.ORGANISER
    return {
        "memberships": select(
            func.count(m.id), func.sum(m.member_id), func.sum(m.organisation_id),
            func.sum(_big(m.member_id) * m.organisation_id), func.count(m.since),
            func.count(m.until),
            func.min(m.since), func.max(m.since), func.min(m.until), func.max(m.until),
        ),
        "participants": select(
            func.count(p.id), func.sum(p.collaboration_id), func.sum(p.member_id),
            func.sum(p.organisation_id), func.max(p.id),
        ),
        "presenters": select(
            func.count(), func.sum(shown.example_id), func.sum(shown.member_id),
            func.sum(_big(shown.example_id) * shown.member_id),
        ),
        "inspirations": select(
            func.count(), func.sum(inspired), func.sum(inspiring),
            func.sum(_big(inspired) * inspiring),
        ),
        "mechanisms": select(
            func.count(), func.sum(SmallWinMechanism.small_win_id),
            func.sum(_big(SmallWinMechanism.small_win_id) * _MECHANISM_CODE),
        ),
        "organisers": select(
            func.count(UserAccount.member_id), func.sum(UserAccount.member_id)
        ).where(organiser),
    }  # fmt: skip


def source_fingerprints(session: Session) -> dict[str, str]:
    """Per kind of graph: counts, latest changes and key sums of what it reads, hashed."""
    parts = {}
    for model in _TIMESTAMPED:
        count, latest = session.execute(
            select(func.count(model.id), func.max(model.updated_dt))
        ).one()
        parts[model.__tablename__] = f"{count}@{latest}"
    for name, query in _link_table_sums().items():
        parts[name] = ",".join(str(value) for value in session.execute(query).one())
    return {
        kind: hashlib.sha256(
            "|".join([ALGORITHM_VERSION, kind, *(parts[p] for p in names)]).encode()
        ).hexdigest()[:40]
        for kind, names in KIND_PARTS.items()
    }


@dataclass(frozen=True)
class Checked:
    """Fingerprints by kind and when they were taken, so a page can say how recent it is."""

    values: dict[str, str]
    checked_dt: datetime


def cached_fingerprint(
    session: Session, cache: dict, now: float, ttl: float = PAGE_TTL_SECONDS
) -> Checked:
    """The fingerprints, reused for `ttl` seconds of `now` (a monotonic clock)."""
    if cache.get("at") is None or now - cache["at"] > ttl:
        cache.update(at=now, checked=Checked(source_fingerprints(session), utcnow()))
    return cache["checked"]
