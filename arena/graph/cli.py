"""`arena graph export` and `arena graph compute`: the same graphs as the pages, from a shell."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from arena.db import get_session
from arena.graph.analysis import EDGE_KINDS, KINDS
from arena.graph.downloads import export_view
from arena.graph.exports import FORMATS
from arena.graph.filters import GraphFilter
from arena.graph.foreign import analyse_network, readable_summary
from arena.graph.queries import Scope
from arena.graph.reading import NetworkFileError, read_network_file
from arena.graph.services import View, refresh_stale_views
from arena.i18n import TranslatedOption
from arena.wins.models import Mechanism


def _day(_ctx, _param, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(_("use the form YYYY-MM-DD")) from exc


@click.group("graph")
def graph_group() -> None:
    """The collaboration graph: exports and recomputing stored results."""


@graph_group.command("export")
@click.option("--kind", type=click.Choice(KINDS), required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), required=True)
@click.option(
    "--as-of",
    callback=_day,
    cls=TranslatedOption,
    help=_l("Only what existed on this day (YYYY-MM-DD)."),
)
@click.option(
    "--since", callback=_day, cls=TranslatedOption, help=_l("Only what happened from this day on.")
)
@click.option(
    "--series", "series_id", type=int, cls=TranslatedOption, help=_l("Only this series (its id).")
)
@click.option(
    "--edge-kind",
    type=click.Choice(EDGE_KINDS),
    cls=TranslatedOption,
    help=_l("Only ties of this kind."),
)
@click.option("--sector", default="", cls=TranslatedOption, help=_l("Only nodes of this sector."))
@click.option(
    "--domain", default="", cls=TranslatedOption, help=_l("Only nodes of this policy domain.")
)
@click.option(
    "--mechanism",
    type=click.Choice([m.value for m in Mechanism]),
    cls=TranslatedOption,
    help=_l("Only small wins with this mechanism (or organisations and members who recorded one)."),
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def export_command(
    kind, fmt, as_of, since, series_id, edge_kind, sector, domain, mechanism, output
) -> None:
    """Write a graph with its metrics as GEXF, GraphML, CSV (a zip of two files) or JSON."""
    view = View(kind, Scope(as_of=as_of, since=since, series_id=series_id))
    rule = GraphFilter(sector, domain, mechanism or "", edge_kind or "")
    session = get_session()
    download = export_view(session, view, fmt, rule)
    session.commit()  # a default view's graph is kept for the next download
    with open(output, "wb") as handle:
        handle.write(download.content)
    details = {"kind": kind, "scope": view.scope.key(), "format": fmt, "file": output}
    if download.stored_dt:
        stored = f"{download.stored_dt:%Y-%m-%d %H:%M}"
        message = _(
            "Wrote the %(kind)s graph (%(scope)s) as %(format)s to %(file)s, from the stored "
            "result of %(stored)s UTC.",
            stored=stored,
            **details,
        )
    else:
        message = _(
            "Wrote the %(kind)s graph (%(scope)s) as %(format)s to %(file)s, from the current "
            "data.",
            **details,
        )
    click.echo(message)


@graph_group.command("compute")
@with_appcontext
def compute_command() -> None:
    """Recompute stored graph results whose data changed (what the scheduler does)."""
    session = get_session()
    done = refresh_stale_views(session)
    session.commit()
    if done:
        click.echo(_("Recomputed: %(views)s", views=", ".join(done)))
    else:
        click.echo(_("Recomputed: nothing, all fresh."))


@graph_group.command("analyse")
@click.argument("network_file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    cls=TranslatedOption,
    help=_l("Write the analysis as JSON here."),
)
def analyse_command(network_file: str, output: str | None) -> None:
    """Analyse a GraphML or GEXF file (Gephi's, NetworkX's) as Arena analyses its own graphs.

    Prints a summary: stage, hub, brokers, communities, whom to introduce; with -o, writes
    JSON with nodes (degree, betweenness, community), brokers, communities, stage, hub_share.
    """
    try:
        graph = read_network_file(network_file)
    except NetworkFileError as exc:
        raise click.ClickException(str(exc)) from exc
    result = analyse_network(graph)
    if output:
        _write_atomically(Path(output), json.dumps(result, ensure_ascii=False, indent=1))
    click.echo(readable_summary(result))
    if output:
        click.echo(_("Wrote the analysis as JSON to %(file)s.", file=output))


def _write_atomically(target: Path, text: str) -> None:
    """Write next to the target and rename, so a failure never leaves half a file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent or ".", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        raise click.ClickException(
            _("Could not write %(file)s: %(reason)s.", file=str(target), reason=exc.strerror)
        ) from exc
