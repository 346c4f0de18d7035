"""Loading the demo: sequences after explicit ids, refusing real data, progress, the command."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from contextlib import closing
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from arena.arenas.models import Attendance, Meeting, series_organisers
from arena.auth.models import Role, UserAccount
from arena.cli import demo_command
from arena.db import Database
from arena.demo import DemoError, generate_demo
from arena.demo.indexes import TablesBusy
from arena.demo.plan import make_plan
from arena.i18n import init_app as init_i18n
from arena.members.models import Member, Organisation, StakeholderRole
from arena.wins.models import Mechanism, SmallWin, SmallWinMechanism
from tests.foundation.test_statistics import analysed_tables


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_ordinary_inserts_work_after_the_demo(make_database, backend):
    engine = make_database(backend)
    generate_demo(engine, members=40, seed=1, password="pw")
    with Session(engine) as session:
        highest = session.scalar(select(func.max(Member.id)))
        member = Member(name="Nieuw Lid", email="Nieuw.Lid@Example.NL")
        organisation = Organisation(name="Gemeente  Nieuwegein")
        session.add_all([member, organisation])
        session.flush()
        meeting = session.scalars(select(Meeting).where(Meeting.state == "planned")).one()
        session.add(Attendance(meeting_id=meeting.id, member_id=member.id))
        win = SmallWin(title="A first win", happened_on=date(2026, 11, 26), author_id=member.id)
        win.mechanism_rows.append(SmallWinMechanism(mechanism=Mechanism.ENERGIZING))
        session.add(win)
        session.commit()
        assert member.id == highest + 1
        assert member.email == "nieuw.lid@example.nl"
        assert organisation.id > 1 and win.id > 1


def test_refuses_a_database_that_already_holds_a_network(make_database):
    engine = make_database("sqlite")
    generate_demo(engine, members=40, seed=1, password="pw")
    with pytest.raises(DemoError, match="members"):
        generate_demo(engine, members=40, seed=2, password="pw")
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT COUNT(*) FROM members")) == 40


def test_keeps_an_organiser_account_that_already_exists(make_database):
    engine = make_database("sqlite")
    with Session(engine) as session:
        own = UserAccount(email="organiser@example.org", role=Role.ORGANISER)
        own.set_password("my own password")
        session.add(own)
        session.commit()
        own_id = own.id
    generate_demo(engine, members=40, seed=1, password="demo password")
    with Session(engine) as session:
        accounts = {a.email: a for a in session.scalars(select(UserAccount))}
        assert accounts["organiser@example.org"].check_password("my own password")
        assert accounts["lead@example.org"].check_password("demo password")
        organisers = session.execute(select(series_organisers.c.account_id)).scalars().all()
    assert organisers == [own_id]


def test_progress_rises_to_one(make_database):
    seen: list[float] = []
    generate_demo(make_database("sqlite"), members=40, seed=1, password="pw", progress=seen.append)
    assert len(seen) >= 5
    assert seen == sorted(seen) and seen[0] >= 0 and seen[-1] == 1.0


def test_a_small_network_keeps_every_role_and_scales_attendance(make_database):
    engine = make_database("sqlite")
    summary = generate_demo(engine, members=40, seed=3, password="pw")
    low, high = make_plan(40).attendance
    with Session(engine) as session:
        roles = set(session.scalars(select(Member.role)))
        attended = Counter(
            session.scalars(select(Attendance.meeting_id).where(Attendance.is_attended))
        )
    assert roles == set(StakeholderRole)
    assert len(attended) == summary.sessions_held
    assert all(low <= n <= high for n in attended.values())
    assert high < 40
    assert summary.examples_presented == 2 * summary.sessions_held


def test_history_runs_up_to_the_given_day_whatever_the_clock_says(make_database):
    engine = make_database("sqlite")
    summary = generate_demo(engine, members=40, seed=1, password="pw", today=date(2019, 12, 1))
    with Session(engine) as session:
        meetings = session.execute(select(Meeting.starts_dt, Meeting.state)).all()
    planned = [starts for starts, state in meetings if state == "planned"]
    assert [starts.date() for starts in planned] == [summary.next_session] == [date(2020, 1, 15)]
    held = [starts for starts, state in meetings if state == "held"]
    assert len(held) == 4 * 6 and max(held).date() < date(2019, 12, 1)


def test_needs_a_network_of_at_least_ten(make_database):
    with pytest.raises(ValueError, match="at least 10"):
        generate_demo(make_database("sqlite"), members=5, seed=1, password="pw")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_demo_command_loads_the_network_once(make_database, monkeypatch, backend):
    engine = make_database(backend)
    app = Flask(__name__)
    app.config.update(LANGUAGES=["nl", "en"], BABEL_DEFAULT_LOCALE="en", TIME_ZONE="UTC")
    init_i18n(app)  # the command's messages are translated
    Database(engine.url.render_as_string(hide_password=False)).init_app(app)
    app.cli.add_command(demo_command)
    monkeypatch.setenv("ARENA_DEMO_PASSWORD", "chosen password")
    runner = app.test_cli_runner()

    result = runner.invoke(args=["demo", "--members", "40", "--seed", "5"])
    assert result.exit_code == 0, result.output
    assert "40 members" in result.output and "Waardevol Werk" in result.output
    assert "chosen password" not in result.output

    again = runner.invoke(args=["demo", "--if-empty"])
    assert again.exit_code == 0 and "no demo loaded" in again.output


def test_the_demo_command_reports_in_dutch_with_dutch_numbers(make_database):
    """A Dutch operator reads the whole summary in Dutch, numbers written the Dutch way."""
    engine = make_database("sqlite")
    app = Flask(__name__)
    app.config.update(LANGUAGES=["nl", "en"], BABEL_DEFAULT_LOCALE="nl", TIME_ZONE="UTC")
    init_i18n(app)
    Database(engine.url.render_as_string(hide_password=False)).init_app(app)
    app.cli.add_command(demo_command)
    runner = app.test_cli_runner()

    result = runner.invoke(
        args=["demo", "--members", "40", "--seed", "5"], env={"ARENA_DEMO_PASSWORD": ""}
    )
    assert result.exit_code == 0, result.output
    assert "40 leden bij" in result.output and "bijeenkomsten gehouden" in result.output
    assert "members at" not in result.output and "Loaded in" not in result.output
    # thousands with a dot, as a Dutch reader writes them
    assert re.search(r"\d\.\d{3} uitnodigingen", result.output), result.output


def test_a_demo_load_leaves_statistics_behind(make_database):
    engine = make_database("sqlite")
    generate_demo(engine, members=20, seed=3, password="pw")
    assert {"members", "attendances", "meetings"} <= analysed_tables(engine)


def _schema(engine) -> list[tuple]:
    """Every index, key and trigger as the database describes it."""
    if engine.dialect.name == "sqlite":
        sql = (
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'"
        )
    else:
        sql = (
            "SELECT 'index', indexname, tablename, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() UNION ALL "
            "SELECT 'constraint', conname, conrelid::regclass::text, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace "
            "UNION ALL SELECT 'trigger', tgname, tgrelid::regclass::text, "
            "pg_get_triggerdef(oid) || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal"
        )
    with engine.connect() as connection:
        return sorted(tuple(row) for row in connection.exec_driver_sql(sql))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_demo_leaves_the_schema_as_the_migrations_made_it(make_database, backend):
    """The load sets indexes and keys aside and puts them back: the same ones, all enforced."""
    engine = make_database(backend)
    migrated = _schema(engine)
    generate_demo(engine, members=40, seed=1, password="pw")
    assert _schema(engine) == migrated
    meeting_id, member_id = _an_attendance(engine)
    with pytest.raises(IntegrityError), Session(engine) as session:
        session.add(Attendance(meeting_id=meeting_id, member_id=member_id))
        session.flush()
    with pytest.raises(IntegrityError), Session(engine) as session:
        session.add(Attendance(meeting_id=meeting_id, member_id=10**6))
        session.flush()


def _an_attendance(engine) -> tuple[int, int]:
    with Session(engine) as session:
        return tuple(session.execute(select(Attendance.meeting_id, Attendance.member_id)).first())


class _Interrupted(Exception):
    pass


def _interrupt_halfway(fraction: float) -> None:
    if fraction > 0.5:
        raise _Interrupted


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_interrupted_load_leaves_the_database_as_it_was(make_database, backend):
    """Indexes, keys and the search triggers come back with the rollback; keys stay enforced."""
    engine = make_database(backend)
    migrated = _schema(engine)
    with pytest.raises(_Interrupted):
        generate_demo(engine, members=40, seed=1, password="pw", progress=_interrupt_halfway)
    assert _schema(engine) == migrated
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT COUNT(*) FROM members")) == 0
    with pytest.raises(IntegrityError), Session(engine) as session:
        session.add(Attendance(meeting_id=1, member_id=1))
        session.flush()


def _journal_mode(engine) -> str:
    """The file's own journal mode, as a program that is not Arena finds it."""
    with closing(sqlite3.connect(engine.url.database)) as raw:
        return raw.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_sqlite_file_keeps_its_write_ahead_log_after_a_load_whether_it_succeeds_or_not(
    make_database,
):
    """The load itself runs with a rollback journal; afterwards readers again read beside
    the one writer, as the app's pages need."""
    engine = make_database("sqlite")
    with pytest.raises(_Interrupted):
        generate_demo(engine, members=40, seed=1, password="pw", progress=_interrupt_halfway)
    assert _journal_mode(engine) == "wal"
    generate_demo(engine, members=40, seed=1, password="pw")
    assert _journal_mode(engine) == "wal"
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT COUNT(*) FROM members")) == 40


def test_a_load_on_a_busy_postgresql_database_fails_rather_than_waits(make_database, monkeypatch):
    """Another session reading the members keeps the keys from being set aside: an error."""
    engine = make_database("postgresql")
    monkeypatch.setattr("arena.demo.indexes.LOCK_TIMEOUT", "1s")
    with engine.connect() as reader:
        reader.execute(text("SELECT COUNT(*) FROM members"))  # its transaction stays open
        with pytest.raises(TablesBusy):
            generate_demo(engine, members=40, seed=1, password="pw")
    assert _schema(engine) == _schema(make_database("postgresql"))


def test_the_demo_command_says_in_dutch_why_a_busy_database_was_not_loaded(
    make_database, monkeypatch
):
    """The operator reads what to do, in Dutch, instead of a driver's traceback."""
    engine = make_database("postgresql")
    monkeypatch.setattr("arena.demo.indexes.LOCK_TIMEOUT", "1s")
    app = Flask(__name__)
    app.config.update(LANGUAGES=["nl", "en"], BABEL_DEFAULT_LOCALE="nl", TIME_ZONE="UTC")
    init_i18n(app)
    Database(engine.url.render_as_string(hide_password=False)).init_app(app)
    app.cli.add_command(demo_command)
    with engine.connect() as reader:
        reader.execute(text("SELECT COUNT(*) FROM members"))  # its transaction stays open
        result = app.test_cli_runner().invoke(args=["demo", "--members", "40", "--seed", "5"])
    assert result.exit_code == 1, result.output
    assert "Er gebruikt een ander programma de database" in result.output
    assert "Traceback" not in result.output and "lock" not in result.output.lower()
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT COUNT(*) FROM members")) == 0
