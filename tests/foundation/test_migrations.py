"""The migration chain builds the schema the models describe, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from arena.db import make_engine
from arena.migrate import alembic_config, upgrade
from arena.models import Base
from tests.databases import create_postgres_database, drop_postgres_database, require_postgres


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    require_postgres()
    url = create_postgres_database("arena_migration")
    yield url
    drop_postgres_database(url)


def test_empty_database_upgrades_to_head_and_matches_the_models(empty_database_url):
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
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
