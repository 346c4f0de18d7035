"""An uploaded member CSV between preview and confirmation, and its import's progress.

Apart from ``models.py`` (the network itself): only the import (``import_batches.py``, its
worker and its clean-up task) reads or writes these rows.
"""

from __future__ import annotations

import enum

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from arena.db import Base, TimestampMixin, str_enum


class ImportStatus(enum.StrEnum):
    PREVIEWED = "previewed"
    IMPORTING = "importing"
    DONE = "done"
    REFUSED = "refused"


class ImportBatch(TimestampMixin, Base):
    """An uploaded CSV between preview and confirmation, and its progress while importing."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(300))
    #: the decoded file, kept so that "confirm" imports exactly what was previewed
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[ImportStatus] = mapped_column(
        str_enum(ImportStatus, "import_status"), default=ImportStatus.PREVIEWED
    )
    total_rows: Mapped[int] = mapped_column(default=0)
    processed_rows: Mapped[int] = mapped_column(default=0)
    #: per-row outcome of the preview and the import
    report: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )
