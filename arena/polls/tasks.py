"""The scheduler's entry point for polls: no arguments, own session, own commit."""

from __future__ import annotations

from arena.db import get_db, utcnow
from arena.polls.services import close_due_polls


def close_polls() -> int:
    """Close the polls whose closing time passed, so their links stop taking answers."""
    session = get_db().sessionmaker()
    try:
        closed = close_due_polls(session, utcnow())
        session.commit()
        return closed
    finally:
        session.close()
