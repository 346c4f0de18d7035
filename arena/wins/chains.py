"""Oil-spot chains: which small wins inspired which, walked one generation per query.

The inspiration links form a directed graph that must stay acyclic: a win cannot (even
indirectly) inspire what inspired it. Walking generation by generation keeps the query count
proportional to the chain's depth, not to its size.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from arena.wins.models import SmallWin
from arena.wins.models import small_win_inspirations as links

MAX_GENERATIONS = 25


def _walk(session: Session, start: int, down: bool) -> list[list[int]]:
    """Generations of ids from ``start``: down = what it inspired, up = what inspired it."""
    source, target = (
        (links.c.inspiring_id, links.c.inspired_id)
        if down
        else (links.c.inspired_id, links.c.inspiring_id)
    )
    seen = {start}
    frontier = {start}
    generations: list[list[int]] = []
    for _ in range(MAX_GENERATIONS):
        rows = session.execute(select(target).where(source.in_(frontier))).scalars()
        frontier = {i for i in rows if i not in seen}
        if not frontier:
            break
        seen |= frontier
        generations.append(sorted(frontier))
    return generations


def descendant_ids(session: Session, win_id: int) -> set[int]:
    return {i for generation in _walk(session, win_id, down=True) for i in generation}


def cycle_makers(session: Session, win_id: int | None, inspiring_ids: list[int]) -> list[int]:
    """Which of the proposed inspirations would close a loop (a new win has none)."""
    if win_id is None:
        return []
    below = descendant_ids(session, win_id) | {win_id}
    return [i for i in inspiring_ids if i in below]


@dataclass
class Chain:
    win: SmallWin
    #: nearest first: the wins that inspired it, then what inspired those
    ancestors: list[list[SmallWin]]
    #: nearest first: the wins it inspired, then what those inspired
    descendants: list[list[SmallWin]]

    @property
    def organisations(self) -> set[str]:
        wins = [self.win, *(w for g in self.ancestors + self.descendants for w in g)]
        return {w.organisation.name for w in wins if w.organisation}


def chain_of(session: Session, win: SmallWin) -> Chain:
    up = _walk(session, win.id, down=False)
    down = _walk(session, win.id, down=True)
    ids = {i for g in up + down for i in g}
    loaded = {}
    if ids:
        loaded = {
            w.id: w
            for w in session.scalars(
                select(SmallWin)
                .options(selectinload(SmallWin.author), selectinload(SmallWin.organisation))
                .where(SmallWin.id.in_(ids))
            )
        }
    return Chain(
        win=win,
        ancestors=[[loaded[i] for i in g] for g in up],
        descendants=[[loaded[i] for i in g] for g in down],
    )
