"""What small wins and reflections add to the network's pages, erasure and merges.

Answers hooks of the network (``arena/hooks.py``), connected in ``arena/wins/hooks.py``.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select, union, update
from sqlalchemy.orm import Session, joinedload, load_only, selectinload

from arena.hooks import Section
from arena.members.models import Member
from arena.members.organisation_history import SHOWN
from arena.wins.models import Reflection, SmallWin, small_win_members


def member_wins(session: Session, member_id: int) -> Section:
    """Small wins the member logged or took part in, newest first (two queries).

    The ids come from the two indexes on the member's side (an uncorrelated IN over a UNION):
    ``author OR EXISTS (involved)`` made the database walk every win in date order."""
    involved = union(
        select(SmallWin.id).where(SmallWin.author_id == member_id),
        select(small_win_members.c.small_win_id).where(small_win_members.c.member_id == member_id),
    )
    wins = session.scalars(
        select(SmallWin)
        .options(joinedload(SmallWin.organisation), selectinload(SmallWin.mechanism_rows))
        .where(SmallWin.id.in_(involved))
        .order_by(SmallWin.happened_on.desc(), SmallWin.id.desc())
    ).all()
    return Section("small_wins", "wins/_member_wins.html", _l("Small wins"), list(wins))


def organisation_wins(session: Session, organisation_id: int, staff: Select) -> Section:
    """Small wins of the organisation or logged by its people (one query).

    The latest ids are chosen first, so only the shown wins are read whole: sorting every
    matching win with its texts cost the biggest organisation twice as much. They are the
    latest of each side's latest, each side from its own index: ``organisation OR author``
    made PostgreSQL walk every win in date order to find a small organisation's few (57 ms at
    200,000 members; the biggest pays ~10 ms more this way, most organisations are small)."""
    newest = (SmallWin.happened_on.desc(), SmallWin.id.desc())
    sides = [
        select(SmallWin.id, SmallWin.happened_on)
        .where(where)
        .order_by(*newest)
        .limit(SHOWN)
        .subquery()
        for where in (SmallWin.organisation_id == organisation_id, SmallWin.author_id.in_(staff))
    ]
    either = union(*(select(side.c.id, side.c.happened_on) for side in sides)).subquery()
    latest = (
        select(either.c.id).order_by(either.c.happened_on.desc(), either.c.id.desc()).limit(SHOWN)
    )
    wins = session.scalars(
        select(SmallWin)
        # what the page shows: title, date and author's name, not the texts
        .options(
            load_only(SmallWin.title, SmallWin.happened_on, SmallWin.author_id),
            joinedload(SmallWin.author).load_only(Member.name),
        )
        .where(SmallWin.id.in_(latest.scalar_subquery()))
        .order_by(*newest)
    ).all()
    return Section(
        "small_wins", "wins/_organisation_wins.html", _l("Small wins"), list(wins), wide=True
    )


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(session: Session, member: Member, history) -> dict:
    reflections = session.scalars(
        select(Reflection).where(Reflection.member_id == member.id).order_by(Reflection.id)
    ).all()
    return {
        "small_wins": [
            {
                "title": w.title,
                "what_changed": w.what_changed,
                "friction": w.friction,
                "reach": w.reach,
                "happened_on": _iso(w.happened_on),
                "mechanisms": [str(m) for m in w.mechanisms],
                "you_wrote_it": w.author_id == member.id,
            }
            for w in history.items("small_wins")
        ],
        "reflections": [
            {
                "meeting_id": r.meeting_id,
                "of_value": r.of_value,
                "want_more_of": r.want_more_of,
                "do_differently": r.do_differently,
            }
            for r in reflections
        ],
    }


def last_small_win(member_ids: Select) -> Select:
    return (
        select(SmallWin.author_id, func.max(SmallWin.happened_on))
        .where(SmallWin.author_id.in_(member_ids))
        .group_by(SmallWin.author_id)
    )


def unlink_reflections(session: Session, member: Member, now: datetime) -> None:
    """Reflections keep their text (opinions about a session, the programme's monitoring) but
    lose the erased member, so they cannot be tied back to the person through the node."""
    session.execute(
        update(Reflection).where(Reflection.member_id == member.id).values(member_id=None)
    )


def _combine_reflection(kept: dict, dropped: dict) -> dict:
    """Two answers to the same questions: keep the kept one's, fill its blanks."""
    fields = ("of_value", "want_more_of", "do_differently")
    return {f: kept[f] or dropped[f] for f in fields}


def merge_combiners() -> dict:
    return {"reflections": _combine_reflection}
