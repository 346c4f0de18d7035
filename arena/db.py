"""The database layer: one declarative Base, a request-scoped session, UTC timestamps, ids.

Plain SQLAlchemy rather than Flask-SQLAlchemy: the app owns an engine and a sessionmaker, each
request (or CLI command) gets one session, and teardown closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TypeVar

from flask import abort, current_app, g
from sqlalchemy import DateTime, Enum, MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from arena.folding import fold

T = TypeVar("T")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Callable default, so every row gets its own time (never one evaluated at import)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, hands back aware UTC, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("Arena stores only time-zone aware datetimes.")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class TimestampMixin:
    #: when the row was made
    created_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: when the row last changed
    updated_dt: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


def _configure_sqlite(dbapi_connection, _record) -> None:
    """Foreign keys as on PostgreSQL; WAL so readers never block the one writer, and
    synchronous=NORMAL, which in WAL mode survives a killed process and cannot corrupt the file
    on power loss, without a disk flush per commit (the outbox commits once per message)."""
    # the member search index's triggers fold text with the same function queries use
    dbapi_connection.create_function("arena_fold", 1, fold, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode")
    if cursor.fetchone()[0] in ("delete", "wal"):  # a file, not :memory:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, pre_ping: bool = True, **options) -> Engine:
    """An engine with foreign keys enforced on SQLite, as they are on PostgreSQL, and no JIT
    compilation on PostgreSQL; ``options`` go to ``create_engine``."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs: dict = dict(options)
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        # a connection that died with a restart of the server is replaced before use, at the
        # price of a round trip per checkout (the ``statements`` engine retries instead)
        kwargs["pool_pre_ping"] = pre_ping
        # JIT compiles a query whose estimated cost is high, which costs more than it saves on
        # a web page's reads: at 200,000 members a profile's list of small wins took 359 ms,
        # mostly compiling, and 78 ms without (PostgreSQL's advice for short queries)
        kwargs["connect_args"] = {"options": "-c jit=off"}
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    return engine


class Database:
    """What the app holds: the engine and a sessionmaker bound to it, and the ``statements``
    engine of the few paths that run one or two Core statements and nothing else."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)
        #: every statement its own transaction, so no BEGIN and no COMMIT or ROLLBACK, each a
        #: round trip of its own on PostgreSQL; and no ping before each use (another round
        #: trip): ``run_statements`` retries once on a connection that turns out dead instead.
        #: On PostgreSQL a pool of its own (a sync worker holds one connection of it), closed
        #: with the main engine; SQLite has no round trips, so the same pool serves both.
        self.statements = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        if self.engine.dialect.name != "sqlite":
            self.statements = make_engine(url, pre_ping=False, isolation_level="AUTOCOMMIT")
            event.listen(self.engine, "engine_disposed", lambda _e: self.statements.dispose())

    def init_app(self, app) -> None:
        app.extensions["arena_db"] = self
        app.teardown_appcontext(_close_session)


def get_db() -> Database:
    return current_app.extensions["arena_db"]


def run_statements(work: Callable[[Connection], T]) -> T:
    """``work(connection)`` on a Core connection whose every statement commits on its own,
    held only while ``work`` runs (let it go before rendering). No ORM session, identity map
    or flush: for a page that must be cheap because it comes in bursts (the RSVP answer).

    A pooled connection that the server dropped (a restart) is found by the first statement
    rather than by a ping; the pool then drops every connection as old, and ``work`` runs
    once more on a new one. So ``work`` must be safe to run twice: reads, and writes that
    set a value rather than add to one."""
    engine = get_db().statements
    try:
        with engine.connect() as connection:
            return work(connection)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
    with engine.connect() as connection:
        return work(connection)


#: the largest id an INTEGER primary key holds on PostgreSQL; larger ids name no row
MAX_DATABASE_ID = 2**31 - 1


def get_session() -> Session:
    """The session of the current request or command; made on first use."""
    if "db_session" not in g:
        g.db_session = get_db().sessionmaker()
    return g.db_session


def valid_id(value: object) -> int | None:
    """A typed or posted value as a row id, or None when no row can have it.

    Flask's ``int`` converter and ``type=int`` accept any number of digits; handed to the
    database such a number raises (SQLite cannot bind it, PostgreSQL says "integer out of
    range") and the user would see a server error instead of "not found".
    """
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit() or len(value) > 10:
            return None
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= MAX_DATABASE_ID else None


def get_row(session: Session, model, ident: object, options=()):
    """``session.get`` that answers None for ids no row can have (ids people type or post)."""
    ident = valid_id(ident)
    if ident is None:
        return None
    return session.get(model, ident, options=list(options))


def get_or_404(model, ident: int, options=()):
    """The row the URL names, or a 404; the one fetch views do before calling a service."""
    row = get_session().get(model, ident, options=list(options))
    if row is None:
        abort(404)
    return row


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def str_enum(enum_cls, name: str) -> Enum:
    """An enum stored as its values in a VARCHAR, with a CHECK constraint in the database."""
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
    )


def insert_rows(connection: Connection, table, rows: list[dict]) -> None:
    """Many rows of one table (each with the same keys, values the driver takes as they
    are: numbers, text, bytes, None): PostgreSQL's COPY, SQLite's executemany of plain
    tuples, else Core's executemany. The graph job writes 160,000 rows of one view's lists at
    200,000 members, where COPY skips the statement per row (psycopg's executemany still
    sends one per row) and Core spent 2 s of CPU preparing each row's parameters for SQLite."""
    if not rows:
        return
    names = list(rows[0])
    values = ([row[name] for name in names] for row in rows)
    if connection.dialect.name == "postgresql":
        copy_rows(connection, table.name, names, values)
    elif connection.dialect.name == "sqlite":
        quote = connection.dialect.identifier_preparer.quote
        columns = ", ".join(quote(name) for name in names)
        marks = ", ".join("?" * len(names))
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 - names from the table
                list(values),
            )
        finally:
            cursor.close()
    else:
        connection.execute(table.insert(), rows)


def copy_rows(connection: Connection, table_name: str, names: list[str], rows: Iterable) -> None:
    """Rows given as sequences of the driver's values in the order of `names` into a
    PostgreSQL table with COPY (also the demo's bulk load)."""
    quote = connection.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f"COPY {quote(table_name)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    finally:
        cursor.close()
