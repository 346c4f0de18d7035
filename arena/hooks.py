"""Named hooks: how a lower package reacts to a higher one without importing it.

The packages sit in layers (``arena/layers.py``) and import downward only. Where a lower package
must let a higher one take part (erasing a member also blanks that member's messages in the
outbox; a member's page also lists their small wins), the lower package calls a hook declared
here, and the higher package subscribes a plain function to it.

Subscribing happens in one place per package, ``arena/<package>/hooks.py: connect()``, which
``create_app`` calls for every package (``arena.HOOK_MODULES``), so the web app, the CLI and the
scheduler always have the same subscribers; never as a side effect of importing a module.
Connecting again is harmless: a function is subscribed once, by its module and name, and the
subscribers run in the order they were first connected (the order of ``HOOK_MODULES``).
``tests/foundation/test_hooks.py`` says who subscribes to each hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class Hook:
    """One named hook: ``connect`` a subscriber, ``send`` to call them all in order."""

    def __init__(self, name: str, doc: str) -> None:
        self.name = name
        self.__doc__ = doc
        self._subscribers: dict[str, Callable] = {}

    def connect(self, subscriber: Callable) -> Callable:
        self._subscribers[f"{subscriber.__module__}:{subscriber.__qualname__}"] = subscriber
        return subscriber

    @property
    def subscribers(self) -> list[str]:
        """Who is subscribed, as "module:function", in the order they run."""
        return list(self._subscribers)

    def send(self, *args, **kwargs) -> list[Any]:
        """Call every subscriber with the same arguments; their answers, in order."""
        return [subscriber(*args, **kwargs) for subscriber in self._subscribers.values()]

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {', '.join(self.subscribers) or 'no subscribers'}>"


@dataclass(frozen=True)
class Section:
    """A part of another package's page: its template (included there) and what it shows.

    ``label`` names it where sections are compared (the merge pages), ``items`` is what it
    lists, ``figures`` any numbers beside them; ``wide`` sections take the whole width.
    """

    key: str
    template: str
    label: str = ""
    items: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    wide: bool = False
    #: shown on the merge pages as a row "label: how many items"
    compared: bool = True


def _hook(name: str, doc: str) -> Hook:
    hook = Hook(name, doc)
    ALL[name] = hook
    return hook


#: every hook by name
ALL: dict[str, Hook] = {}

# -- accounts (auth) ------------------------------------------------------------------------
member_id_for_email = _hook(
    "member_id_for_email",
    "(session, email) -> the id of the network member with this email, or None.",
)
queue_mail = _hook(
    "queue_mail",
    "(session, message) -> None: put a mail built by a lower package (``message``: the keyword "
    "arguments of the outbox's queue_message) in the outbox, in the caller's transaction.",
)

# -- the network (members) ------------------------------------------------------------------
member_erased = _hook(
    "member_erased",
    "(session, member, now) -> None: remove what else holds the erased member's data; runs "
    "before the search of every text column for the old name and address.",
)
member_unsubscribed = _hook(
    "member_unsubscribed",
    "(session, member, now) -> int: withdraw what was still going to them; how many.",
)
merge_combiners = _hook(
    "merge_combiners",
    "() -> {table name: combine(kept row, dropped row) -> values}: how two rows of one table "
    "that would clash after a merge of members or organisations become one.",
)
member_history = _hook(
    "member_history",
    "(session, member_id) -> Section: a part of a member's history, newest first.",
)
organisation_history = _hook(
    "organisation_history",
    "(session, organisation_id, staff) -> Section: a part of an organisation's history; "
    "``staff`` selects the ids of everyone who ever worked there.",
)
personal_data = _hook(
    "personal_data",
    "(session, member, history) -> {key: JSON-ready data}: the member's data this package "
    "holds, for their copy of their data (GDPR/AVG art. 15).",
)
member_last_activity = _hook(
    "member_last_activity",
    "(member_ids) -> a select of (member id, latest date or time) of activity, for the "
    "retention review of former members; ``member_ids`` is a select of ids.",
)
member_filters = _hook(
    "member_filters",
    "() -> [MemberFilter]: more filters of the member list, segments and exports.",
)
sessions_attended = _hook(
    "sessions_attended",
    "(session, member_ids) -> {member id: number of sessions attended}, for the member list.",
)

# -- sessions (arenas) ----------------------------------------------------------------------
meeting_changed = _hook(
    "meeting_changed",
    "(session, meeting, now) -> int: a session's time or place changed after invitations "
    "went out (its calendar SEQUENCE is raised already); how many were told.",
)
meeting_cancelled = _hook(
    "meeting_cancelled",
    "(session, meeting, now) -> int: a session was cancelled; how many were told.",
)
meeting_page = _hook(
    "meeting_page",
    "(session, meeting, now) -> Section: a part of the organisers' page of a session.",
)
series_sessions = _hook(
    "series_sessions",
    "(session, meeting_ids) -> Section whose figures map each meeting id to what the series "
    "page shows under that session.",
)
