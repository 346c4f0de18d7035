"""Practice examples: two presented search stories per held session, and proposals waiting.

Organisers balance frontrunners with initiatives that are less far, so slot 1 is mostly a
frontrunner and slot 2 mostly a starting initiative. Presenters are members who were there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from arena.arenas.models import MeetingState
from arena.demo.bulk import BulkWriter
from arena.demo.organisations import Org
from arena.demo.people import Person
from arena.demo.sampling import moment
from arena.demo.sessions import MeetingInfo
from arena.demo.stories import sentences
from arena.demo.texts import DemoTexts
from arena.examples.models import (
    ExampleStatus,
    Maturity,
    PracticeExample,
    example_organisations,
    example_preferred_meetings,
    example_presenters,
)


@dataclass(slots=True)
class ExampleInfo:
    id: int
    meeting_id: int
    organisation_ids: list[int] = field(default_factory=list)


class ExampleWriter:
    """Writes examples with their presenters and organisations."""

    def __init__(self, writer: BulkWriter, orgs: dict[int, Org], rng: random.Random) -> None:
        self.writer = writer
        self.orgs = orgs
        self.rng = rng

    def add(
        self, presenters: list[Person], day: date, texts: DemoTexts, **fields
    ) -> tuple[int, list[int]]:
        rng = self.rng
        org_ids = list(dict.fromkeys(o for p in presenters if (o := p.organisation_on(day))))
        initiative = rng.choice(texts.initiatives)
        title = initiative
        if org_ids and rng.random() < 0.5:
            title = texts.example_at.format(
                initiative=initiative, organisation=self.orgs[org_ids[0]].name
            )
        example_id = self.writer.next_id(PracticeExample.__table__)
        self.writer.add(
            PracticeExample.__table__,
            {
                "id": example_id,
                "title": title[:200],
                "initiative": initiative,
                "goals": sentences(rng, texts.goals),
                "underlying_values": sentences(rng, texts.values),
                "goes_well": sentences(rng, texts.goes_well),
                "goes_less_well": sentences(rng, texts.goes_less_well),
                "chafes": sentences(rng, texts.chafes, 1),
                "proposed_by_id": presenters[0].id,
                **fields,
            },
        )
        for person in presenters:
            self.writer.add(example_presenters, {"example_id": example_id, "member_id": person.id})
        for org_id in org_ids:
            self.writer.add(
                example_organisations, {"example_id": example_id, "organisation_id": org_id}
            )
        return example_id, org_ids


def write_examples(
    writer: BulkWriter,
    meetings: list[MeetingInfo],
    attended: dict[int, list[int]],
    people: list[Person],
    network: dict[int, list[Person]],
    orgs: dict[int, Org],
    rng: random.Random,
    today: date,
) -> dict[int, list[ExampleInfo]]:
    """Two presented examples per held session; per series a few proposals for the next one."""
    examples = ExampleWriter(writer, orgs, rng)
    by_meeting: dict[int, list[ExampleInfo]] = {}
    for meeting in meetings:
        if meeting.state is MeetingState.PLANNED:
            _write_proposals(examples, meeting, network.get(meeting.series.index, []), rng, today)
        if meeting.state is not MeetingState.HELD:
            continue
        pool = rng.sample(attended[meeting.id], min(4, len(attended[meeting.id])))
        infos = []
        for slot in (1, 2):
            frontrunner = (slot == 1) == (rng.random() < 0.75)
            count = 2 if len(pool) > 2 and rng.random() < 0.3 else 1
            presenters = [people[pool.pop() - 1] for _ in range(min(count, len(pool)))]
            if not presenters:  # a tiny network: the same attendee presents twice
                presenters = [people[attended[meeting.id][0] - 1]]
            proposed = meeting.day - timedelta(days=rng.randint(40, 150))
            example_id, org_ids = examples.add(
                presenters,
                meeting.day,
                meeting.series.texts,
                maturity=Maturity.FRONTRUNNER if frontrunner else Maturity.STARTING,
                status=ExampleStatus.PRESENTED,
                decline_reason=None,
                meeting_id=meeting.id,
                slot=slot,
                created_dt=moment(proposed, 10),
                updated_dt=meeting.ends,
            )
            infos.append(ExampleInfo(example_id, meeting.id, org_ids))
        by_meeting[meeting.id] = infos
    return by_meeting


def _write_proposals(
    examples: ExampleWriter,
    meeting: MeetingInfo,
    network: list[Person],
    rng: random.Random,
    today: date,
) -> None:
    """Three proposals waiting for review, preferring the planned session, and one declined."""
    network = [p for p in network if p.mailable_on(today)]
    for number, person in enumerate(rng.sample(network, min(4, len(network)))):
        sent = moment(today - timedelta(days=rng.randint(2, 45)), 14)
        declined = number == 3
        texts = meeting.series.texts
        example_id, _ = examples.add(
            [person],
            today,
            texts,
            maturity=rng.choice((Maturity.FRONTRUNNER, Maturity.STARTING)),
            status=ExampleStatus.DECLINED if declined else ExampleStatus.SUBMITTED,
            decline_reason=texts.decline_reason if declined else None,
            meeting_id=None,
            slot=None,
            created_dt=sent,
            updated_dt=sent + timedelta(days=3) if declined else sent,
        )
        if not declined:
            examples.writer.add(
                example_preferred_meetings, {"example_id": example_id, "meeting_id": meeting.id}
            )
