"""Secondary indexes and foreign keys set aside during a bulk load, and put back after it.

Filling an index row by row costs a B-tree descent per row, at random places for an index
that does not follow the insert order (attendances by member: 4.9 million rows at 200,000
members); building it once from the finished table is a sort. PostgreSQL also queues a
foreign-key check per row and key. Each index and key is put back from the definition the
database itself gave (SQLite's stored `CREATE INDEX` text, PostgreSQL's `pg_get_indexdef` and
`pg_get_constraintdef`), so the schema afterwards is the one the migrations made, and a row
that breaks a key or a unique index fails the load when it is put back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

LOCK_TIMEOUT = "30s"
#: PostgreSQL's SQLSTATE for "lock not available", what the lock timeout raises
_LOCK_NOT_AVAILABLE = "55P03"


class TablesBusy(Exception):
    """Another session holds the tables the load must change (a server left running)."""


_SQLITE_INDEXES = text(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND tbl_name IN :tables ORDER BY name"
).bindparams(bindparam("tables", expanding=True))

# indexes that no constraint owns (those go with their constraint)
_POSTGRES_INDEXES = text(
    "SELECT ci.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
    "JOIN pg_class ct ON ct.oid = i.indrelid JOIN pg_class ci ON ci.oid = i.indexrelid "
    "WHERE ct.relname IN :tables AND ct.relnamespace = current_schema()::regnamespace "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
    "AND k.contype IN ('p', 'u', 'x')) ORDER BY ci.relname"
).bindparams(bindparam("tables", expanding=True))

_POSTGRES_FOREIGN_KEYS = text(
    "SELECT ct.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
    "JOIN pg_class ct ON ct.oid = k.conrelid WHERE k.contype = 'f' AND ct.relname IN :tables "
    "AND ct.relnamespace = current_schema()::regnamespace ORDER BY ct.relname, k.conname"
).bindparams(bindparam("tables", expanding=True))


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def set_aside_indexes(connection: Connection, tables: Iterable[str]) -> Callable[[], None]:
    """Drop the secondary indexes (and on PostgreSQL the foreign keys) of `tables`; returns
    the function that recreates them, in the caller's transaction."""
    names = sorted(tables)
    statements: list[str] = []
    if connection.dialect.name == "postgresql":
        # dropping a key locks both its tables: fail with a message, rather than wait without
        # one, while another session (a server left running) holds one of them
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
        for table, key, definition in connection.execute(_POSTGRES_FOREIGN_KEYS, {"tables": names}):
            table, key = _quote(connection, table), _quote(connection, key)
            try:
                connection.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {key}")
            except OperationalError as exc:
                if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
                    raise TablesBusy(table) from exc
                raise
            statements.append(f"ALTER TABLE {table} ADD CONSTRAINT {key} {definition}")
        indexes = connection.execute(_POSTGRES_INDEXES, {"tables": names}).all()
    else:
        indexes = connection.execute(_SQLITE_INDEXES, {"tables": names}).all()
    for name, definition in indexes:
        connection.exec_driver_sql(f"DROP INDEX {_quote(connection, name)}")
        statements.insert(0, definition)  # indexes first: the keys' checks can use them

    def put_back() -> None:
        for statement in statements:
            connection.exec_driver_sql(statement)

    return put_back
