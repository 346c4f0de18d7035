"""`arena import members`: the same refusals as the web import, and progress on stderr."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from arena.members.models import Member, Organisation, StakeholderRole
from tests.members.csvdata import HEADER, csv_bytes

BAD_FILES = [
    ("empty", b"", "The file is empty."),
    ("wrong-columns", b"foo;bar\n1;2\n", "No known column names in the first line"),
    ("missing-column", b"email;name;organisation\na@b.nl;A;B\n", "Columns missing"),
    (
        "duplicate-emails",
        csv_bytes("d@example.nl;D;Org;other;;;;;", "D@example.nl;E;Org;other;;;;;"),
        "Row 3: The email d@example.nl is also in row 2.",
    ),
    (
        "invalid-email",
        csv_bytes("ok@example.nl;Ok;Org;other;;;;;", "not-an-email;X;Org;other;;;;;"),
        "Row 3: “not-an-email” is not a valid email address.",
    ),
    ("unknown-role", csv_bytes("r@example.nl;R;Org;astronaut;;;;;"), "Unknown role “astronaut”"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "it contains binary data"),
    ("latin-1", "email;name;organisation;role\nä@b.nl;Ä;B;other\n".encode("latin-1"), "UTF-8"),
    ("only-a-bom", "\ufeff\r\n".encode(), "The file is empty."),
    ("giant-cell", csv_bytes("g@example.nl;" + "x" * 200_000 + ";Org;other;;;;;"), "read as CSV"),
]


@pytest.mark.parametrize(("kind", "data", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_refused_by_the_cli_with_exit_1_and_writes_nothing(
    app, db, tmp_path, kind, data, message
):
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(data)
    for args in (["import", "members", str(path)], ["import", "members", str(path), "--dry-run"]):
        result = app.test_cli_runner().invoke(args=args)
        assert result.exit_code == 1, result.output
        assert message in result.stderr
    assert db.scalar(select(func.count(Member.id))) == 0
    assert db.scalar(select(func.count(Organisation.id))) == 0


def test_a_100_mb_file_is_refused_without_reading_it_all(app, db, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.write(HEADER.encode() + b"\n")
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB on paper, nothing on disk
    result = app.test_cli_runner().invoke(args=["import", "members", str(path)])
    assert result.exit_code == 1
    assert "The file is too large" in result.stderr and "the limit is 10 MB" in result.stderr
    assert db.scalar(select(func.count(Member.id))) == 0


def test_the_cli_export_says_who_it_left_out(app, make_member, tmp_path):
    make_member(name="No Address", email=None)
    make_member(name="Has Address", email="has@example.nl")
    result = app.test_cli_runner().invoke(args=["export", "members", "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 0
    assert "Wrote 1 member(s)" in result.stdout
    assert "Left out 1 member(s) without an email address" in result.stderr


def test_the_cli_import_shows_a_progress_bar_on_stderr_and_a_summary_on_stdout(app, db, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes(*[f"p{i}@example.nl;P {i};Org;other;;;;;yes" for i in range(2500)]))
    result = app.test_cli_runner().invoke(args=["import", "members", str(path)])
    assert result.exit_code == 0, result.output
    assert "Importing" in result.stderr and "Importing" not in result.stdout
    assert "Imported: 2500 to create, 0 to update, 0 unchanged." in result.stdout
    assert db.scalar(select(func.count(Member.id))) == 2500

    again = app.test_cli_runner().invoke(args=["import", "members", str(path)])
    assert "Imported: 0 to create, 0 to update, 2500 unchanged." in again.stdout
    assert db.scalar(select(func.count(Member.id))) == 2500


def test_import_cli_dry_run_and_refusal_exit_codes(app, db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes("cli@example.nl;Cli Person;Org;provider;;;;;"))
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("cli@example.nl;Cli;Org;provider;;;;;", "oops;X;Org;nobody;;;;;"))
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["import", "members", str(good), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert (
        "would be imported (1 to create" in dry.output
        and db.scalar(select(func.count(Member.id))) == 0
    )

    refused = runner.invoke(args=["import", "members", str(bad)])
    assert refused.exit_code == 1
    assert "Row 3:" in refused.output and "not a valid email" in refused.output
    assert db.scalar(select(func.count(Member.id))) == 0

    done = runner.invoke(args=["import", "members", str(good)])
    assert done.exit_code == 0, done.output
    assert "Imported: 1 to create" in done.output and db.scalar(select(func.count(Member.id))) == 1


def test_export_cli_writes_a_segment(app, db, make_member, tmp_path):
    from arena.members.segments import save_segment

    make_member(name="Muni", email="muni@example.nl", role=StakeholderRole.MUNICIPALITY)
    make_member(name="Prov", email="prov@example.nl", role=StakeholderRole.PROVIDER)
    save_segment(db, "All municipalities", {"role": "municipality"})
    db.commit()
    target = tmp_path / "out.csv"
    result = app.test_cli_runner().invoke(
        args=["export", "members", "--segment", "All municipalities", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8-sig")
    assert "muni@example.nl" in text and "prov@example.nl" not in text
    missing = app.test_cli_runner().invoke(
        args=["export", "members", "--segment", "Nope", "-o", str(target)]
    )
    assert missing.exit_code != 0 and "no segment called" in missing.output
