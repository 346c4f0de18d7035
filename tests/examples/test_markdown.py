"""Markdown that people type renders as formatting, and nothing in it can run or track."""

from __future__ import annotations

from arena.markdown import render_markdown


def test_formatting_lists_and_links_render():
    html = render_markdown("**bold** and *soft*\n\n- one\n- two\n\n[Movisie](https://movisie.nl)")
    assert "<strong>bold</strong>" in html and "<em>soft</em>" in html
    assert "<ul>\n<li>one</li>" in html
    assert '<a href="https://movisie.nl" rel="noopener noreferrer nofollow">Movisie</a>' in html


def test_typed_html_is_shown_as_text_not_run():
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(1)"> <b>b</b>')
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_script_links_and_images_are_dropped():
    html = render_markdown(
        "[click](javascript:alert(1)) [data](data:text/html,hi) ![pixel](https://t.example/p.gif)"
    )
    assert "<a" not in html  # the link text stays, as plain text
    assert "<img" not in html and "t.example" not in html


def test_typed_headings_start_below_the_pages_own():
    html = render_markdown("# Big\n\n## Smaller")
    assert "<h3>Big</h3>" in html and "<h4>Smaller</h4>" in html
    assert "<h1" not in html and "<h2" not in html


def test_empty_text_renders_nothing():
    assert render_markdown("") == "" and render_markdown(None) == ""
