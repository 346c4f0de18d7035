"""The report's figures for a period agree with the same figures counted in plain SQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from arena.reports.figures import UNKNOWN, count, counts_by_group, record_rows
from arena.reports.period import Period, PeriodError, parse_period
from arena.reports.report import build_report

YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
NOW = datetime(2025, 2, 1, tzinfo=UTC)


def _sql(db, sql: str, **params) -> int:
    return db.execute(text(sql), params).scalar()


HELD_2024 = """
    SELECT id FROM meetings
    WHERE state = 'held' AND starts_dt >= :start AND starts_dt < :end
"""
PLAIN = {
    "sessions-held": f"SELECT count(*) FROM ({HELD_2024}) AS m",  # noqa: S608 - constant
    "attendees": """SELECT count(DISTINCT member_id) FROM attendances
        WHERE is_attended AND meeting_id IN (SELECT id FROM meetings
        WHERE state = 'held' AND starts_dt >= :start AND starts_dt < :end)""",
    "small-wins": """SELECT count(*) FROM small_wins
        WHERE happened_on >= :day_start AND happened_on <= :day_end""",
    "inspirations-across-organisations": """SELECT count(*) FROM small_win_inspirations l
        JOIN small_wins a ON a.id = l.inspired_id JOIN small_wins b ON b.id = l.inspiring_id
        WHERE a.happened_on BETWEEN :day_start AND :day_end
          AND a.organisation_id <> b.organisation_id""",
}


@pytest.mark.parametrize("key", sorted(PLAIN))
def test_a_figure_agrees_with_plain_sql(db, network, key):
    params = {
        "start": datetime(2024, 1, 1),
        "end": datetime(2025, 1, 1),
        "day_start": date(2024, 1, 1),
        "day_end": date(2024, 12, 31),
    }
    assert count(db, YEAR, key) == _sql(db, PLAIN[key], **params)


def test_the_year_counts_what_happened_in_it_and_nothing_outside(db, network):
    report = build_report(db, YEAR, NOW)
    assert report.value("sessions-held") == 3  # a planned one and one in 2025 are left out
    assert report.value("attendees") == 4
    assert report.value("newcomers") == 3  # the first person came in 2023 already
    assert report.value("small-wins") == 4  # neither the 2023 nor the 2025 win
    wins = report.section("wins")
    assert wins.lines[0].previous == 1 and wins.lines[0].change == 3
    assert report.value("small-wins-by-mechanism", "oil-spot") == 2
    assert report.value("small-wins-by-mechanism", "energizing") == 1
    assert report.value("small-wins-without-mechanism") == 1
    assert report.value("attendees-without-organisation") == 1


def test_grouped_figures_count_each_person_once_per_group_and_say_what_is_unknown(db, network):
    by_sector = counts_by_group(db, YEAR, "attendees-by-sector")
    assert by_sector == {"care": 2, "employment": 2, UNKNOWN: 1}


def test_a_chain_across_two_organisations_is_listed(db, network):
    w1, w2 = network["w1"], network["w2"]
    across = record_rows(db, YEAR, "inspirations-across-organisations")
    assert (w2.id, w1.id) in [tuple(r) for r in across] and len(across) == 2
    sectors = record_rows(db, YEAR, "inspirations-across-sectors")
    assert [tuple(r) for r in sectors] == [(w2.id, w1.id)]


def test_a_series_report_counts_only_that_series(db, network):
    period = Period(YEAR.start, YEAR.end, network["s2"].id)
    assert count(db, period, "sessions-held") == 1
    assert count(db, period, "attendees") == 1
    assert count(db, period, "small-wins") == 0  # no win came from the second series


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(PeriodError):
        Period(date(2024, 5, 1), date(2024, 4, 1))
    with pytest.raises(PeriodError):
        parse_period({"start": "2024-05-01", "end": "2024-04-01"}, date(2025, 1, 1))
    with pytest.raises(PeriodError):
        parse_period({"start": "first of May"}, date(2025, 1, 1))


def test_the_default_period_is_the_last_calendar_year_and_compares_with_the_one_before():
    period = parse_period({}, date(2025, 3, 4))
    assert (period.start, period.end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert period.previous() == Period(date(2023, 1, 1), date(2023, 12, 31))
    quarter = Period(date(2024, 4, 1), date(2024, 6, 30))
    assert quarter.previous().end == date(2024, 3, 31) and quarter.previous().days == 91


def test_every_figure_lists_as_many_records_as_it_counts(db, network):
    from arena.reports.figures import FIGURES
    from arena.reports.records import records_behind

    for key, fig in FIGURES.items():
        groups = counts_by_group(db, YEAR, key) if fig.grouped else {None: count(db, YEAR, key)}
        for group, expected in groups.items():
            records = records_behind(db, YEAR, key, group)
            assert len(records) == expected, (key, group)
            assert all(r.title for r in records), key
