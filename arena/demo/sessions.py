"""The sessions of each series: held ones up to the demo's today, and one planned one.

The planned session has no invitations, practice examples or attendance yet, so a new user
can walk through the whole flow on it: invite, answer, assign slots, check in, reflect.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from arena.arenas.models import Meeting, MeetingState
from arena.demo.bulk import BulkWriter
from arena.demo.organisations import Org
from arena.demo.people import Person
from arena.demo.sampling import moment
from arena.demo.schedule import is_cancelled, is_online
from arena.demo.series import Series

#: kinds of organisation that have a room for 80 people and host the series usually
USUAL_HOSTS = ("gemeente", "welfare", "education", "research", "care", "national")


@dataclass(slots=True)
class MeetingInfo:
    id: int
    series: Series
    number: int
    day: date
    starts: datetime
    ends: datetime
    state: MeetingState
    title: str
    introduction: str
    location: str | None
    online_url: str | None


def _hosts(people: list[Person], orgs: dict[int, Org]) -> dict[int, list[Org]]:
    """Per series, the organisations of its members, which take turns hosting a session."""
    ids: dict[int, set[int]] = {}
    for person in people:
        if person.jobs:
            ids.setdefault(person.series[0], set()).add(person.jobs[0][0])
    return {index: [orgs[i] for i in sorted(found)] for index, found in ids.items()}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def plan_meetings(
    series_list: list[Series],
    people: list[Person],
    orgs: dict[int, Org],
    today: date,
    upcoming_after: date,
    rng: random.Random,
) -> tuple[list[MeetingInfo], dict[int, str]]:
    """All sessions, ordered per series by day, and each series' usual location."""
    meetings: list[MeetingInfo] = []
    locations: dict[int, str] = {}
    all_hosts = _hosts(people, orgs)
    for series in series_list:
        hosts = all_hosts.get(series.index) or [min(orgs.values(), key=lambda o: o.id)]
        topics = list(series.theme.topics + series.texts.general_topics)
        introductions = series.texts.introductions
        rng.shuffle(topics)
        usual = [org for org in hosts if org.kind in USUAL_HOSTS] or hosts
        home = rng.choice(usual)
        locations[series.index] = f"{home.name}, {home.place}"
        days = series.rhythm.dates(until=today)
        days.append(series.rhythm.next_after(max(today, upcoming_after)))
        for number, day in enumerate(days, start=1):
            if number == len(days):
                state = MeetingState.PLANNED
            elif is_cancelled(day):
                state = MeetingState.CANCELLED
            else:
                state = MeetingState.HELD
            starts, ends = series.rhythm.window(day)
            online = is_online(day) and state is MeetingState.HELD
            host = rng.choice(hosts)
            location = None if online else locations[series.index]
            if not online and rng.random() < 0.5:
                location = f"{host.name}, {host.place}"
            url = f"https://meet.example.org/{_slug(series.name)}-{number}" if online else None
            meetings.append(
                MeetingInfo(
                    id=len(meetings) + 1,
                    series=series,
                    number=number,
                    day=day,
                    starts=starts,
                    ends=ends,
                    state=state,
                    title=f"{series.name} {number}: {topics[(number - 1) % len(topics)]}",
                    introduction=introductions[(number - 1) % len(introductions)],
                    location=location,
                    online_url=url,
                )
            )
    return meetings, locations


def write_meetings(writer: BulkWriter, meetings: list[MeetingInfo], today: date) -> None:
    table = Meeting.__table__
    for meeting in meetings:
        planned = meeting.state is MeetingState.PLANNED
        texts = meeting.series.texts
        created = moment(min(meeting.day - timedelta(days=70), today - timedelta(days=3)), 11)
        changed = created if planned else meeting.ends + timedelta(hours=2)
        writer.add(
            table,
            {
                "id": meeting.id,
                "series_id": meeting.series.id,
                "title": meeting.title,
                "starts_dt": meeting.starts,
                "ends_dt": meeting.ends,
                "time_zone": "Europe/Amsterdam",
                "location": meeting.location,
                "online_url": meeting.online_url,
                "introduction_topic": meeting.introduction,
                "programme": texts.default_programme.format(topic=meeting.introduction),
                "state": meeting.state,
                "ical_sequence": 1 if meeting.state is MeetingState.CANCELLED else 0,
                "reminder_days_before": None,
                "reminder_body": None,
                "reminder_subject": None,
                "invitation_subject": None,
                "invitation_body": None,
                "audience": None,
                "cancellation_reason": (
                    texts.cancellation_reason if meeting.state is MeetingState.CANCELLED else None
                ),
                "created_dt": created,
                "updated_dt": changed,
            },
        )
