"""Markdown that users type, rendered safely: markdown-it-py (raw HTML off), then nh3.

Two layers on purpose: markdown-it escapes typed HTML, and nh3 removes anything outside a small
allow-list should a renderer quirk ever let a tag or a ``javascript:`` link through.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")


def _shift_heading(renderer, tokens, idx, options, env):
    """Typed headings start at h3, so they never break the page's own heading order."""
    token = tokens[idx]
    token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"
    return renderer.renderToken(tokens, idx, options, env)


_md.add_render_rule("heading_open", _shift_heading)
_md.add_render_rule("heading_close", _shift_heading)


def render_markdown(text: str | None) -> Markup:
    """Safe HTML for a user's Markdown; empty text gives empty markup."""
    if not text:
        return Markup("")
    html = _md.render(text)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)  # noqa: S704 - sanitised by nh3 just above


def init_app(app) -> None:
    """``{{ text|markdown }}`` in every template."""
    app.add_template_filter(render_markdown, "markdown")
