"""Sorting the table rows of a view in their packed columns, in every order a page offers.

The table of tied nodes and the list of unconnected ones are packed columns
(arena.graph.transport); at 200,000 members the unconnected list holds 160,000 rows. Made
into a dict per row and sorted by a key function, one order of it took three seconds. Here
a column becomes one list of sort keys (a text column's distinct values ranked once,
case-blind, so each row's key is an integer) and the row numbers are sorted by it in C. The
order is that of `sorted_rows` on the unpacked rows: text case-blind, equal values in stored
order in both directions, rows without a value last. The job stores every order's pages
(arena.graph.tables), so pages never sort.
"""

from __future__ import annotations

from arena.graph.transport import pack_columns

#: text columns whose sort keys are stored beside them (as COLUMN + RANK), being costly
RANKED = ("label",)
RANK = "_rank"


def with_ranks(packed: dict) -> dict:
    """The packed columns with the stored sort keys of RANKED columns added (the names of
    160,000 unconnected people: ranking them case-blind was most of a later page's time)."""
    for column in RANKED:
        keys = sort_keys(packed, column)
        if keys is not None and all(isinstance(k, int) for k in keys):
            packed["columns"][column + RANK] = keys
    return packed


def sort_keys(packed: dict, column: str) -> list | None:
    """A key per row that sorts as `sorted_rows` does, None for rows without a value."""
    stored = packed["columns"].get(column + RANK)
    if stored is not None:
        return stored
    values = packed["columns"].get(column)
    if values is None:
        return None
    if isinstance(values, dict):  # coded text: rank the distinct values once, case-blind
        names = values["values"]
        folded = [name.lower() for name in names]
        rank = {text: i for i, text in enumerate(sorted(set(folded)))}
        ranks = [rank[text] for text in folded]
        return [None if code < 0 else ranks[code] for code in values["codes"]]
    return [v.lower() if isinstance(v, str) else v for v in values]


def ordered_by(
    keys: list | None, count: int, descending: bool, among: list[int] | None = None
) -> list[int]:
    """The row numbers (of `among`, else all) in the order of a column's sort keys, made
    once for both directions."""
    rows = list(range(count)) if among is None else among
    if keys is None:
        return list(rows)
    present = [i for i in rows if keys[i] is not None]
    missing = [i for i in rows if keys[i] is None]
    present.sort(key=keys.__getitem__, reverse=descending)  # stable both ways, as sorted()
    return present + missing


def subset(packed: dict, rows: list[int]) -> dict:
    """The packed columns of only these rows, in this order."""
    columns = {}
    for column, values in packed["columns"].items():
        if column.endswith(RANK):
            continue
        if isinstance(values, dict):
            names, codes = values["values"], values["codes"]
            columns[column] = [None if codes[i] < 0 else names[codes[i]] for i in rows]
        else:
            columns[column] = [values[i] for i in rows]
    return pack_columns(len(rows), columns)
