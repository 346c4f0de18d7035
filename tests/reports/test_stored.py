"""Stored reports: the same figures as counted now, and counted again after the data changed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text, update

from arena.arenas.models import Attendance, Response
from arena.reports.figures import FIGURES, record_rows
from arena.reports.models import StoredReport
from arena.reports.period import Period
from arena.reports.report import build_report
from arena.reports.store import current_report, data_version, refresh_stale_reports
from arena.reports.tasks import refresh_reports
from arena.triggers import suspend_data_version
from tests.databases import migration_module

YEAR = Period(date(2024, 1, 1), date(2024, 12, 31))
NOW = datetime(2025, 2, 1, tzinfo=UTC)
MIGRATION = "migrations/versions/20261201_report_0001_stored_reports.py"


TRIGGERED = migration_module(MIGRATION)


def _figures(report) -> dict:
    lines = [line for s in report.sections for line in s.lines] + report.unknowns
    return {(line.key, line.group): (line.value, line.previous) for line in lines}


def _stored_count(db) -> int:
    return db.scalar(select(func.count()).select_from(StoredReport))


def test_a_stored_report_shows_what_counting_now_shows(db, network):
    counted = current_report(db, YEAR, NOW)
    db.commit()
    assert _stored_count(db) == 1
    stored = current_report(db, YEAR, datetime(2025, 3, 1, tzinfo=UTC))
    assert _figures(stored) == _figures(build_report(db, YEAR, NOW)) == _figures(counted)
    assert stored.counted_dt == NOW  # when it was counted, not when it was read
    assert stored.chains == counted.chains and stored.chains
    # counted by hand from the network fixture: 4 people came, 3 for the first time
    assert stored.value("attendees") == 4 and stored.value("newcomers") == 3


def test_every_stored_figure_agrees_with_the_records_behind_it(db, network):
    current_report(db, YEAR, NOW)
    db.commit()
    report = current_report(db, YEAR, NOW)
    assert db.scalar(select(StoredReport.data_version)) == data_version(db)  # read, not counted
    for line in [line for s in report.sections for line in s.lines] + report.unknowns:
        assert line.value == len(record_rows(db, YEAR, line.key, line.group)), line.key


def test_a_new_attendance_is_counted_at_once(db, network, make_member, attend):
    before = current_report(db, YEAR, NOW)
    db.commit()
    newcomer = make_member()
    attend(newcomer, network["m1"])
    db.commit()
    after = current_report(db, YEAR, NOW)
    assert after.value("attendees") == before.value("attendees") + 1 == 5
    assert after.value("newcomers") == 4
    assert len(record_rows(db, YEAR, "attendees")) == 5


def test_an_attendance_undone_and_a_role_changed_are_counted_at_once(db, network):
    current_report(db, YEAR, NOW)
    db.commit()
    attendance = db.scalar(select(Attendance).where(Attendance.meeting_id == network["m1"].id))
    attendance.is_attended = False
    db.commit()
    assert current_report(db, YEAR, NOW).value("attendances") == 4


def test_rsvp_answers_leave_the_stored_report_fresh(db, network, make_member, attend):
    """A burst of answers after a mass invitation must not recount the report per answer."""
    attend(make_member(), network["m1"], attended=False)  # invited
    report = current_report(db, YEAR, NOW)
    db.commit()
    version = data_version(db)
    db.execute(update(Attendance).values(response=Response.YES, responded_dt=NOW))
    db.commit()
    assert data_version(db) == version
    assert current_report(db, YEAR, NOW).counted_dt == report.counted_dt


def test_a_fresh_install_shows_the_report_and_stores_it(db, network, make_account, login):
    from arena.auth.models import Role

    lead = login(make_account(Role.PROGRAMME_LEAD))
    assert _stored_count(db) == 0
    page = lead.get("/reports/?start=2024-01-01&end=2024-12-31")
    assert page.status_code == 200 and "Figures counted on" in page.get_data(as_text=True)
    assert _stored_count(db) == 1
    assert lead.get("/reports/?start=2024-01-01&end=2024-12-31").status_code == 200


def test_the_job_recounts_stale_reports(app, db, network, make_member, attend):
    current_report(db, YEAR, NOW)
    db.commit()
    attend(make_member(), network["m1"])
    db.commit()
    assert refresh_stale_reports(db, NOW, Period(date(2023, 1, 1), date(2023, 12, 31))) == [
        "2023-01-01:2023-12-31:all",
        "2024-01-01:2024-12-31:all",
    ]
    db.commit()
    assert refresh_stale_reports(db, NOW, Period(date(2023, 1, 1), date(2023, 12, 31))) == []
    stored = db.scalar(select(StoredReport).where(StoredReport.key.startswith("2024")))
    assert stored.data["2024-01-01:2024-12-31:attendees"] == 5
    with app.app_context():
        assert isinstance(refresh_reports(), list)


@pytest.mark.parametrize("table", TRIGGERED.TABLES)
def test_every_table_a_figure_reads_raises_the_data_version(db, table):
    """A batch migration on SQLite copies a table without its triggers: this notices."""
    if db.get_bind().dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE tgrelid = CAST(:table AS regclass)"
        expected = {f"report_changed_{table}"}
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :table"
        expected = {f"report_changed_{table}_{event}" for event in ("insert", "update", "delete")}
    assert expected <= set(db.execute(text(query), {"table": table}).scalars())


def test_every_figure_is_stored(db, network):
    report = current_report(db, YEAR, NOW)
    db.commit()
    stored = db.scalar(select(StoredReport))
    keys = {name.split(":")[2] for name in stored.data}
    shown = {line.key for s in report.sections for line in s.lines} | {
        line.key for line in report.unknowns
    }
    assert shown <= keys <= set(FIGURES)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # SQLite: one writer
def test_an_open_change_keeps_no_other_writer_waiting_on_postgresql(db, network):
    """A long transaction (an import) that changed a counted table holds no lock that another
    writer of a counted table needs: the version is raised at commit, not at the change."""
    engine = db.get_bind()
    before = data_version(db)
    db.commit()
    with engine.connect() as long_one, engine.connect() as other:
        long_one.execute(text("UPDATE attendances SET is_attended = NOT is_attended WHERE id = 1"))
        other.execute(text("SET lock_timeout = '2s'"))
        # another member than the attendance's (whose row its last-attended trigger locks)
        other.execute(
            text(
                "UPDATE members SET role = role WHERE id = (SELECT max(id) FROM members "
                "WHERE id <> (SELECT member_id FROM attendances WHERE id = 1))"
            )
        )
        other.commit()  # would wait for long_one (and time out) if the raise took the lock
        after_other = data_version(db)
        db.commit()
        long_one.commit()
    assert after_other == before + 1
    assert data_version(db) == before + 2


def test_a_rolled_back_change_leaves_the_version_and_a_later_one_raises_it(db, network):
    """Also when the change was undone to a savepoint and the transaction changed more later."""
    engine = db.get_bind()
    before = data_version(db)
    db.commit()
    with engine.connect() as connection:
        connection.execute(text("UPDATE attendances SET is_attended = NOT is_attended"))
        connection.rollback()
        assert data_version(db) == before
        db.commit()
        savepoint = connection.begin_nested()
        connection.execute(text("UPDATE attendances SET is_attended = NOT is_attended"))
        savepoint.rollback()
        connection.execute(text("UPDATE members SET role = role"))
        connection.commit()
    # raised once per transaction on PostgreSQL, once per changed row on SQLite
    assert data_version(db) > before
    if engine.dialect.name == "postgresql":
        assert data_version(db) == before + 1


def test_a_bulk_load_raises_the_version_once_and_the_triggers_follow_again(
    db, network, make_member, attend
):
    """The demo's load sets the version's triggers aside: no raise per row while it writes,
    one after it (every stored report stale), and changes raise it again afterwards."""
    current_report(db, YEAR, NOW)
    db.commit()
    newcomer = make_member()
    before = data_version(db)
    resume = suspend_data_version(db.connection())
    db.add(Attendance(meeting_id=network["m1"].id, member_id=newcomer.id, is_attended=True))
    db.flush()
    assert data_version(db) == before  # not raised per row while loading
    resume()
    db.commit()
    assert data_version(db) > before
    assert current_report(db, YEAR, NOW).value("attendees") == 5  # stale, so counted again
    db.commit()
    loaded = data_version(db)
    attend(make_member(), network["m1"])
    db.commit()
    assert data_version(db) > loaded  # followed again


def test_the_job_removes_stale_reports_nobody_looked_at_for_a_month(
    db, network, make_member, attend
):
    first = Period(date(2023, 1, 1), date(2023, 12, 31))
    old_period = Period(date(2022, 1, 1), date(2022, 12, 31))
    for period in (old_period, YEAR, first):
        current_report(db, period, NOW - timedelta(days=40))
    db.commit()
    assert refresh_stale_reports(db, NOW, first) == []
    assert _stored_count(db) == 3  # fresh ones are kept however long ago they were counted
    attend(make_member(), network["m1"])
    db.commit()
    current_report(db, YEAR, NOW - timedelta(days=1))  # looked at again, so counted anew
    db.commit()
    attend(make_member(), network["m1"])
    db.commit()
    assert refresh_stale_reports(db, NOW, first) == [
        "2023-01-01:2023-12-31:all",  # the default one is recounted however old
        "2024-01-01:2024-12-31:all",  # counted a day ago: recounted
    ]
    keys = set(db.scalars(select(StoredReport.key)))
    assert keys == {"2023-01-01:2023-12-31:all", "2024-01-01:2024-12-31:all"}
    assert current_report(db, old_period, NOW).value("attendees") == 0  # counted anew on view
