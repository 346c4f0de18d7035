"""User accounts: who may sign in, with which role, linked to a member of the network."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates
from werkzeug.security import check_password_hash, generate_password_hash

from arena.db import Base, TimestampMixin, UTCDateTime, str_enum


class Role(enum.StrEnum):
    ORGANISER = "organiser"
    PROGRAMME_LEAD = "programme-lead"
    MEMBER = "member"


class UserAccount(UserMixin, TimestampMixin, Base):
    __tablename__ = "user_accounts"
    __table_args__ = (CheckConstraint("email = lower(email)", name="email_lowercase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    #: scrypt hash from werkzeug; None until the invited person sets a password
    password_hash: Mapped[str | None] = mapped_column(String(300))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), unique=True
    )
    is_enabled: Mapped[bool] = mapped_column(default=True)
    last_login_dt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: part of every session and remember-me cookie; raising it ends them all
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    member = relationship("Member")

    @validates("email")
    def _fold_email(self, _key: str, value: str) -> str:
        return value.strip().lower()

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """What sessions and remember-me cookies hold: the id and the session version."""
        return f"{self.id}:{self.session_version}"

    def end_sessions(self) -> None:
        """End every session and remember-me cookie of this account (the caller commits)."""
        self.session_version = (self.session_version or 1) + 1

    @property
    def is_active(self) -> bool:  # Flask-Login refuses disabled accounts
        return self.is_enabled
