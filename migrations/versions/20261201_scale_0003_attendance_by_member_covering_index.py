"""which sessions members attended, from an index alone: (member, attended, session)

Revision ID: scale_0003
Revises: scale_0002
Create Date: 2026-12-01 05:25:00

Replaces the index on member_id alone, which it starts with, so writes keep the same number of
attendance indexes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "scale_0003"
down_revision: str | None = "scale_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_attendances_member_attended_meeting",
        "attendances",
        ["member_id", "is_attended", "meeting_id"],
    )
    op.drop_index("ix_attendances_member_id", table_name="attendances")


def downgrade() -> None:
    op.create_index("ix_attendances_member_id", "attendances", ["member_id"])
    op.drop_index("ix_attendances_member_attended_meeting", table_name="attendances")
