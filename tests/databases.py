"""The two databases every test runs against: SQLite (embedded) and PostgreSQL (production).

Each is migrated once per test run with Alembic, so tests see the schema users get. SQLite
copies the migrated file per test; PostgreSQL empties its tables per test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from arena.config import DATA_ROOT
from arena.db import make_engine
from arena.migrate import upgrade
from arena.models import Base

DEFAULT_POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def migration_module(path: str):
    """A migration file as a module, for tests that read its names (tables, triggers)."""
    spec = importlib.util.spec_from_file_location(Path(path).stem, DATA_ROOT / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def upgraded_with_rows(url: str, revision: str, rows: Sequence[str]) -> Iterator[Connection]:
    """An empty database migrated to `revision`, the `rows` written by SQL as that revision's
    schema has them, then upgraded to head, as a real installation's is: yields a connection."""
    upgrade(url, revision)
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            for statement in rows:
                conn.exec_driver_sql(statement)
        upgrade(url)
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def postgres_server_url() -> str:
    return os.environ.get("ARENA_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_SERVER


def postgres_available() -> bool:
    url = postgres_server_url()
    try:
        engine = create_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        return False


def require_postgres() -> None:
    """Under CI a missing PostgreSQL is a failure; elsewhere a skip that says why."""
    if postgres_available():
        return
    message = f"PostgreSQL is not reachable at {postgres_server_url()}"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (required under CI=true)", pytrace=False)
    pytest.skip(message + "; set ARENA_TEST_POSTGRES_URL or start it")


def with_database(server_url: str, name: str) -> str:
    base, _, _ = server_url.rpartition("/")
    return f"{base}/{name}"


def create_postgres_database(prefix: str = "arena_test") -> str:
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return with_database(postgres_server_url(), name)


def drop_postgres_database(url: str) -> None:
    name = url.rpartition("/")[2]
    admin = create_engine(postgres_server_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


class MigratedSqlite:
    def __init__(self, directory: Path) -> None:
        self.template = directory / "template.sqlite3"
        upgrade(f"sqlite:///{self.template}")

    def fresh_url(self, directory: Path) -> str:
        target = directory / "arena.sqlite3"
        shutil.copyfile(self.template, target)
        return f"sqlite:///{target}"


class MigratedPostgres:
    def __init__(self) -> None:
        self.url = create_postgres_database()
        upgrade(self.url)
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        self.truncate = text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")

    def fresh_url(self) -> str:
        engine = create_engine(self.url)
        with engine.begin() as conn:
            conn.execute(self.truncate)
        engine.dispose()
        return self.url

    def close(self) -> None:
        drop_postgres_database(self.url)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
