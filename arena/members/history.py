"""One member's history, newest first, in a fixed number of queries.

The network holds the member's organisations; what they did in the arenas (sessions, practice
examples, small wins, collaborations) belongs to the packages above, which each add a section
through the ``member_history`` hook (``arena/hooks.py``), one or two queries each.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from arena import hooks
from arena.hooks import Section
from arena.members.memberships import memberships_of
from arena.members.models import Membership


@dataclass(frozen=True)
class MemberHistory:
    memberships: list[Membership]
    #: the packages' sections, in the order of the layers
    sections: list[Section]

    def items(self, key: str) -> list:
        """What the section ``key`` lists (e.g. "sessions"); empty when no package adds it."""
        for section in self.sections:
            if section.key == key:
                return section.items
        return []


def member_history(session: Session, member_id: int) -> MemberHistory:
    """Organisations, then every section the packages above add."""
    memberships = memberships_of(session, member_id)
    sections = hooks.member_history.send(session, member_id)
    return MemberHistory(list(memberships), sections)
