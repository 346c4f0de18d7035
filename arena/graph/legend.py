"""What the map's colours, sizes and groups mean: one decision, sent to the page as data.

Colours are given per colouring (sector, policy domain, community) from one palette, the
largest group first, so the same sector keeps its colour whatever is filtered. A community is
named after its best-connected members, the way a reader would describe it ("Gemeente Ede,
Zorgroep Oost and 40 more"; the page puts the words around the names).
"""

from __future__ import annotations

import math
from collections import Counter

PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939",
)  # fmt: skip
#: the colour of nodes without a value (no sector known)
UNKNOWN_COLOUR = "#b0b7bf"
COLOURINGS = ("sector", "policy_domain", "community")
#: legend entries the page lists per colouring (the rest are counted; colours repeat anyway):
#: the findings keep these, the drawing part keeps them all (5,000 communities at 200,000)
LEGEND_SHOWN = 12
#: members named in a community's name
NAMED_MEMBERS = 2
#: communities drawn as one cluster node: at least this big, at most this many (the largest);
#: the small-wins graph has 3,000 chains of two or three wins, which read fine as they are
MIN_CLUSTER = 4
MAX_CLUSTERS = 150


def colour_table(values: list) -> list[dict]:
    """[{value, colour, count}] for one colouring, the most frequent value first."""
    counts = Counter(v for v in values if v is not None and v != -1)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    table = [
        {"value": value, "colour": PALETTE[i % len(PALETTE)], "count": count}
        for i, (value, count) in enumerate(ranked)
    ]
    missing = sum(1 for v in values if v is None or v == -1)
    if missing:
        table.append({"value": None, "colour": UNKNOWN_COLOUR, "count": missing})
    return table


def colour_of(table: list[dict]) -> dict:
    return {entry["value"]: entry["colour"] for entry in table}


def clusters(nodes: list[dict], colours: dict[str, dict]) -> list[dict]:
    """One entry per community of two or more drawn nodes: its name, size and colours.

    A cluster's size (vis-network's pixels at zoom 1) grows with the root of its members, so
    its area grows with them.

    `nodes` are the drawn node dicts (with community, degree, label, sector, policy_domain),
    `colours` the colour tables by colouring. A cluster takes its community's colour, and in
    the sector and domain colourings the colour of the sector (domain) most of it belongs to.
    """
    members: dict[int, list[dict]] = {}
    for node in nodes:
        members.setdefault(node["community"], []).append(node)
    result = []
    for community, group in members.items():
        if community < 0 or len(group) < MIN_CLUSTER:
            continue
        best = sorted(group, key=lambda n: (-n["degree"], n["label"]))
        entry = {
            "community": community,
            "count": len(group),
            "size": round(12 + 3 * math.sqrt(len(group)), 1),
            "named": [n["label"] for n in best[:NAMED_MEMBERS]],
            "color_community": colours["community"].get(community, UNKNOWN_COLOUR),
        }
        for colouring in ("sector", "policy_domain"):
            common = Counter(n.get(colouring) for n in group).most_common(1)[0][0]
            entry[f"color_{colouring}"] = colours[colouring].get(common, UNKNOWN_COLOUR)
        result.append(entry)
    return sorted(result, key=lambda c: (-c["count"], c["community"]))[:MAX_CLUSTERS]
