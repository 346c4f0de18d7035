"""Fixtures for the demo tests: fresh migrated databases on SQLite and PostgreSQL.

Each module makes its own databases (a demo needs an empty one), with the server and CI rules
of tests/databases.py: PostgreSQL at ARENA_TEST_POSTGRES_URL, skipped when unreachable
except under CI=true.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, select, text

from arena.db import make_engine
from arena.demo import DemoSummary, generate_demo
from arena.migrate import upgrade
from arena.models import Base
from tests.databases import create_postgres_database, drop_postgres_database, require_postgres

DEMO_PASSWORD = "demo-password-for-tests"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="module")
def make_database(tmp_path_factory) -> Iterator[Callable[[str], Engine]]:
    """Makes an empty, migrated database on 'sqlite' or 'postgresql'; drops it afterwards.

    PostgreSQL cases are skipped with the reason when the server is not reachable, and fail
    instead under CI=true.
    """
    engines: list[Engine] = []
    made_on_postgres: list[str] = []

    def make(backend: str) -> Engine:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'arena.sqlite3'}"
        else:
            require_postgres()
            url = create_postgres_database("arena_demo")
            made_on_postgres.append(url)
        upgrade(url)
        engine = make_engine(url)
        engines.append(engine)
        return engine

    yield make
    for engine in engines:
        engine.dispose()
    for url in made_on_postgres:
        drop_postgres_database(url)


class Demo:
    """A generated demo network and the engine of its database."""

    password = DEMO_PASSWORD

    def __init__(self, engine: Engine, summary: DemoSummary) -> None:
        self.engine = engine
        self.summary = summary

    def rows(self, sql: str, **params) -> list[tuple]:
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]

    def value(self, sql: str, **params):
        with self.engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()


@pytest.fixture(scope="module", params=BACKENDS)
def demo(request, make_database) -> Demo:
    """The default demo network (400 members, seed 2014), once per backend per module."""
    engine = make_database(request.param)
    summary = generate_demo(engine, members=400, seed=2014, password=DEMO_PASSWORD)
    return Demo(engine, summary)


#: what a canonical dump compares: everything but salted hashes and load-time stamps
_SKIP_COLUMNS = {"password_hash"}


@pytest.fixture(scope="session")
def canonical_dump() -> Callable[[Engine], dict[str, list[tuple]]]:
    """Every demo table as sorted rows, so two networks can be compared exactly."""

    def dump(engine: Engine) -> dict[str, list[tuple]]:
        tables = {}
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                columns = [c for c in table.c if c.name not in _SKIP_COLUMNS]
                rows = connection.execute(select(*columns)).all()
                tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
        return tables

    return dump
