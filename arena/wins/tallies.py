"""The small-win tallies (migration pages_0001) set aside during a bulk load, counted once after.

Their triggers redo a win's counts at every row of the win, its mechanisms and follow-ups: at
the demo's 113,000 wins, about 14 s of a national load, and on PostgreSQL a table of some
4,600 rows left 117 MB long with dead versions that every view of the chart read.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from arena.triggers import suspend_triggers

#: every count from scratch, as the triggers would leave them (the migration's fill)
REFILL = (
    "DELETE FROM small_win_tallies",
    "DELETE FROM small_win_tally_entries",
    "INSERT INTO small_win_tally_entries (small_win_id, mechanism, month, answer) "
    "SELECT small_win_id, mechanism, month, answer FROM small_win_tally_source",
    "INSERT INTO small_win_tallies (mechanism, month, answer, n) "
    "SELECT mechanism, month, answer, count(*) FROM small_win_tally_entries "
    "GROUP BY mechanism, month, answer",
)


def suspend_small_win_tallies(connection: Connection) -> Callable[[], None]:
    """The tally triggers off; returns the function that counts anew and turns them on."""
    return suspend_triggers(connection, "small_win_tally_", REFILL)
