"""personal API tokens, revocable calendar feeds

Revision ID: api_0001
Revises: language_0001
Create Date: 2026-12-01 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import arena.db

revision: str = "api_0001"
down_revision: str | None = "language_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("shown_prefix", sa.String(length=12), nullable=False),
        sa.Column("is_read_only", sa.Boolean(), nullable=False),
        sa.Column("expires_dt", arena.db.UTCDateTime(), nullable=False),
        sa.Column("last_used_dt", arena.db.UTCDateTime(), nullable=True),
        sa.Column("revoked_dt", arena.db.UTCDateTime(), nullable=True),
        sa.Column("window_start_dt", arena.db.UTCDateTime(), nullable=True),
        sa.Column("window_count", sa.Integer(), nullable=False),
        sa.Column("created_dt", arena.db.UTCDateTime(), nullable=False),
        sa.Column("updated_dt", arena.db.UTCDateTime(), nullable=False),
        sa.CheckConstraint("window_count >= 0", name=op.f("ck_api_tokens_window_count_positive")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["user_accounts.id"],
            name=op.f("fk_api_tokens_account_id_user_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_account_id"), ["account_id"], unique=False)
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("calendar_feed_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # plain ALTER on both databases: a batch copy of members would break the search view
    op.execute("ALTER TABLE members DROP COLUMN calendar_feed_version")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_account_id"))
    op.drop_table("api_tokens")
