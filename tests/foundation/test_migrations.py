"""The migration chain builds the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from arena.db import make_engine
from arena.migrate import alembic_config, include_object, upgrade
from arena.models import Base
from tests.databases import upgraded_with_rows


def test_empty_database_upgrades_to_head_and_matches_the_models(empty_database_url):
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_object}
            )
            head = ScriptDirectory.from_config(
                alembic_config(empty_database_url)
            ).get_current_head()
            assert context.get_current_revision() == head
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert set(Base.metadata.tables) <= tables
    assert "member_search" in tables


def test_the_search_index_triggers_are_there_at_head(empty_database_url):
    """SQLite drops a table's triggers when batch mode rebuilds it: a migration that rebuilds
    members, memberships or organisations must make them again (see scale_0001)."""
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    sql = (
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'member_search%'"
        if engine.dialect.name == "sqlite"
        else "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'member_search%'"
    )
    try:
        with engine.connect() as conn:
            count = conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()
    assert count == (7 if engine.dialect.name == "sqlite" else 3)


def test_upgrade_twice_is_harmless(empty_database_url):
    upgrade(empty_database_url)
    upgrade(empty_database_url)


def test_the_chain_has_one_head_and_downgrades_to_empty(tmp_path):
    url = f"sqlite:///{tmp_path / 'down.sqlite3'}"
    script = ScriptDirectory.from_config(alembic_config(url))
    assert len(script.get_heads()) == 1
    from alembic import command

    upgrade(url)
    command.downgrade(alembic_config(url), "base")
    engine = make_engine(url)
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


#: rows as they were at the first revision, written with plain SQL (today's models may have
#: columns that revision lacks)
FIRST_REVISION_ROWS = [
    "INSERT INTO members (id, name, email, role, themes, time_zone, is_former, created_dt, "
    "updated_dt) VALUES (1, 'An de Vries', 'an@example.nl', 'municipality', '[]', "
    "'Europe/Amsterdam', false, '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
    "INSERT INTO arena_series (id, name, theme, description, rhythm, header_text, "
    "presenter_instructions, invitation_subject, invitation_body, reminder_days_before, "
    "reminder_subject, reminder_body, practical_note_body, default_programme, created_dt, "
    "updated_dt) VALUES (1, 'Waardevol Werk', 'Inclusive labour market', '', 'quarterly', '', "
    "'', '', '', 7, '', '', '', '', '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
    "INSERT INTO meetings (id, series_id, title, starts_dt, ends_dt, time_zone, "
    "introduction_topic, programme, state, ical_sequence, created_dt, updated_dt) VALUES "
    "(1, 1, 'Arena 1', '2020-02-01 13:00:00', '2020-02-01 16:00:00', 'Europe/Amsterdam', '', "
    "'', 'held', 0, '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
    "INSERT INTO attendances (id, meeting_id, member_id, is_attended, is_walk_in, created_dt, "
    "updated_dt) VALUES (1, 1, 1, true, false, '2020-01-01 10:00:00', '2020-01-01 10:00:00')",
]
COUNTED_TABLES = ("members", "arena_series", "meetings", "attendances")


def _counts(conn) -> dict[str, int]:
    return {
        table: conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar()  # noqa: S608
        for table in COUNTED_TABLES
    }


def test_a_populated_database_upgrades_from_the_first_revision(empty_database_url):
    """Real installations upgrade with data in them; SQLite's table rebuilds must survive it."""
    with upgraded_with_rows(empty_database_url, "0001", FIRST_REVISION_ROWS) as conn:
        counts = _counts(conn)
        violations = (
            conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if conn.dialect.name == "sqlite"
            else []
        )
    assert counts == dict.fromkeys(COUNTED_TABLES, 1)
    assert violations == []
