"""The map's positions are computed from scratch by the background job in a new process each
time: the same data must give the same drawing, or the map moves by itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys

#: a community of 600 organisations (more than one spring layout takes), in six dense groups
#: joined in a ring, in a network twice as big: the layout splits it by Louvain, as no finer
#: level is given
PROGRAM = """
import json, networkx as nx
from arena.graph.layout import positions
graph = nx.Graph()
names = [f"Organisatie {i:03d} {'abcdefghij'[i % 10]}" for i in range(600)]
graph.add_nodes_from(names)
for group in range(6):
    part = names[group * 100:(group + 1) * 100]
    for i, a in enumerate(part):
        for b in part[i + 1:i + 6]:
            graph.add_edge(a, b, weight=1 + (i % 3))
    graph.add_edge(part[0], names[((group + 1) % 6) * 100 + 50], weight=1)
others = [f"Stichting {i:03d}" for i in range(700)]
graph.add_edges_from(zip(others, others[1:]))
community = {name: 0 for name in names} | {name: 1 for name in others}
placed = positions(graph, community, nodes=names)
print(json.dumps({n: [round(x, 6), round(y, 6)] for n, (x, y) in sorted(placed.items())}))
"""


def _layout(hash_seed: str) -> dict:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(  # noqa: S603 - our own interpreter and program
        [sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_a_big_community_is_laid_out_alike_in_every_process():
    first, second = _layout("1"), _layout("2")
    assert len(first) == 600
    moved = [name for name in first if first[name] != second[name]]
    assert moved == []
