"""The accessibility statement's facts, from the installation's settings (ARENA_ACCESSIBILITY_*).

The page follows the Dutch model statement (modelverklaring, digitoegankelijk.nl): who runs the
installation, how far it meets WCAG 2.1 AA, when and how that was last checked, what is known
not to work, and where to go with a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app


@dataclass(frozen=True)
class Statement:
    organisation: str
    contact: str
    checked_on: date | None
    exceptions: list[str]


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:  # an unreadable setting shows "not yet checked", never an error
        return None


def statement() -> Statement:
    config = current_app.config
    exceptions = (config.get("ACCESSIBILITY_EXCEPTIONS") or "").replace("\n", "|").split("|")
    return Statement(
        organisation=(config.get("ACCESSIBILITY_ORGANISATION") or "").strip(),
        contact=(config.get("ACCESSIBILITY_CONTACT") or "").strip(),
        checked_on=_date(config.get("ACCESSIBILITY_CHECKED") or ""),
        exceptions=[e.strip() for e in exceptions if e.strip()],
    )
