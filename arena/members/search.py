"""Member search through the trigram index of migration scale_0001: fast at any size.

``member_search`` holds one folded text per member (name | email | current organisations),
kept right by database triggers; a query is folded the same way (arena.folding) and found as a
substring, case and accents ignored, with the same results on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import has_app_context
from sqlalchemy import Integer, Select, column, select, table, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from arena.db import get_db
from arena.folding import fold

member_search = table("member_search", column("member_id"), column("text"))

#: characters LIKE reads as wildcards or escapes; FTS5's trigram LIKE takes no ESCAPE
_WILDCARDS = ("%", "_", "\\")


class _position(FunctionElement):
    """Where a text occurs in another (1-based, 0 if not): instr or strpos."""

    type = Integer()
    inherit_cache = True


@compiles(_position)
def _instr(element, compiler, **kw) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_position, "postgresql")
def _strpos(element, compiler, **kw) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


class _all_at_once(FunctionElement):
    """The rows of a one-column subquery, found once before the outer query is planned."""

    type = Integer()
    inherit_cache = True


@compiles(_all_at_once, "postgresql")
def _unnest_array(element, compiler, **kw) -> str:
    return f"unnest(ARRAY{compiler.process(element.clauses, **kw)})"


def _on_postgresql() -> bool:
    return has_app_context() and get_db().engine.dialect.name == "postgresql"


def matching_member_ids(query: str) -> Select:
    """Ids of the members whose name, email or current organisation contains `query`."""
    words = " ".join(fold(query).split())
    found = member_search.c.text
    if any(character in words for character in _WILDCARDS):
        # rare, and taken literally: a plain scan rather than the index
        ids = select(member_search.c.member_id).where(_position(found, words) > 0)
    else:
        ids = select(member_search.c.member_id).where(found.like(f"%{words}%"))
    # PostgreSQL plans `members.id IN (ids)` under a LIMIT as a walk of all members in name
    # order probing each (640 ms for "jan" at 200,000, as count(*) OVER () reads them all);
    # the matches as an array first take the trigram index, then one probe each (15 ms)
    return found_first(ids)


def found_first(ids: Select) -> Select:
    """``ids`` for an ``IN``, on PostgreSQL found as an array before the outer query is planned,
    so a few matches are probed one by one instead of an index of every member walked in name
    order under a LIMIT; other databases take the subquery as it is."""
    if _on_postgresql():
        return select(_all_at_once(ids.scalar_subquery()))
    return ids


def suspend_member_search(connection: Connection) -> Callable[[], None]:
    """For bulk loads (the demo): the triggers off, and a function that builds the whole index
    in one statement and turns them on again, all in the caller's transaction."""
    if connection.dialect.name == "sqlite":
        triggers = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'member\\_search\\_%' ESCAPE '\\'"
        ).all()
        for name, _sql in triggers:
            connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
        resume = [sql for _name, sql in triggers]
        fill = "INSERT INTO member_search (rowid, member_id, text) SELECT member_id, *"
    else:
        tables = ("members", "memberships", "organisations")
        for name in tables:
            connection.exec_driver_sql(f"ALTER TABLE {name} DISABLE TRIGGER USER")
        resume = [f"ALTER TABLE {name} ENABLE TRIGGER USER" for name in tables]
        fill = "INSERT INTO member_search (member_id, text) SELECT *"

    def rebuild_and_resume() -> None:
        connection.execute(text("DELETE FROM member_search"))
        connection.exec_driver_sql(f"{fill} FROM member_search_source")
        for statement in resume:
            connection.exec_driver_sql(statement)

    return rebuild_and_resume
