"""Importing members from CSV: preview, confirm, bad input, and the round trip with export."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from arena.auth.models import Role
from arena.members.import_models import ImportBatch, ImportStatus
from arena.members.models import Member, Organisation, StakeholderRole
from tests.members.csvdata import HEADER, csv_bytes, upload


@pytest.fixture
def organiser(make_account, login):
    return login(make_account(role=Role.ORGANISER))


def _members(db) -> int:
    return db.scalar(select(func.count(Member.id)))


def test_preview_shows_each_row_then_confirm_imports(organiser, db, make_member):
    make_member(name="Old Name", email="known@example.nl", role=StakeholderRole.OTHER)
    data = csv_bytes(
        "new@example.nl;Nina Nieuw;Gemeente Deventer;municipality;government;Wmo;Deventer;"
        "werk|zorg;yes",
        "KNOWN@example.nl;Known Person;Gemeente Deventer;provider;;;;;",
    )
    response = upload(organiser, data)
    assert response.status_code == 302
    preview = organiser.get(response.location).get_data(as_text=True)
    assert "Preview: nothing has been written yet." in preview
    assert "Nina Nieuw" in preview and "created" in preview and "updated" in preview
    assert _members(db) == 1  # nothing written by the preview

    batch = db.scalar(select(ImportBatch))
    done = organiser.post(f"/network/import/{batch.id}/confirm")
    assert done.status_code == 302
    db.expire_all()
    assert db.get(ImportBatch, batch.id).status == ImportStatus.DONE
    assert db.get(ImportBatch, batch.id).content == ""  # not kept once imported
    nina = db.scalar(select(Member).where(Member.email == "new@example.nl"))
    assert nina.themes == ["werk", "zorg"] and nina.consent_given_at is not None
    assert nina.consent_source.startswith("CSV import members.csv")
    (membership,) = nina.memberships
    organisation = membership.organisation
    assert (organisation.sector, organisation.policy_domain, organisation.place) == (
        "government",
        "Wmo",
        "Deventer",
    )
    known = db.scalar(select(Member).where(Member.email == "known@example.nl"))
    assert known.name == "Known Person" and known.role == StakeholderRole.PROVIDER
    assert [m.organisation_id for m in known.memberships] == [organisation.id]
    search = organiser.get("/members/?q=nina").get_data(as_text=True)
    assert "Nina Nieuw" in search


def test_organisations_match_by_name_ignoring_case_and_space(db, organiser, make_organisation):
    existing = make_organisation("Stichting Werkkracht")
    data = csv_bytes(
        "a@example.nl;A Person;  stichting   WERKKRACHT ;provider;;;;;",
        "b@example.nl;B Person;Stichting Werkkracht;provider;;;;;",
    )
    batch_url = upload(organiser, data).location
    organiser.post(batch_url + "/confirm")
    assert db.scalar(select(func.count(Organisation.id))) == 1
    db.expire_all()
    assert len(db.get(Organisation, existing.id).memberships) == 2


@pytest.mark.parametrize(
    ("header", "sep", "bom"),
    [
        ("naam,e-mail,organisatie,rol,thema's,toestemming", ",", True),
        ("rol;toestemming;organisatie;naam;e-mail;thema's", ";", False),
    ],
)
def test_dutch_headers_in_any_order_with_either_separator_and_bom(db, header, sep, bom):
    from arena.db import utcnow
    from arena.members.import_batches import plan_file

    values = {
        "naam": "Joost Dekker",
        "e-mail": "joost@example.nl",
        "organisatie": "Gemeente Ede",
        "rol": "gemeente",
        "thema's": "armoede|schulden",
        "toestemming": "ja",
    }
    line = sep.join(values[h] for h in header.split(sep))
    data = (("\ufeff" if bom else "") + header + "\r\n" + line + "\r\n").encode()
    plan = plan_file(db, data, "x.csv", utcnow())
    assert plan.refused == []
    (_row, record, keys) = plan.new_members[0]
    assert record["name"] == "Joost Dekker" and record["role"] == StakeholderRole.MUNICIPALITY
    assert record["themes"] == ["armoede", "schulden"] and "consent_given_at" in record
    assert keys == ["gemeente ede"]


BAD_ROWS = [
    ("bad-email;Wrong Mail;Org;provider;;;;;", "is not a valid email address"),
    ("x@example.nl;Unknown Role;Org;astronaut;;;;;", "Unknown role “astronaut”"),
    (";No Email;Org;provider;;;;;", "The email is missing"),
    ("y@example.nl;;Org;provider;;;;;", "The name is missing"),
    ("z@example.nl;Zed;Org;provider;;;;;maybe", "Consent must be yes or no"),
    ("w@example.nl;Wim;A|B;provider;care;;;;", "need exactly one organisation"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_ROWS)
def test_one_bad_row_refuses_the_whole_file_naming_row_and_reason(organiser, db, line, reason):
    data = csv_bytes("good@example.nl;Good Person;Org;provider;;;;;", line)
    response = upload(organiser, data)
    page = organiser.get(response.location).get_data(as_text=True)
    assert "Refused: nothing was written." in page
    assert reason in page
    assert "<td>3</td>" in page  # the bad row's number (the header is row 1)
    assert "Confirm and import" not in page
    assert _members(db) == 0 and db.scalar(select(func.count(Organisation.id))) == 0


def test_duplicate_emails_within_the_file_are_refused(organiser, db):
    data = csv_bytes(
        "dup@example.nl;First;Org;provider;;;;;",
        "other@example.nl;Other;Org;provider;;;;;",
        "DUP@example.nl;Second;Org;provider;;;;;",
    )
    page = organiser.get(upload(organiser, data).location).get_data(as_text=True)
    assert "The email dup@example.nl is also in row 2." in page
    assert _members(db) == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n  \n", "The file is empty."),
        (HEADER.encode() + b"\n", "The file has a header but no member rows."),
        (b"foo;bar;baz\n1;2;3\n", "No known column names in the first line"),
        (b"email;name;organisation\na@b.nl;A;B\n", "Columns missing from the header: role."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "it contains binary data"),
        ("email;name;organisation;role\nä@b.nl;Ä;B;other\n".encode("latin-1"), "not UTF-8"),
        ("\ufeff\r\n".encode(), "The file is empty."),
        (HEADER.encode() + b"\n" + b"a@b.nl;" + b"x" * 200_000 + b"\n", "read as CSV"),
    ],
)
def test_unusable_files_get_a_clear_message_and_write_nothing(organiser, db, data, message):
    response = upload(organiser, data, "members.csv")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.scalar(select(func.count(ImportBatch.id))) == 0 and _members(db) == 0


@pytest.mark.parametrize("csrf", [False, True])
def test_a_100_mb_upload_is_refused_with_a_message(app, organiser, db, csrf):
    app.config["WTF_CSRF_ENABLED"] = csrf  # the CSRF check reads the body first: same answer
    response = upload(organiser, b"a" * (100 * 1024 * 1024), "huge.csv")
    assert response.status_code == 413
    assert "The file is too large" in response.get_data(as_text=True)
    assert db.scalar(select(func.count(ImportBatch.id))) == 0


def test_formula_cells_are_imported_as_text_and_neutralised_on_export(organiser, db):
    formula = '=HYPERLINK("http://evil.example","click")'
    data = csv_bytes(
        f'f@example.nl;"{formula.replace(chr(34), chr(34) * 2)}";+31 Org;other;;;;@home|-x;no'
    )
    organiser.post(upload(organiser, data).location + "/confirm")
    member = db.scalar(select(Member).where(Member.email == "f@example.nl"))
    assert member.name == formula
    assert member.themes == ["@home", "-x"]
    assert member.memberships[0].organisation.name == "+31 Org"
    exported = organiser.get("/network/export/members.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in exported and "'+31 Org" in exported and "'@home|-x" in exported
    for line in exported.splitlines()[1:]:
        for cell in line.split(";"):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@"))


def test_export_then_import_changes_nothing(organiser, db, make_member, make_organisation, employ):
    from datetime import UTC, datetime

    gemeente = make_organisation("Gemeente Almelo", sector="government", policy_domain="Wmo")
    two = make_organisation("Sociaal Werkbedrijf")
    a = make_member(name='Anouk; "quoted"', email="anouk@example.nl", themes=["work", "=x"])
    a.consent_given_at = datetime(2024, 1, 1, tzinfo=UTC)
    b = make_member(name="Bas", email="bas@example.nl", role=StakeholderRole.EMPLOYER)
    b.unsubscribed_at = datetime(2024, 2, 1, tzinfo=UTC)
    b.consent_given_at = datetime(2023, 1, 1, tzinfo=UTC)
    db.commit()
    employ(a, gemeente)
    employ(b, gemeente)
    employ(b, two)
    make_member(name="No Mail", email=None)
    exported = organiser.get("/network/export/members.csv?separator=comma")
    assert exported.data.startswith("\ufeff".encode())
    batch_page = organiser.get(upload(organiser, exported.data, "export.csv").location)
    page = batch_page.get_data(as_text=True)
    counts = db.scalar(select(ImportBatch)).report["counts"]
    assert counts == {"create": 0, "update": 0, "unchanged": 2, "refused": 0}, page


def test_a_big_import_runs_in_the_background_and_reports_progress(app, organiser, db):
    import threading
    import time

    app.config["MEMBER_IMPORT_SYNC_ROWS"] = 10
    lines = [f"bulk{i}@example.nl;Bulk {i};Org {i % 7};provider;;;;;yes" for i in range(2500)]
    batch_url = upload(organiser, csv_bytes(*lines)).location
    organiser.post(batch_url + "/confirm")
    state = {}
    for _ in range(300):
        state = organiser.get(batch_url + "/progress.json").json
        if state["state"] != "importing":
            break
        time.sleep(0.1)
    assert state == {
        "status": "done",
        "state": "done",
        "processed_rows": 2500,
        "total_rows": 2500,
    }
    assert _members(db) == 2500
    assert "Imported: 2,500 rows." in organiser.get(batch_url).get_data(as_text=True)
    # the thread ran in its own session and gave its connection back to the pool
    for thread in threading.enumerate():
        if thread.name.startswith("member-import-"):
            thread.join(timeout=10)
    db.close()
    assert app.extensions["arena_db"].engine.pool.checkedout() == 0


def _cells(text: str, delimiter: str = ";") -> list[str]:
    import csv
    import io

    return [
        cell
        for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
        for cell in row
    ]


def test_every_export_neutralises_formula_cells(
    organiser, db, make_member, make_organisation, employ
):
    from arena.members.segments import save_segment

    formula = '=HYPERLINK("http://evil.example","x")'
    organisation = make_organisation(formula, sector="+31 care", place="@home")
    member = make_member(name="-minus", email="formula@example.nl", themes=["\tTab"])
    employ(member, organisation)
    segment = save_segment(db, "Formulas", {"q": "formula@"})
    db.commit()
    exports = {
        "members": organiser.get("/network/export/members.csv").get_data(as_text=True),
        "organisations": organiser.get("/network/export/organisations.csv").get_data(as_text=True),
        "segment": organiser.get(f"/network/export/segments/{segment.id}.csv").get_data(
            as_text=True
        ),
        "comma": organiser.get("/network/export/organisations.csv?separator=comma").get_data(
            as_text=True
        ),
    }
    for kind, text in exports.items():
        cells = _cells(text, "," if kind == "comma" else ";")
        assert "'" + formula in cells, kind
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t")], kind
    assert "'-minus" in _cells(exports["segment"]) and "'\tTab" in _cells(exports["members"])
    assert "'+31 care" in _cells(exports["organisations"])
