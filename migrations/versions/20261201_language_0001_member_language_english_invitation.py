"""a member's language; the series' English standard invitation

Revision ID: language_0001
Revises: graph_0001
Create Date: 2026-12-01 00:40:00

``members.language``: the language a member chose for pages and mails ("nl", "en"); NULL is
"as my browser says" (mails: Dutch). ``arena_series.invitation_subject_en`` and
``invitation_body_en`` (and ``reminder_subject_en``, ``reminder_body_en``,
``practical_note_body_en``): optional English versions of the standard invitation, reminder
and practical note, for members who chose English; NULL or empty means the Dutch one is used.

Plain ADD COLUMN (no batch): on SQLite a batch migration would rebuild ``members`` and drop
the triggers of the member search index (see scale_0001).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "language_0001"
down_revision: str | None = "graph_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("members", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column(
        "arena_series", sa.Column("invitation_subject_en", sa.String(length=300), nullable=True)
    )
    op.add_column("arena_series", sa.Column("invitation_body_en", sa.Text(), nullable=True))
    op.add_column(
        "arena_series", sa.Column("reminder_subject_en", sa.String(length=300), nullable=True)
    )
    op.add_column("arena_series", sa.Column("reminder_body_en", sa.Text(), nullable=True))
    op.add_column("arena_series", sa.Column("practical_note_body_en", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("arena_series") as batch_op:
        batch_op.drop_column("practical_note_body_en")
        batch_op.drop_column("reminder_body_en")
        batch_op.drop_column("reminder_subject_en")
        batch_op.drop_column("invitation_body_en")
        batch_op.drop_column("invitation_subject_en")
    op.drop_column("members", "language")
