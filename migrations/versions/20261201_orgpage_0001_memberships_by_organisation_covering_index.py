"""an organisation's people from an index alone: (organisation, until, member)

Revision ID: orgpage_0001
Revises: graphstore_0002
Create Date: 2026-12-01 22:10:00

Replaces the index on organisation_id alone, which it starts with, so writes keep the same
number of membership indexes. The organisation page reads its current people, its former
people newest first, and everyone who ever worked there (for its sessions, small wins and
collaborations) from this index without touching the memberships' rows.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "orgpage_0001"
down_revision: str | None = "graphstore_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_memberships_organisation_until_member",
        "memberships",
        ["organisation_id", "until", "member_id"],
    )
    op.drop_index("ix_memberships_organisation_id", table_name="memberships")


def downgrade() -> None:
    op.create_index("ix_memberships_organisation_id", "memberships", ["organisation_id"])
    op.drop_index("ix_memberships_organisation_until_member", table_name="memberships")
