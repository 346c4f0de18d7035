"""whom a mailing may reach, by role and name: a partial index with may_be_mailed as its WHERE

Revision ID: pages_0003
Revises: members_0001
Create Date: 2026-12-01 14:00:00

The member list filtered by role and "may be mailed" (and a role's invitation audience) read
every member to count the matches and sorted them all for one page: at 200,000 members SQLite
read 200,000 rows to count 30,574 mailable municipalities. The index holds only members who may
be mailed, by role and name, so the count is one range of it. Its WHERE is the rule of
``Member.may_be_mailed`` as it stands here (``arena.members.models.mailable_sql``); a changed
rule needs a new migration that makes the index again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "pages_0003"
down_revision: str | None = "members_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MAILABLE = (
    "erased_at IS NULL AND unsubscribed_at IS NULL AND email IS NOT NULL"
    " AND email_bouncing_at IS NULL AND consent_given_at IS NOT NULL"
)


def upgrade() -> None:
    op.create_index(
        "ix_members_mailable_by_role",
        "members",
        ["role", "name", "id"],
        sqlite_where=sa.text(MAILABLE),
        postgresql_where=sa.text(MAILABLE),
    )


def downgrade() -> None:
    op.drop_index("ix_members_mailable_by_role", table_name="members")
