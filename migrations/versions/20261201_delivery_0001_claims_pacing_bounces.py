"""delivery: claims per run, the pacing row of sending limits, bouncing addresses

Revision ID: delivery_0001
Revises: api_0001
Create Date: 2026-12-01 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import arena.db

revision: str = "delivery_0001"
down_revision: str | None = "api_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbox_pacing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_slot_dt", arena.db.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_pacing")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claim_token", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_outbox_messages_sent_dt", ["sent_dt"], unique=False)
    # Plain ADD/DROP COLUMN (SQLite has both): a batch rebuild of members would break the
    # member search view and triggers of scale_0001.
    op.add_column(
        "members", sa.Column("bounce_count", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("members", sa.Column("email_bouncing_at", arena.db.UTCDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("members", "email_bouncing_at")
    op.drop_column("members", "bounce_count")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_sent_dt")
        batch_op.drop_column("claim_token")
    op.drop_table("outbox_pacing")
