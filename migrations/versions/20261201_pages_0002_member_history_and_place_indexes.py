"""indexes for the profile, the member list and the practice-example board

Revision ID: pages_0002
Revises: pages_0001
Create Date: 2026-12-01 07:35:00

The profile lists the wins a member logged or took part in and the examples they proposed or
present. Without an index on the member's side of small_win_members and example_presenters,
or on practice_examples.proposed_by_id, each list walked every win or example (113,000 and
21,000 at 200,000 members). The member list's filter offers every place in use: without an
index on organisations.place that was a scan of 40,000 organisations on every view; and its
total of listed members read every member: it is now all members (SQLite counts those from a
small index) less the erased ones, from a partial index of them. The board shows the latest
examples of each status: (status, updated_dt, id) replaces the index on status alone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "pages_0002"
down_revision: str | None = "pages_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_small_win_members_member_id": ("small_win_members", ["member_id"]),
    "ix_example_presenters_member_id": ("example_presenters", ["member_id"]),
    "ix_practice_examples_proposed_by_id": ("practice_examples", ["proposed_by_id"]),
    "ix_organisations_place": ("organisations", ["place"]),
}
ERASED = sa.text("erased_at IS NOT NULL")
#: tables whose new indexes a populated database gets statistics for at once: without them
#: SQLite read a year's planned examples through the new status index (75 ms instead of 8)
ANALYSED = ("practice_examples", "example_presenters", "small_win_members", "organisations")


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    op.create_index(
        "ix_members_erased", "members", ["erased_at"], sqlite_where=ERASED, postgresql_where=ERASED
    )
    # replaces the index on status alone, which it starts with
    op.create_index(
        "ix_practice_examples_status_updated", "practice_examples", ["status", "updated_dt", "id"]
    )
    op.drop_index("ix_practice_examples_status", table_name="practice_examples")
    bind = op.get_bind()
    for table in ANALYSED:
        if bind.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first():  # noqa: S608
            op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    op.create_index("ix_practice_examples_status", "practice_examples", ["status"])
    op.drop_index("ix_practice_examples_status_updated", table_name="practice_examples")
    op.drop_index("ix_members_erased", table_name="members")
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
