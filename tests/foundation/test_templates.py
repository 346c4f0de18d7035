"""Every page template parses, and none would break the strict Content-Security-Policy."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arena import create_app
from arena.config import PROJECT_ROOT

TEMPLATES = sorted((PROJECT_ROOT / "templates").rglob("*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.I)
REMOTE_ASSET = re.compile(r"(src|href)=\"(https?:)?//", re.I)


@pytest.fixture(scope="module")
def jinja_env():
    return create_app({"ENV_NAME": "testing", "DATABASE_URL": "sqlite://"}).jinja_env


def _name(path: Path) -> str:
    return path.relative_to(PROJECT_ROOT / "templates").as_posix()


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_template_parses(jinja_env, path):
    jinja_env.get_template(_name(path))


@pytest.mark.parametrize("path", TEMPLATES, ids=_name)
def test_template_keeps_to_the_content_security_policy(path):
    source = path.read_text(encoding="utf-8")
    if _name(path).startswith("email/"):
        return  # emails are not pages; they carry no script at all (checked below)
    assert not INLINE_SCRIPT.search(source), "inline <script>: move it to static/js"
    assert not EVENT_ATTRIBUTE.search(source), "on...= attribute: use a static/js module"
    assert not STYLE_ATTRIBUTE.search(source), "style= attribute: use a class in static/css"
    assert not REMOTE_ASSET.search(source), "remote asset: serve it from the app"


def test_email_templates_carry_no_script_or_remote_resources():
    for path in (PROJECT_ROOT / "templates" / "email").glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert "<script" not in source.lower(), path
        assert not re.search(r"<img[^>]+src=\"https?://", source, re.I), path
