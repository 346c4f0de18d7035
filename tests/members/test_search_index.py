"""Member search through the index: accents and case ignored, the same on both databases, and
the index follows every change to a member, their organisations, a merge and an erasure."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from arena.members.erasure import erase_member
from arena.members.filters import member_filter_query
from arena.members.merge import merge_members
from tests.members.conftest import NOW


def _found(db, query: str) -> list[str]:
    return sorted(m.name for m in db.scalars(member_filter_query({"q": query}, now=NOW)))


def test_accents_and_case_are_ignored_in_names_emails_and_organisations(
    db, make_member, make_organisation, employ
):
    ayse = make_member(name="Ayşe Öztürk", email="a.ozturk@voorbeeld.nl")
    employ(ayse, make_organisation("Gemeente Súdwest-Fryslân"))
    make_member(name="Bram de Vries", email="bram@example.org")
    for query in (
        "ozturk",
        "ÖZTÜRK",
        "Öztürk",
        "ayse oz",
        "A.OZTURK@",
        "sudwest-fryslan",
        "Fryslân",
    ):
        assert _found(db, query) == ["Ayşe Öztürk"], query
    assert _found(db, "vries") == ["Bram de Vries"]
    assert _found(db, "nobody") == []
    assert _found(db, "%_\\") == []  # wildcards are taken literally


def test_the_index_follows_names_emails_and_organisations(
    db, make_member, make_organisation, employ
):
    member = make_member(name="Jan Jansen", email="jan@example.org")
    town = make_organisation("Gemeente Kampen")
    membership = employ(member, town)
    assert _found(db, "kampen") == ["Jan Jansen"]
    member.name, member.email = "Johanna Smit", "johanna@example.org"
    db.commit()
    assert _found(db, "jansen") == [] and _found(db, "jan@") == []
    assert _found(db, "johanna smit") == ["Johanna Smit"]
    town.name = "Gemeente Zwolle"
    db.commit()
    assert _found(db, "kampen") == [] and _found(db, "zwolle") == ["Johanna Smit"]
    membership.until = NOW.date() - timedelta(days=1)  # a past organisation is not searched
    db.commit()
    assert _found(db, "zwolle") == []
    db.delete(membership)
    db.commit()
    employ(member, make_organisation("Zorggroep Oost"))
    assert _found(db, "zorggroep") == ["Johanna Smit"]


def test_a_merge_and_an_erasure_leave_no_trace_in_the_index(
    db, make_member, make_organisation, employ
):
    keep = make_member(name="Pieter Bakker", email="pieter@example.org")
    drop = make_member(name="P. Bakker-Dubbel", email="dubbel@example.org")
    employ(drop, make_organisation("Stichting Werkkracht"))
    merge_members(db, keep, drop)
    db.commit()
    assert _found(db, "dubbel") == []  # the dropped member and their address are gone
    assert _found(db, "werkkracht") == ["Pieter Bakker"]  # their organisation moved over
    erase_member(db, keep, now=NOW)
    db.commit()
    for old in ("pieter", "bakker", "pieter@example.org"):
        assert _found(db, old) == [], old
    rows = db.execute(text("SELECT text FROM member_search")).scalars().all()
    assert not any("pieter" in row or "bakker" in row for row in rows)
