"""'Did it stick?': the follow-up questions 3, 6 and 12 months after a small win.

Most wins hold, some grow or spread, a few are reversed: small wins that stay unnoticed long
enough to embed are hard to reverse.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from arena.demo.bulk import BulkWriter
from arena.demo.sampling import moment
from arena.demo.wins import Win
from arena.wins.models import SmallWinFollowUp, StickAnswer

ANSWERS = {
    StickAnswer.HOLDS: 0.5,
    StickAnswer.GREW: 0.22,
    StickAnswer.SPREAD: 0.18,
    StickAnswer.REVERSED: 0.1,
}


def write_follow_ups(writer: BulkWriter, wins: list[Win], rng: random.Random, today: date) -> None:
    """Questions that were due by `today`; about three in four were answered."""
    table = SmallWinFollowUp.__table__
    answers, weights = list(ANSWERS), list(ANSWERS.values())
    for win in wins:
        notes = win.meeting.series.texts.stick_notes
        for months in (3, 6, 12):
            due = win.happened + timedelta(days=round(months * 30.4))
            if due > today:
                break
            asked = moment(due, 7)
            answer = rng.choices(answers, weights=weights)[0] if rng.random() < 0.75 else None
            answered = None
            if answer is not None:
                answered = moment(min(due + timedelta(days=rng.randint(0, 14)), today), 12)
            writer.add(
                table,
                {
                    "id": writer.next_id(table),
                    "small_win_id": win.id,
                    "months_after": months,
                    "asked_dt": asked,
                    "answer": answer,
                    "answered_dt": answered,
                    "note": notes[answer] if answer and rng.random() < 0.4 else None,
                },
            )
