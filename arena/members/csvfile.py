"""Reading and writing member CSV files as spreadsheets make them (Dutch Excel uses ``;``).

Reading refuses, with a message a person can act on, anything that is not a UTF-8 text table
with the columns we need. Writing neutralises cells a spreadsheet would run as a formula, and
reading undoes exactly that, so an exported file imports as a no-op.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import gettext as _

MAX_IMPORT_BYTES = 10 * 1024 * 1024  # 40,000 members take about 4 MB
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: our column names and the headers (English and Dutch) that mean them
COLUMNS = {
    "email": ("email", "e-mail", "emailadres", "e-mailadres", "e-mail address"),
    "name": ("name", "naam"),
    "organisation": ("organisation", "organization", "organisatie"),
    "role": ("role", "rol"),
    "sector": ("sector",),
    "policy_domain": ("policy_domain", "policy domain", "beleidsdomein"),
    "place": ("place", "plaats"),
    "themes": ("themes", "thema's", "thema’s", "themas", "thema"),
    "consent": ("consent", "toestemming"),
    "language": ("language", "taal"),
}
#: the headers of an export for a Dutch reader (each one an alias the import reads)
DUTCH_HEADERS = {
    "email": "e-mailadres", "name": "naam", "organisation": "organisatie", "role": "rol",
    "sector": "sector", "policy_domain": "beleidsdomein", "place": "plaats",
    "themes": "thema's", "consent": "toestemming", "language": "taal",
}  # fmt: skip
REQUIRED = ("email", "name", "organisation", "role")
EXPORT_COLUMNS = tuple(COLUMNS)
HEADER_LOOKUP = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}


class CsvRefused(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class CsvTable:
    delimiter: str
    #: (row number as a spreadsheet shows it, the header being row 1; values by our names)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    #: headers we do not know, which the import leaves alone
    ignored: list[str] = field(default_factory=list)
    #: rows with more cells than the header has columns
    overlong: list[int] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 with or without BOM; binaries and huge files are refused."""
    if len(data) > MAX_IMPORT_BYTES:
        raise CsvRefused(
            _(
                "The file is too large (%(size)s MB); the limit is %(limit)s MB. "
                "Split it into smaller files.",
                size=len(data) // (1024 * 1024),
                limit=MAX_IMPORT_BYTES // (1024 * 1024),
            )
        )
    if not data.strip():
        raise CsvRefused(_("The file is empty."))
    if b"\x00" in data[:65536]:
        raise CsvRefused(
            _(
                "This is not a CSV text file (it contains binary data). "
                "Save it as CSV and try again."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvRefused(
            _(
                "The file is not UTF-8 text (unreadable byte at position %(pos)s). "
                "In Excel, save it as “CSV UTF-8”.",
                pos=exc.start,
            )
        ) from exc
    if not text.strip():
        raise CsvRefused(_("The file is empty."))
    return text


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).lower()


def _detect_delimiter(first_line: str) -> str:
    def score(delimiter: str) -> tuple[int, int]:
        cells = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(_header_key(c) in HEADER_LOOKUP for c in cells), len(cells)

    best = max((";", ",", "\t"), key=score)
    if score(best)[0] == 0:
        raise CsvRefused(
            _(
                "No known column names in the first line. The first line must name the "
                "columns: %(columns)s.",
                columns=", ".join(REQUIRED),
            )
        )
    return best


def unneutralise(cell: str) -> str:
    """Undo the export's protection: ``'=x`` back to ``=x``; anything else stays as it is."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r":
        return cell[1:]
    return cell


def neutralise(cell: str) -> str:
    """Make a spreadsheet show a cell as text instead of running it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def read_table(data: bytes) -> CsvTable:
    """The file's rows by our column names; raises CsvRefused when it is not a usable table."""
    text = decode(data)
    try:
        return _read(text)
    except csv.Error as exc:  # e.g. a cell over 128 KB: no member list has one
        raise CsvRefused(
            _(
                "The file could not be read as CSV (%(reason)s). Save it as CSV and try again.",
                reason=str(exc),
            )
        ) from exc


def _read(text: str) -> CsvTable:
    first_line = text.lstrip("\r\n").splitlines()[0]
    delimiter = _detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = (
        (number, record)
        for number, record in enumerate(reader, start=1)
        if any(cell.strip() for cell in record)
    )
    _first, header = next(records)
    positions: dict[str, int] = {}
    table = CsvTable(delimiter)
    for index, cell in enumerate(header):
        name = HEADER_LOOKUP.get(_header_key(cell))
        if name is None:
            table.ignored.append(cell.strip())
        elif name in positions:
            raise CsvRefused(_("The column “%(name)s” appears twice in the header.", name=name))
        else:
            positions[name] = index
    missing = [name for name in REQUIRED if name not in positions]
    if missing:
        raise CsvRefused(_("Columns missing from the header: %(names)s.", names=", ".join(missing)))
    width = len(header)
    for number, record in records:
        if len(record) > width and any(c.strip() for c in record[width:]):
            table.overlong.append(number)
        values = {
            name: unneutralise(record[i].strip()) if i < len(record) else ""
            for name, i in positions.items()
        }
        table.rows.append((number, values))
    if not table.rows:
        raise CsvRefused(_("The file has a header but no member rows."))
    return table


def headers_for(columns, language: str | None) -> list[str]:
    """Our column names, or their Dutch headers for a Dutch reader."""
    if language == "nl":
        return [DUTCH_HEADERS.get(c, c) for c in columns]
    return list(columns)


def write_rows(rows, columns, delimiter: str = ";") -> str:
    """CSV text with a BOM (so Excel reads UTF-8), every cell neutralised."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(str(v)) if v is not None else "" for v in row])
    return out.getvalue()
