"""Geometry for the small-wins chart, drawn as SVG by a Jinja template (no JavaScript, no CDN).

One row of bars per mechanism (small multiples), so no colour has to be told apart; the
template puts the same numbers in a table beside it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from arena.wins.models import Mechanism

LABEL_WIDTH = 130
PLOT_WIDTH = 560
ROW_HEIGHT = 48
BAR_AREA = 34
AXIS_HEIGHT = 40


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    quarter: str


@dataclass(frozen=True)
class Row:
    mechanism: Mechanism
    y: float  # top of the row
    bars: list[Bar]
    total: int


@dataclass(frozen=True)
class Chart:
    quarters: list[str]
    rows: list[Row]
    width: int
    height: int
    maximum: int
    bar_width: float
    #: every nth quarter gets a label on the axis, so labels never overlap
    label_every: int

    def quarter_x(self, index: int) -> float:
        return LABEL_WIDTH + index * (PLOT_WIDTH / max(len(self.quarters), 1)) + self.bar_width / 2


def quarter_range(first: str, last: str) -> list[str]:
    """All quarters from first to last inclusive, e.g. '2023 Q4' .. '2024 Q2'."""
    (y, q), (end_y, end_q) = _parse(first), _parse(last)
    quarters = []
    while (y, q) <= (end_y, end_q):
        quarters.append(f"{y} Q{q}")
        y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return quarters


def _parse(quarter: str) -> tuple[int, int]:
    year, q = quarter.split(" Q")
    return int(year), int(q)


def build_chart(counts: dict[Mechanism, Counter]) -> Chart:
    present = sorted({q for c in counts.values() for q in c if c[q]}, key=_parse)
    quarters = quarter_range(present[0], present[-1]) if present else []
    maximum = max((n for c in counts.values() for n in c.values()), default=0)
    slot = PLOT_WIDTH / max(len(quarters), 1)
    bar_width = max(min(slot * 0.7, 32), 2)
    rows = []
    for index, mechanism in enumerate(Mechanism):
        top = index * ROW_HEIGHT
        baseline = top + BAR_AREA + 4
        bars = []
        for i, quarter in enumerate(quarters):
            value = counts[mechanism][quarter]
            height = (value / maximum * BAR_AREA) if maximum else 0
            bars.append(
                Bar(LABEL_WIDTH + i * slot, baseline - height, bar_width, height, value, quarter)
            )
        rows.append(Row(mechanism, top, bars, sum(counts[mechanism].values())))
    return Chart(
        quarters=quarters,
        rows=rows,
        width=LABEL_WIDTH + PLOT_WIDTH + 10,
        height=len(rows) * ROW_HEIGHT + AXIS_HEIGHT,
        maximum=maximum,
        bar_width=bar_width,
        label_every=max(1, -(-len(quarters) * 60 // PLOT_WIDTH)),
    )
