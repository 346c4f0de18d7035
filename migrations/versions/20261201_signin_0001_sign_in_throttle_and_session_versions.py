"""sign-in throttle and session versions

Revision ID: signin_0001
Revises: learning_0001
Create Date: 2026-12-01 00:30:00

``failed_attempts`` counts failed sign-ins and unusable signed links by account and by address
in the database, so the limit holds across workers and processes (arena/throttle.py).
``user_accounts.session_version`` is part of every session and remember-me cookie; raising it
ends them all (password change, disabling, signing out).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import arena.db

revision: str = "signin_0001"
down_revision: str | None = "learning_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "failed_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("account_key", sa.String(length=254), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("attempt_dt", arena.db.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_failed_attempts")),
    )
    op.create_index(
        "ix_failed_attempts_account_key_attempt_dt",
        "failed_attempts",
        ["account_key", "attempt_dt"],
    )
    op.create_index(
        "ix_failed_attempts_address_attempt_dt", "failed_attempts", ["address", "attempt_dt"]
    )
    with op.batch_alter_table("user_accounts") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), server_default="1", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("user_accounts") as batch:
        batch.drop_column("session_version")
    op.drop_index("ix_failed_attempts_address_attempt_dt", table_name="failed_attempts")
    op.drop_index("ix_failed_attempts_account_key_attempt_dt", table_name="failed_attempts")
    op.drop_table("failed_attempts")
