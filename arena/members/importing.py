"""Planning a member import: what each row would create, update or why it is refused.

The plan reads the database once up front (members by email, organisations by name key,
current memberships) and then decides every row in memory, so 40,000 rows take seconds.
Nothing is written here; ``import_apply`` writes a plan that has no refused rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from arena.i18n import supported_language
from arena.members.csvfile import CsvTable
from arena.members.models import Member, Membership, Organisation, StakeholderRole
from arena.members.models import organisation_key as org_key
from arena.members.services import split_list

EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
CHUNK = 2000
ROLE_WORDS = {r.value: r for r in StakeholderRole} | {
    "aanbieder": StakeholderRole.PROVIDER,
    "zorgaanbieder": StakeholderRole.PROVIDER,
    "gemeente": StakeholderRole.MUNICIPALITY,
    "cliënt": StakeholderRole.CLIENT,
    "ervaringsdeskundige": StakeholderRole.CLIENT,
    "experience expert": StakeholderRole.CLIENT,
    "werkgever": StakeholderRole.EMPLOYER,
    "social entrepreneur": StakeholderRole.SOCIAL_ENTREPRENEUR,
    "sociaal ondernemer": StakeholderRole.SOCIAL_ENTREPRENEUR,
    "policy maker": StakeholderRole.POLICY_MAKER,
    "beleidsmaker": StakeholderRole.POLICY_MAKER,
    "onderzoeker": StakeholderRole.RESEARCHER,
    "anders": StakeholderRole.OTHER,
    "overig": StakeholderRole.OTHER,
}
YES, NO = {"yes", "y", "ja", "j", "true", "1"}, {"no", "n", "nee", "false", "0"}
ORG_FIELDS = ("sector", "policy_domain", "place")


@dataclass
class RowOutcome:
    row: int
    email: str
    action: str  # "create", "update", "unchanged" or "refused"
    detail: str = ""

    def as_list(self) -> list:
        return [self.row, self.email, self.action, self.detail]


@dataclass
class ImportPlan:
    outcomes: list[RowOutcome] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    #: organisation key -> id of the organisations that exist already
    known_organisations: dict[str, int] = field(default_factory=dict)
    #: organisation key -> values for organisations to create
    new_organisations: dict[str, dict] = field(default_factory=dict)
    #: organisation id -> changed values
    organisation_updates: dict[int, dict] = field(default_factory=dict)
    #: (row, values for a new member, organisation keys to join)
    new_members: list[tuple[int, dict, list[str]]] = field(default_factory=list)
    #: (row, member id, changed values, organisation keys to join)
    member_updates: list[tuple[int, int, dict, list[str]]] = field(default_factory=list)

    @property
    def refused(self) -> list[RowOutcome]:
        return [o for o in self.outcomes if o.action == "refused"]

    @property
    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0, "refused": 0}
        for outcome in self.outcomes:
            counts[outcome.action] += 1
        return counts

    def report(self, sample: int = 1000) -> dict:
        """What the preview page and the batch keep: counts, every refusal, a sample."""
        return {
            "counts": self.counts,
            "refused": [o.as_list() for o in self.refused],
            "rows": [o.as_list() for o in self.outcomes[:sample]],
            "ignored_columns": self.ignored_columns,
        }


def _chunks(values: list, size: int = CHUNK):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _load_members(session: Session, emails: list[str]) -> dict[str, Member]:
    found: dict[str, Member] = {}
    for chunk in _chunks(sorted(set(emails))):
        for member in session.scalars(select(Member).where(Member.email.in_(chunk))):
            found[member.email] = member
    return found


def _load_current_links(session: Session, member_ids: list[int]) -> set[tuple[int, int]]:
    links: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(member_ids)):
        links.update(
            session.execute(
                select(Membership.member_id, Membership.organisation_id).where(
                    Membership.member_id.in_(chunk), Membership.until.is_(None)
                )
            ).all()
        )
    return links


def plan_import(session: Session, table: CsvTable, source: str, now: datetime) -> ImportPlan:
    """Decide every row; a plan with refused rows must not be applied."""
    plan = ImportPlan(ignored_columns=table.ignored)
    emails = [(v.get("email") or "").strip().lower() for _n, v in table.rows]
    members = _load_members(session, [e for e in emails if e])
    links = _load_current_links(session, [m.id for m in members.values()])
    organisations = {o.name_key: o for o in session.scalars(select(Organisation))}
    plan.known_organisations = {key: o.id for key, o in organisations.items()}
    context = _Context(plan, members, links, organisations, source, now, set(table.overlong))
    for (number, values), email in zip(table.rows, emails, strict=True):
        context.decide(number, email, values)
    return plan


class _Context:
    def __init__(self, plan, members, links, organisations, source, now, overlong) -> None:
        self.plan, self.members, self.links = plan, members, links
        self.organisations, self.source, self.now = organisations, source, now
        self.overlong = overlong
        self.seen_emails: dict[str, int] = {}
        #: organisation key -> (row that set it, field values from the file)
        self.org_values: dict[str, tuple[int, dict]] = {}

    def refuse(self, number: int, email: str, reason: str) -> None:
        self.plan.outcomes.append(RowOutcome(number, email, "refused", reason))

    def decide(self, number: int, email: str, values: dict) -> None:
        problem = self._problem(number, email, values)
        if problem:
            self.refuse(number, email, problem)
            return
        self.seen_emails[email] = number
        names = split_list(values.get("organisation"), "|")
        org_changes, problem = self._organisations(number, names, values)
        if problem:
            self.refuse(number, email, problem)
            return
        pairs = [(org_key(n), n) for n in names]
        member = self.members.get(email)
        if member is None:
            self._create(number, email, values, [k for k, _n in pairs])
        else:
            self._update(number, member, values, pairs, org_changes)

    def _problem(self, number: int, email: str, values: dict) -> str | None:
        if number in self.overlong:
            return _("The row has more cells than the header has columns.")
        if not email:
            return _("The email is missing.")
        if len(email) > 254 or not EMAIL.match(email):
            return _("“%(email)s” is not a valid email address.", email=email)
        if email in self.seen_emails:
            return _(
                "The email %(email)s is also in row %(row)s.",
                email=email,
                row=self.seen_emails[email],
            )
        if not values.get("name") and email not in self.members:
            return _("The name is missing.")
        if len(values.get("name") or "") > 200:
            return _("The name is longer than 200 characters.")
        role = (values.get("role") or "").strip().lower()
        if role and role not in ROLE_WORDS:
            return _(
                "Unknown role “%(role)s”; use one of: %(roles)s.",
                role=values.get("role"),
                roles=", ".join(r.value for r in StakeholderRole),
            )
        consent = (values.get("consent") or "").strip().lower()
        if consent and consent not in YES | NO:
            return _("Consent must be yes or no, not “%(value)s”.", value=values.get("consent"))
        language = (values.get("language") or "").strip()
        if language and supported_language(language) is None:
            return _(
                "Unknown language “%(value)s”; use nl or en, or leave it empty.", value=language
            )
        return None

    def _organisations(self, number: int, names: list[str], values: dict):
        """Check the row's organisations; returns (descriptions of changes, problem)."""
        given = {f: values.get(f, "").strip() for f in ORG_FIELDS if values.get(f, "").strip()}
        if given and len(names) != 1:
            return [], _("Sector, policy domain and place need exactly one organisation.")
        changes = []
        for name in names:
            if len(name) > 200 or any(len(v) > 100 for v in given.values()):
                return [], _("An organisation name or detail is too long.")
            key = org_key(name)
            earlier = self.org_values.get(key)
            if earlier and given:
                clash = [f for f, v in given.items() if earlier[1].get(f, v) != v]
                if clash:
                    return [], _(
                        "“%(name)s” has a different %(field)s in row %(row)s.",
                        name=name,
                        field=clash[0],
                        row=earlier[0],
                    )
            if given and (earlier is None or not earlier[1]):
                self.org_values[key] = (number, given)
            changes += self._organisation_change(key, name, given)
        return changes, None

    def _organisation_change(self, key: str, name: str, given: dict) -> list[str]:
        existing = self.organisations.get(key)
        if existing is None:
            fresh = self.plan.new_organisations.setdefault(key, {"name": name})
            fresh.update({f: v for f, v in given.items() if f not in fresh})
            return []
        changed = {f: v for f, v in given.items() if getattr(existing, f) != v}
        if changed:
            self.plan.organisation_updates.setdefault(existing.id, {}).update(changed)
            return [_("%(organisation)s details", organisation=existing.name)]
        return []

    def _create(self, number, email, values, keys) -> None:
        role = ROLE_WORDS.get((values.get("role") or "").strip().lower(), StakeholderRole.OTHER)
        record = {
            "email": email,
            "name": " ".join(values["name"].split()),
            "role": role,
            "themes": split_list(values.get("themes"), "|"),
            "language": supported_language(values.get("language")),
        }
        if (values.get("consent") or "").strip().lower() in YES:
            record["consent_given_at"] = self.now
            record["consent_source"] = self.source[:200]
        self.plan.new_members.append((number, record, keys))
        self.plan.outcomes.append(RowOutcome(number, email, "create", record["name"]))

    def _update(self, number, member: Member, values, pairs, org_changes) -> None:
        changed: dict = {}
        name = " ".join((values.get("name") or "").split())
        if name and name != member.name:
            changed["name"] = name
        role = ROLE_WORDS.get((values.get("role") or "").strip().lower())
        if role and role != member.role:
            changed["role"] = role
        themes = split_list(values.get("themes"), "|")
        if themes and themes != list(member.themes or []):
            changed["themes"] = themes
        language = supported_language(values.get("language"))  # empty: keeps the member's
        if language and language != member.language:
            changed["language"] = language
        consent = (values.get("consent") or "").strip().lower()
        notes = []
        if consent in YES and member.consent_given_at is None:
            if member.unsubscribed_at is not None:
                notes.append(_("unsubscribed, so consent stays withdrawn"))
            else:
                changed["consent_given_at"] = self.now
                changed["consent_source"] = self.source[:200]
        elif consent in NO and member.consent_given_at and member.unsubscribed_at is None:
            changed["consent_given_at"] = None
            changed["consent_source"] = None
        known = self.organisations
        joins = [
            (k, n)
            for k, n in pairs
            if (member.id, getattr(known.get(k), "id", -1)) not in self.links
        ]
        words = [_field_label(f) for f in changed] + org_changes
        words += [_("joins %(organisation)s", organisation=n) for _k, n in joins]
        if changed or joins or org_changes:
            self.plan.member_updates.append((number, member.id, changed, [k for k, _n in joins]))
            action = "update"
        else:
            action = "unchanged"
        detail = ", ".join(str(w) for w in words + notes if str(w))
        self.plan.outcomes.append(RowOutcome(number, member.email, action, detail))


def _field_label(name: str) -> str:
    return {
        "name": _("name"),
        "role": _("role"),
        "themes": _("themes"),
        "language": _("language"),
        "consent_given_at": _("consent"),
        "consent_source": "",
    }.get(name, name)
