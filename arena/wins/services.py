"""Logging and editing small wins: mechanisms, organisation, and what inspired them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.arenas.models import Meeting
from arena.auth.models import Role
from arena.db import valid_id
from arena.examples.models import PracticeExample
from arena.mail import one_line
from arena.members.directory import (
    NotInNetwork,
    known_members_by_email,
    members_by_email,
    organisations_by_name,
)
from arena.wins.chains import cycle_makers
from arena.wins.models import Mechanism, SmallWin, SmallWinMechanism


class WinError(ValueError):
    """Bad input for one form field; ``field`` names it so the form can show it there."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass
class WinInput:
    title: str
    happened_on: date
    mechanisms: list[str]
    what_changed: str = ""
    organisation: str = ""  # a name as known in the network
    friction: str = ""
    reach: str = ""
    meeting_id: int | None = None
    practice_example_id: int | None = None
    inspired_by: str = ""  # numbers of earlier wins, e.g. "12, #40"
    members: str = ""  # emails of other members involved
    full: bool = True  # False for the quick form: leave the fuller fields as they are
    #: a member's form: emails of nobody are left out silently (the answer tells nothing)
    quiet_lookup: bool = False


def parse_win_numbers(text: str | None) -> list[int]:
    numbers = []
    for part in re.split(r"[,;\s]+", text or ""):
        part = part.strip().lstrip("#")
        if not part:
            continue
        number = valid_id(part)
        if number is None:
            raise WinError("inspired_by", _("“%(part)s” is not a small win number.", part=part))
        if number not in numbers:
            numbers.append(number)
    return numbers


def _inspirations(session: Session, win_id: int | None, text: str) -> list[SmallWin]:
    numbers = parse_win_numbers(text)
    if not numbers:
        return []
    if win_id in numbers:
        raise WinError("inspired_by", _("A small win cannot inspire itself."))
    loops = cycle_makers(session, win_id, numbers)
    if loops:
        raise WinError(
            "inspired_by",
            _(
                "Small win #%(number)d was itself inspired by this one, so it cannot have "
                "inspired it: that would make a loop in the chain.",
                number=loops[0],
            ),
        )
    found = {w.id: w for w in session.scalars(select(SmallWin).where(SmallWin.id.in_(numbers)))}
    missing = [n for n in numbers if n not in found]
    if missing:
        raise WinError(
            "inspired_by",
            _("There is no small win #%(number)d.", number=missing[0]),
        )
    return [found[n] for n in numbers]


def _apply(session: Session, win: SmallWin, data: WinInput) -> None:
    mechanisms = {Mechanism(m) for m in data.mechanisms}
    if not mechanisms:
        raise WinError("mechanisms", _("Choose at least one mechanism."))
    if not one_line(data.title):
        raise WinError("title", _("Give the small win a title."))
    win.title = one_line(data.title)
    win.happened_on = data.happened_on
    win.what_changed = data.what_changed or ""
    win.mechanism_rows = [SmallWinMechanism(mechanism=m) for m in sorted(mechanisms)]
    if data.meeting_id and session.get(Meeting, data.meeting_id) is None:
        raise WinError("meeting", _("Choose a session from the list."))
    if data.full or data.meeting_id:
        win.meeting_id = data.meeting_id or None
    if not data.full:
        return
    try:
        organisations = organisations_by_name(session, data.organisation)
    except NotInNetwork as exc:
        raise WinError("organisation", str(exc)) from exc
    if len(organisations) > 1:
        raise WinError("organisation", _("Name one organisation."))
    try:
        lookup = known_members_by_email if data.quiet_lookup else members_by_email
        members = lookup(session, data.members)
    except NotInNetwork as exc:
        raise WinError("members", str(exc)) from exc
    if data.practice_example_id and session.get(PracticeExample, data.practice_example_id) is None:
        raise WinError("practice_example", _("Choose a practice example from the list."))
    win.inspired_by = _inspirations(session, win.id, data.inspired_by)
    win.organisation_id = organisations[0].id if organisations else None
    win.friction = data.friction or ""
    win.reach = one_line(data.reach) or None
    win.practice_example_id = data.practice_example_id or None
    win.members = members


def record_small_win(session: Session, data: WinInput, author_id: int | None) -> SmallWin:
    """A new small win; its author is asked 3, 6 and 12 months later whether it stuck."""
    win = SmallWin(author_id=author_id)
    _apply(session, win, data)
    session.add(win)
    session.flush()
    return win


def update_small_win(session: Session, win: SmallWin, data: WinInput) -> SmallWin:
    with session.no_autoflush:
        _apply(session, win, data)
    session.flush()
    return win


def may_edit(win: SmallWin, account) -> bool:
    """Organisers and the win's author may edit; everyone with access may read."""
    if account.role == Role.ORGANISER:
        return True
    return (
        account.role == Role.MEMBER
        and win.author_id is not None
        and (win.author_id == account.member_id)
    )
