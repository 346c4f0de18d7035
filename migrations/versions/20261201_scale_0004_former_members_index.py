"""the dashboard's active members without reading every member: a partial index of former ones

Revision ID: scale_0004
Revises: pages_0002
Create Date: 2026-12-01 08:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "scale_0004"
down_revision: str | None = "pages_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_members_former",
        "members",
        ["id"],
        sqlite_where=sa.text("is_former IS 1"),
        postgresql_where=sa.text("is_former IS true"),
    )


def downgrade() -> None:
    op.drop_index("ix_members_former", table_name="members")
