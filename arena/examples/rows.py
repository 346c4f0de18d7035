"""Reading ids that people type or put in URLs: out-of-range numbers mean "no such row".

Flask's ``int`` converter and ``type=int`` accept any number of digits; handed to the database
such a number raises (SQLite cannot bind it, PostgreSQL says "integer out of range") and the
user sees a server error instead of "not found".
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from arena.db import MAX_DATABASE_ID


def valid_id(value: object) -> int | None:
    """The value as a row id, or None when it cannot be one."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit() or len(value) > 10:
            return None
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= MAX_DATABASE_ID else None


def get_row(session: Session, model, ident: object, options=()):
    """``session.get`` that answers None for ids no row can have."""
    ident = valid_id(ident)
    if ident is None:
        return None
    return session.get(model, ident, options=list(options))
