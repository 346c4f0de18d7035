"""An append-only log of actions on personal data (erasures, merges), as the GDPR asks."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from arena.db import Base, TimestampMixin


class AuditEvent(TimestampMixin, Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_accounts.id", ondelete="SET NULL")
    )
    #: e.g. "member.erase", "member.merge", "account.create"
    action: Mapped[str] = mapped_column(String(100), index=True)
    #: what it was done to, e.g. "member:42"
    subject: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


def record_event(
    session: Session, actor_id: int | None, action: str, subject: str, **detail
) -> AuditEvent:
    event = AuditEvent(actor_id=actor_id, action=action, subject=subject, detail=detail)
    session.add(event)
    return event
