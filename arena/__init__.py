"""Arena: the tool for running transition arenas."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

from arena.config import DATA_ROOT, load_config

#: one blueprint per feature package, named after it, with every URL rule of the package;
#: each module exposes ``bp`` (arena/layers.py says which URLs each package serves)
BLUEPRINT_MODULES = (
    "arena.auth.views",
    "arena.dashboard.views",
    "arena.members.blueprint",
    "arena.arenas.blueprint",
    "arena.invitations.blueprint",
    "arena.examples.blueprint",
    "arena.wins.blueprint",
    "arena.collaborations.views",
    "arena.graph.views",
    "arena.api.blueprint",
    "arena.polls.views",
    "arena.stories.views",
    "arena.learning.views",
    "arena.contacts.views",
    "arena.reports.views",
)


#: packages that subscribe to the core's hooks (arena/hooks.py); each module has ``connect()``
HOOK_MODULES = (
    "arena.members.hooks",
    "arena.arenas.hooks",
    "arena.invitations.hooks",
    "arena.examples.hooks",
    "arena.wins.hooks",
    "arena.collaborations.hooks",
    "arena.polls.hooks",
    "arena.stories.hooks",
    "arena.learning.hooks",
    "arena.contacts.hooks",
)


def connect_hooks() -> None:
    """Fill the core's hooks from the packages above it; safe to call again."""
    for module in HOOK_MODULES:
        import_module(module).connect()


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, CLI and error pages; nothing else."""
    settings = load_config(config)
    app = Flask(
        __name__,
        template_folder=str(DATA_ROOT / "templates"),
        static_folder=str(DATA_ROOT / "static"),
        instance_path=settings["INSTANCE_PATH"],
    )
    app.config.update(settings)

    from arena import (
        errors,
        extensions,
        i18n,
        labels,
        markdown,
        models,  # noqa: F401 - every model, so merges and erasure see every table
        navigation,
        record_links,
        routing,
        security,
    )
    from arena.auth import login as auth_login
    from arena.db import Database

    routing.init_app(app)
    Database(app.config["DATABASE_URL"]).init_app(app)
    extensions.csrf.init_app(app)
    i18n.init_app(app)
    auth_login.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    navigation.init_app(app)
    labels.init_app(app)
    markdown.init_app(app)
    record_links.init_app(app)

    connect_hooks()
    for module in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(module).bp)

    from arena.cli import register_commands

    register_commands(app)
    return app
