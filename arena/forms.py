"""Form pieces every feature uses: choices from pairs, checkbox lists, the id a select offers.

Forms themselves live in their feature package (``arena/<feature>/forms.py``); what several
features share is here, so no feature imports another's forms.
"""

from __future__ import annotations

import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DateField as _WTFormsDateField
from wtforms import DateTimeLocalField as _WTFormsDateTimeLocalField
from wtforms import SelectMultipleField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from arena.db import get_session


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (plain tuples are deprecated)."""
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxListField(SelectMultipleField):
    """Several choices as checkboxes, which keyboard and screen-reader users handle well."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _typed(valuelist) -> str:
    """What was typed, shortened for a message."""
    typed = " ".join(str(v) for v in valuelist).strip()
    return typed[:40] + "…" if len(typed) > 40 else typed


class _NamesWhatWasTyped:
    """A date field's ValueError that names what was typed, with its own ``not_a`` message
    (an impossible day as much as a garbled one), in the reader's language."""

    def not_a(self, typed: str) -> str:
        raise NotImplementedError

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            if not (typed := _typed(valuelist)):
                raise
            raise ValueError(self.not_a(typed)) from None


class DateField(_NamesWhatWasTyped, _WTFormsDateField):
    """WTForms' DateField: "2026-02-30 is not a date." Every form's date field is this one."""

    def not_a(self, typed: str) -> str:
        return _("%(value)s is not a date.", value=typed)


class DateTimeLocalField(_NamesWhatWasTyped, _WTFormsDateTimeLocalField):
    """WTForms' DateTimeLocalField: "2026-02-30T10:00 is not a date and time." """

    def not_a(self, typed: str) -> str:
        return _("%(value)s is not a date and time.", value=typed)


def chosen_id(request, name: str, current: int | None) -> object:
    """The id a form's select must offer: what was posted, asked for in the link, or saved."""
    if request.method == "POST":
        return request.form.get(name)
    return request.args.get(name) or current


def no_choice() -> tuple[int, str]:
    """The "None" option that heads a select of sessions or practice examples."""
    return (0, _("None"))


def save_form(form, save, error: type[Exception], whole_form: tuple[str, ...] = ()):
    """Run ``save(session)``, a service call, in the request's transaction: commit and return
    what it returns; or, when it raises ``error`` (which names a ``field``), roll back and show
    the message at that field (above the form for the ``whole_form`` fields) and return None.
    """
    session = get_session()
    try:
        saved = save(session)
    except error as exc:
        session.rollback()
        if exc.field in whole_form:
            form.form_errors.append(str(exc))
        else:
            getattr(form, exc.field).errors.append(str(exc))
        return None
    session.commit()
    return saved


def is_invisible(char: str) -> bool:
    """Unicode category Cf: zero-width and direction-changing characters one cannot see."""
    return unicodedata.category(char) == "Cf"


def strip_invisible(value):
    """A name without Cf characters (a right-to-left override would show it reversed)."""
    if not isinstance(value, str):
        return value
    return "".join(char for char in value if not is_invisible(char))


class VisibleText:
    """Refuses text made only of invisible (Cf) characters and spaces: it looks empty."""

    message = _l("This text holds only invisible characters. Type something one can read.")

    def __call__(self, form, field) -> None:
        value = field.data if isinstance(field.data, str) else ""
        if value and not "".join(c for c in value if not is_invisible(c)).strip():
            raise ValidationError(str(self.message))


#: what a name field takes: invisible characters stripped first, then refused if nothing is left
NAME_FILTERS = (strip_invisible,)
