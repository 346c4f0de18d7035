"""a stored view's table and unconnected list row by row, with the pages of every order

Revision ID: graphstore_0002
Revises: graphstore_0001
Create Date: 2026-12-01 19:00:00

A page of the graph tables past the first (or any filter) read, decoded and sorted the whole
stored list (the unconnected list: 160,000 rows, about 5 MB gzipped JSON, at 200,000 members;
page 400 by name 308 ms on SQLite, 440-540 ms on PostgreSQL). graph_rows keeps each row apart,
with the columns the filter reads; graph_row_orders the positions of each page's rows in every
order a page offers (arena.graph.tables). Both belong to the view's findings row and go with
it. Stored results of algorithm version 7 have neither: they are stale (ALGORITHM_VERSION 8),
pages read them as before until `arena graph compute` or the scheduler's job recomputes them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "graphstore_0002"
down_revision: str | None = "graphstore_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _result_id() -> sa.Column:
    return sa.Column("result_id", sa.Integer(), nullable=False)


def _belongs(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["result_id"], ["graph_results.id"], name=op.f(f"fk_{table}_result_id_graph_results"),
        ondelete="CASCADE",
    )  # fmt: skip


def upgrade() -> None:
    op.create_table(
        "graph_rows",
        _result_id(),
        sa.Column("part", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("policy_domain", sa.Text(), nullable=True),
        sa.Column("mechanisms", sa.Text(), nullable=True),
        _belongs("graph_rows"),
        sa.PrimaryKeyConstraint("result_id", "part", "position", name=op.f("pk_graph_rows")),
    )
    op.create_table(
        "graph_row_orders",
        _result_id(),
        sa.Column("part", sa.String(length=10), nullable=False),
        sa.Column("sort", sa.String(length=40), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("positions", sa.LargeBinary(), nullable=False),
        _belongs("graph_row_orders"),
        sa.PrimaryKeyConstraint(
            "result_id", "part", "sort", "page", name=op.f("pk_graph_row_orders")
        ),
    )


def downgrade() -> None:
    op.drop_table("graph_row_orders")
    op.drop_table("graph_rows")
