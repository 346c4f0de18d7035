"""Answers to the three monitoring questions, asked at or right after every held session."""

from __future__ import annotations

import random
from datetime import date, timedelta

from arena.arenas.models import MeetingState
from arena.demo.bulk import BulkWriter
from arena.demo.sessions import MeetingInfo
from arena.wins.models import Reflection


def write_reflections(
    writer: BulkWriter,
    meetings: list[MeetingInfo],
    attended: dict[int, list[int]],
    rng: random.Random,
    today: date,
) -> None:
    """A quarter to almost half of the attendees answer; some leave a question blank."""
    table = Reflection.__table__
    for meeting in meetings:
        if meeting.state is not MeetingState.HELD:
            continue
        attendees = attended[meeting.id]
        texts = meeting.series.texts
        share = rng.uniform(0.25, 0.45)
        # Answers come in over three days, or within two hours for a session held today.
        spread = 3 * 24 * 60 if (today - meeting.day).days >= 3 else 120
        for member_id in sorted(rng.sample(attendees, round(len(attendees) * share))):
            answered = meeting.ends + timedelta(minutes=rng.randint(0, spread))
            writer.add(
                table,
                {
                    "id": writer.next_id(table),
                    "meeting_id": meeting.id,
                    "member_id": member_id,
                    "of_value": rng.choice(texts.of_value),
                    "want_more_of": rng.choice(texts.want_more_of) if rng.random() < 0.85 else "",
                    "do_differently": (
                        rng.choice(texts.do_differently) if rng.random() < 0.9 else ""
                    ),
                    "created_dt": answered,
                    "updated_dt": answered,
                },
            )
