"""Packaging hook: the wheel carries the top-level templates/, static/, migrations/ and the
compiled translations inside the ``arena`` package, so an installed Arena needs no checkout.

The repository keeps them at the top level (as the product owner asked); ``build_py`` copies
them to ``arena/`` in the build and compiles each ``messages.po`` to ``messages.mo`` there.
Everything else lives in setup.cfg. An editable install (``pip install -e``) reads them from
the checkout instead (``arena.config.DATA_ROOT``), so this hook copies nothing then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIRS = ("templates", "static", "migrations", "translations")
DATA_FILES = ("alembic.ini",)
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")


def compile_translations(translations: Path) -> None:
    """Write messages.mo beside every messages.po (Babel is a build requirement)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in translations.glob("*/LC_MESSAGES/*.po"):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalog)


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "arena"
        for name in DATA_DIRS:
            target = package / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(ROOT / name, target, ignore=SKIP)
        for name in DATA_FILES:
            shutil.copy2(ROOT / name, package / name)
        compile_translations(package / "translations")


setup(cmdclass={"build_py": BuildWithData})
