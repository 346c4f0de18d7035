"""Organisers' invitation templates, rendered in Jinja's sandbox with strict placeholders.

An organiser writes the standard invitation, reminder and practical note as templates. They
are rendered in a ``SandboxedEnvironment`` (no access to the app's internals: the context holds
plain values, and the sandbox refuses underscore attributes and unsafe calls; every render has
a budget of steps, time and output, ``sandbox.py``) with
``StrictUndefined``, so a mistyped placeholder is an error rather than an empty gap in 10,000
messages. ``check_template`` finds such errors, with their line, before anything is queued.

The text is rendered without HTML escaping (it is the plain-text part). The HTML part is made
from that text by our own autoescaping template (templates/email/message.html), so nothing an
organiser or a member's name contains can turn into markup.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from arena.arenas.sandbox import BoundedSandbox, render_bounded

#: every placeholder an organiser may use, with what it holds (shown on the forms)
PLACEHOLDERS = {
    "member.first_name": "the member's first name",
    "member.name": "the member's full name",
    "first_name": "the member's first name",
    "session.title": "the session's title",
    "session.date": "the date, in the member's time zone",
    "session.time": "start and end time, in the member's time zone",
    "session_date": "date and time together, in the member's time zone",
    "session_time": "start and end time, in the member's time zone",
    "place": "the location, or the online link",
    "location": "the location (may be empty)",
    "online_url": "the online link (may be empty)",
    "programme": "the session's programme",
    "introduction_topic": "the topic of the introduction",
    "rsvp_yes_url": "link to answer yes",
    "rsvp_no_url": "link to answer no",
    "rsvp_maybe_url": "link to answer maybe",
    "unsubscribe_url": "link to unsubscribe",
    "series.name": "the series' name",
    "series.header": "the series' general header",
}
TOP_LEVEL_NAMES = frozenset(name.split(".")[0] for name in PLACEHOLDERS)


@dataclass(frozen=True)
class TemplateProblem:
    field: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.field}{where}: {self.message}"


class TemplateRenderError(ValueError):
    """An organiser's template failed for one set of values; ``problem`` says where and why."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


#: what an organiser reads for errors whose own words say little
_PLAIN_WORDS = {
    RecursionError: "the template calls itself without end",
    KeyError: "there is no such key: {exc}",
    IndexError: "there is no such item in the list ({exc})",
    ZeroDivisionError: "division by zero",
    MemoryError: "the template needs too much memory",
}


def describe(exc: BaseException) -> str:
    """One clear line about what went wrong in a template."""
    for kind, words in _PLAIN_WORDS.items():
        if isinstance(exc, kind):
            return words.format(exc=exc)
    return str(exc) or type(exc).__name__


class BoundedTemplate:
    """A compiled organiser's template whose every render has a budget (arena/arenas/sandbox.py);
    any failure becomes ``TemplateRenderError``."""

    def __init__(self, template) -> None:
        self.template = template

    def render(self, context: dict) -> str:
        try:
            return render_bounded(self.template, context)
        except Exception as exc:  # noqa: BLE001 - any error of a template is the organiser's
            raise TemplateRenderError(describe(exc), _template_line(exc)) from exc


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return BoundedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=256)
def compile_template(source: str) -> BoundedTemplate:
    """Compiled once per distinct text, so a send of 10,000 messages compiles it once."""
    return BoundedTemplate(environment().from_string(source))


def _template_line(exc: BaseException) -> int | None:
    """Jinja rewrites tracebacks so template frames carry the template's own line numbers."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else None


def _unknown_names(source: str, tree: nodes.Template) -> list[tuple[str, int]]:
    undeclared = meta.find_undeclared_variables(tree) - TOP_LEVEL_NAMES
    found = []
    for node in tree.find_all(nodes.Name):
        if node.name in undeclared and node.ctx == "load":
            found.append((node.name, node.lineno))
            undeclared.discard(node.name)
    return found


def check_template(field: str, source: str, sample: dict) -> list[TemplateProblem]:
    """Every problem of one template, with line numbers: syntax, unknown names, bad use."""
    env = environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        return [TemplateProblem(field, exc.lineno, exc.message or str(exc))]
    problems = [
        TemplateProblem(field, line, f"unknown placeholder {{{{ {name} }}}}")
        for name, line in _unknown_names(source, tree)
    ]
    if problems:
        return problems
    try:
        compile_template(source).render(sample)
    except TemplateRenderError as exc:
        problems.append(TemplateProblem(field, exc.line, exc.problem))
    return problems


def render(source: str, context: dict) -> str:
    return compile_template(source).render(context)
