"""The demo's sizes, rhythm and names, checked without a database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from faker import Faker

from arena.demo.organisations import kind_counts, plan_organisations
from arena.demo.people import make_email
from arena.demo.places import PLACES
from arena.demo.plan import DEMO_TODAY, make_plan, organisation_count, series_count
from arena.demo.sampling import apportion, stage_rng
from arena.demo.schedule import rhythm_for
from arena.members.models import organisation_key


@pytest.mark.parametrize(
    ("members", "organisations", "series"), [(400, 150, 1), (40_000, 8_000, 50), (40, 15, 1)]
)
def test_sizes_follow_the_source(members, organisations, series):
    assert organisation_count(members) == organisations
    assert series_count(members) == series


def test_more_members_never_means_fewer_organisations():
    counts = [organisation_count(n) for n in range(10, 60_000, 97)]
    assert counts == sorted(counts)


def test_attendance_is_40_to_80_per_series_of_the_source_size_and_scales_down():
    assert make_plan(400).attendance == (40, 80)
    assert make_plan(40_000).attendance == (40, 80)
    low, high = make_plan(40).attendance
    assert 3 <= low < high <= 10


def test_apportion_keeps_the_total_and_the_minimum():
    counts = apportion(10, {"a": 0.9, "b": 0.05, "c": 0.05}, minimum=1)
    assert counts == {"a": 8, "b": 1, "c": 1}
    assert apportion(400, {"a": 0.24, "b": 0.76}) == {"a": 96, "b": 304}
    assert apportion(7, {"a": 1.0, "b": 1.0}) in ({"a": 4, "b": 3}, {"a": 3, "b": 4})


def test_waardevol_werk_meets_quarterly_and_next_on_20_january_2027():
    rhythm = rhythm_for(0)
    days = rhythm.dates(until=DEMO_TODAY)
    assert days[0] == date(2014, 1, 15)
    assert all(day.weekday() == 2 for day in days)
    assert len(days) == 4 * (DEMO_TODAY.year - 2014 + 1)
    assert rhythm.next_after(DEMO_TODAY) == date(2027, 1, 20)
    winter, summer = rhythm.window(date(2027, 1, 20)), rhythm.window(date(2026, 6, 17))
    assert winter[0] == datetime(2027, 1, 20, 12, 30, tzinfo=UTC)  # 13:30 in Amsterdam
    assert summer[0] == datetime(2026, 6, 17, 11, 30, tzinfo=UTC)  # 13:30 summer time


def test_other_series_have_their_own_rhythm():
    rhythms = {rhythm_for(index) for index in range(50)}
    assert len(rhythms) > 10
    assert all(2014 <= r.start_year <= 2019 for r in rhythms)


def test_emails_are_ascii_lower_case_and_numbered_when_names_repeat():
    taken: dict[str, int] = {}
    assert make_email("Zoë", "van der Berg", taken) == "zoe.vanderberg@example.nl"
    assert make_email("Zoë", "Van der Berg", taken) == "zoe.vanderberg.2@example.nl"
    assert make_email("Sem", "'t Hart-Öztürk", taken) == "sem.thartozturk@example.nl"


def test_8000_organisations_have_unique_names_and_real_municipalities():
    counts = kind_counts(8_000)
    assert sum(counts.values()) == 8_000 and counts["gemeente"] <= len(PLACES)
    fake = Faker("nl_NL")
    fake.seed_instance(1)
    by_kind = plan_organisations(8_000, stage_rng(1, "organisations"), fake)
    orgs = [org for kind in by_kind.values() for org in kind]
    assert len({organisation_key(org.name) for org in orgs}) == len(orgs) == 8_000
    assert [org.id for org in orgs] == list(range(1, 8_001))
    assert all(org.name.removeprefix("Gemeente ") in PLACES for org in by_kind["gemeente"])
