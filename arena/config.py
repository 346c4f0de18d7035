"""Settings read from the environment, so one build runs in development, tests and production."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
#: an installed wheel carries templates/, static/, migrations/ and translations/ inside the
#: package (setup.py copies them there); a checkout keeps them at the top level
INSTALLED = (PACKAGE_DIR / "templates").is_dir()
DATA_ROOT = PACKAGE_DIR if INSTALLED else PROJECT_ROOT
DEFAULT_INSTANCE = (Path.cwd() if INSTALLED else PROJECT_ROOT) / "instance"

# A key that is only ever acceptable where nothing real is at stake.
DEVELOPMENT_SECRET = "arena-development-only-secret"  # noqa: S105


class ConfigError(RuntimeError):
    """Raised when the app would start in a state that is unsafe or cannot work."""


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _number(name: str, default: float) -> float:
    """A number setting; a word where a number belongs stops the start with a clear message."""
    value = _env(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ConfigError(f"{name} must be a number, not {value!r}.") from None
    if number < 0:
        raise ConfigError(f"{name} must not be negative.")
    return int(number) if number.is_integer() else number


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config mapping: defaults, then ARENA_* variables, then overrides."""
    overrides = dict(overrides or {})
    env_name = overrides.get("ENV_NAME") or _env("ARENA_ENV", "development")
    instance = Path(_env("ARENA_INSTANCE_PATH", str(DEFAULT_INSTANCE)))
    config: dict = {
        "ENV_NAME": env_name,
        "INSTANCE_PATH": str(instance),
        "DATABASE_URL": _env("ARENA_DATABASE_URL", f"sqlite:///{instance / 'arena.sqlite3'}"),
        "SECRET_KEY": _env("ARENA_SECRET_KEY"),
        "BASE_URL": _env("ARENA_BASE_URL", "http://127.0.0.1:5000"),
        "TIME_ZONE": _env("ARENA_TIME_ZONE", "Europe/Amsterdam"),
        "SMTP_HOST": _env("ARENA_SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(_env("ARENA_SMTP_PORT", "25")),
        "SMTP_USER": _env("ARENA_SMTP_USER"),
        "SMTP_PASSWORD": _env("ARENA_SMTP_PASSWORD"),
        "SMTP_TLS": _env("ARENA_SMTP_TLS", "none"),
        "MAIL_FROM": _env("ARENA_MAIL_FROM", "Arena <arena@localhost>"),
        # delivery of the outbox (arena/invitations/delivery.py; README "Configuration")
        "SMTP_TIMEOUT": _number("ARENA_SMTP_TIMEOUT", 30),
        "SMTP_RATE": _number("ARENA_SMTP_RATE", 0),
        "SMTP_DAILY_LIMIT": _number("ARENA_SMTP_DAILY_LIMIT", 0),
        "OUTBOX_BATCH_SIZE": _number("ARENA_OUTBOX_BATCH_SIZE", 100),
        "OUTBOX_CLAIM_TIMEOUT": _number("ARENA_OUTBOX_CLAIM_TIMEOUT", 15),
        "BOUNCE_LIMIT": _number("ARENA_BOUNCE_LIMIT", 3),
        # Dutch first: pages fall back to it after the person's choice and their browser,
        # mails to it when the member chose nothing
        "BABEL_DEFAULT_LOCALE": "nl",
        "LANGUAGES": ["nl", "en"],
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "PASSWORD_RESET_MAX_AGE": 7 * 24 * 3600,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        # the accessibility statement (/toegankelijkheid), after the Dutch model statement
        "ACCESSIBILITY_ORGANISATION": _env("ARENA_ACCESSIBILITY_ORGANISATION", ""),
        "ACCESSIBILITY_CONTACT": _env("ARENA_ACCESSIBILITY_CONTACT", ""),
        "ACCESSIBILITY_CHECKED": _env("ARENA_ACCESSIBILITY_CHECKED", ""),
        "ACCESSIBILITY_EXCEPTIONS": _env("ARENA_ACCESSIBILITY_EXCEPTIONS", ""),
        #: requests per token per window (seconds) on the JSON API
        "API_RATE_LIMIT": int(_env("ARENA_API_RATE_LIMIT", "600")),
        "API_RATE_WINDOW": 60,
    }
    if env_name == "production":
        config.update(
            SESSION_COOKIE_SECURE=True,
            REMEMBER_COOKIE_SECURE=True,
            PREFERRED_URL_SCHEME="https",
        )
    if env_name == "testing":
        # The tests were written against the English source strings; a test about Dutch sets
        # BABEL_DEFAULT_LOCALE="nl" itself (or sends a Dutch browser's Accept-Language).
        config.update(TESTING=True, BABEL_DEFAULT_LOCALE="en")
    config.update(overrides)
    if not config.get("SECRET_KEY"):
        if config["ENV_NAME"] in ("development", "testing"):
            config["SECRET_KEY"] = DEVELOPMENT_SECRET
        else:
            raise ConfigError(
                "ARENA_SECRET_KEY is not set. Set it to a long random value before starting "
                'Arena outside development, e.g. python -c "import secrets; '
                'print(secrets.token_urlsafe(48))".'
            )
    if config["SMTP_TLS"] not in ("none", "starttls", "ssl"):
        raise ConfigError("ARENA_SMTP_TLS must be one of: none, starttls, ssl.")
    return config
