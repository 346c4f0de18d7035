"""Collaborations that grew from the sessions, more of them as the network matures.

Each starts after the session it grew from, between organisations, members, or both; the old
ones have often ended, the newest are still being explored.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from arena.arenas.models import MeetingState
from arena.collaborations.models import (
    Collaboration,
    CollaborationParticipant,
    CollaborationStatus,
)
from arena.demo.bulk import BulkWriter
from arena.demo.examples import ExampleInfo
from arena.demo.organisations import Org
from arena.demo.people import Person
from arena.demo.sampling import day_between, moment
from arena.demo.sessions import MeetingInfo

S = CollaborationStatus


def _status(rng: random.Random, age_days: int) -> CollaborationStatus:
    if age_days < 180:
        return S.EXPLORING if rng.random() < 0.6 else S.ACTIVE
    if age_days < 3 * 365:
        return rng.choices((S.ACTIVE, S.ENDED, S.EXPLORING), weights=(0.7, 0.15, 0.15))[0]
    return S.ENDED if rng.random() < 0.5 else S.ACTIVE


def write_collaborations(
    writer: BulkWriter,
    meetings: list[MeetingInfo],
    attended: dict[int, list[int]],
    examples: dict[int, list[ExampleInfo]],
    people: list[Person],
    orgs: dict[int, Org],
    scale: float,
    rng: random.Random,
    today: date,
) -> None:
    """Per held session a few new collaborations, growing with the years since the start."""
    for meeting in meetings:
        if meeting.state is not MeetingState.HELD or meeting.day >= today:
            continue
        years = (meeting.day - meeting.series.rhythm.first).days / 365.25
        expected = scale * (0.6 + 0.25 * years)
        count = int(expected) + (1 if rng.random() < expected - int(expected) else 0)
        attendees = attended[meeting.id]
        for _ in range(count):
            if len(attendees) < 2:
                break
            _write_one(writer, meeting, attendees, examples, people, orgs, rng, today)


def _write_one(writer, meeting, attendees, examples, people, orgs, rng, today) -> None:
    started = day_between(
        rng, meeting.day + timedelta(days=1), min(meeting.day + timedelta(days=150), today)
    )
    members = [people[i - 1] for i in rng.sample(attendees, min(len(attendees), 4))]
    initiator = members[0]
    shape = rng.choices(("organisations", "members", "mixed"), weights=(0.5, 0.2, 0.3))[0]
    org_ids = list(dict.fromkeys(o for m in members if (o := m.organisation_on(started))))
    example = None
    if examples.get(meeting.id) and rng.random() < 0.35:
        example = rng.choice(examples[meeting.id])
        org_ids = list(dict.fromkeys(example.organisation_ids + org_ids))
    sides: list[tuple[int | None, int | None]] = []
    if shape != "members" and len(org_ids) >= 2:
        sides += [(None, o) for o in org_ids[: rng.randint(2, min(4, len(org_ids)))]]
    if shape != "organisations" or not sides:
        keep = 1 if sides else rng.randint(2, len(members))
        sides += [(m.id, None) for m in members[:keep]]
    texts = meeting.series.texts
    place = orgs[org_ids[0]].place if org_ids else texts.in_the_region
    table = Collaboration.__table__
    collaboration_id = writer.next_id(table)
    recorded = moment(min(started + timedelta(days=rng.randint(0, 30)), today), 15)
    writer.add(
        table,
        {
            "id": collaboration_id,
            "title": rng.choice(texts.collaboration_titles).format(place=place),
            "description": rng.choice(texts.collaboration_text),
            "started_on": started,
            "status": _status(rng, (today - started).days),
            "meeting_id": meeting.id,
            "practice_example_id": example.id if example else None,
            "recorded_by_id": initiator.id,
            "created_dt": recorded,
            "updated_dt": recorded,
        },
    )
    participants = CollaborationParticipant.__table__
    for member_id, org_id in sides:
        writer.add(
            participants,
            {
                "id": writer.next_id(participants),
                "collaboration_id": collaboration_id,
                "member_id": member_id,
                "organisation_id": org_id,
                "value_rating": rng.choices((None, 3, 4, 5, 2), weights=(4, 2, 3, 2, 1))[0],
            },
        )
