"""the start of the last session each member attended, kept by triggers, with its index

Revision ID: members_0001
Revises: report_0001
Create Date: 2026-12-01 10:30:00

The member list filtered "attended last year" (and "attended since") asked which members
attended a session that started after a moment: at 200,000 members a year's 75,000 attendances
hashed and joined to every member on each view (PostgreSQL 122 ms of SQL). ``members.
last_attended_dt`` holds the latest ``starts_dt`` of the sessions the member attended
(``attendances.is_attended``, whatever the session's state, as the filter always read it), so
"attended since X" is ``last_attended_dt >= X``, one range of ``ix_members_last_attended``
(name and id beside it, so a page of names is read from the index alone).

Triggers keep it right whatever writes the rows (ORM, bulk statements, merges, cascades): on
attendances (insert, delete, and updates of member, session or attended) for the members a row
had and has, and on meetings (a new start time) for everyone who attended that session. Each
recomputes the member's value from their attendances (index on member, attended, meeting), so
it is right however often and in whatever order it runs. Only rows that were or are attended
fire them: the millions of invitations never do. Erasure keeps attendances, so it keeps the
value too, as the filter did. Bulk loads turn the triggers off and fill the column once
(``arena/arenas/last_attended.py``).

Added with a plain ADD COLUMN, never a batch rebuild of members: SQLite drops a table's
triggers with the table (the member search index's). A later batch migration of attendances or
meetings must create these triggers again (tests/arenas/test_last_attended.py checks they are
there at head).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import arena.db

revision: str = "members_0001"
down_revision: str | None = "report_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the one definition: the latest start of a session the member (``members.id``) attended
LATEST = """(SELECT max(m.starts_dt) FROM attendances a JOIN meetings m ON m.id = a.meeting_id
             WHERE a.member_id = members.id AND a.is_attended)"""


def _refresh(members: str) -> str:
    return f"UPDATE members SET last_attended_dt = {LATEST} WHERE id IN ({members});"  # noqa: S608


ATTENDEES = "SELECT member_id FROM attendances WHERE meeting_id = new.id AND is_attended"


def _locked_refresh(members: str) -> str:
    """PostgreSQL: the members' rows locked first, so the recount's fresh snapshot sees what a
    concurrent transaction that held them committed (two check-ins of one person at once)."""
    lock = f"PERFORM 1 FROM members WHERE id IN ({members}) ORDER BY id FOR UPDATE;"  # noqa: S608
    return f"{lock} {_refresh(members)}"


#: trigger name -> (event, the members to refresh)
SQLITE_TRIGGERS = {
    "member_last_attended_insert": ("AFTER INSERT ON attendances WHEN new.is_attended",
                                    "new.member_id"),
    "member_last_attended_update": (
        "AFTER UPDATE OF member_id, meeting_id, is_attended ON attendances "
        "WHEN old.is_attended OR new.is_attended",
        "old.member_id, new.member_id",
    ),
    "member_last_attended_delete": ("AFTER DELETE ON attendances WHEN old.is_attended",
                                    "old.member_id"),
    "member_last_attended_meeting": (
        "AFTER UPDATE OF starts_dt ON meetings WHEN old.starts_dt IS NOT new.starts_dt",
        ATTENDEES,
    ),
}  # fmt: skip

POSTGRES = [
    f"""CREATE FUNCTION arena_last_attended_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'meetings' THEN
                {_locked_refresh(ATTENDEES)}
            ELSIF TG_OP = 'INSERT' THEN
                {_locked_refresh("new.member_id")}
            ELSIF TG_OP = 'DELETE' THEN
                {_locked_refresh("old.member_id")}
            ELSE
                {_locked_refresh("old.member_id, new.member_id")}
            END IF;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER member_last_attended_insert AFTER INSERT ON attendances
       FOR EACH ROW WHEN (NEW.is_attended) EXECUTE FUNCTION arena_last_attended_trigger()""",
    """CREATE TRIGGER member_last_attended_update
       AFTER UPDATE OF member_id, meeting_id, is_attended ON attendances
       FOR EACH ROW WHEN (OLD.is_attended OR NEW.is_attended)
       EXECUTE FUNCTION arena_last_attended_trigger()""",
    """CREATE TRIGGER member_last_attended_delete AFTER DELETE ON attendances
       FOR EACH ROW WHEN (OLD.is_attended) EXECUTE FUNCTION arena_last_attended_trigger()""",
    """CREATE TRIGGER member_last_attended_meeting AFTER UPDATE OF starts_dt ON meetings
       FOR EACH ROW WHEN (OLD.starts_dt IS DISTINCT FROM NEW.starts_dt)
       EXECUTE FUNCTION arena_last_attended_trigger()""",
]
POSTGRES_TRIGGERS = {
    "member_last_attended_insert": "attendances",
    "member_last_attended_update": "attendances",
    "member_last_attended_delete": "attendances",
    "member_last_attended_meeting": "meetings",
}

#: a populated database: every member who attended, in one statement
FILL = """UPDATE members SET last_attended_dt = latest.starts_dt
    FROM (SELECT a.member_id, max(m.starts_dt) AS starts_dt
          FROM attendances a JOIN meetings m ON m.id = a.meeting_id
          WHERE a.is_attended GROUP BY a.member_id) AS latest
    WHERE members.id = latest.member_id"""


def upgrade() -> None:
    op.add_column("members", sa.Column("last_attended_dt", arena.db.UTCDateTime(), nullable=True))
    # the index before the fill: built after an update in the same transaction, PostgreSQL
    # marks it usable only once every older transaction has ended (pg_index.indcheckxmin)
    op.create_index(
        "ix_members_last_attended",
        "members",
        ["last_attended_dt", "name", "id"],
        sqlite_where=sa.text("erased_at IS NULL AND last_attended_dt IS NOT NULL"),
        postgresql_where=sa.text("erased_at IS NULL AND last_attended_dt IS NOT NULL"),
    )
    op.execute(FILL)
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM members LIMIT 1")).first():
        op.execute("ANALYZE members")  # or the planner knows nothing of the new column yet
    if bind.dialect.name == "sqlite":
        for name, (event, members) in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {event} BEGIN {_refresh(members)} END")
    else:
        for statement in POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, table in POSTGRES_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS arena_last_attended_trigger()")
    op.drop_index("ix_members_last_attended", table_name="members")
    # not a batch rebuild, which on SQLite would drop the search index's triggers on members
    op.execute("ALTER TABLE members DROP COLUMN last_attended_dt")
