"""'Did it stick?': robustness is the mechanism nobody measures, so we ask.

Three, six and twelve months after a small win is logged, its author gets one email with a
signed link (no login) to say whether it still holds, grew, spread to others, or was reversed.
A SmallWinFollowUp row per (win, months) makes the job idempotent: unique in the database.
"""

from __future__ import annotations

import calendar
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from arena.invitations.models import MessageKind
from arena.invitations.outbox import queue_message
from arena.mail import external_url, in_language, one_line, render_email
from arena.tokens import load_record, make_token
from arena.wins.links import STICK
from arena.wins.models import SmallWin, SmallWinFollowUp, StickAnswer

MILESTONES = (3, 6, 12)
#: a question missed by more than this (scheduler down, old data) is not asked any more
GRACE_MONTHS = 2


class AlreadyAnswered(ValueError):
    """The question was answered already; the first answer stands."""


def add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due_milestone(logged: datetime, now: datetime) -> int | None:
    """The latest milestone that has passed, if it passed recently enough to still ask."""
    due = [m for m in MILESTONES if add_months(logged, m) <= now]
    if not due or add_months(logged, due[-1] + GRACE_MONTHS) < now:
        return None
    return due[-1]


def stick_token(follow_up_id: int) -> str:
    return make_token(STICK, {"f": follow_up_id})


def load_stick_link(session: Session, token: str) -> SmallWinFollowUp:
    """The question a "did it stick?" link is for; TokenError when it cannot be used."""
    return load_record(session, STICK, token, SmallWinFollowUp, "f")


def send_stick_checks(session: Session, now: datetime) -> int:
    """Ask each author whose win reached 3, 6 or 12 months; returns how many were asked."""
    return _send_stick_checks(session, now)


def _send_stick_checks(session: Session, now: datetime) -> int:
    oldest = add_months(now, -(MILESTONES[-1] + GRACE_MONTHS))
    newest = add_months(now, -MILESTONES[0])
    wins = session.scalars(
        select(SmallWin)
        .options(selectinload(SmallWin.author))
        .where(SmallWin.created_dt >= oldest, SmallWin.created_dt <= newest)
    ).all()
    if not wins:
        return 0
    asked = {
        (row[0], row[1])
        for row in session.execute(
            select(SmallWinFollowUp.small_win_id, SmallWinFollowUp.months_after).where(
                SmallWinFollowUp.small_win_id.in_([w.id for w in wins])
            )
        )
    }
    count = 0
    for win in wins:
        months = due_milestone(win.created_dt, now)
        if months is None or (win.id, months) in asked:
            continue
        if win.author is None or not win.author.may_be_mailed:
            continue
        follow_up = SmallWinFollowUp(small_win_id=win.id, months_after=months, asked_dt=now)
        session.add(follow_up)
        session.flush()
        with in_language(win.author.language):
            text, html = render_email(
                "wins_stick_check",
                member=win.author,
                win=win,
                months=months,
                answer_url=external_url("wins.answer_stick", token=stick_token(follow_up.id)),
            )
            subject = _("Did it stick? “%(title)s”", title=one_line(win.title))
        queue_message(
            session,
            key=f"stick-check:win={win.id}:months={months}",
            kind=MessageKind.STICK_CHECK,
            recipient=win.author.email,
            subject=subject,
            body_text=text,
            body_html=html,
            member_id=win.author.id,
            due_dt=now,
        )
        count += 1
    session.flush()
    return count


def record_stick_answer(
    session: Session, follow_up: SmallWinFollowUp, answer: StickAnswer, note: str, now: datetime
) -> None:
    """Store the answer once; a conditional UPDATE keeps a double submit from overwriting it."""
    result = session.execute(
        update(SmallWinFollowUp)
        .where(SmallWinFollowUp.id == follow_up.id, SmallWinFollowUp.answered_dt.is_(None))
        .values(answer=StickAnswer(answer), note=(note or "").strip() or None, answered_dt=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise AlreadyAnswered(_("You already answered this question. Thank you!"))
    session.refresh(follow_up)


def follow_ups_of(session: Session, win_id: int) -> list[SmallWinFollowUp]:
    return list(
        session.scalars(
            select(SmallWinFollowUp)
            .where(SmallWinFollowUp.small_win_id == win_id)
            .order_by(SmallWinFollowUp.months_after)
        )
    )
