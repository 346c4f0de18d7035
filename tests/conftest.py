"""Fixtures shared by every test: an app per test on each database, and factories."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy.orm import Session

from arena import create_app
from arena.auth.models import Role, UserAccount
from arena.members.models import Member, StakeholderRole
from tests.catalogues import compile_catalogues
from tests.databases import MigratedPostgres, MigratedSqlite, require_postgres

BACKENDS = ["sqlite", "postgresql"]
PASSWORD = "correct horse battery"


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


_counter = itertools.count(1)


@pytest.fixture
def make_member(db):
    def make(**overrides) -> Member:
        n = next(_counter)
        values = {
            "name": f"Member {n} Jansen",
            "email": f"member{n}@example.nl",
            "role": StakeholderRole.PROVIDER,
        }
        values.update(overrides)
        member = Member(**values)
        db.add(member)
        db.commit()
        return member

    return make


@pytest.fixture
def make_account(db, make_member):
    def make(role: Role = Role.ORGANISER, password: str = PASSWORD, **overrides) -> UserAccount:
        n = next(_counter)
        member = make_member() if role == Role.MEMBER and "member_id" not in overrides else None
        values = {"email": f"account{n}@example.org", "role": role}
        if member is not None:
            values["member_id"] = member.id
        values.update(overrides)
        account = UserAccount(**values)
        account.set_password(password)
        db.add(account)
        db.commit()
        return account

    return make


@pytest.fixture
def login(client):
    def do_login(account: UserAccount, password: str = PASSWORD):
        response = client.post("/auth/login", data={"email": account.email, "password": password})
        assert response.status_code == 302, response.data
        return client

    return do_login


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 for this test; point ARENA's SMTP settings at it."""
    from tests.databases import free_port
    from tests.mail import SmtpServer

    server = SmtpServer(free_port()).start()
    yield server
    server.stop()
