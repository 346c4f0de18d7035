"""`arena import members FILE [--dry-run]` and `arena export members [--segment NAME] -o FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from arena.db import get_session, utcnow
from arena.i18n import default_language


@click.group("import")
def import_group() -> None:
    """Import data from files."""


@click.group("export")
def export_group() -> None:
    """Export data to files."""


@import_group.command("members")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
@with_appcontext
def import_members_command(file: Path, dry_run: bool) -> None:
    """Import members and their organisations from a CSV file (matched by email).

    Exits 0 when the file was (or, with --dry-run, would be) imported, and 1 when it was
    refused, after printing each refused row's number and reason. Nothing is written then.
    """
    from arena.members.csvfile import MAX_IMPORT_BYTES, CsvRefused
    from arena.members.import_apply import apply_plan
    from arena.members.import_batches import plan_file

    session = get_session()
    now = utcnow()
    with file.open("rb") as handle:
        data = handle.read(MAX_IMPORT_BYTES + 1)
    try:
        with force_locale("en"):  # messages need a locale; a terminal has no request
            plan = plan_file(session, data, file.name, now)
    except CsvRefused as exc:
        click.echo(f"Refused: {exc}", err=True)
        sys.exit(1)
    if plan.ignored_columns:
        click.echo("Columns ignored: " + ", ".join(plan.ignored_columns))
    if plan.refused:
        for outcome in plan.refused:
            click.echo(f"Row {outcome.row}: {outcome.detail}", err=True)
        click.echo(f"Refused: {len(plan.refused)} bad row(s); nothing was imported.", err=True)
        sys.exit(1)
    counts = plan.counts
    summary = (
        f"{counts['create']} to create, {counts['update']} to update, "
        f"{counts['unchanged']} unchanged"
    )
    if dry_run:
        click.echo(f"Dry run: the file would be imported ({summary}). Nothing was written.")
        return
    with click.progressbar(length=len(plan.outcomes), label="Importing", file=sys.stderr) as bar:
        shown = {"n": 0}

        def progress(done: int, _total: int) -> None:
            bar.update(done - shown["n"])
            shown["n"] = done

        apply_plan(session, plan, now, on_progress=progress)
    session.commit()
    click.echo(f"Imported: {summary}.")


@export_group.command("members")
@click.option("--segment", "segment_name", help="Only the members of this saved segment.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--comma", is_flag=True, help="Separate cells with commas instead of semicolons.")
@with_appcontext
def export_members_command(segment_name: str | None, output: Path, comma: bool) -> None:
    """Write members to a CSV file that Excel opens and `arena import members` reads."""
    from arena.members.exporting import export_members_csv, left_out_without_email
    from arena.members.segments import find_segment

    session = get_session()
    filters: dict = {}
    if segment_name:
        segment = find_segment(session, segment_name)
        if segment is None:
            raise click.ClickException(f"There is no segment called “{segment_name}”.")
        filters = segment.filters or {}
    text = export_members_csv(session, filters, "," if comma else ";", language=default_language())
    output.write_text(text, encoding="utf-8", newline="")
    rows = max(0, text.count("\r\n") - 1)
    click.echo(f"Wrote {rows} member(s) to {output}.")
    if missing := left_out_without_email(session, filters):
        click.echo(
            f"Left out {missing} member(s) without an email address: the import matches "
            "rows by email, so they could not come back.",
            err=True,
        )
