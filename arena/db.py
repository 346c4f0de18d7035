"""The database layer: one declarative Base, a request-scoped session, UTC timestamps, ids.

Plain SQLAlchemy rather than Flask-SQLAlchemy: the app owns an engine and a sessionmaker, each
request (or CLI command) gets one session, and teardown closes it.
"""

from __future__ import annotations

from collections.abc import Callable
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


class Prepared:
    """A Core statement run on the DBAPI cursor of a Core connection, for the requests that
    come in bursts (the RSVP answer).

    Compiled once per dialect, with the statement's own column types converting the values
    both ways (``UTCDateTime``, enums) as Core does. On PostgreSQL psycopg runs it as a
    prepared statement; skipping Core's execution context and result objects saves about
    0.2 ms of CPU per statement (330 -> 140 us measured). SQLite has no round trips and no
    prepared statements to gain from, so there it runs through Core as usual.

    A column default the statement does not name (``onupdate``) is not applied: name every
    column it writes."""

    def __init__(self, statement) -> None:
        self.statement = statement
        self._compiled: dict = {}

    def _for(self, dialect):
        made = self._compiled.get(dialect.name)
        if made is None:
            compiled = self.statement.compile(dialect=dialect)
            binds = {
                name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                for name, bind in compiled.binds.items()
            }
            results = [
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in self.statement.exported_columns
            ]
            made = self._compiled[dialect.name] = (compiled, binds, results)
        return made

    def rows(self, connection: Connection, parameters: dict) -> list[tuple]:
        """Every row as a tuple of Python values; ``[]`` when there are none (or when the
        statement returns none, e.g. an UPDATE without RETURNING)."""
        if connection.dialect.name == "sqlite":
            result = connection.execute(self.statement, parameters)
            return [tuple(row) for row in result] if result.returns_rows else []
        compiled, binds, results = self._for(connection.dialect)
        values = {
            name: value if binds.get(name) is None else binds[name](value)
            for name, value in compiled.construct_params(parameters).items()
        }
        dbapi_connection = connection.connection.dbapi_connection
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(compiled.string, values, prepare=True)
                fetched = cursor.fetchall() if cursor.description else []
        except connection.dialect.loaded_dbapi.Error as exc:
            # as Core would: a dropped connection is replaced, and ``run_statements`` retries
            invalidated = connection.dialect.is_disconnect(exc, dbapi_connection, None)
            if invalidated:
                connection.invalidate(exc)
                connection.engine.dispose(close=False)
            raise DBAPIError.instance(
                compiled.string, values, exc, connection.dialect.loaded_dbapi.Error,
                connection_invalidated=invalidated,
            ) from exc  # fmt: skip
        return [
            tuple(v if p is None else p(v) for p, v in zip(results, row, strict=True))
            for row in fetched
        ]


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
