"""``Member.last_attended_dt``: set aside during bulk loads, filled once after them.

The database keeps the column itself: triggers on attendances and meetings (migration
members_0001) recompute a member's latest attended session whenever a row that was or is
attended changes, or a session moves. A bulk load (the demo's millions of invitations, written
while the attendance indexes are set aside) would run one recomputation per attended row, each
without its index; instead the triggers are off while it loads and the column is filled for
everyone in one statement at the end, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.engine import Connection

from arena.triggers import suspend_triggers

#: the triggers of migration members_0001, by name, with their table
TRIGGERS = {
    "member_last_attended_insert": "attendances",
    "member_last_attended_update": "attendances",
    "member_last_attended_delete": "attendances",
    "member_last_attended_meeting": "meetings",
}

#: every member's value from scratch, as the triggers would leave it
REFILL = (
    "UPDATE members SET last_attended_dt = NULL WHERE last_attended_dt IS NOT NULL",
    """UPDATE members SET last_attended_dt = latest.starts_dt
       FROM (SELECT a.member_id, max(m.starts_dt) AS starts_dt
             FROM attendances a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.is_attended GROUP BY a.member_id) AS latest
       WHERE members.id = latest.member_id""",
)


def suspend_last_attended(connection: Connection) -> Callable[[], None]:
    """The triggers off; returns the function that refills the column and turns them on."""
    return suspend_triggers(connection, "member_last_attended_", REFILL)
