"""Where benchmarks keep the demo databases they build once and reuse.

``ARENA_BENCH_DIR`` moves the cache, so two checkouts on one machine never share (and rebuild
under each other) a database of a different schema.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

CACHE_DIR = Path(os.environ.get("ARENA_BENCH_DIR") or tempfile.gettempdir())


def cache_path(name: str) -> Path:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    return CACHE_DIR / name
