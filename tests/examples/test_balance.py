"""Balance warnings: two frontrunners, or two examples from the same sector, in one session."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from arena.auth.models import Role
from arena.db import utcnow
from arena.examples.balance import upcoming_balance, year_balance
from arena.examples.models import ExampleStatus, Maturity

FRONTRUNNER = {"maturity": Maturity.FRONTRUNNER}


@pytest.fixture
def plan(make_example, make_organisation):
    """Schedules a new example into a slot, told by a new organisation of each sector named."""

    def make(meeting, slot: int, *sectors: str, organisations=(), **overrides):
        organisations = [*organisations, *(make_organisation(sector=s) for s in sectors)]
        return make_example(
            meeting_id=meeting.id, slot=slot, status=ExampleStatus.SCHEDULED,
            organisations=organisations, **overrides,
        )  # fmt: skip

    return make


def test_two_frontrunners_in_one_session_are_flagged(app, db, make_meeting, plan):
    meeting = make_meeting()
    plan(meeting, 1, "care", **FRONTRUNNER)
    plan(meeting, 2, "education", **FRONTRUNNER)
    (row,) = upcoming_balance(db, utcnow())
    assert len(row.warnings) == 1 and "Two frontrunners" in row.warnings[0]


def test_two_examples_from_one_sector_are_flagged(app, db, make_meeting, plan):
    meeting = make_meeting()
    plan(meeting, 1, "care", "housing", **FRONTRUNNER)
    plan(meeting, 2, "care")
    (row,) = upcoming_balance(db, utcnow())
    assert row.warnings == ["Two examples from the same sector: care."]


def test_a_balanced_session_has_no_warning_and_the_board_shows_it(
    app, db, make_meeting, plan, make_account, login
):
    balanced, crowded = make_meeting(title="Balanced"), make_meeting(title="Crowded")
    plan(balanced, 1, "care", **FRONTRUNNER)
    plan(balanced, 2, "business")
    plan(crowded, 1, **FRONTRUNNER)
    plan(crowded, 2, **FRONTRUNNER)
    rows = {row.meeting.title: row for row in upcoming_balance(db, utcnow())}
    assert rows["Balanced"].warnings == []
    body = login(make_account(role=Role.ORGANISER)).get("/examples/").get_data(as_text=True)
    assert body.count("Two frontrunners") == 1


def test_the_year_counts_frontrunners_starters_and_sectors(
    app, db, make_meeting, make_organisation, plan, make_account, login
):
    spring = make_meeting(starts=datetime(2024, 4, 1, 12, tzinfo=UTC))
    autumn = make_meeting(starts=datetime(2024, 10, 1, 12, tzinfo=UTC))
    other_year = make_meeting(starts=datetime(2023, 10, 1, 12, tzinfo=UTC))
    care = make_organisation(sector="care")
    plan(spring, 1, organisations=[care], **FRONTRUNNER)
    plan(spring, 2, organisations=[care], **FRONTRUNNER)
    plan(autumn, 1, "business")
    plan(other_year, 1, **FRONTRUNNER)
    result = year_balance(db, 2024)
    assert result.maturity[Maturity.FRONTRUNNER] == 2
    assert result.maturity[Maturity.STARTING] == 1
    assert result.sectors == {"care": 2, "business": 1}
    assert result.sessions_with_warnings == 1
    body = login(make_account(role=Role.PROGRAMME_LEAD)).get("/examples/balance?year=2024")
    assert 'data-count="frontrunner">2<' in body.get_data(as_text=True)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_years_examples_come_from_the_index_of_examples_by_session(db):
    """Without it PostgreSQL read every example (long texts) and hashed them against the
    year's sessions. (SQLite walks the index of the sessions' examples in any case.)"""
    from arena.examples.balance import maturity_per_session, planned_in_year
    from tests.queries import query_plan

    plan = query_plan(db, maturity_per_session(planned_in_year(2024)))
    assert "Index Only Scan using ix_practice_examples_meeting_status_maturity" in plan


EXAMPLE_ROWS = [
    "INSERT INTO arena_series (id, name, theme, description, rhythm, header_text, "
    "presenter_instructions, invitation_subject, invitation_body, reminder_days_before, "
    "reminder_subject, reminder_body, practical_note_body, default_programme, created_dt, "
    "updated_dt) VALUES (1, 'Waardevol Werk', '', '', 'quarterly', '', '', '', '', 7, '', '', "
    "'', '', '2024-01-01 10:00:00', '2024-01-01 10:00:00')",
    "INSERT INTO meetings (id, series_id, title, starts_dt, ends_dt, time_zone, "
    "introduction_topic, programme, state, ical_sequence, created_dt, updated_dt) VALUES "
    "(1, 1, 'Arena 1', '2024-04-01 12:00:00', '2024-04-01 15:00:00', 'Europe/Amsterdam', '', "
    "'', 'held', 0, '2024-01-01 10:00:00', '2024-01-01 10:00:00')",
    "INSERT INTO practice_examples (id, title, initiative, goals, underlying_values, "
    "goes_well, goes_less_well, chafes, maturity, status, meeting_id, slot, created_dt, "
    "updated_dt) VALUES (1, 'Werkplaats', '', '', '', '', '', '', 'frontrunner', 'presented', "
    "1, 1, '2024-01-01 10:00:00', '2024-01-01 10:00:00')",
]


def test_a_populated_database_gets_the_index_and_keeps_its_examples(empty_database_url):
    from sqlalchemy import inspect

    from tests.databases import upgraded_with_rows

    with upgraded_with_rows(empty_database_url, "pages_0003", EXAMPLE_ROWS) as conn:
        indexes = {
            i["name"]: i["column_names"] for i in inspect(conn).get_indexes("practice_examples")
        }
        rows = conn.exec_driver_sql("SELECT id, meeting_id, maturity FROM practice_examples").all()
    assert indexes["ix_practice_examples_meeting_status_maturity"] == [
        "meeting_id", "status", "maturity", "id",
    ]  # fmt: skip
    assert "ix_practice_examples_meeting_id" not in indexes
    assert [tuple(r) for r in rows] == [(1, 1, "frontrunner")]
