"""What the network answers of the core's hooks (``arena/hooks.py``); ``create_app`` calls
``connect``."""

from __future__ import annotations

from arena import hooks
from arena.members import services


def connect() -> None:
    hooks.member_id_for_email.connect(services.member_id_for_email)
