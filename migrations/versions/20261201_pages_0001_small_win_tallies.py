"""small wins counted per mechanism, month and latest 'did it stick?' answer, kept by triggers

Revision ID: pages_0001
Revises: scale_0003
Create Date: 2026-12-01 07:30:00

The chart of small wins per mechanism and the 'did it stick?' table counted every win on every
view: two aggregates over 113,000 wins and 300,000 follow-ups at 200,000 members (0.8 s even in
plain SQL). ``small_win_tally_entries`` holds what each win adds to the counts, one row per
mechanism (its month, its latest answer or ''); ``small_win_tallies`` holds the counts. Triggers
on small_wins (happened_on, delete), small_win_mechanisms and small_win_follow_ups refresh the
win they touch: take away what its entries added, rewrite them from
``small_win_tally_source``, add them again. A refresh reads the win as it is now, so it is
right however many times and in whatever order it runs (PostgreSQL fires row triggers at the
end of a statement, SQLite after each row), and whatever writes the rows (ORM, bulk loads).

SQLite drops a table's triggers with the table: a later batch migration that rebuilds one of
those three tables must create them again (tests/wins/test_tallies.py checks they are there).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "pages_0001"
down_revision: str | None = "scale_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _source(month: str) -> str:
    return f"""
    CREATE VIEW small_win_tally_source AS
    SELECT m.small_win_id AS small_win_id, m.mechanism AS mechanism, {month} AS month,
           coalesce((SELECT f.answer FROM small_win_follow_ups f
                     WHERE f.small_win_id = m.small_win_id AND f.answer IS NOT NULL
                     ORDER BY f.months_after DESC LIMIT 1), '') AS answer
    FROM small_win_mechanisms m JOIN small_wins w ON w.id = m.small_win_id
    """  # noqa: S608 - this file's own SQL, no input reaches it


def _refresh(win: str) -> str:
    return f"""
        UPDATE small_win_tallies SET n = n - 1 WHERE (mechanism, month, answer) IN (
            SELECT mechanism, month, answer FROM small_win_tally_entries
            WHERE small_win_id = {win});
        DELETE FROM small_win_tally_entries WHERE small_win_id = {win};
        INSERT INTO small_win_tally_entries (small_win_id, mechanism, month, answer)
            SELECT small_win_id, mechanism, month, answer FROM small_win_tally_source
            WHERE small_win_id = {win};
        INSERT INTO small_win_tallies (mechanism, month, answer, n)
            SELECT mechanism, month, answer, 1 FROM small_win_tally_entries
            WHERE small_win_id = {win}
            ON CONFLICT (mechanism, month, answer) DO UPDATE SET n = small_win_tallies.n + 1;
    """  # noqa: S608


#: trigger name -> (event, the wins to refresh)
SQLITE_TRIGGERS = {
    "small_win_tally_win_update": ("AFTER UPDATE OF happened_on ON small_wins", ["new.id"]),
    "small_win_tally_win_delete": ("AFTER DELETE ON small_wins", ["old.id"]),
    "small_win_tally_mechanism_insert": ("AFTER INSERT ON small_win_mechanisms",
                                         ["new.small_win_id"]),
    "small_win_tally_mechanism_update": ("AFTER UPDATE ON small_win_mechanisms",
                                         ["old.small_win_id", "new.small_win_id"]),
    "small_win_tally_mechanism_delete": ("AFTER DELETE ON small_win_mechanisms",
                                         ["old.small_win_id"]),
    "small_win_tally_follow_up_insert": ("AFTER INSERT ON small_win_follow_ups",
                                         ["new.small_win_id"]),
    "small_win_tally_follow_up_update": (
        "AFTER UPDATE OF small_win_id, months_after, answer ON small_win_follow_ups",
        ["old.small_win_id", "new.small_win_id"],
    ),
    "small_win_tally_follow_up_delete": ("AFTER DELETE ON small_win_follow_ups",
                                         ["old.small_win_id"]),
}  # fmt: skip

POSTGRES = [
    f"""CREATE FUNCTION arena_refresh_small_win_tally(win integer) RETURNS void
        LANGUAGE plpgsql AS $$ BEGIN {_refresh("win")} END $$""",
    """CREATE FUNCTION arena_small_win_tally_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
           IF TG_TABLE_NAME = 'small_wins' THEN
               PERFORM arena_refresh_small_win_tally(
                   CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
           ELSE
               IF TG_OP <> 'INSERT' THEN
                   PERFORM arena_refresh_small_win_tally(OLD.small_win_id);
               END IF;
               IF TG_OP <> 'DELETE' THEN
                   PERFORM arena_refresh_small_win_tally(NEW.small_win_id);
               END IF;
           END IF;
           RETURN NULL;
       END $$""",
    """CREATE TRIGGER small_win_tally_win AFTER UPDATE OF happened_on OR DELETE
       ON small_wins FOR EACH ROW EXECUTE FUNCTION arena_small_win_tally_trigger()""",
    """CREATE TRIGGER small_win_tally_mechanism AFTER INSERT OR UPDATE OR DELETE
       ON small_win_mechanisms FOR EACH ROW EXECUTE FUNCTION arena_small_win_tally_trigger()""",
    """CREATE TRIGGER small_win_tally_follow_up
       AFTER INSERT OR UPDATE OF small_win_id, months_after, answer OR DELETE
       ON small_win_follow_ups FOR EACH ROW EXECUTE FUNCTION arena_small_win_tally_trigger()""",
]
POSTGRES_TRIGGERS = {
    "small_win_tally_win": "small_wins",
    "small_win_tally_mechanism": "small_win_mechanisms",
    "small_win_tally_follow_up": "small_win_follow_ups",
}

FILL = [
    "INSERT INTO small_win_tally_entries (small_win_id, mechanism, month, answer) "
    "SELECT small_win_id, mechanism, month, answer FROM small_win_tally_source",
    "INSERT INTO small_win_tallies (mechanism, month, answer, n) "
    "SELECT mechanism, month, answer, count(*) FROM small_win_tally_entries "
    "GROUP BY mechanism, month, answer",
]


def upgrade() -> None:
    op.create_table(
        "small_win_tallies",
        sa.Column("mechanism", sa.String(length=16), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("answer", sa.String(length=8), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("mechanism", "month", "answer", name=op.f("pk_small_win_tallies")),
    )
    op.create_table(
        "small_win_tally_entries",
        sa.Column("small_win_id", sa.Integer(), nullable=False),
        sa.Column("mechanism", sa.String(length=16), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("answer", sa.String(length=8), nullable=False),
        sa.PrimaryKeyConstraint(
            "small_win_id", "mechanism", name=op.f("pk_small_win_tally_entries")
        ),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_source("substr(w.happened_on, 1, 7)"))
        for name, (event, wins) in SQLITE_TRIGGERS.items():
            body = "".join(_refresh(win) for win in wins)
            op.execute(f"CREATE TRIGGER {name} {event} BEGIN {body} END")
    else:
        op.execute(_source("to_char(w.happened_on, 'YYYY-MM')"))
        for statement in POSTGRES:
            op.execute(statement)
    for statement in FILL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, table in POSTGRES_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute("DROP FUNCTION IF EXISTS arena_small_win_tally_trigger()")
        op.execute("DROP FUNCTION IF EXISTS arena_refresh_small_win_tally(integer)")
    op.execute("DROP VIEW IF EXISTS small_win_tally_source")
    op.drop_table("small_win_tally_entries")
    op.drop_table("small_win_tallies")
