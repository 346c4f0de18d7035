"""The demo network: a deterministic network shaped like the source's, for trying the tool.

`generate_demo(engine, members=400, seed=2014, password=...)` loads it into an empty,
migrated database; `arena demo` on the command line calls it.
"""

from arena.demo.generator import DemoError, generate_demo
from arena.demo.summary import DemoSummary

__all__ = ["DemoError", "DemoSummary", "generate_demo"]
