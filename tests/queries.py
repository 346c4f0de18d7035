"""Counting the SQL statements a page or job runs, to keep query counts from growing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def recorded_statements(engine: Engine) -> Iterator[list[str]]:
    """Every statement the engine runs inside the block, in order."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def query_plan(db, stmt) -> str:
    """The query plan of ``stmt`` on the test's database, as text. PostgreSQL is told to avoid
    reading whole (tiny) tables, so the plan shows whether it could use an index at all."""
    conn = db.connection()
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    if conn.dialect.name == "sqlite":
        return "\n".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
    return "\n".join(row[0] for row in conn.exec_driver_sql("EXPLAIN " + sql))
