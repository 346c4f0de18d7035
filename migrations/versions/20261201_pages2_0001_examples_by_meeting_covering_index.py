"""a session's planned examples and their maturity from an index alone: (meeting, status, maturity)

Revision ID: pages2_0001
Revises: pages_0003
Create Date: 2026-12-01 18:40:00

The year's balance counts the planned examples of a year's sessions by maturity and sector.
With only the index on meeting_id, PostgreSQL read every practice example (their long texts
make the table wide) and hashed them against the year's sessions; with the status and the
maturity beside the session it looks up each session's examples in the index alone. Replaces
the index on meeting_id alone, which it starts with, so writes keep the same number of indexes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "pages2_0001"
down_revision: str | None = "pages_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_practice_examples_meeting_status_maturity",
        "practice_examples",
        ["meeting_id", "status", "maturity", "id"],
    )
    op.drop_index("ix_practice_examples_meeting_id", table_name="practice_examples")


def downgrade() -> None:
    op.create_index("ix_practice_examples_meeting_id", "practice_examples", ["meeting_id"])
    op.drop_index("ix_practice_examples_meeting_status_maturity", table_name="practice_examples")
