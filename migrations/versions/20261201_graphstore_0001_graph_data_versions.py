"""a data version per part of what the graphs read, raised by triggers, instead of scanning tables

Revision ID: graphstore_0001
Revises: pages2_0001
Create Date: 2026-12-01 18:40:00

Whether a stored graph is fresh was a fingerprint of counts, latest changes and key sums of
every table a graph reads: 1.8-2.3 s at 200,000 members on PostgreSQL (4.9 million attendance
rows), paid by a page view every 30 s per worker. Here triggers keep one version per part
(a column of the one row of graph_data_version) and raise it at every change the graph reads,
so the fingerprint is that row. A part per table keeps each kind of graph stale only when its
own data changed (a new inspiration does not make the people stale). Updates count only for
the columns a graph reads (arena.graph.queries): an RSVP answer, a login or a changed email
address leave every graph fresh; a graph that reads a new column needs it added here
(tests/graph/test_versions.py compares the lists with the columns load_rows selects).

As with the reports' version (report_0001): on SQLite, row triggers raise the version at once
(one writer at a time); on PostgreSQL statement triggers note the part once per transaction in
graph_data_touches and a deferred constraint trigger raises it at commit, so no writer holds
the version row's lock for longer than its commit, and a rolled-back change raises nothing.
On both, an attendance counts only when it is (or was) attended (sending invitations leaves
the graphs fresh), an account only when it is (or was) an organiser's. The versions start at the time of the upgrade, so a table made again never
matches results stored before it was dropped.
"""

import time
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "graphstore_0001"
down_revision: str | None = "pages2_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> (its part, the columns whose updates count: None for every column)
TABLES = {
    "members": ("members", "name, role, themes, is_former, erased_at, created_dt"),
    "organisations": ("organisations", "name, sector, policy_domain, place, created_dt"),
    "arena_series": ("arena_series", "name"),
    "meetings": ("meetings", "series_id, title, starts_dt, state"),
    "attendances": ("attendances", "meeting_id, member_id, is_attended"),
    "collaborations": ("collaborations", "title, started_on, status, meeting_id"),
    "collaboration_participants": ("participants", None),
    "small_wins": (
        "small_wins", "title, happened_on, author_id, organisation_id, reach, meeting_id",
    ),
    "small_win_mechanisms": ("mechanisms", None),
    "small_win_inspirations": ("inspirations", None),
    "practice_examples": ("practice_examples", "meeting_id"),
    "example_presenters": ("presenters", None),
    "memberships": ("memberships", "member_id, organisation_id, since, until"),
    "user_accounts": ("organisers", "role, member_id"),
}  # fmt: skip
PARTS = tuple(part for part, _columns in TABLES.values())
#: tables of which only some rows count: invitations and RSVP answers are attendance rows too,
#: and only organisers' accounts count (the weaving panel warns when they are the hub)
ROWS_THAT_COUNT = {"attendances": "is_attended", "user_accounts": "role = 'organiser'"}
TOUCHED = "arena.graph_touched_"


def _raise(part: str) -> str:
    return f"UPDATE graph_data_version SET {part} = {part} + 1 WHERE id = 1"  # noqa: S608 - names of this file


def _sqlite_triggers() -> None:
    for table, (part, columns) in TABLES.items():
        counts = ROWS_THAT_COUNT.get(table)
        when = {}
        if counts:
            new, old = f"NEW.{counts}", f"OLD.{counts}"
            when = {"INSERT": new, "UPDATE": f"{old} OR {new}", "DELETE": old}
        for event in ("INSERT", "UPDATE", "DELETE"):
            what = f"UPDATE OF {columns}" if event == "UPDATE" and columns else event
            condition = f" WHEN {when[event]}" if event in when else ""
            op.execute(
                f"CREATE TRIGGER graph_changed_{table}_{event.lower()} AFTER {what} ON {table}"
                f"{condition} BEGIN {_raise(part)}; END"
            )


def _postgres_triggers() -> None:
    op.execute("CREATE TABLE graph_data_touches (id BIGSERIAL PRIMARY KEY, part TEXT NOT NULL)")
    op.execute(
        "CREATE FUNCTION graph_data_raise() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "EXECUTE format('UPDATE graph_data_version SET %I = %I + 1 WHERE id = 1', "
        "NEW.part, NEW.part); "
        "DELETE FROM graph_data_touches WHERE id = NEW.id; RETURN NULL; END $$"
    )
    op.execute(
        "CREATE CONSTRAINT TRIGGER graph_data_raise AFTER INSERT ON graph_data_touches "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION graph_data_raise()"
    )
    op.execute(
        "CREATE FUNCTION graph_data_note(part TEXT) RETURNS void LANGUAGE plpgsql AS $$ BEGIN "  # noqa: S608
        f"IF current_setting('{TOUCHED}' || part, true) IS DISTINCT FROM 'yes' THEN "
        f"PERFORM set_config('{TOUCHED}' || part, 'yes', true); "
        "INSERT INTO graph_data_touches (part) VALUES (part); "
        "END IF; END $$"
    )
    op.execute(
        "CREATE FUNCTION graph_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "PERFORM graph_data_note(TG_ARGV[0]); RETURN NULL; END $$"
    )
    for table, (part, columns) in TABLES.items():
        note = f"FOR EACH STATEMENT EXECUTE FUNCTION graph_data_changed('{part}')"
        counts = ROWS_THAT_COUNT.get(table)
        if counts:  # inserted or deleted rows looked at as a whole (an update has no such list)
            op.execute(f"CREATE TRIGGER graph_changed_{table} AFTER TRUNCATE ON {table} {note}")
            op.execute(
                f"CREATE FUNCTION graph_{table}_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "  # noqa: S608
                f"BEGIN IF EXISTS (SELECT 1 FROM changed_rows WHERE {counts}) THEN "
                f"PERFORM graph_data_note('{part}'); END IF; RETURN NULL; END $$"
            )
            for event, rows in (("INSERT", "NEW"), ("DELETE", "OLD")):
                op.execute(
                    f"CREATE TRIGGER graph_changed_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} REFERENCING {rows} TABLE AS changed_rows FOR EACH STATEMENT "
                    f"EXECUTE FUNCTION graph_{table}_changed()"
                )
        else:
            events = "INSERT OR DELETE OR TRUNCATE" + ("" if columns else " OR UPDATE")
            op.execute(f"CREATE TRIGGER graph_changed_{table} AFTER {events} ON {table} {note}")
        if columns:
            op.execute(
                f"CREATE TRIGGER graph_changed_{table}_update AFTER UPDATE OF {columns} "
                f"ON {table} {note}"
            )


def upgrade() -> None:
    op.create_table(
        "graph_data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        *(sa.Column(part, sa.BigInteger(), nullable=False) for part in PARTS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_graph_data_version")),
    )
    start = int(time.time() * 1000)
    op.execute(
        f"INSERT INTO graph_data_version (id, {', '.join(PARTS)}) "  # noqa: S608
        f"VALUES (1, {', '.join(str(start) for _ in PARTS)})"
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgres_triggers()
    else:
        _sqlite_triggers()


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        if postgres:
            for suffix in ("", "_insert", "_update", "_delete"):
                op.execute(f"DROP TRIGGER IF EXISTS graph_changed_{table}{suffix} ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS graph_changed_{table}_{event}")
    if postgres:
        for table in ROWS_THAT_COUNT:
            op.execute(f"DROP FUNCTION IF EXISTS graph_{table}_changed()")
        op.execute("DROP FUNCTION IF EXISTS graph_data_changed()")
        op.execute("DROP FUNCTION IF EXISTS graph_data_note(TEXT)")
        op.execute("DROP TABLE IF EXISTS graph_data_touches")
        op.execute("DROP FUNCTION IF EXISTS graph_data_raise()")
    op.drop_table("graph_data_version")
