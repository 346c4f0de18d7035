"""The scheduler's entry point for practice examples: no arguments, own session, own commit."""

from __future__ import annotations

from arena.db import get_db
from arena.examples.planning import mark_held_sessions_presented


def mark_presented() -> int:
    """Scheduled examples of sessions marked held become presented."""
    session = get_db().sessionmaker()
    try:
        count = mark_held_sessions_presented(session)
        session.commit()
        return count
    finally:
        session.close()
