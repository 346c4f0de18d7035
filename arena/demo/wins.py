"""Small wins: next steps attendees took after a session, each with its mechanisms.

Wins are numbered in the order they happened, and a win is only ever inspired by wins that
happened before it, so the inspiration graph has no cycles. A win that was inspired by
another often shows the oil-spot mechanism: people follow each other.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta

from arena.arenas.models import MeetingState
from arena.demo.bulk import BulkWriter
from arena.demo.examples import ExampleInfo
from arena.demo.people import Person
from arena.demo.sampling import day_between, moment
from arena.demo.sessions import MeetingInfo
from arena.wins.models import (
    Mechanism,
    SmallWin,
    SmallWinMechanism,
    small_win_inspirations,
    small_win_members,
)

MECHANISM_WEIGHTS = {
    Mechanism.ENERGIZING: 0.25,
    Mechanism.EXPERIMENTING: 0.2,
    Mechanism.ATTRACTION: 0.15,
    Mechanism.OIL_SPOT: 0.15,
    Mechanism.CONNECTION: 0.15,
    Mechanism.ROBUSTNESS: 0.1,
}
#: how far back a win looks for the wins that inspired it
INSPIRATION_WINDOW = 150


@dataclass(slots=True)
class Win:
    id: int
    happened: date
    meeting: MeetingInfo
    author: Person


def plan_wins(
    meetings: list[MeetingInfo],
    attended: dict[int, list[int]],
    people: list[Person],
    rng: random.Random,
    today: date,
) -> list[Win]:
    """Who logged a win after which session, and when; numbered in the order they happened."""
    drafts = []
    for meeting in meetings:
        if meeting.state is not MeetingState.HELD:
            continue
        attendees = attended[meeting.id]
        count = round(len(attendees) * rng.uniform(0.12, 0.25))
        for author_id in rng.sample(attendees, min(count, len(attendees))):
            first = min(meeting.day + timedelta(days=7), today)
            happened = day_between(rng, first, min(meeting.day + timedelta(days=120), today))
            drafts.append((happened, meeting.id, author_id, meeting))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    return [
        Win(index, happened, meeting, people[author_id - 1])
        for index, (happened, _m, author_id, meeting) in enumerate(drafts, start=1)
    ]


def _mechanisms(rng: random.Random, inspired: bool, beyond_own: bool) -> list[Mechanism]:
    keys = list(MECHANISM_WEIGHTS)
    count = rng.choices((1, 2, 3), weights=(0.45, 0.4, 0.15))[0]
    chosen = set(rng.choices(keys, weights=list(MECHANISM_WEIGHTS.values()), k=count))
    if inspired and rng.random() < 0.6:
        chosen.add(Mechanism.OIL_SPOT)
    if beyond_own and rng.random() < 0.5:
        chosen.add(Mechanism.CONNECTION)
    return [m for m in keys if m in chosen]


def write_wins(
    writer: BulkWriter,
    wins: list[Win],
    attended: dict[int, list[int]],
    examples: dict[int, list[ExampleInfo]],
    rng: random.Random,
    today: date,
) -> None:
    """Insert the wins with their mechanisms, inspirations and the other members involved."""
    earlier: dict[int, tuple[list[date], list[int]]] = {}
    for win in wins:
        series_days, series_ids = earlier.setdefault(win.meeting.series.index, ([], []))
        before = bisect_left(series_days, win.happened)
        candidates = series_ids[max(0, before - INSPIRATION_WINDOW) : before]
        inspiring = []
        if candidates and rng.random() < 0.35:
            inspiring = rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 1, 2))))
        texts = win.meeting.series.texts
        reach = rng.choice(texts.reach)
        example = None
        if examples.get(win.meeting.id) and rng.random() < 0.4:
            example = rng.choice(examples[win.meeting.id]).id
        logged = moment(min(win.happened + timedelta(days=rng.randint(0, 20)), today), 16)
        writer.add(
            SmallWin.__table__,
            {
                "id": win.id,
                "title": rng.choice(texts.win_actions),
                "what_changed": rng.choice(texts.what_changed),
                "happened_on": win.happened,
                "author_id": win.author.id,
                "organisation_id": win.author.organisation_on(win.happened),
                "friction": rng.choice(texts.friction),
                "reach": reach,
                "meeting_id": win.meeting.id,
                "practice_example_id": example,
                "created_dt": logged,
                "updated_dt": logged,
            },
        )
        for mechanism in _mechanisms(rng, bool(inspiring), reach not in texts.own_reach):
            writer.add(
                SmallWinMechanism.__table__, {"small_win_id": win.id, "mechanism": mechanism}
            )
        for inspiring_id in sorted(inspiring):
            writer.add(
                small_win_inspirations, {"inspired_id": win.id, "inspiring_id": inspiring_id}
            )
        if rng.random() < 0.3:
            others = [m for m in attended[win.meeting.id] if m != win.author.id]
            for member_id in sorted(rng.sample(others, min(len(others), rng.randint(1, 2)))):
                writer.add(small_win_members, {"small_win_id": win.id, "member_id": member_id})
        series_days.append(win.happened)
        series_ids.append(win.id)
