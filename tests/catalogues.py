"""The translation catalogues: compiling them as the install step does, reading them."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from arena.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"


def catalogue_files() -> list[Path]:
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def read_catalogue(po: Path) -> Catalog:
    with po.open("rb") as handle:
        return read_po(handle)


def compile_catalogue(catalog: Catalog, mo: Path) -> None:
    mo.parent.mkdir(parents=True, exist_ok=True)
    with mo.open("wb") as handle:
        write_mo(handle, catalog)


def compile_catalogues() -> None:
    """``pybabel compile -d translations`` for each catalogue whose .mo is missing or older."""
    for po in catalogue_files():
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            compile_catalogue(read_catalogue(po), mo)
