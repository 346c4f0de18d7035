"""Fixtures shared by every test: an app per test on each database, a signed-in client, SMTP.

The factories that make rows (make_member, make_meeting, attend, ...) and ``login`` are in
tests/factories.py, loaded here as a plugin so every area gets the same ones.
"""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from arena import create_app
from tests.catalogues import compile_catalogues
from tests.databases import (
    MigratedPostgres,
    MigratedSqlite,
    create_postgres_database,
    drop_postgres_database,
    require_postgres,
)

pytest.register_assert_rewrite("tests.factories")
from tests.factories import PASSWORD  # noqa: E402, F401 - for `from tests.conftest import PASSWORD`

pytest_plugins = ["tests.factories"]

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """The .mo catalogues, as the install step makes them, when a .po is newer (or no .mo)."""
    compile_catalogues()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> MigratedSqlite:
    return MigratedSqlite(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def migrated_postgres():
    require_postgres()
    database = MigratedPostgres()
    yield database
    database.close()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path) -> str:
    """A migrated, empty database of each kind; the test runs once per kind."""
    if request.param == "sqlite":
        return request.getfixturevalue("migrated_sqlite").fresh_url(tmp_path)
    return request.getfixturevalue("migrated_postgres").fresh_url()


@pytest.fixture(params=BACKENDS)
def empty_database_url(request, tmp_path):
    """An empty database of each kind, not migrated: for tests of the migrations themselves."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    require_postgres()
    url = create_postgres_database("arena_empty")
    yield url
    drop_postgres_database(url)


@pytest.fixture
def app_config(database_url, tmp_path) -> dict:
    return {
        "ENV_NAME": "testing",
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "WTF_CSRF_ENABLED": False,
        "SECRET_KEY": "test-secret-key",
        "SERVER_NAME": "arena.test",
    }


@pytest.fixture
def app(app_config):
    app = create_app(app_config)
    yield app
    app.extensions["arena_db"].engine.dispose()


@pytest.fixture
def db(app) -> Session:
    """A session of the test's own, outside any request."""
    session = app.extensions["arena_db"].sessionmaker()
    yield session
    session.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 for this test; point ARENA's SMTP settings at it."""
    from tests.databases import free_port
    from tests.mail import SmtpServer

    server = SmtpServer(free_port()).start()
    yield server
    server.stop()
