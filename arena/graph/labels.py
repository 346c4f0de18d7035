"""Human words for the graph's edge kinds and metrics, as template globals."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from arena.i18n import format_date

EDGE_KIND_LABELS = {
    "collaboration": _l("Collaboration"),
    "co-presenting": _l("Presented at the same session"),
    "co-attendance": _l("Shared sessions"),
    "inspired": _l("Inspired"),
}
METRIC_LABELS = {
    "degree": _l("Ties"),
    "weighted_degree": _l("Weighted ties"),
    "betweenness": _l("Betweenness"),
}


MECHANISM_FILTER_HINTS = {
    "organisations": _l(
        "Keeps organisations that recorded a small win with this mechanism in the period, "
        "and the ties between them."
    ),
    "people": _l(
        "Keeps members who recorded a small win with this mechanism in the period, "
        "and the ties between them."
    ),
    "wins": _l("Keeps small wins with this mechanism, and the inspirations between them."),
}


def mechanism_filter_hint(kind: str) -> str:
    return str(MECHANISM_FILTER_HINTS.get(kind, ""))


def edge_kind_label(kind: str) -> str:
    return str(EDGE_KIND_LABELS.get(kind, kind))


def metric_label(metric: str) -> str:
    return str(METRIC_LABELS.get(metric, metric))


def graph_day(text: str) -> str:
    """A stored ISO day, shown in the user's locale."""
    return format_date(date.fromisoformat(text))


def register(state) -> None:
    state.app.jinja_env.globals.update(
        edge_kind_label=edge_kind_label,
        metric_label=metric_label,
        graph_day=graph_day,
        mechanism_filter_hint=mechanism_filter_hint,
    )
