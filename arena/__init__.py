"""Arena: the tool for running transition arenas."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

from arena.config import PROJECT_ROOT, load_config

#: one blueprint per feature area; each module exposes ``bp``
BLUEPRINT_MODULES = (
    "arena.auth.views",
    "arena.dashboard.views",
    "arena.arenas.views",
    "arena.arenas.meeting_views",
    "arena.arenas.checkin_views",
    "arena.invitations.views",
    "arena.invitations.public",
    "arena.members.views",
    "arena.members.organisation_views",
    "arena.members.segment_views",
    "arena.members.files_views",
    "arena.members.self_views",
    "arena.members.membership_views",
    "arena.examples.views",
    "arena.examples.planning_views",
    "arena.examples.lookup_views",
    "arena.wins.views",
    "arena.wins.answer_views",
    "arena.wins.reflection_views",
    "arena.collaborations.views",
    "arena.graph.views",
    "arena.api.graph",
    "arena.polls.views",
    "arena.stories.views",
    "arena.learning.views",
    "arena.reports.views",
)


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, CLI and error pages; nothing else."""
    settings = load_config(config)
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_path=settings["INSTANCE_PATH"],
    )
    app.config.update(settings)

    from arena import errors, extensions, i18n, labels, navigation, record_links, routing, security
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
    record_links.init_app(app)

    for module in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(module).bp)

    from arena.cli import register_commands

    register_commands(app)
    return app
