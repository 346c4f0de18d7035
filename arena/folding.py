"""Text folded for search: case and accents ignored, so "Öztürk" is found by "ozturk".

One definition: SQLite calls this function (registered on every connection as
``arena_fold``) to fill the member search index; PostgreSQL's index is filled by its own
``arena_fold`` (``lower(unaccent(...))``), which folds the same letters the same way, and
queries are folded here for both.
"""

from __future__ import annotations

import unicodedata

#: letters that do not decompose into a base letter and an accent, folded as unaccent does
_LETTERS = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
})  # fmt: skip


def fold(text: str | None) -> str | None:
    """Lower case, without accents; None stays None (SQL NULL)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
