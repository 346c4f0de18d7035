"""CSV files: Dutch column headers for Dutch readers, and the members' language both ways."""

from __future__ import annotations

from sqlalchemy import func, select

from arena.auth.models import Role
from arena.members.models import Member

DUTCH = {"Accept-Language": "nl"}
ENGLISH = {"Accept-Language": "en"}


def _export(client, headers) -> list[str]:
    response = client.get("/network/export/members.csv", headers=headers)
    assert response.status_code == 200
    return response.get_data(as_text=True).lstrip("\ufeff").splitlines()


def test_exports_have_dutch_headers_for_dutch_readers_and_the_language(
    client, make_account, make_member, login
):
    make_member(name="Emma Engels", email="emma@example.nl", language="en")
    login(make_account(role=Role.ORGANISER))
    dutch = _export(client, DUTCH)
    assert dutch[0] == (
        "e-mailadres;naam;organisatie;rol;sector;beleidsdomein;plaats;thema's;toestemming;taal"
    )
    assert dutch[1].startswith("emma@example.nl;Emma Engels;") and dutch[1].endswith(";en")
    english = _export(client, ENGLISH)
    assert english[0].endswith(";consent;language")
    organisations = client.get("/network/export/organisations.csv", headers=DUTCH)
    assert (
        organisations.get_data(as_text=True)
        .lstrip("\ufeff")
        .startswith("organisatie;sector;beleidsdomein;plaats")
    )


def test_the_import_reads_the_language_and_refuses_an_unknown_one(app, db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(
        "e-mailadres;naam;organisatie;rol;taal\n"
        "emma@example.nl;Emma Engels;Gemeente Utrecht;gemeente;en\n"
        "daan@example.nl;Daan de Boer;Gemeente Utrecht;gemeente;\n",
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["import", "members", str(good)])
    assert result.exit_code == 0, result.output + result.stderr
    languages = dict(db.execute(select(Member.email, Member.language)).all())
    assert languages == {"emma@example.nl": "en", "daan@example.nl": None}

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "email;name;organisation;role;language\n"
        "emma@example.nl;Emma Engels;Gemeente Utrecht;municipality;nl\n"
        "fred@example.nl;Fred French;Gemeente Utrecht;municipality;fr\n",
        encoding="utf-8",
    )
    result = app.test_cli_runner().invoke(args=["import", "members", str(bad)])
    assert result.exit_code == 1
    assert "Unknown language “fr”" in result.stderr
    db.expire_all()
    assert db.scalar(select(Member.language).where(Member.email == "emma@example.nl")) == "en"
    assert db.scalar(select(func.count(Member.id))) == 2
