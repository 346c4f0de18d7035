"""Moving every row that points at one member (or organisation) to another, for merges.

The foreign keys are found by introspecting the metadata, so a table added later is covered
without touching this file. Where moving a row would break a unique constraint (both duplicates
attended the same session), the moved row's twin is resolved first: a table may register a
``combine`` function that folds the loser's row into the keeper's before the loser's is deleted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    CheckConstraint,
    Column,
    Table,
    UniqueConstraint,
    and_,
    delete,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from arena.db import Base

#: (table name, kept row, dropped row) -> values to set on the kept row
Combine = Callable[[dict, dict], dict]


@dataclass(frozen=True)
class UniqueSet:
    """Columns that are unique together; ``where`` is a partial index's condition (SQL text).

    The condition names columns without a table, so it applies to the nearest table in
    scope: the dropped row in the outer query, its twin inside the EXISTS.
    """

    columns: list[Column]
    where: str | None = None


@dataclass(frozen=True)
class Reference:
    table: Table
    column: Column


def references_to(table_name: str) -> list[Reference]:
    """Every column in the schema with a foreign key to ``<table_name>.id``.

    The whole schema is known once ``create_app`` has imported ``arena.models``.
    """
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            for fk in column.foreign_keys:
                if fk.column.table.name == table_name and fk.column.name == "id":
                    found.append(Reference(table, column))
    return found


def _unique_column_sets(table: Table, column: Column, dialect: str) -> list[UniqueSet]:
    """The unique constraints and unique indexes (partial ones too) that contain this column."""
    sets = []
    if column.primary_key:
        sets.append(UniqueSet(list(table.primary_key.columns)))
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint) and column.name in constraint.columns:
            sets.append(UniqueSet(list(constraint.columns)))
    for index in table.indexes:
        if index.unique and column.name in index.columns:
            where = index.dialect_options[dialect].get("where") if dialect else None
            sets.append(UniqueSet(list(index.columns), None if where is None else str(where)))
    if column.unique:
        sets.append(UniqueSet([column]))
    return sets


def _same(a: Column, b: Column):
    """Equal, with NULL equal to NULL: duplicates in nullable columns are still duplicates."""
    return or_(a == b, and_(a.is_(None), b.is_(None)))


def move_references(
    session: Session,
    table_name: str,
    keep_id: int,
    drop_id: int,
    combine: dict[str, Combine] | None = None,
) -> dict[str, int]:
    """Point every reference to ``drop_id`` at ``keep_id``; returns rows moved per table."""
    combine = combine or {}
    moved: dict[str, int] = {}
    refs = references_to(table_name)
    _drop_pairs_of_the_two(session, refs, keep_id, drop_id, moved)
    for ref in refs:
        table, column = ref.table, ref.column
        for unique in _unique_column_sets(table, column, session.get_bind().dialect.name):
            _resolve_collisions(session, table, column, unique, keep_id, drop_id, combine)
        result = session.execute(update(table).where(column == drop_id).values({column: keep_id}))
        if result.rowcount:
            key = f"{table.name}.{column.name}"
            moved[key] = moved.get(key, 0) + result.rowcount
    return moved


def _drop_pairs_of_the_two(session, refs, keep_id: int, drop_id: int, moved: dict) -> None:
    """A row that pairs the two duplicates (a contact request from one to the other) would pair
    the kept one with itself after the move, which its table forbids (a CHECK ``a <> b``); it
    says nothing about one person, so it goes."""
    by_table: dict[str, list[Column]] = {}
    for ref in refs:
        by_table.setdefault(ref.table.name, []).append(ref.column)
    for columns in by_table.values():
        table = columns[0].table
        for a, b in _must_differ(table):
            if a in columns and b in columns:
                result = session.execute(
                    delete(table).where(
                        or_(and_(a == drop_id, b == keep_id), and_(a == keep_id, b == drop_id))
                    )
                )
                if result.rowcount:
                    key = f"{table.name}.between_the_two_removed"
                    moved[key] = moved.get(key, 0) + result.rowcount


def _must_differ(table: Table) -> list[tuple[Column, Column]]:
    """Column pairs a CHECK constraint of the form ``a <> b`` keeps apart."""
    pairs = []
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            found = re.fullmatch(r"\s*(\w+)\s*<>\s*(\w+)\s*", str(constraint.sqltext))
            if found and found[1] in table.c and found[2] in table.c:
                pairs.append((table.c[found[1]], table.c[found[2]]))
    return pairs


def _resolve_collisions(session, table, column, unique, keep_id, drop_id, combine) -> None:
    others = [c for c in unique.columns if c is not column]
    partial = [text(f"({unique.where})")] if unique.where else []
    kept = table.alias("kept")
    twin = select(kept).where(
        kept.c[column.name] == keep_id, *[_same(kept.c[c.name], c) for c in others], *partial
    )
    clashing = session.execute(
        select(table).where(column == drop_id, *partial, twin.exists())
    ).all()
    if not clashing:
        return
    if not others:  # a one-to-one link (an account): the dropped row lets go of the link
        if column.nullable:
            session.execute(update(table).where(column == drop_id).values({column: None}))
        else:
            session.execute(delete(table).where(column == drop_id))
        return
    for row in clashing:
        dropped = row._asdict()
        match = [_matches(table.c[c.name], dropped[c.name]) for c in others]
        kept_row = (
            session.execute(select(table).where(column == keep_id, *match, *partial))
            .one()
            ._asdict()
        )
        pk = list(table.primary_key.columns)
        if table.name in combine:
            values = combine[table.name](kept_row, dropped)
            if values:
                session.execute(
                    update(table).where(*[c == kept_row[c.name] for c in pk]).values(values)
                )
        session.execute(delete(table).where(*[c == dropped[c.name] for c in pk]))


def _matches(column: Column, value):
    return column.is_(None) if value is None else column == value
