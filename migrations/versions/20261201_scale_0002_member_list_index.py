"""the member list by name without reading every member: a partial index of listed members

Revision ID: scale_0002
Revises: delivery_0001
Create Date: 2026-12-01 04:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "scale_0002"
down_revision: str | None = "delivery_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LISTED = sa.text("erased_at IS NULL")


def upgrade() -> None:
    op.create_index(
        "ix_members_listed_by_name",
        "members",
        ["name", "id"],
        sqlite_where=LISTED,
        postgresql_where=LISTED,
    )


def downgrade() -> None:
    op.drop_index("ix_members_listed_by_name", table_name="members")
