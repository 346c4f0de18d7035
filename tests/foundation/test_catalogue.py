"""The Dutch catalogue is complete: every msgid translated (plurals too), nothing fuzzy, the
placeholders kept, and no marked string in the code or templates that it lacks.

Extraction runs in-process with the project's ``babel.cfg``, as ``pybabel extract`` does, so
a new string written in English without its Dutch translation fails here.
"""

from __future__ import annotations

import re

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from arena.config import PROJECT_ROOT
from tests.catalogues import catalogue_files, read_catalogue

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\{ *[\w.]+ *\}\}")


def dutch():
    [po] = [p for p in catalogue_files() if p.parts[-3] == "nl"]
    return read_catalogue(po)


def extracted_ids() -> dict[str, str]:
    """Every marked msgid of the project -> where it was first found."""
    with (PROJECT_ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map, keywords=keywords
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def test_every_msgid_is_translated_and_none_is_fuzzy():
    catalogue = dutch()
    untranslated, fuzzy = [], []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(s and s.strip() for s in strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == []
    assert fuzzy == []
    assert len(catalogue) > 1000


def test_translations_keep_their_placeholders():
    changed = []
    for message in dutch():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if not set(PLACEHOLDER.findall(string)) <= wanted:
                changed.append((ids[0], string))
    assert changed == []


def test_extraction_finds_no_string_the_catalogue_lacks():
    catalogue = dutch()
    missing = {msgid: where for msgid, where in extracted_ids().items() if msgid not in catalogue}
    assert missing == {}, "run the commands at the end of translations/nl/GLOSSARY.md"
