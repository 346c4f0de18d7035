"""A Jinja sandbox in which an organiser's template cannot stall a worker or fill its memory.

Jinja's ``SandboxedEnvironment`` keeps a template away from the app's internals, but not from
work: nested loops, a macro that calls itself twice, a text doubled in a loop or a width of a
billion each tie up a web worker or the scheduler for as long as they like. Here every render
has a budget (``Budget``): loop steps and calls are counted, time is checked as they run, the
output and every text made on the way are capped, and the filters and string methods that take
a width (``center``, ``format``, ``indent``, ``lipsum``, ``replace``, ...) refuse big ones
before they allocate. Any breach is a ``SecurityError`` with a message for the organiser.

Loops and ``~`` are bounded by rewriting the parsed template before it is compiled: each
``for`` iterates through ``arena_counted(...)`` and each ``~`` passes ``arena_bounded``.
"""

from __future__ import annotations

import contextvars
import functools
import re
import string
import time
from dataclasses import dataclass

from flask_babel import gettext as _
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

#: loop steps plus calls in one render: far above what a real invitation needs
MAX_STEPS = 100_000
#: seconds one render may take
TIME_LIMIT = 1.0
#: characters of one rendered text, and of any text made on the way
MAX_TEXT = 200_000
#: items of one list made with ``*``
MAX_REPEAT = 10_000
#: the widest field a width, padding or format may ask for
MAX_WIDTH = 1_000
#: the longest number a ``*`` may make (bits)
MAX_INT_BITS = 4_096


@dataclass
class Budget:
    deadline: float
    steps: int = 0

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise SecurityError(
                _("the template repeats too often (more than %(n)s steps)", n=f"{MAX_STEPS:,}")
            )
        if self.steps % 256 == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SecurityError(
                _("the template takes too long (more than %(s)s seconds)", s=TIME_LIMIT)
            )


_budget: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("budget", default=None)


def too_long() -> str:
    return _("the template makes too long a text (more than %(n)s characters)", n=f"{MAX_TEXT:,}")


def too_wide() -> str:
    return _("a width or repetition in the template is too large (at most %(n)s)", n=MAX_WIDTH)


def _step(n: int = 1) -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step(n)


def render_bounded(template, context: dict) -> str:
    """Render within a fresh budget: steps, time and output are capped."""
    budget = Budget(deadline=time.monotonic() + TIME_LIMIT)
    token = _budget.set(budget)
    try:
        parts: list[str] = []
        size = 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_TEXT:
                raise SecurityError(too_long())
            parts.append(chunk)
            if len(parts) % 256 == 0:
                budget.check_time()
        return "".join(parts)
    finally:
        _budget.reset(token)


def _size(value, depth: int = 0) -> int:
    """Characters a value stands for: a text's length, a list's texts added up."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple) and depth < 3:
        return sum(_size(item, depth + 1) for item in value) + len(value)
    return 1


def bounded(value):
    """A text (or list) made on the way may not exceed ``MAX_TEXT``."""
    if _size(value) > MAX_TEXT:
        raise SecurityError(too_long())
    _step()
    return value


def counted(iterable):
    """What a ``for`` loops over, one budget step per round."""
    for item in iterable:
        _step()
        yield item


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent(fmt: str) -> None:
    for width, precision in _PERCENT_SPEC.findall(fmt):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_WIDTH):
                raise SecurityError(too_wide())


def _check_braces(fmt: str) -> None:
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format raises its own clear error
    for _text, _name, spec, _conversion in parsed:
        if spec and ("{" in spec or any(int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec))):
            raise SecurityError(too_wide())


def _check_width(width) -> None:
    if isinstance(width, int) and width > MAX_WIDTH:
        raise SecurityError(too_wide())
    if isinstance(width, str) and len(width) > MAX_WIDTH:
        raise SecurityError(too_wide())


def _check_replace(text, old, new, count=None) -> None:
    if not isinstance(text, str) or not isinstance(old, str) or not isinstance(new, str):
        return
    times = text.count(old) if old else len(text) + 1
    if count is not None and isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * max(0, len(new) - len(old)) > MAX_TEXT:
        raise SecurityError(too_long())


def _check_str_call(owner: str, name: str, args: tuple, kwargs: dict) -> None:
    """Refuse, before it allocates, a string method asked for a huge result."""
    if name in ("center", "ljust", "rjust", "zfill") and args:
        _check_width(args[0])
    elif name == "expandtabs":
        _check_width((args or [kwargs.get("tabsize", 8)])[0])
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, *args[:3])
    elif name in ("format", "format_map"):
        _check_braces(owner)


def _guard_filter(name: str, func):
    """A filter with its output capped, and its width checked first where it has one."""
    pre = {
        "center": lambda args, kwargs: _check_width(args[1] if len(args) > 1 else 80),
        "indent": lambda args, kwargs: _check_width(
            args[1] if len(args) > 1 else kwargs.get("width", 4)
        ),
        "format": lambda args, kwargs: _check_percent(str(args[0])),
        "replace": lambda args, kwargs: _check_replace(*args[1:5]),
    }.get(name)

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        if pre is not None and args:
            pre(args, kwargs)
        return bounded(func(*args, **kwargs))

    return guarded


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    if n > 20 or max > 100 or min > max:
        raise SecurityError(too_wide())
    return generate_lorem_ipsum(n, html, min, max)


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with a budget for every render and no ``**``."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.filters["arena_bounded"] = bounded
        self.globals.update(lipsum=_lipsum, arena_counted=counted)

    def _generate(self, source, name, filename, defer_init=False):
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.Name("arena_counted", "load"), [loop.iter], [], None, None
            ).set_lineno(loop.iter.lineno)
        for concat in list(source.find_all(nodes.Concat)):
            inner = nodes.Concat(concat.nodes, lineno=concat.lineno)
            bound = nodes.Filter(inner, "arena_bounded", [], [], None, None, lineno=concat.lineno)
            concat.nodes = [bound]
        source.set_environment(self)
        return super()._generate(source, name, filename, defer_init)

    def call_binop(self, context, operator: str, left, right):
        if operator == "**":
            raise SecurityError(_("the power operator is not available in invitation texts"))
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(times, int):
                    too_many = isinstance(sequence, list | tuple) and len(sequence) * times
                    if _size(sequence) * times > MAX_TEXT or (too_many or 0) > MAX_REPEAT:
                        raise SecurityError(too_long())
            numbers = isinstance(left, int) and isinstance(right, int)
            if numbers and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                raise SecurityError(too_wide())
        if operator == "%" and isinstance(left, str):
            _check_percent(left)
        result = super().call_binop(context, operator, left, right)
        return bounded(result) if isinstance(result, str | list | tuple) else result

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        _step()
        target = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            _check_str_call(owner, getattr(target, "__name__", ""), args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return bounded(result) if isinstance(result, str) else result
