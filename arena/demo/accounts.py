"""The three demo accounts, one per kind of user, so each view of the tool can be tried.

The member account is linked to a member who came to sessions and logged small wins, so its
dashboard is not empty. Accounts that already exist (say, an organiser made with
`arena create-user`) are kept as they are.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from arena.arenas.models import series_organisers
from arena.auth.models import Role, UserAccount
from arena.demo.bulk import BulkWriter
from arena.demo.people import Person
from arena.demo.sampling import moment
from arena.demo.series import Series
from arena.demo.wins import Win

ORGANISER_EMAIL = "organiser@example.org"
LEAD_EMAIL = "lead@example.org"
MEMBER_EMAIL = "member@example.org"
DEMO_ACCOUNTS = ((ORGANISER_EMAIL, Role.ORGANISER), (LEAD_EMAIL, Role.PROGRAMME_LEAD),
                 (MEMBER_EMAIL, Role.MEMBER))  # fmt: skip


def pick_demo_member(
    people: list[Person], attended: dict[int, list[int]], wins: list[Win], today: date
) -> Person:
    """A member still in the network who came most often, among those who logged wins."""
    visits = Counter(member_id for ids in attended.values() for member_id in ids)
    win_counts = Counter(win.author.id for win in wins)
    candidates = [p for p in people if p.mailable_on(today) and win_counts[p.id]] or people
    return max(candidates, key=lambda p: (visits[p.id], win_counts[p.id], -p.id))


def write_accounts(
    writer: BulkWriter, password: str, member: Person, series: list[Series], today: date
) -> dict[str, int]:
    """The accounts by email; the organiser organises every series."""
    table = UserAccount.__table__
    emails = [email for email, _role in DEMO_ACCOUNTS]
    rows = writer.connection.execute(
        select(table.c.email, table.c.id).where(table.c.email.in_(emails))
    )
    existing = {email: account_id for email, account_id in rows}
    ids: dict[str, int] = {}
    for email, role in DEMO_ACCOUNTS:
        if email in existing:
            ids[email] = existing[email]
            continue
        account = UserAccount(email=email, role=role)
        account.set_password(password)
        ids[email] = writer.next_id(table)
        writer.add(
            table,
            {
                "id": ids[email],
                "email": account.email,
                "role": role,
                "password_hash": account.password_hash,
                "member_id": member.id if role is Role.MEMBER else None,
                "is_enabled": True,
                "last_login_dt": None,
                "created_dt": moment(today, 7),
                "updated_dt": moment(today, 7),
            },
        )
    for item in series:
        writer.add(series_organisers, {"series_id": item.id, "account_id": ids[ORGANISER_EMAIL]})
    return ids
