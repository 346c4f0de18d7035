"""Geometry of a horizontal bar chart, drawn as SVG by a template (no JavaScript, no CDN).

Pages and the PDF draw the same geometry; the template writes each number at the end of its
bar and a table with the same numbers sits beside the chart, so nobody has to read a length.
Labels sit above their bar, so long labels in either language never run into the bars.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 480
BAR_HEIGHT = 18
LABEL_HEIGHT = 16
GAP = 10
#: room at the bar's end for its number
NUMBER_ROOM = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    #: the label's baseline, and the bar's top and length
    label_y: float
    y: float
    length: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    bar_height: int
    maximum: int


def bar_chart(rows: list[tuple[str, int]]) -> BarChart:
    """One bar per (label, value); bars scale to the largest value (zero draws no bar)."""
    maximum = max((value for _label, value in rows), default=0)
    room = WIDTH - NUMBER_ROOM
    bars = []
    y = 0.0
    for label, value in rows:
        length = room * value / maximum if maximum else 0.0
        bars.append(Bar(str(label), value, y + LABEL_HEIGHT - 4, y + LABEL_HEIGHT, length))
        y += LABEL_HEIGHT + BAR_HEIGHT + GAP
    return BarChart(bars, WIDTH, int(y), BAR_HEIGHT, maximum)
