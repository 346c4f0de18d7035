"""The arena series: Waardevol Werk first, then (in a big network) regional series like it."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from arena.arenas.models import ArenaSeries, SeriesFollower
from arena.demo.bulk import BulkWriter
from arena.demo.people import Person
from arena.demo.places import REGIONS
from arena.demo.sampling import moment
from arena.demo.schedule import Rhythm, rhythm_for
from arena.demo.series_texts import Theme
from arena.demo.texts import DemoTexts


@dataclass(slots=True)
class Series:
    index: int
    name: str
    theme: Theme
    rhythm: Rhythm
    #: the language its organisers and members write in
    texts: DemoTexts

    @property
    def id(self) -> int:
        return self.index + 1


def plan_series(count: int, texts: DemoTexts) -> list[Series]:
    """The flagship, then themes crossed with regions, so every name is unique."""
    series = [Series(0, texts.flagship.name, texts.flagship, rhythm_for(0), texts)]
    themes = texts.other_themes
    for index in range(1, count):
        theme = themes[(index - 1) % len(themes)]
        round_ = (index - 1) // len(themes)
        region = REGIONS[round_ % len(REGIONS)]
        if round_ >= len(REGIONS):
            region = f"{region} {round_ // len(REGIONS) + 1}"
        series.append(Series(index, f"{theme.name} {region}", theme, rhythm_for(index), texts))
    return series


def write_series(
    writer: BulkWriter, series: list[Series], default_locations: dict[int, str]
) -> None:
    table = ArenaSeries.__table__
    for item in series:
        created = moment(item.rhythm.first - timedelta(days=90))
        writer.add(
            table,
            {
                "id": item.id,
                "name": item.name,
                **standard_form(item),
                "header_image_path": None,
                "reminder_days_before": 7,
                "default_location": default_locations.get(item.index),
                "created_dt": created,
                "updated_dt": created,
            },
        )


def standard_form(series: Series) -> dict[str, str]:
    """The standard form of one series in its language, ready for its arena_series row."""
    texts, theme = series.texts, series.theme.theme.lower()
    return {
        "theme": series.theme.theme,
        "description": texts.description.format(theme_lower=theme),
        "rhythm": "quarterly",
        "header_text": texts.header.format(name=series.theme.name, theme_lower=theme),
        "presenter_instructions": texts.presenter_instructions,
        "invitation_subject": texts.invitation_subject,
        "invitation_body": texts.invitation_body.replace("[series]", series.theme.name),
        "reminder_subject": texts.reminder_subject,
        "reminder_body": texts.reminder_body,
        "practical_note_body": texts.practical_note_body,
        "default_programme": texts.default_programme.format(topic=texts.programme_topic),
    }


def write_followers(
    writer: BulkWriter, people: list[Person], series: list[Series], rng: random.Random
) -> None:
    """Most members follow their home series; those in two series often follow both."""
    table = SeriesFollower.__table__
    for person in people:
        for position, index in enumerate(person.series):
            if rng.random() < (0.65 if position == 0 else 0.8):
                followed: datetime = moment(person.joined, 10, rng.randint(0, 59))
                writer.add(
                    table,
                    {
                        "series_id": series[index].id,
                        "member_id": person.id,
                        "followed_dt": followed,
                    },
                )
