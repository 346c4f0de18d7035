"""The scheduler's entry points for this area: no arguments, own session, own commit.

The real work lives in plain functions that take ``now`` (tested with injected time); these
wrappers only give them a session and the clock.
"""

from __future__ import annotations

from arena.db import get_db, utcnow
from arena.wins.reflections import send_reflection_requests
from arena.wins.stick import send_stick_checks


def _run(work) -> int:
    session = get_db().sessionmaker()
    try:
        count = work(session, utcnow())
        session.commit()
        return count
    finally:
        session.close()


def send_reflections() -> int:
    """Ask the three questions of everyone who attended a session marked held."""
    return _run(send_reflection_requests)


def send_stick_questions() -> int:
    """Ask authors 3, 6 and 12 months on whether their small win stuck."""
    return _run(send_stick_checks)
