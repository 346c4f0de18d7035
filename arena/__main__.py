"""The console entry point: `arena ...` (or `python -m arena ...`) is `flask --app arena ...`.

It sits above the factory, which registers the commands of ``arena/cli.py``.
"""

from __future__ import annotations

from flask.cli import FlaskGroup

from arena import create_app


def main() -> None:
    FlaskGroup(create_app=create_app, add_default_commands=True)(prog_name="arena")


if __name__ == "__main__":
    main()
