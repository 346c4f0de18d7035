"""`arena import members FILE [--dry-run]` and `arena export members [--segment NAME] -o FILE`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from arena.db import get_session, utcnow
from arena.i18n import TranslatedOption, default_language


@click.group("import")
def import_group() -> None:
    """Import data from files."""


@click.group("export")
def export_group() -> None:
    """Export data to files."""


@import_group.command("members")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--dry-run",
    is_flag=True,
    cls=TranslatedOption,
    help=_l("Check the file and report; write nothing."),
)
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
        with force_locale(default_language()):  # a terminal has no request
            plan = plan_file(session, data, file.name, now)
    except CsvRefused as exc:
        click.echo(_("Refused: %(reason)s", reason=exc), err=True)
        sys.exit(1)
    if plan.ignored_columns:
        click.echo(_("Columns ignored: %(columns)s", columns=", ".join(plan.ignored_columns)))
    if plan.refused:
        for outcome in plan.refused:
            click.echo(
                _("Row %(row)d: %(reason)s", row=outcome.row, reason=outcome.detail), err=True
            )
        click.echo(
            _(
                "Refused: %(num)d bad row(s); nothing was imported.",
                num=len(plan.refused),
            ),
            err=True,
        )
        sys.exit(1)
    counts = plan.counts
    summary = _(
        "%(create)d to create, %(update)d to update, %(unchanged)d unchanged",
        create=counts["create"],
        update=counts["update"],
        unchanged=counts["unchanged"],
    )
    if dry_run:
        click.echo(
            _(
                "Dry run: the file would be imported (%(summary)s). Nothing was written.",
                summary=summary,
            )
        )
        return
    with click.progressbar(length=len(plan.outcomes), label=_("Importing"), file=sys.stderr) as bar:
        shown = {"n": 0}

        def progress(done: int, _total: int) -> None:
            bar.update(done - shown["n"])
            shown["n"] = done

        apply_plan(session, plan, now, on_progress=progress)
    session.commit()
    click.echo(_("Imported: %(summary)s.", summary=summary))


@export_group.command("members")
@click.option(
    "--segment",
    "segment_name",
    cls=TranslatedOption,
    help=_l("Only the members of this saved segment."),
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--comma",
    is_flag=True,
    cls=TranslatedOption,
    help=_l("Separate cells with commas instead of semicolons."),
)
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
            raise click.ClickException(
                _("There is no segment called “%(name)s”.", name=segment_name)
            )
        filters = segment.filters or {}
    text = export_members_csv(session, filters, "," if comma else ";", language=default_language())
    output.write_text(text, encoding="utf-8", newline="")
    rows = max(0, text.count("\r\n") - 1)
    click.echo(_("Wrote %(num)d member(s) to %(file)s.", num=rows, file=str(output)))
    if missing := left_out_without_email(session, filters):
        click.echo(
            _(
                "Left out %(num)d member(s) without an email address: the import matches "
                "rows by email, so they could not come back.",
                num=missing,
            ),
            err=True,
        )
