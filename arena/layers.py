"""The import layers of Arena, bottom to top, and which package serves which URLs.

A module may import what sits in a lower layer, and its own package. It may import a sibling
of its own layer only while no cycle forms between siblings; it never imports a higher layer,
not even inside a function. When a lower package must react to a higher one (erasing a member
blanks the messages of the outbox), the higher package subscribes to a hook of
``arena/hooks.py``; the lower one calls the hook and never names the higher package.
``tests/foundation/test_layers.py`` reads every import of every module and holds this.

Each entry of a layer is a package (``"members"`` for ``arena/members/``) or a module at the
top of ``arena/`` (``"db"`` for ``arena/db.py``); ``"arena"`` is ``arena/__init__.py``.
A new feature package takes its place here before its first import.
"""

from __future__ import annotations

#: bottom to top
LAYERS: tuple[tuple[str, ...], ...] = (
    # the core: no feature, every feature may use it
    (
        "layers",
        "config",
        "extensions",
        "folding",
        "db",
        "triggers",
        "hooks",
        "i18n",
        "forms",
        "query",
        "mail",
        "markdown",
        "throttle",
        "tokens",
        "security",
        "routing",
        "errors",
        "audit",
        "migrate",
        "statistics",
        "charts",
        "record_links",
    ),
    # accounts, sign-in and the guard every view passes
    ("auth",),
    # the network: members, organisations, segments
    ("members",),
    # series, sessions, who was invited and who came
    ("arenas",),
    # mailing the network about sessions: the outbox, its delivery, RSVP links
    ("invitations",),
    # practice examples presented at sessions
    ("examples",),
    # small wins, reflections, "did it stick?"
    ("wins",),
    # collaborations that grew from the arenas
    ("collaborations",),
    # polls of the network between sessions (through the invitations' outbox)
    ("polls",),
    # Most Significant Change stories, told from small wins and sessions
    ("stories",),
    # the learning agenda: its links point at reflections, examples, wins, polls and stories
    ("learning",),
    # contact between members: asking to be put in touch; an accepted request is a collaboration
    ("contacts",),
    # views over everything below
    ("dashboard", "graph", "api", "demo"),
    # the report of what emerged: reads every feature and the graph's stored views
    ("reports",),
    # the modules that assemble the app from the packages
    ("models", "jobs", "scheduler", "navigation", "labels", "cli", "warmup"),
    # the application factory
    ("arena",),
    # the console entry point (`arena ...`), which needs the factory
    ("__main__",),
)

#: the first segment of every URL -> the package whose blueprint serves it ("" is "/")
URL_PREFIXES: dict[str, str] = {
    "": "dashboard",
    "healthz": "dashboard",
    "toegankelijkheid": "dashboard",
    "auth": "auth",
    "members": "members",
    "organisations": "members",
    "segments": "members",
    "network": "members",
    "me": "members",
    "lookup": "members",
    "series": "arenas",
    "sessions": "arenas",
    "invitations": "invitations",
    "rsvp": "invitations",
    "unsubscribe": "invitations",
    "examples": "examples",
    "wins": "wins",
    "reflections": "wins",
    "answer": "wins",
    "collaborations": "collaborations",
    "contacts": "contacts",
    "graph": "graph",
    "api": "api",
    "polls": "polls",
    "stories": "stories",
    "learning": "learning",
    "reports": "reports",
    "static": "arena",
}


def level_of(unit: str) -> int:
    """The layer index of a package or top-level module name; KeyError when it has none."""
    for index, layer in enumerate(LAYERS):
        if unit in layer:
            return index
    raise KeyError(unit)
