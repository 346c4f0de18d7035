"""who gets the reminder, per series and per session

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 01:51:42.637563
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import arena.db  # noqa: F401 - custom column types used by autogenerate

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("arena_series", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reminder_to",
                sa.Enum(
                    "unanswered",
                    "unanswered-or-maybe",
                    name="reminder_to",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="unanswered",
                nullable=False,
            )
        )

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reminder_to",
                sa.Enum(
                    "unanswered",
                    "unanswered-or-maybe",
                    name="reminder_to",
                    native_enum=False,
                    create_constraint=True,
                ),
                nullable=True,
            )
        )


def downgrade() -> None:
    # the CHECK constraint goes first, or SQLite's batch copy still names the dropped column
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_meetings_reminder_to"), type_="check")
        batch_op.drop_column("reminder_to")

    with op.batch_alter_table("arena_series", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_arena_series_reminder_to"), type_="check")
        batch_op.drop_column("reminder_to")
