"""stored reports per period and series, and a data version raised by triggers on every table
the report's figures read, so a stored report is shown only while nothing it counted changed

Revision ID: report_0001
Revises: scale_0004
Create Date: 2026-12-01 10:20:00

On SQLite the triggers are per row, with conditions where a table is written often for reasons
the report does not count (an RSVP answer or an invitation is not an attendance); SQLite has one
writer at a time, so raising the version at once costs no waiting. On PostgreSQL they are per
statement (one for a bulk insert) and the attendance trigger fires only on updates of the
columns that count. There, raising the version at the first change would hold the version row's
lock until the transaction ends: every writer of a counted table would wait for the longest one
(an import), and two transactions that lock a row each and then the other's would deadlock. So
the statement trigger only notes, once per transaction, that it changed something (a row in
report_data_touches, which locks nothing shared), and a deferred constraint trigger on that row
raises the version when the transaction commits: the lock is the commit's last and is held for
the commit only. A rolled-back change (or savepoint) takes its note with it.
A later batch migration of one of these tables on SQLite copies the table without its
triggers: tests/reports/test_stored.py checks they are all there.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import arena.db

revision: str = "report_0001"
down_revision: str | None = "scale_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: every table a stored figure (or the records it lists) reads
TABLES = (
    "meetings", "attendances", "members", "memberships", "organisations", "practice_examples",
    "small_wins", "small_win_mechanisms", "small_win_inspirations", "small_win_follow_ups",
    "collaborations", "learning_questions", "learning_question_changes", "change_stories",
    "story_selections", "polls", "poll_responses",
)  # fmt: skip
EVERY_CHANGE = (("INSERT", None), ("UPDATE", None), ("DELETE", None))
#: on SQLite, (event, condition) where only some changes count: an invitation or an RSVP
#: answer is not an attendance, and a member's profile edits change no figure
SQLITE_EVENTS = {
    "attendances": (
        ("INSERT", "NEW.is_attended"),
        ("UPDATE OF is_attended, meeting_id, member_id", "OLD.is_attended OR NEW.is_attended"),
        ("DELETE", "OLD.is_attended"),
    ),
    "members": (("INSERT", None), ("UPDATE OF role, created_dt", None), ("DELETE", None)),
}
#: on PostgreSQL, the tables whose updates count only for these columns
PG_UPDATE_OF = {
    "attendances": "is_attended, meeting_id, member_id",
    "members": "role, created_dt",
}
RAISE = "UPDATE report_data_version SET version = version + 1"


def _sqlite_triggers() -> None:
    for table in TABLES:
        for event, condition in SQLITE_EVENTS.get(table, EVERY_CHANGE):
            when = f" WHEN {condition}" if condition else ""
            op.execute(
                f"CREATE TRIGGER report_changed_{table}_{event.split()[0].lower()} "
                f"AFTER {event} ON {table}{when} BEGIN {RAISE}; END"
            )


#: the transaction-local setting that says this transaction has noted a change already
TOUCHED = "arena.report_data_touched"


def _postgres_triggers() -> None:
    op.execute("CREATE TABLE report_data_touches (id BIGSERIAL PRIMARY KEY)")
    forget = "DELETE FROM report_data_touches WHERE id = NEW.id"
    op.execute(
        "CREATE FUNCTION report_data_raise() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN {RAISE}; {forget}; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE CONSTRAINT TRIGGER report_data_raise AFTER INSERT ON report_data_touches "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION report_data_raise()"
    )
    op.execute(
        "CREATE FUNCTION report_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF current_setting('{TOUCHED}', true) IS DISTINCT FROM 'yes' THEN "
        f"PERFORM set_config('{TOUCHED}', 'yes', true); "
        "INSERT INTO report_data_touches DEFAULT VALUES; "
        "END IF; RETURN NULL; END $$"
    )
    for table in TABLES:
        columns = PG_UPDATE_OF.get(table)
        events = "INSERT OR DELETE OR TRUNCATE" + ("" if columns else " OR UPDATE")
        op.execute(
            f"CREATE TRIGGER report_changed_{table} AFTER {events} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()"
        )
        if columns:
            op.execute(
                f"CREATE TRIGGER report_changed_{table}_update AFTER UPDATE OF {columns} "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION report_data_changed()"
            )


def upgrade() -> None:
    op.create_table(
        "stored_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("computed_dt", arena.db.UTCDateTime(), nullable=False),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
        sa.Column("figures_version", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_reports")),
        sa.UniqueConstraint("key", name=op.f("uq_stored_reports_key")),
    )
    op.create_table(
        "report_data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_data_version")),
    )
    op.execute("INSERT INTO report_data_version (id, version) VALUES (1, 1)")
    if op.get_bind().dialect.name == "postgresql":
        _postgres_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        if postgres:
            op.execute(f"DROP TRIGGER IF EXISTS report_changed_{table} ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS report_changed_{table}_update ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS report_changed_{table}_{event}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS report_data_changed()")
        op.execute("DROP TABLE IF EXISTS report_data_touches")
        op.execute("DROP FUNCTION IF EXISTS report_data_raise()")
    op.drop_table("report_data_version")
    op.drop_table("stored_reports")
